"""Bad input: every parser gives a result or its own clear error; the CLI never shows a traceback."""

from __future__ import annotations

import json
import string
from datetime import date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from counter_app.config import ConfigError, load_settings
from counter_app.domain.cccd import CccdData, InvalidCccd, format_cccd_qr, parse_cccd_qr
from counter_app.domain.codes import DossierCode, InvalidDossierCode, parse_dossier_code
from counter_app.services import intake, lookup, portal
from counter_app.services.errors import ServiceError
from tests.hardening.conftest import officer_actor
from tests.services.test_dossier_flow import THU, request_for

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: what a handheld scanner adds around what it read
STRAY = st.sampled_from(["", "\r", "\n", "\r\n", " ", "\t", "  \r\n", "\ufeff", "\ufeff\r\n"])
CARD = CccdData(
    "051190123456",
    "212345678",
    "Huỳnh Thị Thu Trang",
    date(1990, 5, 17),
    "Nữ",
    "Thôn Trường Thọ, xã Tịnh Khê, tỉnh Quảng Ngãi",
    date(2021, 7, 1),
)
CODE = "000.00.53.H48-251122-2007"
TODAY = date(2026, 12, 1)


def _scanned(core: str, before: str, after: str) -> str:
    return before.replace("\r\n", "").replace("\n", "").replace("\r", "") + core + after


# --- domain parsers ------------------------------------------------------------------------------


@FUZZ
@given(st.text())
@example("|" * 6)
@example("051190123456||" + "x" * 10_000 + "|17051990|Nữ||01072021")
def test_cccd_qr_parser_result_or_its_own_error(text):
    try:
        assert isinstance(parse_cccd_qr(text, today=TODAY), CccdData)
    except InvalidCccd as exc:
        assert str(exc)  # a message for the officer


@FUZZ
@given(st.lists(st.text(alphabet=string.digits + "|" + "ĐđữNam ", max_size=14), min_size=5, max_size=8))
def test_cccd_qr_parser_on_pipe_shaped_text(fields):
    try:
        parse_cccd_qr("|".join(fields), today=TODAY)
    except InvalidCccd as exc:
        assert str(exc)


@FUZZ
@given(STRAY, STRAY, st.booleans())
def test_cccd_qr_from_a_scanner_with_stray_characters(before, after, old_id):
    text = _scanned(format_cccd_qr(CARD, with_old_id=old_id), before, after)
    parsed = parse_cccd_qr(text, today=TODAY)
    assert (
        parsed.number == CARD.number
        and parsed.full_name == CARD.full_name
        and parsed.issued_on == CARD.issued_on
    )


@FUZZ
@given(st.text())
@example("\ufeff" + CODE)
@example("-" * 3)
def test_dossier_code_parser_result_or_its_own_error(text):
    try:
        assert isinstance(parse_dossier_code(text), DossierCode)
    except InvalidDossierCode as exc:
        assert str(exc)


@FUZZ
@given(st.sampled_from(["", "\r", "\n", "\r\n", " ", "\t", "  \r\n"]), st.sampled_from(["", " ", "\t"]))
def test_dossier_code_from_a_scanner_with_trailing_whitespace(after, before):
    assert parse_dossier_code(before + CODE + after).code == CODE


def test_dossier_code_from_a_scanner_with_a_bom():
    assert parse_dossier_code("\ufeff" + CODE + "\r\n").code == CODE


# --- settings ----------------------------------------------------------------------------------

ENV_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)


def _load_env(home: Path, **values: str):
    try:
        return load_settings({"COUNTER_APP_HOME": str(home), **values})
    except ConfigError as exc:
        assert str(exc).startswith("Cấu hình không hợp lệ: ")
        return None


def _no_unicode_digits(text: str) -> bool:
    """Non-ASCII "digits" (e.g. "²") that str.isdigit() accepts but int() refuses."""
    return all(ch.isascii() or not ch.isdigit() for ch in text)


