"""Dossier codes (Circular 01/2018/TT-VPCP), one-stop unit codes and queue tickets."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.codes import (
    DossierCode,
    InvalidDossierCode,
    InvalidTicketNumber,
    dossier_code,
    looks_like_dossier_code,
    parse_dossier_code,
    ticket_number,
)
from counter_app.domain.messages import VI

UNIT = "000.00.53.H48"


# --- writing a code ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "day", "counter", "seq", "code"),
    [
        # counter 2's seventh dossier of 22/11/2025
        (UNIT, date(2025, 11, 22), 2, 7, "000.00.53.H48-251122-2007"),
        (UNIT, date(2026, 1, 5), 1, 1, "000.00.53.H48-260105-1001"),
        (UNIT, date(2026, 12, 31), 9, 999, "000.00.53.H48-261231-9999"),
        ("000.20194.H48", date(2000, 2, 29), 3, 120, "000.20194.H48-000229-3120"),
        ("xa.ub.g01", date(2099, 7, 1), 4, 45, "xa.ub.g01-990701-4045"),
        (
            UNIT,
            datetime(2025, 11, 22, 16, 45),
            2,
            7,
            "000.00.53.H48-251122-2007",
        ),  # a timestamp gives its day
    ],
)
def test_dossier_code(unit, day, counter, seq, code):
    assert dossier_code(unit, day, counter=counter, seq=seq) == code


@pytest.mark.parametrize(
    ("unit", "day", "counter", "seq", "key"),
    [
        (UNIT, date(2025, 11, 22), 0, 7, "code.counter"),
        (UNIT, date(2025, 11, 22), 10, 7, "code.counter"),
        (UNIT, date(2025, 11, 22), True, 7, "code.counter"),
        (UNIT, date(2025, 11, 22), 2, 0, "code.seq"),
        (UNIT, date(2025, 11, 22), 2, 1000, "code.seq"),
        (UNIT, date(2025, 11, 22), 2, -1, "code.seq"),
        ("", date(2025, 11, 22), 2, 7, "code.unit_empty"),
        ("000-00", date(2025, 11, 22), 2, 7, "code.unit_chars"),
        ("000 00", date(2025, 11, 22), 2, 7, "code.unit_chars"),
        ("000\t00", date(2025, 11, 22), 2, 7, "code.unit_chars"),
        ("000\x0000", date(2025, 11, 22), 2, 7, "code.unit_chars"),
        (UNIT, date(1999, 12, 31), 2, 7, "code.year"),
        (UNIT, date(2100, 1, 1), 2, 7, "code.year"),
    ],
)
def test_dossier_code_refuses(unit, day, counter, seq, key):
    with pytest.raises(ValueError) as caught:
        dossier_code(unit, day, counter=counter, seq=seq)
    assert isinstance(caught.value, InvalidDossierCode)
    assert caught.value.key == key
    assert str(caught.value) == VI[key].format(**caught.value.params)


def test_counter_message_is_vietnamese():
    with pytest.raises(InvalidDossierCode, match="^Số quầy 10 không hợp lệ: cần từ 1 đến 9.$"):
        dossier_code(UNIT, date(2025, 11, 22), counter=10, seq=1)


# --- reading a code ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("000.00.53.H48-251122-2007", DossierCode(UNIT, date(2025, 11, 22), "2007", 2, 7)),
        ("  000.00.53.H48-251122-2007\r\n", DossierCode(UNIT, date(2025, 11, 22), "2007", 2, 7)),
        ("000.00.53.h48-251122-2007", DossierCode("000.00.53.h48", date(2025, 11, 22), "2007", 2, 7)),
        ("X.H01-000229-9999", DossierCode("X.H01", date(2000, 2, 29), "9999", 9, 999)),
        # codes other systems issued: a provincial portal's, the province code first, a ministry's
        ("000.00.53.H48-220921-0099", DossierCode(UNIT, date(2022, 9, 21), "0099")),
        ("H15.50.05.13-261008-0975", DossierCode("H15.50.05.13", date(2026, 10, 8), "0975")),
        ("G22.51-261120-0001", DossierCode("G22.51", date(2026, 11, 20), "0001")),
        ("000.00.53.H48-251122-2000", DossierCode(UNIT, date(2025, 11, 22), "2000")),
        ("G01.003-260105-123456", DossierCode("G01.003", date(2026, 1, 5), "123456")),
        ("000.00.00.G12-260105-1234567", DossierCode("000.00.00.G12", date(2026, 1, 5), "1234567")),
        ("H48.25.01.99-261201-20071", DossierCode("H48.25.01.99", date(2026, 12, 1), "20071")),
    ],
)
def test_parse_dossier_code(text, expected):
    assert parse_dossier_code(text) == expected
    assert looks_like_dossier_code(text)


def test_parsed_code_prints_back():
    code = parse_dossier_code(" 000.00.53.H48-251122-2007\n")
    assert code.code == "000.00.53.H48-251122-2007"
    assert str(code) == "000.00.53.H48-251122-2007"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "code.empty"),
        ("\r\n", "code.empty"),
        ("000.00.53.H48", "code.format"),
        ("000.00.53.H48-251122", "code.format"),
        ("000.00.53.H48-251122-2007-1", "code.format"),
        ("-251122-2007", "code.unit_empty"),
        ("000.00 53.H48-251122-2007", "code.unit_chars"),
        ("000.00.53.H48-251322-2007", "code.date"),  # month 13
        ("000.00.53.H48-250229-2007", "code.date"),  # 2025 is not a leap year
        ("000.00.53.H48-25112-2007", "code.date"),
        ("000.00.53.H48-２５１１２２-2007", "code.date"),  # full-width digits
        ("000.00.53.H48-251122-207", "code.number"),  # under 4 digits
        ("000.00.53.H48-251122-20071234", "code.number"),  # over 7 digits
        ("000.00.53.H48-251122-2O07", "code.number"),
        ("000.00.53.H48-251122-", "code.number"),
        ("X-000229-9999", "code.unit_shape"),  # no letter code
        ("000.00.53-251122-2007", "code.unit_shape"),
        ("000.00.53.H4-251122-2007", "code.unit_shape"),
        ("000..53.H48-251122-2007", "code.unit_shape"),
        ("000.00.53.H48_x-251122-2007", "code.unit_shape"),
        ("xa.ub-990701-4045", "code.unit_shape"),
    ],
)
def test_parse_dossier_code_refuses(text, key):
    with pytest.raises(InvalidDossierCode) as caught:
        parse_dossier_code(text)
    assert caught.value.key == key
    assert str(caught.value) == VI[key].format(**caught.value.params)
    assert not looks_like_dossier_code(text)


def test_the_counter_digit_scheme_applies_only_to_codes_issued_here():
    assert parse_dossier_code("000.00.53.H48-251122-2007").app_scheme
    for foreign in ("000.00.53.H48-220921-0099", "H15.50.05.13-261008-0975", "G01.003-260105-123456"):
        parsed = parse_dossier_code(foreign)
        assert not parsed.app_scheme and parsed.counter is None and parsed.seq is None
        assert parsed.code == foreign


def test_dossier_code_refuses_a_unit_code_it_could_not_read_back():
    with pytest.raises(InvalidDossierCode) as caught:
        dossier_code("000.21025", date(2026, 3, 2), counter=1, seq=1)
    assert caught.value.key == "code.unit_shape"


def test_format_message_quotes_the_code():
    with pytest.raises(InvalidDossierCode) as caught:
        parse_dossier_code("ABC")
    assert str(caught.value) == "Mã hồ sơ «ABC» không đúng dạng <mã đơn vị>-<YYMMDD>-<NNNN>."


# --- unit codes and tickets --------------------------------------------------------------------------


def test_no_unit_code_is_derived_any_more():
    """Identifiers are assigned under Decision 20/2020/QĐ-TTg and cannot be derived (issue 13)."""
    import counter_app.domain.codes as codes

    assert not hasattr(codes, "derive_unit_code")


@pytest.mark.parametrize(
    ("prefix", "n", "ticket"), [("A", 7, "A007"), ("A", 1, "A001"), ("UA", 12, "UA012"), ("B", 1000, "B1000")]
)
def test_ticket_number(prefix, n, ticket):
    assert ticket_number(prefix, n) == ticket


@pytest.mark.parametrize(("prefix", "n"), [("", 1), ("A B", 1), ("A\n", 1), ("A", 0), ("A", -3), ("A", True)])
def test_ticket_number_refuses(prefix, n):
    with pytest.raises(InvalidTicketNumber):
        ticket_number(prefix, n)


# --- properties --------------------------------------------------------------------------------------

_parts = st.text(
    st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=12
)
unit_codes = st.builds(
    lambda before, letter, digits, after: ".".join([*before, f"{letter}{digits:02d}", *after]),
    st.lists(_parts, max_size=3),
    st.sampled_from("HGhg"),
    st.integers(0, 99),
    st.lists(_parts, max_size=3),
)


@settings(max_examples=300)
@given(
    unit_codes,
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(1, 9),
    st.integers(1, 999),
    st.sampled_from(["", " ", "\r\n", "\n", "\t"]),
)
def test_dossier_code_roundtrip(unit, day, counter, seq, padding):
    code = dossier_code(unit, day, counter=counter, seq=seq)
    assert parse_dossier_code(padding + code + padding) == DossierCode(unit, day, code[-4:], counter, seq)
    assert looks_like_dossier_code(code)


@settings(max_examples=300)
@given(st.text() | st.from_regex(r"[A-Za-z0-9.]{0,14}(H[0-9]{2})?-[0-9]{5,7}-[0-9]{3,8}", fullmatch=True))
def test_any_text_gives_a_code_or_invalid_dossier_code(text):
    try:
        result = parse_dossier_code(text)
    except InvalidDossierCode as error:
        assert str(error) == VI[error.key].format(**error.params)
        assert looks_like_dossier_code(text) is False
    else:
        assert result.code == text.strip()
        if result.counter is not None and result.seq is not None:
            assert dossier_code(
                result.unit_code, result.received_on, counter=result.counter, seq=result.seq
            ) == (result.code)
