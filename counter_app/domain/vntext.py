"""Vietnamese text helpers: normalisation, accent-insensitive folding, editing.

Vietnamese text reaches the app in two Unicode forms: precomposed (NFC, what most
keyboards and the national databases send) and decomposed (NFD, a base letter
followed by combining marks, e.g. ``e`` + U+0302 + U+0303 for ``ễ``).  Names and
addresses are stored NFC; search compares :func:`fold` keys.
"""

from __future__ import annotations

import unicodedata

__all__ = ["delete_last_letter", "fold", "nfc"]

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Return ``text`` in Unicode normalisation form C (precomposed)."""
    return unicodedata.normalize("NFC", text)


def _is_mark(char: str) -> bool:
    # Mn (nonspacing), Mc (spacing combining), Me (enclosing).
    return unicodedata.category(char).startswith("M")


def fold(text: str) -> str:
    """Return the accent-insensitive search key of ``text``.

    Lower-cased, every combining mark removed (tones and vowel marks), ``đ``/``Đ``
    turned into ``d``, runs of whitespace collapsed to one space and the ends
    stripped.  NFC and NFD inputs give the same key, and folding a key again
    changes nothing: ``fold("Nguyễn  Văn An") == "nguyen van an"``.
    """
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).lower())
    bare = "".join(char for char in decomposed if not _is_mark(char))
    bare = bare.lower().translate(_D_MAP)
    return nfc(" ".join(bare.split()))


def delete_last_letter(text: str) -> str:
    """Remove the last grapheme of ``text``: a base character with all its combining marks.

    Works the same whether the letter was typed precomposed (``ễ``) or decomposed
    (``e`` + U+0302 + U+0303); the rest of ``text`` is returned untouched.  A run of
    marks with no base character before it is removed on its own.
    """
    end = len(text)
    while end > 0 and _is_mark(text[end - 1]):
        end -= 1
    if end == 0:
        return ""
    if end >= 2 and text[end - 2 : end] == "\r\n":
        return text[: end - 2]
    return text[: end - 1]


def tidy(text: str) -> str:
    """``text`` as stored: NFC, the ends stripped, every run of whitespace one space."""
    return " ".join(nfc(text).split())


def one_line(text: str) -> str:
    """``text`` on one line: every run of whitespace (newlines included) one space, the ends stripped."""
    return " ".join(text.split())


def scanned(text: str) -> str:
    """Text as a handheld scanner typed it, cleaned: surrounding whitespace (CR/LF included) and the
    byte-order marks some scanner drivers send are dropped."""
    return text.replace("\ufeff", "").strip()
