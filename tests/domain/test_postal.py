"""UPU S10 item codes (``domain.postal``), table-driven like the standard reads, and a property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.postal import S10Problem, normalise_s10, s10_check_digit, s10_problem


@pytest.mark.parametrize(
    ("serial", "check"),
    [
        ("12345678", 5),  # weighted sum 204, 204 mod 11 = 6 → 11 - 6
        ("00000001", 4),  # 7 → 11 - 7
        ("00000000", 5),  # remainder 0 → 11 → 5
        ("00000008", 0),  # 56 mod 11 = 1 → 10 → 0
    ],
)
def test_check_digit_as_s10_computes_it(serial, check):
    assert s10_check_digit(serial) == check


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("EB123456785VN", None),
        ("RR000000085VN", S10Problem.CHECK_DIGIT),  # 00000008 → 0, not 5
        ("RR000000080VN", None),
        ("EB123456784VN", S10Problem.CHECK_DIGIT),
        ("EB123456785CN", S10Problem.COUNTRY),  # well formed, another country's post
        ("EB12345678VN", S10Problem.SHAPE),  # a digit short
        ("E1123456785VN", S10Problem.SHAPE),
        ("EB１23456785VN", S10Problem.SHAPE),  # a full-width digit is not a digit of the code
        ("", S10Problem.EMPTY),
    ],
)
def test_item_codes(code, problem):
    assert s10_problem(code) is problem


def test_typed_codes_are_normalised():
    assert normalise_s10(" eb 1234 5678 5vn ") == "EB123456785VN"


@given(st.text(max_size=20))
def test_any_text_gives_a_verdict(text):
    assert s10_problem(normalise_s10(text)) in (None, *S10Problem)


@given(st.from_regex(r"[A-Z]{2}[0-9]{8}", fullmatch=True), st.integers(0, 9))
def test_exactly_one_check_digit_fits(prefix, digit):
    code = f"{prefix}{digit}VN"
    assert (s10_problem(code) is None) == (digit == s10_check_digit(prefix[2:]))
