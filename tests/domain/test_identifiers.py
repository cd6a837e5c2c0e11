"""Unit identifiers are configured, never derived, and checked loosely as they are seen in use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.identifiers import InvalidIdentifier, parse_unit_identifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("000.00.53.H48", "000.00.53.H48"),  # Quảng Ngãi: H48, not its statistical code 51
        ("H15.50.05.13", "H15.50.05.13"),  # the province part first, as codes seen in 2026
        ("000.00.00.h21", "000.00.00.H21"),  # Gia Lai, typed in lower case
        (" \ufeff000.00.53.H48\r\n", "000.00.53.H48"),  # as a scanner types it
        ("G01.003", "G01.003"),
    ],
)
def test_accepted(text, expected):
    assert parse_unit_identifier(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "identifier.empty"),
        ("000-00-53-H48", "identifier.shape"),
        ("000.00.53.48", "identifier.no_letter_code"),
        ("H48", "identifier.shape"),
        ("000.00.53.Hà48", "identifier.chars"),
        ("000..53.H48", "identifier.shape"),
        ("000.00 .53.H48", "identifier.shape"),
        ("000.00.53.H48\x00", "identifier.chars"),
    ],
)
def test_refused_with_the_reason(text, key):
    with pytest.raises(InvalidIdentifier) as raised:
        parse_unit_identifier(text)
    assert raised.value.key == key
    assert "\x00" not in str(raised.value)


@given(st.text(max_size=60))
def test_any_text_gives_an_identifier_or_the_modules_own_error(text):
    try:
        value = parse_unit_identifier(text)
    except InvalidIdentifier:
        return
    assert "-" not in value and " " not in value and value.isascii()
