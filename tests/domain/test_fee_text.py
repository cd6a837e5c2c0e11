"""Fees as the catalogues write them: an amount in đồng when the text states one, the text kept as a note."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.fee_text import MAX_FEE, NOTE_LENGTH, read_fee


@pytest.mark.parametrize(
    ("text", "amount", "note"),
    [
        ("", 0, ""),
        ("Không", 0, ""),
        ("Miễn phí", 0, "Miễn phí"),
        ("Không thu phí", 0, "Không thu phí"),
        ("50.000 đồng", 50_000, ""),
        ("50.000đ", 50_000, ""),
        ("15,000 VNĐ", 15_000, ""),
        ("50000", 50_000, ""),  # a number cell: đồng
        ("0 Đồng", 0, ""),
        ("Phí: Đồng", 0, ""),  # the database's label with no amount entered: nothing stated
        ("Lệ phí:", 0, ""),
        ("Phí, lệ phí: 10.000 đồng", 10_000, ""),
        ("1,5 triệu đồng", 1_500_000, ""),
        ("100 nghìn đồng", 100_000, ""),
        (
            "Lệ phí : 8.000 đồng/bản sao Trích lục; miễn lệ phí cho người thuộc hộ nghèo",
            8_000,
            "8.000 đồng/bản sao Trích lục; miễn lệ phí cho người thuộc hộ nghèo",
        ),
        (
            "2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang",  # the first amount: the base
            2_000,
            "2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang",
        ),
        ("Lệ phí : Miễn lệ phí. Phí cấp bản sao theo Thông tư 281/2016/TT-BTC", 0, None),
        ("Lệ phí : Đồng (Miễn lệ phí đăng ký kết hôn)", 0, "Miễn lệ phí đăng ký kết hôn"),
        (
            "Lệ phí : 0 Đồng (Miễn lệ phí đăng ký khai sinh đúng hạn)",
            0,
            "Miễn lệ phí đăng ký khai sinh đúng hạn",
        ),
    ],
)
def test_read(text, amount, note):
    reading = read_fee(text)
    assert reading.amount == amount and reading.reason == ""
    if note is not None:
        assert reading.note == note


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Theo mức thu do Hội đồng nhân dân cấp tỉnh quy định", "no_amount"),
        ("x", "no_amount"),
        ("99.000.000.000 đồng", "too_large"),
    ],
)
def test_not_read_and_why_with_the_text_kept(text, reason):
    reading = read_fee(text)
    assert reading.amount is None and reading.reason == reason and reading.note


def test_numbers_that_are_not_money_are_not_amounts():
    reading = read_fee("Theo Thông tư số 281/2016/TT-BTC, tính từ trang thứ 3")
    assert reading.amount is None


def test_a_long_note_is_cut_to_what_the_store_keeps():
    reading = read_fee("50.000 đồng; " + "ghi chú rất dài " * 100)
    assert reading.amount == 50_000 and len(reading.note) == NOTE_LENGTH and reading.note.endswith("…")


@given(st.integers(0, MAX_FEE))
def test_any_amount_written_with_dots_is_read(amount):
    written = f"{amount:,}".replace(",", ".")
    assert read_fee(f"{written} đồng").amount == amount
    assert read_fee(f"Lệ phí: {written} đồng/hồ sơ").amount == amount


@given(st.text(max_size=300))
def test_any_text_is_read_or_reported_never_raises(text):
    reading = read_fee(text)
    assert reading.amount is None or 0 <= reading.amount <= MAX_FEE
    assert len(reading.note) <= NOTE_LENGTH
    assert (reading.amount is None) == bool(reading.reason)
