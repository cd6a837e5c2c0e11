"""Fuzzing the boundaries where text comes in: the scan parser, ``import online``, the settings.

Whatever comes in, the answer is the data (every text clean of control, bidi and zero-width
characters) or one typed, one-line error; and no NUL ever reaches the central PostgreSQL store.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from counter_app.config import ConfigError, load_settings
from counter_app.db.engine import make_engine
from counter_app.db.models import Dossier, DossierEvent, SyncState
from counter_app.domain.cccd import CccdData, InvalidCccd, format_cccd_qr, parse_cccd_qr
from counter_app.domain.text_rules import BIDI_CONTROLS, ZERO_WIDTH, is_safe_text
from counter_app.services import portal
from counter_app.services.context import open_store
from counter_app.services.errors import ServiceError
from counter_app.widgets.scan import CardScan, CodeScan, ScanError, classify
from tests.conftest import make_settings
from tests.hardening.conftest import officer_actor

TODAY = date(2026, 12, 1)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))

#: the characters the policy refuses, drawn often so that the fuzzing meets them
BAD_CHARS = st.sampled_from(
    ["\x00", "\x01", "\x07", "\x08", "\x1b", "\x1f", "\x7f", "\x85", "\x9b", "\t", "\n", "\r", "\u2028"]
    + sorted(BIDI_CONTROLS)
    + sorted(ZERO_WIDTH)
    + ["\u00ad", "\U000e0001", "\ud800"]
)
ANY_CHAR = st.characters() | BAD_CHARS
CARD = CccdData(
    "051190123456",
    "212345678",
    "Huỳnh Thị Thu Trang",
    date(1990, 5, 17),
    "Nữ",
    "Thôn Trường Thọ, xã Tịnh Khê, tỉnh Quảng Ngãi",
    date(2021, 7, 1),
)


def _one_line(message: str) -> None:
    assert message and "\n" not in message and "\r" not in message and is_safe_text(message)


def _clean_card(card: CccdData) -> None:
    for value in (card.number, card.old_id or "", card.full_name, card.gender, card.address):
        assert is_safe_text(value)
    assert card.birth_date <= TODAY and card.issued_on <= TODAY


# --- the scan parser ------------------------------------------------------------------------------


@FUZZ
@given(st.booleans(), st.data())
def test_a_card_with_characters_inserted_anywhere_parses_clean_or_gives_a_typed_error(with_old_id, data):
    payload = format_cccd_qr(CARD, with_old_id=with_old_id)
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(payload)))
        payload = payload[:position] + data.draw(ANY_CHAR) + payload[position:]
    try:
        card = parse_cccd_qr(payload, today=TODAY)
    except InvalidCccd as exc:
        _one_line(str(exc))
    else:
        _clean_card(card)


@FUZZ
@given(st.text(alphabet=ANY_CHAR | st.sampled_from("0123456789|"), max_size=120))
@example("051190123456|212345678|Huỳnh\x00Thị|17051990|Nữ|x|01072021")
@example("051190123456||Huỳnh Thị\u202e|17051990|Nữ|x|01072021")
@example("051226123456||Bé|17052026|Nữ|x|17052026")
def test_any_scan_gives_a_clean_card_a_code_or_a_typed_scan_error(text):
    result = classify(text, today=TODAY)
    if isinstance(result, ScanError):
        _one_line(result.message)
        assert result.kind.startswith(("cccd.", "code.")) and " " not in result.kind
    elif isinstance(result, CardScan):
        _clean_card(result.card)
    elif isinstance(result, CodeScan):
        assert is_safe_text(result.code) and "\t" not in result.code
    else:
        assert result is None


# --- import online: the real service on a real SQLite store, then the real command line ---------------

TEXT_OR_NOT = (
    st.text(alphabet=ANY_CHAR, max_size=30)
    | st.integers()
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
    | st.lists(st.text(max_size=3), max_size=2)
    | st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2)
)
GOOD = {
    "MaHoSo": "G22.51-261120-0001",
    "MaTTHC": "1.004873",
    "ChuHoSo": "Huỳnh Thị Thu Trang",
    "MaDoiTuong": "051190123456",
    "SoDienThoai": "0905111222",
    "DiaChi": "Quảng Ngãi",
    "Email": "trang@example.vn",
    "TrichYeuHoSo": "Xác nhận để đăng ký kết hôn",
    "NgayTiepNhan": "20261120213000",
    "TaiLieuNop": [{"MaThanhPhanHoSo": "TP1", "TenThanhPhanHoSo": "Tờ khai"}],
}


@st.composite
def portal_files(draw) -> list:
    """A few records, each the good one with some fields replaced by fuzzed values."""
    records = []
    for number in range(draw(st.integers(1, 4))):
        record = dict(GOOD, MaHoSo=f"G22.51-261120-{number + 1:04d}")
        for key in draw(st.lists(st.sampled_from([*GOOD, "TaiLieuNop[0]"]), max_size=3, unique=True)):
            if key == "TaiLieuNop[0]":
                record["TaiLieuNop"] = [{"TenThanhPhanHoSo": draw(TEXT_OR_NOT)}]
            else:
                record[key] = draw(TEXT_OR_NOT)
        records.append(record)
    if draw(st.booleans()):
        records.append(draw(TEXT_OR_NOT))  # a record that is not an object at all
    return records


def _counts(store) -> tuple[int, int]:
    with store.session() as s:
        return len(s.exec(select(Dossier.id)).all()), len(s.exec(select(DossierEvent.id)).all())


@pytest.mark.parametrize("backend", ["sqlite"])
def test_import_online_writes_clean_dossiers_or_nothing(seeded_store):
    store = seeded_store
    actor = officer_actor(store)

    @FEW
    @given(portal_files())
    def check(records):
        before = _counts(store)
        try:
            report = portal.import_online(store, actor, records)
        except ServiceError as exc:
            _one_line(str(exc))
            assert _counts(store) == before  # refused: nothing at all was written
            return
        with store.session() as s:
            for code in report.imported:
                dossier = s.exec(select(Dossier).where(Dossier.code == code)).one()
                for value in dossier.model_dump().values():
                    assert not isinstance(value, str) or is_safe_text(value)

    check()


#: the portal format's other fields (services/portal_format.py), each replaced by fuzzed values below
PORTAL_EXTRA = {
    "TrangThaiHoSo": "7",
    "LoaiDoiTuong": "2",
    "HinhThuc": "1",
    "NgayHenTra": "20261125170000",
    "TenTTHC": "Cấp Giấy xác nhận tình trạng hôn nhân",
    "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": "10000"}],
    "TaiLieuNop": [{"TepDinhKemId": "f1", "TenTepDinhKem": "Tờ khai", "IsDeleted": "True"}],
    "DanhSachGiayToKetQua": [{"TenGiayTo": "Kết quả"}],
}


@st.composite
def portal_envelopes(draw) -> dict:
    """An envelope (isUpdating fuzzed) of records carrying the portal's other fields, some fuzzed."""
    records = []
    for number in range(draw(st.integers(1, 3))):
        record = dict(GOOD, **PORTAL_EXTRA, MaHoSo=f"G22.51-261120-{number + 1:04d}")
        for key in draw(st.lists(st.sampled_from(list(PORTAL_EXTRA)), max_size=3, unique=True)):
            record[key] = draw(TEXT_OR_NOT | st.sampled_from(["1", "10", "True", "False", 2, "0"]))
        records.append(record)
    updating = draw(st.sampled_from([True, False, "True", "False", None]) | TEXT_OR_NOT)
    return {"service": "DongBoHoSoMC", "isUpdating": updating, "data": records}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_portal_envelopes_apply_cleanly_once_or_write_nothing(seeded_store):
    from counter_app.services.portal_format import batches

    store = seeded_store
    actor = officer_actor(store)

    @FEW
    @given(portal_envelopes())
    def check(body):
        before = _counts(store)
        try:
            portal.import_batches(store, actor, batches(body))
        except ServiceError as exc:
            _one_line(str(exc))
            assert _counts(store) == before  # refused: nothing at all was written
            return
        after = _counts(store)
        portal.import_batches(store, actor, batches(body))  # the same file again changes nothing
        assert _counts(store) == after
        with store.session() as s:
            for dossier in s.exec(select(Dossier)).all():
                for value in dossier.model_dump().values():
                    assert not isinstance(value, str) or is_safe_text(value)

    check()


