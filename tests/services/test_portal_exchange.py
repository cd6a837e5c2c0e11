"""The national portal's formats both ways: records shaped as public integrations send them
(VietOpenCPS/opencps-v2 ``DVCQGIntegrationActionImpl``), re-sends with ``isUpdating``, progress steps,
withdrawals, and the export read back into another store."""

from __future__ import annotations

import json
import shutil
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from counter_app.commands.exits import ExitCode
from counter_app.db.models import Dossier, DossierDocument, DossierEvent
from counter_app.domain.states import Status
from counter_app.locale import t
from counter_app.services import inbox, intake, portal
from counter_app.services import portal_format as fmt
from counter_app.services.context import open_store
from tests.conftest import make_settings
from tests.services.test_dossier_flow import clerk

NOW = datetime(2026, 12, 21, 9, 0)

#: a record as OpenCPS builds it: strings for codes, a provincial procedure code, no ChuHoSo, an
#: organisation, the portal's account id in MaDoiTuong, an attachment the citizen deleted, a fee
OPENCPS = {
    "MaHoSo": "000.00.53.H48-261218-0099",
    "MaTTHC": "1.004873.000.00.00.H48",
    "TenTTHC": "Cấp Giấy xác nhận tình trạng hôn nhân",
    "MaLinhVuc": "G10-HT01",
    "TenLinhVuc": "Hộ tịch",
    "LoaiDoiTuong": "2",
    "MaDoiTuong": "051190123456",
    "ThongTinKhac": "",
    "Email": "lienhe@congty.vn",
    "Fax": "",
    "SoDienThoai": "0255 3822 111",
    "TrichYeuHoSo": "Xác nhận tình trạng hôn nhân",
    "NgayTiepNhan": "20261218093000",
    "NgayHenTra": "20261222170000",
    "TrangThaiHoSo": "1",
    "NgayTra": "",
    "ThongTinTra": "",
    "HinhThuc": "0",
    "NgayKetThucXuLy": "",
    "DonViXuLy": "UBND phường Cẩm Thành",
    "GhiChu": "",
    "TaiLieuNop": [
        {
            "TepDinhKemId": "f-1",
            "TenTepDinhKem": "Tờ khai xác nhận tình trạng hôn nhân",
            "IsDeleted": "False",
            "MaThanhPhanHoSo": "TP-TK01",
            "DuongDanTaiTepTin": "https://dichvucong.gov.vn/tep/f-1.pdf",
        },
        {
            "TepDinhKemId": "f-2",
            "TenTepDinhKem": "Bản cũ đã xóa",
            "IsDeleted": "True",
            "MaThanhPhanHoSo": "TP-TK01",
            "DuongDanTaiTepTin": "https://dichvucong.gov.vn/tep/f-2.pdf",
        },
    ],
    "DanhSachLePhi": [
        {
            "TenPhiLePhi": "Lệ phí hộ tịch",
            "MaPhiLePhi": "LP01",
            "HinhThucThu": "1",
            "Gia": "10000",
            "LoaiPhiLePhi": "1",
        }
    ],
    "DanhSachTepDinhKemKhac": [],
    "DanhSachHoSoBoSung": [],
    "DanhSachGiayToKetQua": [{"TenGiayTo": "Giấy xác nhận", "GiayToId": "k-1"}],
}
CODE = OPENCPS["MaHoSo"]


def _envelope(records, updating):
    return {"service": "DongBoHoSoMC", "isUpdating": updating, "data": records}


