"""Accent-insensitive folding and letter-wise deletion of Vietnamese text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.vntext import delete_last_letter, fold, nfc


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Nguyễn  Văn An", "nguyen van an"),
        ("  Nguyễn Văn An \r\n", "nguyen van an"),
        ("ĐẶNG THỊ ĐÀO", "dang thi dao"),
        ("đường Điện Biên Phủ", "duong dien bien phu"),
        ("Phường\tHàng Bạc", "phuong hang bac"),
        ("Ứng Hòa", "ung hoa"),
        ("Quỳnh Lưu", "quynh luu"),
        ("Nguyen Van An", "nguyen van an"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_fold(text, key):
    assert fold(text) == key
    assert fold(nfd(text)) == key


def test_nfc_composes_scanner_output():
    assert nfc("Nguye\u0302\u0303n") == "Nguyễn"
    assert len(nfc("Nguye\u0302\u0303n")) == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễ", "Nguy"),  # precomposed ễ
        ("Nguye\u0302\u0303", "Nguy"),  # e + circumflex + tilde, as some input methods send it
        ("Nguye\u0303\u0302", "Nguy"),  # marks in the other order
        ("An", "A"),
        ("A", ""),
        ("", ""),
        ("\u0302\u0303", ""),  # marks with no letter
        ("Văn ", "Văn"),
        ("ab\r\n", "ab"),
    ],
)
def test_delete_last_letter(text, expected):
    assert delete_last_letter(text) == expected


@settings(max_examples=300)
@given(st.text())
def test_fold_is_idempotent_and_normalisation_insensitive(text):
    key = fold(text)
    assert fold(key) == key
    assert fold(nfc(text)) == key
    assert fold(nfd(text)) == key
    assert "  " not in key
    assert key == key.strip()
    assert "đ" not in key
    assert not any(unicodedata.category(ch).startswith("M") for ch in nfd(key))


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY \u0300\u0301\u0303\u0309\u0323"


@settings(max_examples=300)
@given(st.text(alphabet=VIETNAMESE))
def test_fold_of_vietnamese_is_plain_ascii(text):
    key = fold(text)
    assert key.isascii()
    assert key == key.lower()


@settings(max_examples=300)
@given(st.text(min_size=1))
def test_delete_last_letter_removes_a_suffix(text):
    shorter = delete_last_letter(text)
    assert len(shorter) < len(text)
    assert text.startswith(shorter)