@FUZZ
@given(unit=ENV_TEXT, counter=ENV_TEXT, db_url=ENV_TEXT, central=ENV_TEXT)
@example(unit="21025", counter="10", db_url="mysql://x", central="http://x")
@example(unit="-1", counter=" 3 ", db_url="sqlite:///x.db", central="postgresql://h/db")
def test_settings_from_fuzzed_environment(tmp_path, unit, counter, db_url, central):
    assume(_no_unicode_digits(unit) and _no_unicode_digits(counter))
    _load_env(
        tmp_path,
        COUNTER_APP_UNIT=unit,
        COUNTER_APP_COUNTER=counter,
        COUNTER_APP_DB_URL=db_url,
        COUNTER_APP_CENTRAL_URL=central,
    )


def test_settings_superscript_digit_gives_config_error(tmp_path):
    with pytest.raises(ConfigError):
        load_settings({"COUNTER_APP_HOME": str(tmp_path), "COUNTER_APP_COUNTER": "²"})


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return (
            repr(value)
            if not isinstance(value, float) or value == value and abs(value) != float("inf")
            else "nan"
        )
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


SCALARS = (
    st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20).filter(_no_unicode_digits)
    | st.dates()
    | st.times().map(lambda t: t.replace(tzinfo=None))
)
TOML_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2)
    ),
    max_leaves=6,
)
KEYS = {
    "store": ["db_url", "central_url"],
    "counter": ["unit", "number", "one_stop_code"],
    "calendar": ["extra_days_off", "extra_working_days", "office_hours"],
    "printing": ["printer", "escpos"],
    "security": ["idle_lock_minutes"],
}


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(sorted(KEYS)),
        st.dictionaries(
            st.sampled_from(sorted({k for keys in KEYS.values() for k in keys})), TOML_VALUES, max_size=3
        ),
        max_size=4,
    ),
    st.one_of(st.none(), st.sampled_from(sorted(KEYS))),
)
def test_settings_from_toml_with_wrong_types(tmp_path, tables, scalar_table):
    lines = []
    if scalar_table is not None:  # a section given as a plain value instead of a table
        lines.append(f"{scalar_table} = 3")
        tables.pop(scalar_table, None)
    for table, values in tables.items():
        lines.append(f"[{table}]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()]
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _load_env(tmp_path)


TOML_TEXT = st.text(alphabet=string.printable + "ệđữ²[]=\"'{}.", max_size=200)


@FUZZ
@given(
    TOML_TEXT
    | st.lists(
        st.sampled_from(
            [
                "[store]",
                "[counter]",
                "[calendar]",
                "unit = ",
                "number = 3",
                'office_hours = [["07:30"]]',
                "x = [",
                '"',
                "\n",
                "[[counter]]",
            ]
        ),
        max_size=8,
    ).map("\n".join)
)
def test_settings_from_a_garbled_toml_file(tmp_path, content):
    assume(_no_unicode_digits(content))
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(content, encoding="utf-8")
    _load_env(tmp_path)


def test_settings_from_a_non_utf8_toml_file(tmp_path):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_bytes(b'[counter]\nnumber = "\xff"\n')
    with pytest.raises(ConfigError):
        load_settings({"COUNTER_APP_HOME": str(tmp_path)})


# --- national portal records -------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
PORTAL_KEYS = [
    "MaHoSo",
    "MaTTHC",
    "ChuHoSo",
    "NgayTiepNhan",
    "MaDoiTuong",
    "TaiLieuNop",
    "TrichYeuHoSo",
    "SoDienThoai",
    "Email",
    "DiaChi",
    "data",
    "HoSo",
]
RECORD = st.dictionaries(st.sampled_from(PORTAL_KEYS), JSON | st.text(max_size=600), max_size=8)


@FUZZ
@given(JSON | st.dictionaries(st.sampled_from(["data", "HoSo"]), JSON) | st.lists(RECORD, max_size=3))
def test_portal_read_records_on_fuzzed_json(tmp_path, data):
    path = tmp_path / "records.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        assert isinstance(portal.read_records(path), list)
    except ServiceError as exc:
        assert str(exc)


@FUZZ
@given(st.text(max_size=200))
def test_portal_read_records_on_broken_json_text(tmp_path, content):
    path = tmp_path / "records.json"
    path.write_text(content, encoding="utf-8")
    try:
        portal.read_records(path)
    except ServiceError as exc:
        assert str(exc)


def test_portal_read_records_on_a_non_utf8_file(tmp_path):
    path = tmp_path / "records.json"
    path.write_bytes(b'[{"ChuHoSo": "\xff"}]')
    with pytest.raises(ServiceError):
        portal.read_records(path)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_portal_records_become_requests_or_clear_errors(seeded_store):
    store = seeded_store

    @FEW
    @given(
        st.one_of(
            RECORD,
            JSON,
            st.fixed_dictionaries(
                {
                    "MaHoSo": st.text(max_size=70),
                    "MaTTHC": st.sampled_from(["1.004873", "1.001193", "x"]),
                    "ChuHoSo": st.text(max_size=130),
                    "NgayTiepNhan": st.text(max_size=16) | st.just("20261120213000"),
                    "MaDoiTuong": st.text(max_size=14) | st.just("051190123456"),
                    "TaiLieuNop": JSON,
                },
                optional={"DiaChi": JSON, "Email": JSON, "TrichYeuHoSo": JSON},
            ),
        )
    )
    def check(record):
        try:
            code, request, submitted = portal.request_from_record(store, record)
        except ServiceError as exc:
            assert str(exc)
            return
        assert code and request.applicant_name and isinstance(submitted, datetime)

    check()


# --- stored text stays text ----------------------------------------------------------------------

NASTY = [
    "Robert'); DROP TABLE citizen;--",
    'Nguyễn Văn " OR 1=1 --',
    "'; DELETE FROM dossier WHERE '1'='1",
    "Lê Thị %_\\ $1 :name ?",
]  # control characters (NUL...) are refused, not stored: tests/hardening/test_fuzz_inputs.py


def test_sql_injection_looking_text_is_stored_and_read_back_as_text(seeded_store):
    from counter_app.db.models import Citizen, Dossier
    from counter_app.domain.vntext import fold

    store = seeded_store
    actor = officer_actor(store)
    for n, nasty in enumerate(NASTY):
        card = CccdData(
            f"0511901234{n:02d}",
            None,
            nasty.replace("|", "/"),
            date(1990, 1, 1),
            "Nam",
            f"{nasty}, Quảng Ngãi",
            date(2021, 1, 1),
        )
        with store.session() as s:
            citizen = intake.upsert_citizen_from_card(s, card, unit_id=store.unit_id, now=THU)
        request = request_for(store, reuse=False)
        request.citizen_id = citizen.id
        request.applicant_name, request.applicant_address, request.summary = nasty, nasty, nasty
        dossier = intake.receive(store, actor, request, now=THU)
        with store.session() as s:
            back = s.get(Citizen, citizen.id)
            assert back.full_name == nasty and back.address == f"{nasty}, Quảng Ngãi"
            row = lookup.dossier_by_code(s, dossier.code)
            assert (row.applicant_name, row.applicant_address, row.summary) == (nasty, nasty, nasty)
            found = lookup.search_citizens(s, nasty)
            assert citizen.id in {c.id for c in found} or not fold(nasty)
            assert lookup.search_citizens(s, "'; DROP TABLE citizen; --") == []
        with store.session() as s:
            assert s.get(Citizen, citizen.id) is not None
            assert s.get(Dossier, dossier.id) is not None


@pytest.mark.parametrize("field", sorted(intake.LIMITS))
def test_over_long_fields_are_refused_with_a_clear_message(seeded_store, field):
    from counter_app.locale import t

    store = seeded_store
    actor = officer_actor(store)
    limit = intake.LIMITS[field]
    request = request_for(store)
    too_long = "Ư" * (limit + 1)
    with pytest.raises(ServiceError) as caught:
        if field == "reason":
            intake.refuse(store, actor, request, too_long, now=THU)
        else:
            if field == "return_address":
                request.return_method = "post"
            setattr(request, field, too_long)
            intake.receive(store, actor, request, now=THU)
    assert caught.value.key == "intake.too_long"
    assert str(caught.value) == f"Trường «{t('field.' + field)}» quá dài (tối đa {limit} ký tự)."
    setattr(request, field, "Ư" * limit) if field != "reason" else None  # at the limit: accepted
    if field == "reason":
        intake.refuse(store, actor, request, "Ư" * limit, now=THU)
    else:
        intake.receive(store, actor, request, now=THU)


@pytest.mark.parametrize("backend", ["postgresql"])
def test_over_long_name_from_a_card_gives_a_clear_message(seeded_store):
    card = CccdData("051190123499", None, "A" * 200, date(1990, 1, 1), "Nam", "x", date(2021, 1, 1))
    with pytest.raises(ServiceError), seeded_store.session() as s:
        intake.upsert_citizen_from_card(s, card, unit_id=seeded_store.unit_id, now=THU)


def test_scanned_cccd_and_code_find_their_rows(seeded_store):
    store = seeded_store
    actor = officer_actor(store)
    dossier = intake.receive(store, actor, request_for(store), now=THU)
    with store.session() as s:
        citizen = lookup.search_citizens(s, "0", limit=1)[0]
        for stray in ("\r\n", "\n", " ", "\t\r\n"):
            assert lookup.citizen_by_cccd(s, f" {citizen.cccd}{stray}").id == citizen.id
            assert lookup.dossier_by_code(s, f"{dossier.code}{stray}").id == dossier.id


@pytest.mark.parametrize("backend", ["sqlite"])
def test_scanned_values_with_a_bom_find_their_rows(seeded_store):
    store = seeded_store
    dossier = intake.receive(store, officer_actor(store), request_for(store), now=THU)
    with store.session() as s:
        citizen = lookup.search_citizens(s, "0", limit=1)[0]
        assert lookup.citizen_by_cccd(s, f"\ufeff{citizen.cccd}\r\n") is not None
        assert lookup.dossier_by_code(s, f"\ufeff{dossier.code}\r\n").id == dossier.id


# --- the command line --------------------------------------------------------------------------

WORDS = [
    "db",
    "upgrade",
    "seed-demo",
    "sync",
    "report",
    "ledger",
    "indicators",
    "queue-board",
    "handover",
    "inbox",
    "import",
    "online",
    "print",
    "receipt",
    "control",
    "verify",
    "keys",
    "export",
    "audit",
    "backup",
    "restore",
    "access",
    "log",
    "show",
    "central",
    "--once",
    "--status",
    "--from",
    "--to",
    "--format",
    "csv",
    "pdf",
    "--reason",
    "--accept",
    "--send-back",
    "--officer",
    "--citizens",
    "--today",
    "--unit",
    "--out",
    "--keep-days",
    "--purpose",
    "--code",
    "--days",
    "--citizen",
    "-h",
    "--version",
    "2026-11-20",
    "20/11/2026",
    "31/02/2026",
    "-1",
    "0",
    "999999999999",
    "canbo1",
    "*",
    "21025",
    "70",
    "000.00.53.H48-251122-2007",
    "'; DROP TABLE dossier;--",
    "Nguyễn Văn An",
    "\ufeff",
    "\r\n",
    "",
]
#: commands that would run without end or for minutes; they are tested on their own elsewhere
SLOW = ("sync", "seed-demo", "central")


def _flat(parts) -> list[str]:
    out: list[str] = []
    for part in parts:
        out.extend(part if isinstance(part, list | tuple) else [part])
    return [p for p in out if p is not None]


TOKEN = st.sampled_from(WORDS) | st.text(max_size=12)
DAY = st.sampled_from(["2026-11-01", "2026-11-20", "20/11/2026", "31/02/2026", "2026-13-01", "0", ""]) | TOKEN
CODE_ARG = st.sampled_from(["000.00.53.H48-251122-2007", "000.21025.H51-261120-1001", "-", ""]) | TOKEN
NUMBER = st.sampled_from(["0", "1", "30", "-5", "36501", "1e3", "٣"]) | TOKEN


def _opt(*parts):
    return st.none() | st.tuples(*parts).map(list)


COMMANDS = st.one_of(
    st.tuples(
        st.just("report"),
        st.sampled_from(["ledger", "indicators"]) | TOKEN,
        _opt(st.just("--from"), DAY),
        _opt(st.just("--to"), DAY),
        _opt(st.just("--format"), st.sampled_from(["csv", "pdf"]) | TOKEN),
        _opt(st.just("--unit"), st.sampled_from(["*", "21025", "70", "x"]) | TOKEN),
        _opt(st.just("--out"), st.just("out.csv") | TOKEN),
    ),
    st.tuples(
        st.just("print"),
        st.sampled_from(["receipt", "supplement", "refusal", "apology", "control"]) | TOKEN,
        CODE_ARG,
        _opt(st.just("--out"), st.just("out.pdf") | TOKEN),
    ),
    st.tuples(
        st.just("handover"),
        CODE_ARG,
        _opt(st.just("--to"), st.sampled_from(["70", "21025", "x"]) | TOKEN),
        _opt(st.just("--reason"), TOKEN),
        _opt(st.just("--officer"), st.just("canbo1") | TOKEN),
    ),
    st.tuples(
        st.just("inbox"),
        _opt(st.sampled_from(["--accept", "--send-back"]), CODE_ARG),
        _opt(st.just("--reason"), TOKEN),
    ),
    st.tuples(st.just("import"), st.just("online") | TOKEN, TOKEN),
    st.tuples(st.just("verify"), TOKEN),
    st.tuples(st.just("keys"), st.sampled_from(["export", "import"]) | TOKEN, _opt(st.just("--out"), TOKEN)),
    st.tuples(st.just("audit"), st.just("verify") | TOKEN, _opt(st.just("--code"), CODE_ARG)),
    st.tuples(st.just("backup"), _opt(st.just("--to"), TOKEN), _opt(st.just("--keep-days"), NUMBER)),
    st.tuples(st.just("restore"), TOKEN),
    st.tuples(
        st.just("access"), st.just("log"), _opt(st.just("--citizen"), TOKEN), _opt(st.just("--days"), NUMBER)
    ),
    st.tuples(
        st.just("access"),
        st.just("show"),
        TOKEN,
        _opt(st.just("--purpose"), TOKEN),
        _opt(st.just("--officer"), st.just("canbo1") | TOKEN),
    ),
    st.tuples(st.sampled_from(["queue-board", "db"]), _opt(st.just("upgrade"))),
).map(_flat)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(COMMANDS | st.lists(TOKEN, min_size=1, max_size=6))
def test_cli_never_raises_on_fuzzed_arguments(cli_env, cli_main, capsysbinary, argv):
    assume(not argv or argv[0] not in SLOW)
    try:
        status = cli_main(argv)
    except SystemExit as exc:  # argparse: usage error or --help
        assert exc.code in (0, 2, None)
        return
    finally:
        err = capsysbinary.readouterr().err.decode("utf-8", "replace")  # a PDF may go to stdout
    assert isinstance(status, int)
    assert "Traceback" not in err and "lỗi không mong đợi" not in err, err


# --- text from people and files: the character policy at the services' boundary ----------------------

UNSAFE_SAMPLES = ["\x00", "\x1b[2J", "\u202e", "\u200b", "\x07", "\t", "\n"]


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("bad", UNSAFE_SAMPLES, ids=[f"U+{ord(b[0]):04X}" for b in UNSAFE_SAMPLES])
def test_typed_intake_fields_with_control_characters_are_refused_naming_the_field(seeded_store, bad):
    from counter_app.db.models import Dossier
    from counter_app.locale import t

    store = seeded_store
    actor = officer_actor(store)
    with store.session() as s:
        before = len(s.exec(select(Dossier.id)).all())
    for field in ("applicant_name", "applicant_address", "applicant_phone", "summary"):
        request = request_for(store)
        setattr(request, field, f"Nguyễn{bad}Văn")
        with pytest.raises(ServiceError) as caught:
            intake.receive(store, actor, request, now=THU)
        assert caught.value.key == "input.unsafe_char"
        assert f"«{t('field.' + field)}»" in str(caught.value) and f"U+{ord(bad[0]):04X}" in str(caught.value)
    with pytest.raises(ServiceError) as caught:
        intake.refuse(store, actor, request_for(store), f"Thiếu{bad}giấy tờ", now=THU)
    assert caught.value.key == "input.unsafe_char" and t("field.reason") in str(caught.value)
    request = request_for(store)
    request.documents = [intake.DocumentChoice(f"Tờ{bad}khai")]
    with pytest.raises(ServiceError) as caught:
        intake.receive(store, actor, request, now=THU)
    assert "Tên thành phần hồ sơ" in str(caught.value)
    with store.session() as s:
        assert len(s.exec(select(Dossier.id)).all()) == before  # bad input changes nothing


PORTAL_GOOD = {
    "MaHoSo": "G22.51-261120-0001",
    "MaTTHC": "1.004873",
    "ChuHoSo": "Huỳnh Thị Thu Trang",
    "NgayTiepNhan": "20261120213000",
}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"ChuHoSo": 12345}, ["trường ChuHoSo", "cần chuỗi ký tự, nhận được một số"]),
        ({"ChuHoSo": True}, ["trường ChuHoSo", "giá trị đúng/sai"]),
        ({"ChuHoSo": ["Huỳnh"]}, ["trường ChuHoSo", "một danh sách"]),
        ({"ChuHoSo": {"ten": "x"}}, ["trường ChuHoSo", "một đối tượng"]),
        ({"SoDienThoai": 905111222}, ["trường SoDienThoai", "một số"]),  # the leading 0 would be lost
        ({"MaHoSo": None}, ["trường MaHoSo", "bắt buộc"]),  # ChuHoSo is optional in the portal's format
        ({"MaTTHC": "  "}, ["trường MaTTHC", "bắt buộc"]),
        ({"TrangThaiHoSo": "11"}, ["trường TrangThaiHoSo", "từ 1 đến 10"]),
        ({"LoaiDoiTuong": 3}, ["trường LoaiDoiTuong", "từ 1 đến 2"]),
        ({"NgayHenTra": "31/12/2026"}, ["trường NgayHenTra", "yyyyMMddHHmmss"]),
        ({"TaiLieuNop": [{"IsDeleted": "có"}]}, ["TaiLieuNop[1].IsDeleted", "True hoặc False"]),
        ({"DanhSachLePhi": [{"Gia": -5}]}, ["DanhSachLePhi[1].Gia", "số tiền"]),
        ({"DanhSachLePhi": "50000"}, ["trường DanhSachLePhi", "danh sách"]),
        ({"ChuHoSo": "Ư" * 121}, ["trường ChuHoSo", "dài 121 ký tự, tối đa 120"]),
        ({"TrichYeuHoSo": "x" * 501}, ["trường TrichYeuHoSo", "tối đa 500"]),
        ({"ChuHoSo": "Trần\x00Văn"}, ["trường ChuHoSo", "U+0000", "vị trí 5"]),
        ({"MaHoSo": "G22\t51-261120-0001"}, ["trường MaHoSo", "U+0009"]),
        ({"DiaChi": "Phố\u202eHuế"}, ["trường DiaChi", "U+202E"]),
        ({"NgayTiepNhan": 20261120213000}, ["trường NgayTiepNhan", "một số"]),
        ({"NgayTiepNhan": "2026-11-20"}, ["trường NgayTiepNhan", "yyyyMMddHHmmss"]),
        ({"TaiLieuNop": "tp1"}, ["trường TaiLieuNop", "danh sách"]),
        ({"TaiLieuNop": [{"TenThanhPhanHoSo": "x" * 401}]}, ["TaiLieuNop[1].TenThanhPhanHoSo", "tối đa 400"]),
        ({"TaiLieuNop": [{}] * 101}, ["trường TaiLieuNop", "101 mục, tối đa 100"]),
        ({"MaTTHC": "9.999999"}, ["trường MaTTHC", "9.999999"]),
    ],
)
@pytest.mark.parametrize("backend", ["sqlite"])
def test_import_online_refuses_the_file_naming_the_record_and_field(seeded_store, change, words):
    from counter_app.db.models import Dossier

    store = seeded_store
    good = dict(PORTAL_GOOD, MaHoSo="G22.51-261120-0007")
    with pytest.raises(ServiceError) as caught:
        portal.import_online(store, officer_actor(store), [good, dict(PORTAL_GOOD, **change)])
    message = str(caught.value)
    assert message.startswith("Không nhập tệp: hồ sơ thứ 2") and "Chưa ghi hồ sơ nào trong tệp" in message
    assert "\n" not in message and "\x00" not in message and "\t" not in message
    for word in words:
        assert word in message
    with store.session() as s:  # not even the good first record
        assert s.exec(select(Dossier).where(Dossier.code == "G22.51-261120-0007")).first() is None


