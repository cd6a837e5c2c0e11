"""A unit's official electronic identifier (mã định danh điện tử), as configured at setup.

Identifiers are issued under Decision 20/2020/QĐ-TTg (the code of the agencies' electronic identifiers
for the exchange of e-documents) as amended by Decision 09/2025/QĐ-TTg; each province or ministry assigns
its units' codes. They **cannot be derived** from the statistical unit codes, and the app derives none:
the identifier is set at setup (``counter-app setup --identifier``) or in ``[counter] one_stop_code``; a
unit without one has :func:`unconfigured` in the store (a placeholder no identifier can equal) and
cannot issue dossier codes until the administrator sets it (:func:`require_identifier`). The demo store
uses :func:`demo_identifier`, ``DEMO.<unit id>.H00``: well-formed, and clearly fake (no province has the
letter code H00, no real identifier has a ``DEMO`` part).

Examples of why nothing can be derived: Quảng Ngãi's province-level letter code is H48 (not H51, its statistical code), Gia
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


#: the first character of a placeholder: a unit of the catalogue whose identifier is not set
UNCONFIGURED_PREFIX = "?"
#: the letter code of the demo's identifiers: no province or ministry has it
DEMO_LETTER_CODE = "H00"


class InvalidIdentifier(DomainError):
    """A unit identifier that cannot be accepted."""


def demo_identifier(unit_id: str | int) -> str:
    """The demo store's identifier for ``unit_id``: ``DEMO.<unit id>.H00``, well-formed and clearly fake."""
    return f"DEMO.{unit_id}.{DEMO_LETTER_CODE}"


def is_demo(value: str) -> bool:
    """True for an identifier of the demo's fake letter code (:data:`DEMO_LETTER_CODE`)."""
    return DEMO_LETTER_CODE in scanned(value).upper().split(".")


def unconfigured(unit_id: str | int) -> str:
    """What the store holds for a unit whose identifier was never set: ``?<unit id>`` (unique, and never a
    valid identifier)."""
    return f"{UNCONFIGURED_PREFIX}{unit_id}"


def is_configured(value: str) -> bool:
    """True when ``value`` is an identifier (not empty, not a placeholder, of the accepted shape)."""
    try:
        parse_unit_identifier(value)
    except InvalidIdentifier:
        return False
    return True


def require_identifier(value: str) -> str:
    """``value`` when it is a configured identifier; otherwise :class:`InvalidIdentifier` telling the
    administrator to set it at setup (``identifier.not_configured``)."""
    if not value or value.startswith(UNCONFIGURED_PREFIX) or not is_configured(value):
        raise InvalidIdentifier("identifier.not_configured")
    return value


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
