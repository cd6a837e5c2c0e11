"""Which characters a stored or printed text may hold: the character policy applied at every boundary.

This is a safety rule, not a legal one. Text reaches the counter from a handheld scanner, the national
portal's export files, the keyboard and the configuration; it leaves it on printed forms, in TSV/CSV
exports, in the central PostgreSQL store and in the log. Some characters break one of those on the way:

* NUL (U+0000) cannot be stored in a PostgreSQL ``text`` column: one NUL in a name stops a counter's
  sync for good;
* the other C0/C1 control characters (ESC starts terminal escape sequences, BEL rings, TAB/LF/CR
  break TSV rows and one-line fields) are never part of a name, an address or a code;
* the Unicode bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C) reorder
  what a reader sees ("Trojan Source", CVE-2021-42574), so a printed name could differ from the stored
  one;
* zero-width characters (U+200B-U+200D, U+2060, U+FEFF) make two identical-looking names different,
  defeating search and duplicate checks;
* lone surrogates cannot be encoded in UTF-8 at all.

Every other character of Unicode categories ``Cc`` (control), ``Cf`` (format) and ``Cs`` (surrogate),
and the line/paragraph separators (``Zl``, ``Zp``) are refused the same way. A field that is explicitly
multi-line (a note, a reason written on several lines) accepts TAB, LF and CR, nothing more. Accepted
text is returned NFC-normalised, the form names and addresses are stored in (see :mod:`.vntext`).
"""

from __future__ import annotations

import unicodedata

from .messages import DomainError

__all__ = [
    "UnsafeText",
    "check_text",
    "describe_char",
    "first_unsafe",
    "is_safe_text",
]

#: bidirectional controls: embeddings, overrides, isolates and the implicit marks (Unicode UAX #9)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
#: zero-width characters: space, non-joiner, joiner, word joiner, byte-order mark / zero-width no-break
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
#: what a multi-line field may hold on top of a one-line field
MULTILINE_EXTRA = frozenset("\t\n\r")
#: categories refused everywhere: control, format, surrogate, line and paragraph separators
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


class UnsafeText(DomainError):
    """A text holding a character the policy refuses; ``params["field"]`` names the field."""


def _refused(char: str, multiline: bool) -> bool:
    if multiline and char in MULTILINE_EXTRA:
        return False
    return char in BIDI_CONTROLS or char in ZERO_WIDTH or unicodedata.category(char) in _REFUSED_CATEGORIES


def first_unsafe(text: str, *, multiline: bool = False) -> int | None:
    """The index of the first refused character of ``text``; None when every character is allowed."""
    for index, char in enumerate(text):
        if _refused(char, multiline):
            return index
    return None


def is_safe_text(text: str, *, multiline: bool = False) -> bool:
    """True when ``text`` holds no refused character."""
    return first_unsafe(text, multiline=multiline) is None


def describe_char(char: str) -> str:
    """``U+0000`` (and the character's Unicode name when it has one): how a message names it."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    return f"{code} {name}" if name else code


def check_text(field: str, text: str, *, multiline: bool = False) -> str:
    """``text`` NFC-normalised, or :class:`UnsafeText` naming ``field`` and the first refused character.

    ``field`` is the field's name as the person reads it (e.g. ``"họ và tên"``); the message never
    quotes the text itself, which may be personal data.
    """
    index = first_unsafe(text, multiline=multiline)
    if index is not None:
        raise UnsafeText("text.unsafe_char", field=field, char=describe_char(text[index]), position=index + 1)
    return unicodedata.normalize("NFC", text)