def _file(tmp_path: Path, body, name="hoso.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path


def _dossier(store, code=CODE) -> Dossier:
    with store.session() as s:
        return s.exec(select(Dossier).where(Dossier.code == code)).one()


def _events(store, code=CODE) -> int:
    with store.session() as s:
        return len(s.exec(select(DossierEvent.id).where(DossierEvent.dossier_code == code)).all())


def _documents(store, code=CODE) -> list[str]:
    with store.session() as s:
        dossier = s.exec(select(Dossier).where(Dossier.code == code)).one()
        rows = s.exec(
            select(DossierDocument)
            .where(DossierDocument.dossier_id == dossier.id)
            .order_by(col(DossierDocument.position))
        ).all()
        return [r.name for r in rows]


def _import(store, tmp_path, body, name="hoso.json"):
    return portal.import_batches(
        store, clerk(store), portal.read_batches(_file(tmp_path, body, name)), now=NOW
    )


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_opencps_shaped_record_imports_with_what_it_says(seeded_store, tmp_path):
    store = seeded_store
    report = _import(store, tmp_path, _envelope([OPENCPS], "False"))
    assert report.imported == [CODE] and report.ignored_fields == {"DanhSachGiayToKetQua"}
    assert "DanhSachGiayToKetQua" in report.summary()
    d = _dossier(store)
    # the provincial code is mapped to the national one; ChuHoSo is optional; MaDoiTuong is not a CCCD number
    assert (d.procedure_code, d.status, d.channel) == ("1.004873", Status.REGISTERED_ONLINE, 2)
    assert d.applicant_name == t("portal2026.no_applicant")
    assert (d.applicant_cccd, d.citizen_id) == ("", None)
    assert (d.applicant_phone, d.applicant_email, d.fee) == ("0255 3822 111", "lienhe@congty.vn", 10000)
    assert _documents(store) == ["Tờ khai xác nhận tình trạng hôn nhân"]  # the deleted one is not received
    assert CODE in [i.code for i in inbox.items(store)]
    with store.session() as s:
        kept = (
            s.exec(select(DossierEvent).where(DossierEvent.type == "portal_record")).one().payload["portal"]
        )
    assert kept["LoaiDoiTuong"] == "2" and kept["MaDoiTuong"] == "051190123456"
    assert kept["TenTTHC"] == OPENCPS["TenTTHC"] and kept["MaLinhVuc"] == "G10-HT01"
    assert kept["NgayHenTra"] == "20261222170000" and kept["DanhSachLePhi"][0]["Gia"] == 10000
    assert kept["TaiLieuNop"][0]["DuongDanTaiTepTin"].endswith("f-1.pdf")
    # the same file twice changes nothing
    before = _events(store)
    again = _import(store, tmp_path, _envelope([OPENCPS], "False"))
    assert again.skipped == [CODE] and not again.imported and _events(store) == before


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_resend_with_a_new_status_is_applied_once(seeded_store, tmp_path):
    store = seeded_store
    _import(store, tmp_path, _envelope([OPENCPS], "False"))
    withdrawn = dict(OPENCPS, TrangThaiHoSo="7")
    report = _import(store, tmp_path, _envelope([withdrawn], True))
    assert report.updated == [CODE] and "Đã cập nhật 1 hồ sơ" in report.summary()
    assert _dossier(store).status == Status.WITHDRAWN
    assert CODE not in [i.code for i in inbox.items(store)]
    before = _events(store)
    assert _import(store, tmp_path, _envelope([withdrawn], "True")).skipped == [CODE]
    assert _events(store) == before  # the same update twice: nothing more
    # an older send (status 1, the portal behind the store): nothing changes, nothing to report
    stale = _import(store, tmp_path, _envelope([OPENCPS], "True"))
    assert stale.skipped == [CODE] and not stale.not_applied and _events(store) == before
    # a status on another branch (refused after withdrawn): not applied, said so, nothing written
    other = _import(store, tmp_path, _envelope([dict(OPENCPS, TrangThaiHoSo="3")], "True"))
    assert [code for code, _ in other.not_applied] == [CODE] and "không chuyển được" in other.summary()
    assert _dossier(store).status == Status.WITHDRAWN and _events(store) == before


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_newer_status_is_applied_even_from_a_plain_list(seeded_store, tmp_path):
    """Files without the envelope (or marked isUpdating "False") lose no update either."""
    store = seeded_store
    _import(store, tmp_path, [OPENCPS])
    assert portal.import_online(store, clerk(store), [dict(OPENCPS, TrangThaiHoSo=7)], now=NOW).updated == [
        CODE
    ]
    assert _dossier(store).status == Status.WITHDRAWN


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_withdrawn_record_is_not_a_new_dossier_waiting_in_the_inbox(seeded_store, tmp_path):
    store = seeded_store
    report = _import(store, tmp_path, [dict(OPENCPS, TrangThaiHoSo=7)])
    assert report.imported == [CODE] and not report.not_applied
    assert _dossier(store).status == Status.WITHDRAWN
    assert CODE not in [i.code for i in inbox.items(store)]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_resend_before_intake_refreshes_contacts_and_attachments(seeded_store, tmp_path):
    store = seeded_store
    _import(store, tmp_path, _envelope([OPENCPS], "False"))
    attachments = [
        dict(OPENCPS["TaiLieuNop"][0], IsDeleted=True),
        dict(OPENCPS["TaiLieuNop"][1], IsDeleted="False"),
    ]
    changed = dict(
        OPENCPS, SoDienThoai="0905000111", ChuHoSo="Công ty TNHH Cẩm Thành", TaiLieuNop=attachments
    )
    assert _import(store, tmp_path, _envelope([changed], "True")).updated == [CODE]
    d = _dossier(store)
    assert (d.applicant_phone, d.applicant_name) == ("0905000111", "Công ty TNHH Cẩm Thành")
    assert _documents(store) == ["Bản cũ đã xóa"]
    # a later send without ChuHoSo and with the empty fee list OpenCPS sends keeps the name and the fee
    bare = dict(changed, DanhSachLePhi=[])
    del bare["ChuHoSo"]
    _import(store, tmp_path, _envelope([bare], "True"))
    d = _dossier(store)
    assert (d.applicant_name, d.fee) == ("Công ty TNHH Cẩm Thành", 10000)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_progress_steps_move_the_dossier_once(seeded_store, tmp_path):
    store = seeded_store
    _import(store, tmp_path, _envelope([OPENCPS], "False"))
    step = {
        "MaHoSo": CODE,
        "NguoiXuLy": "Nguyễn Văn Một",
        "ThoiDiemXuLy": "20261218140000",
        "NoiDungXuLy": "Tiếp nhận hồ sơ",
        "TrangThai": "2",
    }
    body = [_envelope([], "False"), {"service": "CapNhatTienDoHoSoMC", "data": [step]}]
    assert _import(store, tmp_path, body).updated == [CODE]
    d = _dossier(store)
    assert d.status == Status.RECEIVED and d.received_at == datetime(2026, 12, 18, 14, 0)
    before = _events(store)
    assert _import(store, tmp_path, body).skipped == [CODE] and _events(store) == before
    unknown = {"service": "CapNhatTienDoHoSoMC", "data": [dict(step, MaHoSo="H48-261218-0001")]}
    assert [c for c, _ in _import(store, tmp_path, unknown).not_applied] == ["H48-261218-0001"]


def test_envelopes_and_codes_are_read_defensively():
    assert fmt.national_procedure_code("1.004873.000.00.00.H48") == "1.004873"
    assert fmt.national_procedure_code("3.000181.000.00.00.H22") == "3.000181"
    assert fmt.national_procedure_code("1.004873") == "1.004873"
    [batch] = fmt.batches({"service": "DongBoHoSoMC", "isUpdating": "True", "data": [OPENCPS]})
    assert batch.updating and batch.items == [OPENCPS]
    assert fmt.batches([OPENCPS])[0].service == "DongBoHoSoMC"
    with pytest.raises(portal.ServiceError, match="LayThuTuc"):
        fmt.batches({"service": "LayThuTuc", "data": []})
    with pytest.raises(portal.ServiceError, match="isUpdating"):
        fmt.batches({"service": "DongBoHoSoMC", "isUpdating": "có", "data": []})


#: the record's fields, in the order the portal's format has them (OpenCPS createSyncDossierBodyRequest)
RECORD_FIELDS = [
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "ChuHoSo", "LoaiDoiTuong", "MaDoiTuong",
    "ThongTinKhac", "Email", "Fax", "SoDienThoai", "TrichYeuHoSo", "NgayTiepNhan", "NgayHenTra",
    "TrangThaiHoSo", "NgayTra", "ThongTinTra", "HinhThuc", "NgayKetThucXuLy", "DonViXuLy", "GhiChu",
    "TaiLieuNop", "DanhSachLePhi", "DanhSachTepDinhKemKhac", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua",
]  # fmt: skip


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_export_spells_every_field_as_the_portal(seeded_store, tmp_path):
    store = seeded_store
    _import(store, tmp_path, _envelope([OPENCPS], "False"))
    intake.accept_online(store, clerk(store), CODE, now=datetime(2026, 12, 21, 8, 0))
    body = portal.export_period(store, clerk(store), date(2026, 12, 18), date(2026, 12, 21))
    assert isinstance(body, dict) and list(body) == ["service", "isUpdating", "data"]
    assert (body["service"], body["isUpdating"]) == ("DongBoHoSoMC", "False")
    [record] = [r for r in body["data"] if r["MaHoSo"] == CODE]
    assert list(record) == RECORD_FIELDS  # no KenhThucHien, nothing invented
    assert record["MaTTHC"] == "1.004873" and record["TrangThaiHoSo"] == "2" and record["LoaiDoiTuong"] == "2"
    assert record["ChuHoSo"] == "" and record["MaDoiTuong"] == "051190123456"  # as the portal sent them
    assert record["NgayTiepNhan"] == "20261221080000"
    assert len(record["NgayHenTra"]) == 14 and record["NgayHenTra"].isdigit()
    assert record["DanhSachLePhi"] == [
        {
            "TenPhiLePhi": "Lệ phí hộ tịch",
            "MaPhiLePhi": "LP01",
            "HinhThucThu": "1",
            "Gia": 10000,
            "LoaiPhiLePhi": "1",
        }
    ]
    [attachment] = record["TaiLieuNop"]
    assert attachment == {
        "TepDinhKemId": "f-1",
        "TenTepDinhKem": "Tờ khai xác nhận tình trạng hôn nhân",
        "IsDeleted": "False",
        "MaThanhPhanHoSo": "TP-TK01",  # the component's code, not a position number
        "DuongDanTaiTepTin": "https://dichvucong.gov.vn/tep/f-1.pdf",
    }
    updates = portal.export_period(store, clerk(store), date(2026, 12, 21), date(2026, 12, 21), updates=True)
    assert isinstance(updates, list) and [e["service"] for e in updates] == [
        "DongBoHoSoMC",
        "CapNhatTienDoHoSoMC",
    ]
    assert updates[0]["isUpdating"] == "True" and "isUpdating" not in updates[1]
    steps = [s for s in updates[1]["data"] if s["MaHoSo"] == CODE]
    assert [s["TrangThai"] for s in steps] == ["2"] and steps[0]["ThoiDiemXuLy"] == "20261221080000"
    assert list(steps[0]) == [
        "MaHoSo", "NguoiXuLy", "ChucDanh", "ThoiDiemXuLy", "PhongBanXuLy", "NoiDungXuLy", "TrangThai",
        "NgayBatDau", "NgayKetThucTheoQuyDinh",
    ]  # fmt: skip


COMPARED = (
    "procedure_code", "applicant_name", "applicant_phone", "applicant_email", "summary", "status",
    "received_at", "due_at", "finished_at", "returned_at", "fee",
)  # fmt: skip


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_export_read_into_a_fresh_store_gives_the_same_dossiers(seeded_store, tmp_path, sqlite_template):
    a = seeded_store
    records = [
        dict(OPENCPS, MaHoSo=f"H48.53-261218-{n:04d}", ChuHoSo=f"Người nộp {n}", TrangThaiHoSo=status)
        for n, status in enumerate(["1", "1", "7"], start=1)
    ]
    _import(a, tmp_path, records)
    intake.accept_online(a, clerk(a), "H48.53-261218-0002", now=datetime(2026, 12, 18, 15, 0))
    exported = portal.export_period(a, clerk(a), date(2026, 12, 18), date(2026, 12, 18))
    ours = {r["MaHoSo"] for r in exported["data"]}
    with a.session() as s:
        events = len(s.exec(select(DossierEvent.id)).all())
    assert not _import(a, tmp_path, exported, "own.json").imported  # its own export read back changes nothing
    with a.session() as s:
        assert len(s.exec(select(DossierEvent.id)).all()) == events
    assert {"H48.53-261218-0001", "H48.53-261218-0002", "H48.53-261218-0003"} <= ours
    settings = make_settings(tmp_path / "b")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(sqlite_template, settings.data_dir / "counter.sqlite3")
    b = open_store(settings)
    try:
        report = _import(b, tmp_path, exported, "exported.json")
        assert set(report.imported) == ours and not report.not_applied
        for code in ours:
            there, here = _dossier(a, code), _dossier(b, code)
            assert {f: getattr(here, f) for f in COMPARED} == {f: getattr(there, f) for f in COMPARED}, code
            assert _documents(b, code) == _documents(a, code)
        # the export of the copy is the export of the original
        again = portal.export_period(b, clerk(b), date(2026, 12, 18), date(2026, 12, 18))
        strip = lambda body: sorted(  # noqa: E731 — the unit's name may differ between stores
            (dict(r, DonViXuLy="") for r in body["data"]), key=lambda r: r["MaHoSo"]
        )
        assert strip(again) == strip(exported)
    finally:
        b.dispose()


PIN = "123456"


def test_export_portal_on_the_command_line(cli_env, cli_main, capsys, monkeypatch, tmp_path):
    import io

    source = _file(tmp_path, _envelope([OPENCPS], "False"))
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert cli_main(["import", "online", str(source), "--officer", "canbo1"]) == ExitCode.OK
    assert "Đã nhập 1 hồ sơ" in capsys.readouterr().out
    argv = ["export", "portal", "--from", "2026-12-18", "--to", "18/12/2026"]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert cli_main(argv) == ExitCode.REFUSED  # applicants' data: an officer with their PIN
    assert "--officer" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert cli_main([*argv, "--out", "hoso-cong.json", "--officer", "canbo1"]) == ExitCode.OK
    assert "hoso-cong.json" in capsys.readouterr().out
    out = Path("hoso-cong.json")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["service"] == "DongBoHoSoMC" and CODE in [r["MaHoSo"] for r in body["data"]]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert cli_main([*argv, "--updates", "--officer", "canbo1"]) == ExitCode.OK
    printed = json.loads(capsys.readouterr().out)
    assert [e["service"] for e in printed] == ["DongBoHoSoMC", "CapNhatTienDoHoSoMC"]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert (
        cli_main(["export", "portal", "--from", "2026-12-19", "--to", "2026-12-18", "--officer", "canbo1"])
        == 2
    )
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.pg
def test_portal_events_reach_the_central_store(tmp_path, pg_database, sqlite_template):
    from counter_app.db.engine import make_engine
    from counter_app.sync import client
    from counter_app.sync.central_setup import init_central

    central = make_engine(pg_database)
    init_central(central, now=datetime(2026, 12, 18, 7, 0))
    settings = make_settings(tmp_path, COUNTER_APP_CENTRAL_URL=pg_database)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(sqlite_template, settings.data_dir / "counter.sqlite3")
    store = open_store(settings)
    try:
        _import(store, tmp_path, _envelope([OPENCPS], "False"))
        _import(store, tmp_path, _envelope([dict(OPENCPS, TrangThaiHoSo="7")], "True"), "update.json")
        report = client.sync_once(store.engine, pg_database, store.unit_id, now=NOW)
        assert report.rejected == {}
        with central.connect() as c:
            status = c.exec_driver_sql("SELECT status, fee FROM dossier WHERE code = %s", (CODE,)).one()
        assert tuple(status) == (int(Status.WITHDRAWN), 10000)
    finally:
        store.dispose()
        central.dispose()
