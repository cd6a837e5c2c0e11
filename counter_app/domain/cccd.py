"""The citizen identity card (CCCD, 2021) and the identity card («thẻ căn cước», since 1 July 2024): the
12-digit personal number and the QR code on the card.

The number is ``PPP G YY NNNNNN``: a 3-digit province-of-birth code, one digit for
century and gender (0/1 = male/female born 19xx, 2/3 = 20xx, 4/5 = 21xx, 6/7 =
22xx, 8/9 = 23xx), the last two digits of the birth year, and six digits.  There
is no check digit, and unknown province prefixes are not rejected (births abroad,
merged provinces).

The QR code holds ``number|old ID|full name|DDMMYYYY birth|gender|address|DDMMYYYY
issue`` (7 fields); some cards leave out the old ID field (6 fields).  A handheld
scanner types it like a keyboard, so the text may arrive decomposed (NFD) and with
a trailing CR/LF.

Sources:

* the 2021 CCCD with a chip (Circular 06/2021/TT-BCA, the card's model): the QR gives the CCCD
  number, the old 9-digit CMND number, name, birth date, gender, address and issue date
  (luatvietnam.vn, «Giấy tờ có in mã QR code», which describes both cards); public parsers read it
  the same way, e.g. github.com/dangbaokhoa/identity-card (README: «Số CCCD, Số CMND cũ, Họ tên,
  Ngày sinh, Giới tính, Địa chỉ thường trú, Ngày cấp») and github.com/phalconsupply/phongkham
  (docs/QR_SCANNER.md);
* the «thẻ căn cước» issued since 1 July 2024 (Law on Identification 26/2023/QH15, Circular
  16/2024/TT-BCA, the card's model): the same seven fields followed by fields left empty, e.g. 11
  ``|``-separated parts ``…|Nam|<nơi cư trú>|12112025||||`` (payloads of real cards, as reported in
  issue 13). Its address is the holder's «nơi cư trú» (place of residence), no longer «nơi thường
  trú»; both cards' addresses are kept as :attr:`CccdData.address` and labelled «nơi cư trú»
  (:data:`ADDRESS_LABEL`), the broader term. The published text of Circular 16/2024/TT-BCA
  describing the QR's content field by field could not be found; the parser therefore accepts any
  number of extra parts after the seventh as long as they are empty, and names the first non-empty
  one otherwise.

A QR code holds only printable text: control characters (NUL, ESC, BEL...), Unicode bidirectional
controls and zero-width characters in any field mean a corrupted or forged scan and are refused
(the character policy of :mod:`.text_rules`, a safety rule). So are a birth date or an issue date
after today: a card cannot be issued, nor its holder born, in the future (Law on Identification
26/2023/QH15, art. 19-20: the card is issued to a living citizen, from the data of the national
population database).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .messages import DomainError
from .text_rules import describe_char, first_unsafe
from .vntext import fold, nfc, scanned, tidy

__all__ = [
    "ADDRESS_LABEL",
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
    "address": "nơi cư trú",
    "birth_date": "ngày sinh",
    "issued_on": "ngày cấp",
}


#: how the card's address is labelled, in the data and on screen: the «thẻ căn cước» (2024) carries the
#: holder's place of residence («nơi cư trú»), which also covers the 2021 card's «nơi thường trú»
ADDRESS_LABEL = "Nơi cư trú"
#: the «thẻ căn cước» replaced the CCCD from this day (Law on Identification 26/2023/QH15, art. 46)
IDENTITY_CARD_SINCE = date(2024, 7, 1)

_strip = scanned
_SEVEN: tuple[str, ...] = ("number", "old_id", "full_name", "birth_date", "gender", "address", "issued_on")
_SIX: tuple[str, ...] = ("number", "full_name", "birth_date", "gender", "address", "issued_on")


class InvalidCccd(DomainError):
    """A CCCD number or QR payload that cannot be accepted."""


@dataclass(frozen=True, slots=True)
class CccdData:
    """The fields of a CCCD or «thẻ căn cước» QR code, NFC-normalised. ``address`` is the holder's
    «nơi cư trú» (:data:`ADDRESS_LABEL`)."""

    number: str
    old_id: str | None
    full_name: str
    birth_date: date
    gender: str
    address: str
    issued_on: date

    @property
    def residence(self) -> str:
        """The holder's «nơi cư trú», as the card gives it (the same text as ``address``)."""
        return self.address

    @property
    def is_identity_card(self) -> bool:
        """True for a «thẻ căn cước» (issued from 1 July 2024), False for a 2021 CCCD."""
        return self.issued_on >= IDENTITY_CARD_SINCE


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


