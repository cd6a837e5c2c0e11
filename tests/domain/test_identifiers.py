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


def test_identifiers_are_never_derived_and_the_demo_one_is_clearly_fake():
    from counter_app.domain.identifiers import (
        demo_identifier,
        is_configured,
        is_demo,
        require_identifier,
        unconfigured,
    )

    assert demo_identifier(21025) == "DEMO.21025.H00" and is_configured(demo_identifier("P48"))
    assert is_demo("demo.21025.h00") and not is_demo("000.00.53.H48")
    assert unconfigured("21025") == "?21025" and not is_configured(unconfigured("21025"))
    assert require_identifier("H15.50.05.13") == "H15.50.05.13"
    for missing in ("", "?21025", "000.21025"):
        with pytest.raises(InvalidIdentifier) as raised:
            require_identifier(missing)
        assert raised.value.key == "identifier.not_configured" and "--identifier" in str(raised.value)


def test_the_catalogue_derives_no_identifier(tmp_path):
    """The old catalogue gave every ward ``000.<ward>.H<statistical code>`` (Quảng Ngãi «H51», Sóc Trăng's
    letter code in use): it now loads the placeholder until setup sets the real one."""
    from sqlmodel import Session, SQLModel, create_engine, select

    from counter_app.db.models import Unit
    from counter_app.db.units import load_catalogue

    engine = create_engine(f"sqlite:///{tmp_path / 'units.sqlite3'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        load_catalogue(session)
        units = session.exec(select(Unit)).all()
        assert units and all(u.one_stop_code == f"?{u.id}" for u in units)
        assert session.get(Unit, "21025").one_stop_code != "000.21025.H51"
