"""Dossier codes, one-stop unit codes and queue ticket numbers.

A dossier code is ``<unit one-stop code>-<YYMMDD>-<NNNN>`` (Circular 01/2018/TT-VPCP),
e.g. ``000.00.53.H48-251122-2007``.  To stay unique without a central coordinator
while offline, the first digit of ``NNNN`` is the counter number (1-9) and the last
three count that counter's dossiers of the day (001-999).
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
    "derive_unit_code",
    "dossier_code",
    "looks_like_dossier_code",
    "parse_dossier_code",
    "ticket_number",
]

_YYMMDD = re.compile(r"[0-9]{6}")
_NNNN = re.compile(r"[0-9]{4}")
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
    """The parts of a dossier code."""

    unit_code: str
    received_on: date
    counter: int
    seq: int

    @property
    def code(self) -> str:
        """The printed code, as :func:`dossier_code` writes it."""
        return dossier_code(self.unit_code, self.received_on, counter=self.counter, seq=self.seq)

    def __str__(self) -> str:
        return self.code


def dossier_code(unit_code: str, received_on: date, *, counter: int, seq: int) -> str:
    """Return ``<unit_code>-<YYMMDD>-<N><SSS>``.

    ``counter`` is the counter number 1-9, ``seq`` that counter's dossier number of
    the day 1-999.  Raises :class:`InvalidDossierCode` (a :class:`ValueError`) for an
    empty unit code or one containing ``-``, whitespace or control characters, for
    an out-of-range counter or sequence number, and for a year outside 2000-2099
    (which ``YY`` could not tell apart).

    >>> dossier_code("000.00.53.H48", date(2025, 11, 22), counter=2, seq=7)
    '000.00.53.H48-251122-2007'
    """
    _check_unit_code(unit_code)
    if not _is_int(counter) or not 1 <= counter <= 9:
        raise InvalidDossierCode("code.counter", value=counter)
    if not _is_int(seq) or not 1 <= seq <= 999:
        raise InvalidDossierCode("code.seq", value=seq)
    if not 2000 <= received_on.year <= 2099:
        raise InvalidDossierCode("code.year", value=received_on.year)
    return f"{unit_code}-{received_on:%y%m%d}-{counter}{seq:03d}"


def parse_dossier_code(text: str) -> DossierCode:
    """Split a printed or scanned dossier code into its parts.

    Surrounding whitespace (a scanner's CR/LF) is ignored; the unit code keeps the
    case it was printed with.  ``YY`` is read as 20YY.  Raises
    :class:`InvalidDossierCode` with the reason for anything else.
    """
    stripped = scanned(text)
    if not stripped:
        raise InvalidDossierCode("code.empty")
    parts = stripped.split("-")
    if len(parts) != 3:
        raise InvalidDossierCode("code.format", value=_shown(stripped))
    unit_code, raw_date, raw_number = parts
    _check_unit_code(unit_code)
    if _YYMMDD.fullmatch(raw_date) is None:
        raise InvalidDossierCode("code.date", value=_shown(raw_date))
    try:
        received_on = date(2000 + int(raw_date[:2]), int(raw_date[2:4]), int(raw_date[4:]))
    except ValueError:
        raise InvalidDossierCode("code.date", value=raw_date) from None
    if _NNNN.fullmatch(raw_number) is None or raw_number[0] == "0" or raw_number[1:] == "000":
        raise InvalidDossierCode("code.number", value=_shown(raw_number))
    return DossierCode(
        unit_code=unit_code, received_on=received_on, counter=int(raw_number[0]), seq=int(raw_number[1:])
    )


def looks_like_dossier_code(text: str) -> bool:
    """True when ``text`` parses as a dossier code (used to recognise a scanned barcode)."""
    try:
        parse_dossier_code(text)
    except InvalidDossierCode:
        return False
    return True


def derive_unit_code(province_code: int, ward_code: int) -> str:
    """Build a QCVN 102:2016-style one-stop unit code from administrative codes.

    This is only a **fallback** for when no one-stop identifier is configured for the
    receiving unit: the real code is assigned by the province and should be set in
    the configuration.  The result is ``"000.{ward_code:05d}.H{province_code:02d}"``,
    e.g. ``derive_unit_code(48, 20194) == "000.20194.H48"``.

    Raises :class:`InvalidDossierCode` unless ``province_code`` is 0-99 and
    ``ward_code`` 0-99999.
    """
    if not _is_int(province_code) or not 0 <= province_code <= 99:
        raise InvalidDossierCode("code.province", value=province_code)
    if not _is_int(ward_code) or not 0 <= ward_code <= 99_999:
        raise InvalidDossierCode("code.ward", value=ward_code)
    return f"000.{ward_code:05d}.H{province_code:02d}"


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