#: ``import online`` acts as an officer, who gives their PIN on standard input
OFFICER = ("--officer", "canbo1")


@contextmanager
def _pin_on_stdin() -> Iterator[None]:
    saved, sys.stdin = sys.stdin, io.StringIO("123456\n")
    try:
        yield
    finally:
        sys.stdin = saved


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(portal_files())
def test_import_online_on_the_command_line_gives_one_line(cli_env, cli_main, capsys, tmp_path, records):
    path = tmp_path / "hoso.json"
    path.write_text(json.dumps(records), encoding="utf-8")  # escapes: a lone surrogate can be written
    with _pin_on_stdin():
        status = cli_main(["import", "online", str(path), *OFFICER])
    captured = capsys.readouterr()
    assert status in (0, 2), captured.err
    if status == 2:
        assert captured.err.startswith("counter-app: ") and captured.err.count("\n") == 1
        assert "Traceback" not in captured.err


# --- settings -----------------------------------------------------------------------------------------

SETTINGS = {
    "store": ["db_url", "central_url"],
    "counter": ["unit", "number", "one_stop_code"],
    "printing": ["printer", "escpos"],
    "calendar": ["extra_days_off"],
}


def _toml_string(value: str) -> str:
    """``value`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = "".join(
        f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F or c in '"\\' else c for c in value
    )
    return f'"{escaped}"'


@FUZZ
@given(
    st.sampled_from([(table, key) for table, keys in SETTINGS.items() for key in keys]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    BAD_CHARS.filter(lambda c: c != "\ud800"),  # TOML files are UTF-8: no lone surrogate
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
def test_a_setting_with_a_control_character_is_refused_naming_it(tmp_path, where, before, bad, after):
    table, key = where
    value = before + bad + after
    line = f"{key} = [{_toml_string(value)}]" if table == "calendar" else f"{key} = {_toml_string(value)}"
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"[{table}]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings({"COUNTER_APP_HOME": str(tmp_path)})
    _one_line(str(caught.value))
    assert caught.value.setting == f"{table}.{key}"


@FUZZ
@given(
    st.sampled_from(
        ["COUNTER_APP_DB_URL", "COUNTER_APP_CENTRAL_URL", "COUNTER_APP_UNIT", "COUNTER_APP_COUNTER"]
    ),
    st.text(max_size=10).filter(lambda s: "\x00" not in s and is_safe_text(s)),
    BAD_CHARS.filter(lambda c: c not in ("\x00", "\ud800")),  # an environment cannot hold those
)
def test_an_environment_setting_with_a_control_character_is_refused_naming_it(tmp_path, name, text, bad):
    with pytest.raises(ConfigError) as caught:
        load_settings({"COUNTER_APP_HOME": str(tmp_path), name: text + bad})
    _one_line(str(caught.value))
    assert caught.value.setting == name


# --- no NUL ever reaches the central store -----------------------------------------------------------

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.mark.pg
def test_an_import_with_nul_never_reaches_the_central_store(tmp_path, pg_database, sqlite_template):
    from counter_app.sync import client
    from counter_app.sync.central_setup import init_central

    central = make_engine(pg_database)
    init_central(central, now=datetime(2026, 11, 20, 7, 0))
    counter_settings = make_settings(tmp_path, COUNTER_APP_CENTRAL_URL=pg_database)
    counter_settings.data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(sqlite_template, counter_settings.data_dir / "counter.sqlite3")
    store = open_store(counter_settings)
    try:
        actor = officer_actor(store)
        poisoned = [
            GOOD,
            dict(GOOD, MaHoSo="G22.51-261120-0002", ChuHoSo="Trần\x00Văn"),
            dict(GOOD, MaHoSo="G22.51-261120-0003", TrichYeuHoSo="ESC \x1b[2J"),
        ]
        with pytest.raises(ServiceError) as refused:
            portal.import_online(store, actor, poisoned)
        assert "hồ sơ thứ 2" in str(refused.value) and "ChuHoSo" in str(refused.value)
        assert "U+0000" in str(refused.value) and "1 hồ sơ khác" in str(refused.value)
        # the whole file was refused: not even the good first record was written, so the sync is clean
        report = client.sync_once(store.engine, pg_database, store.unit_id, now=NOW)
        assert report.rejected == {}
        assert portal.import_online(store, actor, [GOOD]).imported == [GOOD["MaHoSo"]]
        client.sync_once(store.engine, pg_database, store.unit_id, now=NOW)
        with central.connect() as c:
            codes = {row[0] for row in c.exec_driver_sql("SELECT code FROM dossier")}
            assert GOOD["MaHoSo"] in codes  # the sync works and carries the clean import
            assert "G22.51-261120-0002" not in codes and "G22.51-261120-0003" not in codes
            dirty = c.exec_driver_sql(
                "SELECT count(*) FROM dossier WHERE applicant_name ~ '[[:cntrl:]]' "
                "OR summary ~ '[[:cntrl:]]' OR applicant_address ~ '[[:cntrl:]]'"
            ).scalar()
            assert dirty == 0
    finally:
        store.dispose()
        central.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_store_itself_refuses_nul_written_past_the_services(seeded_store):
    """The last line of defence: a row written straight through a session, past every service check."""
    from counter_app.db.models import Citizen
    from counter_app.domain.text_rules import UnsafeText

    store = seeded_store
    with store.session() as s:
        citizen = s.exec(select(Citizen)).first()
        citizen_id, name = citizen.id, citizen.full_name
    for bad in ("\x00", "\x1b", "\u202e", "\u200b", "\n", "\t"):
        with pytest.raises(UnsafeText) as caught, store.session() as s:
            s.get(Citizen, citizen_id).full_name = f"Trần{bad}Văn"
        assert caught.value.params["field"] == "citizen.full_name"
        if bad in "\n\t":
            continue  # a JSON string may hold a line break (written as an escape)
        with pytest.raises(UnsafeText) as caught, store.session() as s:
            event = s.exec(select(DossierEvent)).first()
            event.payload = {**event.payload, "note": [f"x{bad}"]}  # nested in a JSON payload
        assert caught.value.params["field"] == "dossier_event.payload"
    with store.session() as s:
        assert s.get(Citizen, citizen_id).full_name == name  # nothing changed
    # rows copied from a store that already took them (a pull) may keep a line break, never a NUL or ESC
    with store.session() as s:
        s.info["text_guard"] = "replica"
        s.get(Citizen, citizen_id).address = "Thôn 1\nxã Tịnh Khê"
    for bad in ("\x00", "\x1b", "\u202e"):
        with pytest.raises(UnsafeText), store.session() as s:
            s.info["text_guard"] = "replica"
            s.get(Citizen, citizen_id).address = f"Thôn 1{bad}"
    # a column that holds a server's several-line error accepts line breaks
    with store.session() as s:
        s.add(SyncState(key="test_guard", value="dòng 1\ndòng 2"))


def test_import_interrupted_part_way_writes_nothing_and_says_so(cli_env, cli_main, capsys, tmp_path):
    """A write that fails at the 3rd of 5 records (a real SQLite trigger) rolls the whole file back."""
    database = cli_env / "data" / "counter.sqlite3"
    with closing(sqlite3.connect(database)) as c:
        before = c.execute("SELECT count(*) FROM dossier").fetchone()[0]
        c.execute(
            "CREATE TRIGGER fail_third BEFORE INSERT ON dossier WHEN NEW.code = 'G22.51-261120-0003' "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
        c.commit()
    path = tmp_path / "hoso.json"
    records = [dict(GOOD, MaHoSo=f"G22.51-261120-{n:04d}") for n in range(1, 6)]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    with _pin_on_stdin():
        assert cli_main(["import", "online", str(path), *OFFICER]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "hồ sơ thứ 3 (G22.51-261120-0003)" in err and "injected failure" in err
    assert "chưa ghi hồ sơ nào trong tệp" in err
    with closing(sqlite3.connect(database)) as c:
        assert c.execute("SELECT count(*) FROM dossier").fetchone()[0] == before
        c.execute("DROP TRIGGER fail_third")
        c.commit()
    with _pin_on_stdin():
        assert cli_main(["import", "online", str(path), *OFFICER]) == 0
    assert "Đã nhập 5 hồ sơ trực tuyến; bỏ qua 0 hồ sơ đã có." in capsys.readouterr().out
