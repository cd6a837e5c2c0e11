"""A unit's official electronic identifier (mã định danh điện tử), as configured at setup.

Identifiers are issued under Decision 20/2020/QĐ-TTg (amended in 2025) and cannot be derived from the
statistical unit codes: Quảng Ngãi's province-level letter code is H48 (not H51, its statistical code), Gia
Lai's H21. The text of the Decision's code structure could not be checked here, so the check is loose, as
the identifiers seen in use are: two to five dot-separated parts of letters and digits, one of which is a
province (``H``) or ministry (``G``) letter code followed by two digits — ``000.00.53.H48``,
``H15.50.05.13``, ``G01.003``. Dossier codes start with it (``<identifier>-<YYMMDD>-<sequence>``), so it
may not contain ``-`` or spaces. Pure functions.
"""

from __future__ import annotations

import re

from .messages import DomainError
from .vntext import scanned

_PART = re.compile(r"[0-9A-Za-z]{1,8}")
_LETTER_CODE = re.compile(r"[HGhg][0-9]{2}")
MAX_LENGTH = 40


class InvalidIdentifier(DomainError):
    """A unit identifier that cannot be accepted."""


def parse_unit_identifier(text: str) -> str:
    """The identifier, normalised (letter codes upper-case), or :class:`InvalidIdentifier` saying why."""
    value = scanned(text)
    shown = value[:MAX_LENGTH]
    if not value:
        raise InvalidIdentifier("identifier.empty")
    if len(value) > MAX_LENGTH or not value.isascii() or not value.isprintable():
        raise InvalidIdentifier("identifier.chars", value=ascii(shown)[1:-1])
    parts = value.split(".")
    if not 2 <= len(parts) <= 5 or not all(_PART.fullmatch(part) for part in parts):
        raise InvalidIdentifier("identifier.shape", value=shown)
    if not any(_LETTER_CODE.fullmatch(part) for part in parts):
        raise InvalidIdentifier("identifier.no_letter_code", value=shown)
    return ".".join(part.upper() if _LETTER_CODE.fullmatch(part) else part for part in parts)
