"""The character policy: what a stored or printed text may hold (a safety rule, see text_rules)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.messages import VI
from counter_app.domain.text_rules import UnsafeText, check_text, describe_char, first_unsafe, is_safe_text

REFUSED = [
    "\x00",  # NUL: PostgreSQL text cannot hold it
    "\x01",
    "\x07",  # BEL
    "\x08",
    "\x1b",  # ESC: terminal escape sequences
    "\x1f",
    "\x7f",  # DEL
    "\x85",  # C1 next line
    "\x9b",  # C1 CSI
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",  # soft hyphen (Cf)
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\U000e0001",  # language tag (Cf)
    "\ud800",  # a lone surrogate, as json.loads gives for "\ud800"
]


@pytest.mark.parametrize("char", REFUSED, ids=[f"U+{ord(c):04X}" for c in REFUSED])
def test_refused_everywhere(char):
    for text in (char, f"Nguyễn{char}Văn An", f"An{char}"):
        assert not is_safe_text(text)
        assert not is_safe_text(text, multiline=True)
        with pytest.raises(UnsafeText) as caught:
            check_text("họ và tên", text, multiline=True)
        message = str(caught.value)
        assert caught.value.key == "text.unsafe_char" and caught.value.params["field"] == "họ và tên"
        assert message == VI["text.unsafe_char"].format(**caught.value.params)
        assert "«họ và tên»" in message and f"U+{ord(char):04X}" in message
        assert char not in message


@pytest.mark.parametrize("char", ["\t", "\n", "\r"])
def test_tab_and_line_breaks_only_in_multiline_fields(char):
    text = f"dòng một{char}dòng hai"
    with pytest.raises(UnsafeText):
        check_text("ghi chú", text)
    assert check_text("ghi chú", text, multiline=True) == text


def test_position_is_counted_from_one():
    assert first_unsafe("ab\x00") == 2
    with pytest.raises(UnsafeText) as caught:
        check_text("địa chỉ", "ab\x00")
    assert caught.value.params["position"] == 3


def test_vietnamese_text_is_accepted_and_nfc_normalised():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Đặng Ưng, số 1/2 (ngõ 3) — 100% «đúng»")
    accepted = check_text("họ và tên", decomposed)
    assert accepted == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", accepted)


def test_describe_char_names_the_character():
    assert describe_char("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert describe_char("\x00") == "U+0000"  # control characters have no Unicode name


@settings(max_examples=300)
@given(st.text(), st.booleans())
def test_any_text_is_accepted_clean_or_refused_with_a_typed_error(text, multiline):
    try:
        accepted = check_text("trường", text, multiline=multiline)
    except UnsafeText as exc:
        assert "\n" not in str(exc)
    else:
        allowed = {"\t", "\n", "\r"} if multiline else set()
        assert all(
            ch in allowed or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Zl", "Zp"} for ch in accepted
        )
