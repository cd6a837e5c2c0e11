"""Applicants' numbers, phones and e-mails as typed at the counter (domain.applicants)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.applicants import (
    InvalidApplicant,
    PersonalId,
    guess_id_type,
    normalise_email,
    normalise_phone,
    parse_id,
)
from counter_app.domain.messages import VI


@pytest.mark.parametrize(
    ("id_type", "text", "expected"),
    [
        ("cccd", " 051303000123\r\n", "051303000123"),
        ("cmnd", "212345678", "212345678"),
        ("passport", "c1234567", "C1234567"),  # a Vietnamese passport, typed in lower case
        ("passport", "X12345AB", "X12345AB"),
        ("tax_code", "4300123456", "4300123456"),
        ("tax_code", "4300123456-001", "4300123456-001"),  # a branch
        ("tax_code", "051085000456", "051085000456"),  # an individual's, since 1/7/2025
    ],
)
def test_numbers_accepted(id_type, text, expected):
    assert parse_id(id_type, text) == PersonalId(id_type, expected)


@pytest.mark.parametrize(
    ("id_type", "text", "key"),
    [
        ("cccd", "", "applicant.cccd_empty"),
        ("cccd", "05130300012", "applicant.cccd"),
        ("cmnd", "2123456789", "applicant.cmnd"),
        ("passport", "ABCDEFG", "applicant.passport"),  # no digit
        ("passport", "Đ1234567", "applicant.passport"),
        ("tax_code", "430012345", "applicant.tax_code"),
        ("tax_code", "4300123456-01", "applicant.tax_code"),
        ("visa", "123", "applicant.id_type"),
    ],
)
def test_numbers_refused_naming_the_field(id_type, text, key):
    with pytest.raises(InvalidApplicant) as caught:
        parse_id(id_type, text)
    assert caught.value.key == key and str(caught.value) == VI[key].format(**caught.value.params)


def test_the_kind_of_a_typed_number_is_guessed():
    assert guess_id_type("051303000123") == "cccd"
    assert guess_id_type("212345678") == "cmnd"
    assert guess_id_type("b7654321") == "passport"
    assert guess_id_type("Nguyễn") is None and guess_id_type("12345") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "+84912345678"),
        ("(0255) 3822-111", "02553822111"),
        ("", ""),
    ],
)
def test_phones(text, expected):
    assert normalise_phone(text) == expected


@pytest.mark.parametrize("text", ["12345", "0912", "09123456789012", "phone", "+1 555 0100"])
def test_bad_phones(text):
    with pytest.raises(InvalidApplicant) as caught:
        normalise_phone(text)
    assert caught.value.key == "applicant.phone"


def test_emails():
    assert normalise_email("  hoa@example.vn ") == "hoa@example.vn"
    assert normalise_email("") == ""
    for bad in ("hoa@", "@example.vn", "hoa example.vn", "hoa@example", "a@b@c.vn"):
        with pytest.raises(InvalidApplicant):
            normalise_email(bad)


@given(st.sampled_from(["cccd", "cmnd", "passport", "tax_code", "x"]), st.text(max_size=30))
def test_any_text_gives_a_number_or_the_modules_own_error(id_type, text):
    try:
        parse_id(id_type, text)
        normalise_phone(text)
        normalise_email(text)
    except InvalidApplicant as error:
        assert str(error) == VI[error.key].format(**error.params)
