"""Online dossiers in the national portal's record shape, and the unit's inbox."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from counter_app.domain.states import Status
from counter_app.services import inbox, intake, lookup, portal
from counter_app.services.errors import ServiceError
from tests.services.test_dossier_flow import clerk

RECORDS = [
    {
        "MaHoSo": "G22.51-261120-0001",
        "MaTTHC": "1.004873",
        "TenTTHC": "Cấp Giấy xác nhận tình trạng hôn nhân",
        "ChuHoSo": "Huỳnh Thị Thu Trang",
        "MaDoiTuong": "051190123456",
        "SoDienThoai": "0905111222",
        "Email": "trang@example.vn",
        "TrichYeuHoSo": "Xác nhận để đăng ký kết hôn",
        "NgayTiepNhan": "20261120213000",
        "KenhThucHien": 2,
        "TrangThaiHoSo": 1,
        "TaiLieuNop": [{"TepDinhKemId": "f1", "MaThanhPhanHoSo": "TP1", "DuongDanTaiTepTin": "/tep/f1.pdf"}],
    },
    {
        "MaHoSo": "G22.51-261121-0002",
        "MaTTHC": "9.999999",
        "ChuHoSo": "Lê Văn Tý",
        "NgayTiepNhan": "20261121080000",
    },
    {
        "MaHoSo": "G22.51-261121-0003",
        "MaTTHC": "1.004873",
        "ChuHoSo": "Lê Văn Tèo",
        "NgayTiepNhan": "21/11/2026",
    },
    "not a record",
]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_import_registers_online_dossiers_with_the_reception_clock(seeded_store, tmp_path):
    store = seeded_store
    path = tmp_path / "hoso.json"
    path.write_text(json.dumps({"data": RECORDS}, ensure_ascii=False), encoding="utf-8")
    # one faulty record refuses the whole file, naming the first record and field; nothing is written
    with pytest.raises(ServiceError) as refused:
        portal.import_online(store, clerk(store), portal.read_records(path))
    assert str(refused.value) == (
        "Không nhập tệp: hồ sơ thứ 2 (G22.51-261121-0002), trường MaTTHC: không có thủ tục mã «9.999999» "
        "trong danh mục. Chưa ghi hồ sơ nào trong tệp; 2 hồ sơ khác trong tệp cũng có lỗi."
    )
    with store.session() as s, pytest.raises(ServiceError):
        lookup.dossier_by_code(s, "G22.51-261120-0001")
    report = portal.import_online(store, clerk(store), RECORDS[:1])
    assert report.imported == ["G22.51-261120-0001"]
    again = portal.import_online(store, clerk(store), RECORDS[:1])
    assert again.skipped == ["G22.51-261120-0001"] and not again.imported
    with store.session() as s:
        d = lookup.dossier_by_code(s, "G22.51-261120-0001")
        assert (d.status, d.channel, d.applicant_name) == (Status.REGISTERED_ONLINE, 2, "Huỳnh Thị Thu Trang")
        assert d.submitted_at == datetime(2026, 11, 20, 21, 30) and d.received_at is None
        assert (d.applicant_cccd, d.citizen_id) == ("", None)  # MaDoiTuong is the portal's account id
    exported = portal.export_period(
        store, clerk(store), datetime(2026, 11, 20).date(), datetime(2026, 11, 20).date()
    )
    record = next(r for r in exported["data"] if r["MaHoSo"] == "G22.51-261120-0001")
    assert record["TrangThaiHoSo"] == "1" and record["MaDoiTuong"] == "051190123456"
    assert "KenhThucHien" not in record and record["TaiLieuNop"][0]["MaThanhPhanHoSo"] == "TP1"
    item = next(i for i in inbox.items(store) if i.code == "G22.51-261120-0001")
    # Friday 21:30 counts from Monday 07:30; Monday gives 7.5 h, Tuesday 24/11 is a holiday → Wednesday 08:00
    assert item.kind == "online" and item.due_at == datetime(2026, 11, 25, 8, 0)
    assert item.hours_left(store, datetime(2026, 11, 23, 13, 30)) == pytest.approx(4.0)
    accepted = intake.accept_online(
        store, clerk(store), "G22.51-261120-0001", now=datetime(2026, 11, 23, 8, 0)
    )
    assert accepted.status == Status.RECEIVED and accepted.due_at == datetime(2026, 11, 27, 8, 0)
    assert "G22.51-261120-0001" not in [i.code for i in inbox.items(store)]


def test_unreadable_files_are_clear_errors(tmp_path):
    with pytest.raises(ServiceError, match="không phải JSON"):
        bad = tmp_path / "x.json"
        bad.write_text("{", encoding="utf-8")
        portal.read_records(bad)
    with pytest.raises(ServiceError, match="Không đọc được"):
        portal.read_records(tmp_path / "missing.json")
