"""Dossier codes, one-stop unit codes and queue ticket numbers.

A dossier code is ``<unit identifier>-<YYMMDD>-<sequence>`` (Circular 01/2018/TT-VPCP, kept by
Circular 03/2025/TT-VPCP: the code on the Giấy tiếp nhận is the one the citizen looks the dossier up
with on the national portal, Decree 118/2025/NĐ-CP as amended by Decree 309/2026/NĐ-CP).

**Codes from anywhere** (:func:`parse_dossier_code`): the unit identifier is any dot-separated run of
letters and digits with a province (``H``) or ministry (``G``) letter-code part, in either order
(``000.00.53.H48``, ``H15.50.05.13``, ``G22.51``: Decision 20/2020/QĐ-TTg as amended by Decision
09/2025/QĐ-TTg), the sequence 4 to 7 digits (ministry systems use 6-7). Codes seen in use:
``000.00.53.H48-220921-0099`` (a provincial portal), ``H15.50.05.13-261008-0975``.

**Codes this app issues** (:func:`dossier_code`): to stay unique without a central coordinator while
offline, the sequence has 4 digits, the first the counter number (1-9) and the last three that
counter's dossiers of the day (001-999). Only such a code has a :attr:`DossierCode.counter`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .messages import DomainError
from .vntext import scanned

__all__ = [
    "DossierCode",
    "InvalidDossierCode",
    "InvalidTicketNumber",
    "dossier_code",
    "looks_like_dossier_code",
    "parse_dossier_code",
    "ticket_number",
]

_YYMMDD = re.compile(r"[0-9]{6}")
_SEQUENCE = re.compile(r"[0-9]{4,7}")
_ISSUED_HERE = re.compile(r"[1-9](?!000)[0-9]{3}")
_UNIT_PART = re.compile(r"[0-9A-Za-z]{1,12}")
_LETTER_CODE = re.compile(r"[HGhg][0-9]{2}")
_MAX_SHOWN = 40


class InvalidDossierCode(DomainError):
    """A dossier code (or one of its parts) that cannot be accepted."""


class InvalidTicketNumber(DomainError):
    """A queue ticket prefix or number that cannot be accepted."""


def _shown(value: str) -> str:
    cleaned = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value)
    return cleaned if len(cleaned) <= _MAX_SHOWN else cleaned[: _MAX_SHOWN - 1] + "…"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_unit_code(unit_code: str) -> None:
    if not unit_code:
        raise InvalidDossierCode("code.unit_empty")
    if any(ch == "-" or ch.isspace() or not ch.isprintable() for ch in unit_code):
        raise InvalidDossierCode("code.unit_chars", value=_shown(unit_code))


@dataclass(frozen=True, slots=True)
class DossierCode:
    """The parts of a dossier code. ``number`` is the sequence as printed (4 to 7 digits); ``counter``
    and ``seq`` are set only when it follows this app's scheme (4 digits, counter 1-9, 001-999), None
    for a code another system issued."""

    unit_code: str
    received_on: date
    number: str
    counter: int | None = None
    seq: int | None = None

    @property
    def code(self) -> str:
        """The printed code: ``<unit>-<YYMMDD>-<number>``."""
        return f"{self.unit_code}-{self.received_on:%y%m%d}-{self.number}"

    @property
    def app_scheme(self) -> bool:
        """True when the sequence follows this app's counter-digit scheme."""
        return self.counter is not None

    def __str__(self) -> str:
        return self.code


