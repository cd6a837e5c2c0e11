"""The citizen identity card (CCCD): its 12-digit number and the QR code on the card.

The number is ``PPP G YY NNNNNN``: a 3-digit province-of-birth code, one digit for
century and gender (0/1 = male/female born 19xx, 2/3 = 20xx, 4/5 = 21xx, 6/7 =
22xx, 8/9 = 23xx), the last two digits of the birth year, and six digits.  There
is no check digit, and unknown province prefixes are not rejected (births abroad,
merged provinces).

The QR code holds ``number|old ID|full name|DDMMYYYY birth|gender|address|DDMMYYYY
issue`` (7 fields); some cards leave out the old ID field (6 fields).  A handheld
scanner types it like a keyboard, so the text may arrive decomposed (NFD) and with
a trailing CR/LF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .messages import DomainError
from .vntext import fold, nfc, scanned, tidy

__all__ = [
    "CccdData",
    "CccdNumberInfo",
    "InvalidCccd",
    "describe_number",
    "format_cccd_qr",
    "is_cccd_number",
    "looks_like_cccd_qr",
    "parse_cccd_qr",
]

_NUMBER = re.compile(r"[0-9]{12}")
_OLD_ID = re.compile(r"[0-9]{9}")
_DDMMYYYY = re.compile(r"[0-9]{8}")
_QR_START = re.compile(r"[0-9]{12}\|")

MALE = "Nam"
FEMALE = "Nữ"
_GENDERS = {"nam": MALE, "nu": FEMALE}

# Field names as printed in the messages.
_FIELD_NAMES = {
    "number": "số CCCD",
    "old_id": "số CMND cũ",
    "full_name": "họ và tên",
    "gender": "giới tính",
    "address": "nơi thường trú",
}


_strip = scanned


class InvalidCccd(DomainError):
    """A CCCD number or QR payload that cannot be accepted."""


@dataclass(frozen=True, slots=True)
class CccdData:
    """The fields of a CCCD QR code, NFC-normalised."""

    number: str
    old_id: str | None
    full_name: str
    birth_date: date
    gender: str
    address: str
    issued_on: date


@dataclass(frozen=True, slots=True)
class CccdNumberInfo:
    """What a CCCD number says about its holder."""

    province_code: str
    century: int
    gender: str
    birth_year: int


def _shown(value: str, limit: int = 40) -> str:
    """``value`` made safe to quote in a message: control characters escaped, long text cut."""
    cleaned = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def is_cccd_number(text: str) -> bool:
    """True when ``text`` (surrounding whitespace ignored) is exactly 12 ASCII digits."""
    return _NUMBER.fullmatch(_strip(text)) is not None


def looks_like_cccd_qr(text: str) -> bool:
    """Cheap check used by scanner detection: 12 digits then ``|`` at the start."""
    return _QR_START.match(_strip(text)) is not None


def describe_number(number: str) -> CccdNumberInfo:
    """Decode the province, century, gender and birth year from a CCCD number.

    Raises :class:`InvalidCccd` unless ``number`` is 12 ASCII digits (surrounding
    whitespace is ignored).
    """
    stripped = _strip(number)
    if _NUMBER.fullmatch(stripped) is None:
        raise InvalidCccd("cccd.number", value=_shown(number))
    digit = int(stripped[3])
    century = 1900 + 100 * (digit // 2)
    return CccdNumberInfo(
        province_code=stripped[:3],
        century=century,
        gender=MALE if digit % 2 == 0 else FEMALE,
        birth_year=century + int(stripped[4:6]),
    )


def _parse_date(raw: str, key: str) -> date:
    if _DDMMYYYY.fullmatch(raw) is None:
        raise InvalidCccd(key, value=_shown(raw))
    try:
        return date(int(raw[4:]), int(raw[2:4]), int(raw[:2]))
    except ValueError:
        raise InvalidCccd(key, value=_shown(raw)) from None


def parse_cccd_qr(text: str) -> CccdData:
    """Parse the text of a CCCD QR code.

    Accepts 7 fields (with the old 9-digit ID, possibly empty) or 6 fields (without
    it); tolerates surrounding whitespace, a trailing CR/LF and decomposed Unicode.
    Every text field comes back NFC with whitespace runs collapsed, the gender as
    ``"Nam"`` or ``"Nữ"``.

    Raises :class:`InvalidCccd`, naming the faulty field, for anything else,
    including a number whose century/gender digit or birth year disagrees with
    the birth date and gender (a corrupted scan).  No other exception is raised
    for any ``str`` input.
    """
    payload = _strip(nfc(text))
    if not payload:
        raise InvalidCccd("cccd.empty")
    fields = [field.strip() for field in payload.split("|")]
    if len(fields) == 7:
        raw_number, raw_old_id, raw_name, raw_birth, raw_gender, raw_address, raw_issued = fields
    elif len(fields) == 6:
        raw_number, raw_name, raw_birth, raw_gender, raw_address, raw_issued = fields
        raw_old_id = ""
    else:
        raise InvalidCccd("cccd.field_count", count=len(fields))

    if _NUMBER.fullmatch(raw_number) is None:
        raise InvalidCccd("cccd.number", value=_shown(raw_number))
    if raw_old_id and _OLD_ID.fullmatch(raw_old_id) is None:
        raise InvalidCccd("cccd.old_id", value=_shown(raw_old_id))
    full_name = tidy(raw_name)
    if not full_name:
        raise InvalidCccd("cccd.name_empty")
    birth_date = _parse_date(raw_birth, "cccd.birth_date")
    gender = _GENDERS.get(fold(raw_gender))
    if gender is None:
        raise InvalidCccd("cccd.gender", value=_shown(raw_gender))
    address = tidy(raw_address)
    issued_on = _parse_date(raw_issued, "cccd.issued_on")

    info = describe_number(raw_number)
    if info.birth_year != birth_date.year:
        raise InvalidCccd(
            "cccd.birth_year_mismatch", number=raw_number, expected=info.birth_year, birth_date=birth_date
        )
    if info.gender != gender:
        raise InvalidCccd("cccd.gender_mismatch", number=raw_number, expected=info.gender, actual=gender)
    if issued_on < birth_date:
        raise InvalidCccd("cccd.issued_before_birth", issued_on=issued_on, birth_date=birth_date)

    return CccdData(
        number=raw_number,
        old_id=raw_old_id or None,
        full_name=full_name,
        birth_date=birth_date,
        gender=gender,
        address=address,
        issued_on=issued_on,
    )


def _ddmmyyyy(value: date) -> str:
    return f"{value.day:02d}{value.month:02d}{value.year:04d}"


def format_cccd_qr(data: CccdData, *, with_old_id: bool = True) -> str:
    """Write ``data`` as the text of a CCCD QR code (the inverse of :func:`parse_cccd_qr`).

    With ``with_old_id`` the 7-field form is written (an absent old ID as an empty
    field), otherwise the 6-field form without it.  Raises :class:`InvalidCccd` when a field
    contains ``|`` or a line break, which the format cannot carry.
    """
    texts = {
        "number": data.number,
        "old_id": data.old_id or "",
        "full_name": data.full_name,
        "gender": data.gender,
        "address": data.address,
    }
    for name, value in texts.items():
        if "|" in value or "\n" in value or "\r" in value:
            raise InvalidCccd("cccd.unencodable", field=_FIELD_NAMES[name])
    parts = [data.number]
    if with_old_id:
        parts.append(data.old_id or "")
    parts += [
        data.full_name,
        _ddmmyyyy(data.birth_date),
        data.gender,
        data.address,
        _ddmmyyyy(data.issued_on),
    ]
    return nfc("|".join(parts))