@pytest.mark.parametrize("backend", ["sqlite"])
def test_import_online_refuses_duplicate_codes_and_too_many_records(seeded_store, monkeypatch):
    store = seeded_store
    with pytest.raises(ServiceError, match="trùng với hồ sơ thứ 1"):
        portal.import_online(store, officer_actor(store), [PORTAL_GOOD, PORTAL_GOOD])
    monkeypatch.setattr(portal, "MAX_RECORDS", 2)
    with pytest.raises(ServiceError, match="Tệp có 3 hồ sơ, nhiều hơn giới hạn 2"):
        portal.import_online(store, officer_actor(store), [PORTAL_GOOD] * 3)


def test_portal_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(portal, "MAX_FILE_BYTES", 100)
    path = tmp_path / "hoso.json"
    path.write_text(json.dumps([PORTAL_GOOD] * 5), encoding="utf-8")
    with pytest.raises(ServiceError, match="lớn hơn giới hạn 100 byte"):
        portal.read_records(path)


def test_portal_file_nested_too_deep_is_a_clear_error(tmp_path):
    path = tmp_path / "hoso.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ServiceError, match="không phải JSON"):
        portal.read_records(path)


# --- tab-separated output --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a\tb", "a\\tb"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\r\\nb"),
        ("a\\b", "a\\\\b"),
        ("a\x1bb", "a\\x1bb"),
        ("a\x85b\u2028c", "a\\x85b\\u2028c"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
    ],
)
def test_tsv_fields_cannot_break_a_row(value, shown):
    from counter_app.commands.output import tsv_field, tsv_row

    assert tsv_field(value) == shown
    row = tsv_row("000.00.53.H48-251122-2007", value, "x")
    assert row.count("\t") == 2 and "\n" not in row and "\r" not in row
    assert row.split("\t")[1] == shown