def dossier_code(unit_code: str, received_on: date, *, counter: int, seq: int) -> str:
    """Return ``<unit_code>-<YYMMDD>-<N><SSS>``.

    ``counter`` is the counter number 1-9, ``seq`` that counter's dossier number of
    the day 1-999.  Raises :class:`InvalidDossierCode` (a :class:`ValueError`) for an
    empty unit code or one containing ``-``, whitespace or control characters, for
    an out-of-range counter or sequence number, and for a year outside 2000-2099
    (which ``YY`` could not tell apart), and for a unit code without the shape of an identifier
    (:func:`parse_dossier_code` must read every code this app prints).

    >>> dossier_code("000.00.53.H48", date(2025, 11, 22), counter=2, seq=7)
    '000.00.53.H48-251122-2007'
    """
    _check_identifier_part(unit_code)
    if not _is_int(counter) or not 1 <= counter <= 9:
        raise InvalidDossierCode("code.counter", value=counter)
    if not _is_int(seq) or not 1 <= seq <= 999:
        raise InvalidDossierCode("code.seq", value=seq)
    if not 2000 <= received_on.year <= 2099:
        raise InvalidDossierCode("code.year", value=received_on.year)
    return f"{unit_code}-{received_on:%y%m%d}-{counter}{seq:03d}"


def _check_identifier_part(unit_code: str) -> None:
    """The unit part of a code from anywhere: dot-separated letters and digits, one part a letter code."""
    _check_unit_code(unit_code)
    parts = unit_code.split(".")
    if not all(_UNIT_PART.fullmatch(part) for part in parts) or not any(
        _LETTER_CODE.fullmatch(part) for part in parts
    ):
        raise InvalidDossierCode("code.unit_shape", value=_shown(unit_code))


def parse_dossier_code(text: str) -> DossierCode:
    """Split a printed or scanned dossier code, issued here or by any other system, into its parts.

    Accepts ``<unit identifier>-<YYMMDD>-<4 to 7 digits>``, the identifier any dot-separated run of
    letters and digits with an ``H``/``G`` letter-code part (see the module docstring). Surrounding
    whitespace (a scanner's CR/LF) is ignored; the unit code keeps the case it was printed with.
    ``YY`` is read as 20YY. ``counter``/``seq`` are filled only for this app's scheme. Raises
    :class:`InvalidDossierCode` with the reason for anything else.
    """
    stripped = scanned(text)
    if not stripped:
        raise InvalidDossierCode("code.empty")
    parts = stripped.split("-")
    if len(parts) != 3:
        raise InvalidDossierCode("code.format", value=_shown(stripped))
    unit_code, raw_date, raw_number = parts
    _check_identifier_part(unit_code)
    if _YYMMDD.fullmatch(raw_date) is None:
        raise InvalidDossierCode("code.date", value=_shown(raw_date))
    try:
        received_on = date(2000 + int(raw_date[:2]), int(raw_date[2:4]), int(raw_date[4:]))
    except ValueError:
        raise InvalidDossierCode("code.date", value=raw_date) from None
    if _SEQUENCE.fullmatch(raw_number) is None:
        raise InvalidDossierCode("code.number", value=_shown(raw_number))
    if _ISSUED_HERE.fullmatch(raw_number):
        return DossierCode(
            unit_code, received_on, raw_number, counter=int(raw_number[0]), seq=int(raw_number[1:])
        )
    return DossierCode(unit_code, received_on, raw_number)


def looks_like_dossier_code(text: str) -> bool:
    """True when ``text`` parses as a dossier code (used to recognise a scanned barcode)."""
    try:
        parse_dossier_code(text)
    except InvalidDossierCode:
        return False
    return True


def ticket_number(service_prefix: str, n: int) -> str:
    """Return a queue ticket number: the prefix then ``n`` zero-padded to 3 digits.

    ``ticket_number("A", 7) == "A007"``; numbers above 999 keep all their digits.
    Priority tickets are numbered separately; callers add their ``"U"`` to the
    prefix.  Raises :class:`InvalidTicketNumber` for an empty prefix, one with
    whitespace or control characters, or ``n < 1``.
    """
    if not service_prefix or any(ch.isspace() or not ch.isprintable() for ch in service_prefix):
        raise InvalidTicketNumber("ticket.prefix", value=_shown(service_prefix))
    if not _is_int(n) or n < 1:
        raise InvalidTicketNumber("ticket.number", value=n)
    return f"{service_prefix}{n:03d}"