def _trim(text: str) -> str:
    """``text`` without the whitespace and byte-order marks a scanner adds at either end (one inside is
    kept, and refused as a zero-width character)."""
    while True:
        trimmed = text.strip().strip("\ufeff")
        if trimmed == text:
            return text
        text = trimmed


def _check_chars(raw: dict[str, str]) -> None:
    """Refuse a field holding a control, bidirectional or zero-width character (any of them)."""
    for name, value in raw.items():
        index = first_unsafe(value)
        if index is not None:
            raise InvalidCccd(
                "cccd.unsafe_char",
                field=_FIELD_NAMES[name],
                char=describe_char(value[index]),
                position=index + 1,
            )


def parse_cccd_qr(text: str, *, today: date) -> CccdData:
    """Parse the text of a CCCD QR code.

    Accepts 7 fields (with the old 9-digit ID, possibly empty), 6 fields (without
    it), or 7 fields followed by empty ones (the «thẻ căn cước», e.g. 11 parts ending
    ``||||``); a non-empty part after the seventh is refused, naming its position. Tolerates surrounding whitespace, a trailing CR/LF and decomposed Unicode.
    Every text field comes back NFC with whitespace runs collapsed, the gender as
    ``"Nam"`` or ``"Nữ"``.

    Raises :class:`InvalidCccd`, naming the faulty field, for anything else,
    including a number whose century/gender digit or birth year disagrees with
    the birth date and gender (a corrupted scan), a control, bidirectional or
    zero-width character in any field, and a birth or issue date after ``today``
    (the caller's date: the function reads no clock).  No other exception is
    raised for any ``str`` input.
    """
    payload = _trim(nfc(text))
    if not payload:
        raise InvalidCccd("cccd.empty")
    parts = payload.split("|")
    if len(parts) >= 7:
        names = _SEVEN
        for position, extra in enumerate(parts[7:], start=8):
            index = first_unsafe(extra)
            if index is not None:
                raise InvalidCccd(
                    "cccd.unsafe_extra", position=position, char=describe_char(extra[index]), at=index + 1
                )
            if extra.strip():
                raise InvalidCccd(
                    "cccd.extra_field", position=position, count=len(parts), value=_shown(extra)
                )
        parts = parts[:7]
    elif len(parts) == 6:
        names = _SIX
    else:
        raise InvalidCccd("cccd.field_count", count=len(parts))
    # checked before stripping: str.strip() would silently drop the C0 separators U+001C-U+001F
    _check_chars(dict(zip(names, parts, strict=True)))
    raw = {name: part.strip() for name, part in zip(names, parts, strict=True)}
    raw_number, raw_old_id, raw_name = raw["number"], raw.get("old_id", ""), raw["full_name"]
    raw_birth, raw_gender, raw_address, raw_issued = (
        raw["birth_date"],
        raw["gender"],
        raw["address"],
        raw["issued_on"],
    )

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
    if birth_date > today:
        raise InvalidCccd("cccd.birth_in_future", birth_date=birth_date, today=today)
    if issued_on > today:
        raise InvalidCccd("cccd.issued_in_future", issued_on=issued_on, today=today)
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