def test_a_stored_value_with_tab_and_newline_keeps_its_row(cli_env, cli_main, capsys):
    """Stored before the checks existed (a raw write): the listing still has one row of three columns."""
    import sqlite3
    from contextlib import closing

    assert cli_main(["calendar", "day-off", "07/12/2026", "--note", "Quyết định"]) == 0
    with closing(sqlite3.connect(cli_env / "data" / "counter.sqlite3")) as c:
        c.execute("UPDATE calendar_day SET note = ? WHERE day = '2026-12-07'", ("Quyết\tđịnh\nsố 12",))
        c.commit()
    capsys.readouterr()
    assert cli_main(["calendar", "list", "--year", "2026"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("07/12/2026")]
    assert lines == ["07/12/2026\t" + lines[0].split("\t")[1] + "\tQuyết\\tđịnh\\nsố 12"]


# --- the log of a mis-scanned card --------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite"])
async def test_a_mis_scanned_card_logs_the_error_kind_not_the_citizen(seeded_store, caplog):
    import logging

    from counter_app.app import make_app

    card = "051190123456|212345678|Huỳnh Thị Thu Trang|17051990|Nữ|Thôn Trường Thọ|01072021"
    mis_scans = {
        "cccd.birth_year_mismatch": card.replace("17051990", "17051991"),
        "cccd.gender_mismatch": card.replace("|Nữ|", "|Nam|"),
        "cccd.unsafe_char": card.replace("Thu Trang", "Thu\x1bTrang"),
        "cccd.birth_in_future": card.replace("051190123456", "051326123456").replace("17051990", "17122026"),
        "cccd.issued_on": card.replace("01072021", "01132021"),
    }
    caplog.set_level(logging.DEBUG)
    app = make_app(seeded_store, clock=lambda: datetime(2026, 11, 20, 9, 15))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        for kind, payload in mis_scans.items():
            assert app.handle_scan_text(payload)
            assert any(kind in record.getMessage() for record in caplog.records), kind
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for personal in (
        "051190123456",
        "051226123456",
        "Huỳnh",
        "Trang",
        "17/05/1990",
        "17051990",
        "1990",
        "Trường Thọ",
    ):
        assert personal not in logged, personal
    assert app.notices and any("17/05/1991" in message for _, message in app.notices)  # the officer sees it


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\u202e", "\u200b"], ids=["NUL", "ESC", "RLO", "ZWSP"])
def test_a_catalogue_row_with_a_control_character_is_skipped_and_reported(seeded_store, tmp_path, bad):
    from counter_app.db.models import Officer, Procedure
    from counter_app.services import catalogue_import
    from tests.catalogue.helpers import PROVINCE_HEADER, write_csv

    store = seeded_store
    with store.session() as s:
        admin = s.exec(select(Officer).where(Officer.role == "admin")).first()
        before = s.get(Procedure, "1.001193").name
    actor = officer_actor(store, admin.username)
    rows = [
        PROVINCE_HEADER,
        ["1", "1.001193", f"Thủ tục đăng ký{bad} khai sinh", "Trong ngày", "", "", "", ""],
        [
            "2",
            "1.004873",
            "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
            "03 ngày làm việc",
            "",
            "",
            "",
            "",
        ],
    ]
    report = catalogue_import.import_catalogue(
        store, actor, write_csv(tmp_path / "a.csv", rows), now=datetime(2026, 12, 1, 8, 0)
    )
    with store.session() as s:
        stored = s.get(Procedure, "1.001193").name
    if bad in "\x00\x1b":  # C0/C1 controls: the file reader drops them from every cell (catalogue_file)
        assert report.skipped_rows == () or not report.skipped_rows
        assert stored == "Thủ tục đăng ký khai sinh"
    else:  # bidi and zero-width characters: the row is skipped, reported, the procedure kept as it was
        assert [(n.code, n.reason) for n in report.skipped_rows] == [("1.001193", "unsafe_chars")]
        assert stored == before


@pytest.mark.parametrize("backend", ["sqlite"])
def test_import_online_drops_whitespace_around_a_value(seeded_store):
    store = seeded_store
    record = dict(PORTAL_GOOD, ChuHoSo="  Huỳnh Thị Thu Trang\r\n", TrichYeuHoSo="\tXác nhận\n")
    assert portal.import_online(store, officer_actor(store), [record]).imported == [PORTAL_GOOD["MaHoSo"]]
    with store.session() as s:
        dossier = lookup.dossier_by_code(s, PORTAL_GOOD["MaHoSo"])
        assert (dossier.applicant_name, dossier.summary) == ("Huỳnh Thị Thu Trang", "Xác nhận")
