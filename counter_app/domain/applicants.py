"""Who submits a dossier, entered by hand at the counter: the kinds of applicant and their numbers.

A dossier's applicant («chủ hồ sơ») is a person or an organisation; someone else may submit it for them
(an organisation's legal representative, a person's authorised representative). Decree 118/2025/NĐ-CP
governs receiving dossiers at the one-stop counter; the exact article on who may submit could not be
checked here, so the rule is kept to what the national portal's record shape (``DongBoHoSoMC``) already
carries: an applicant that is a citizen or an organisation (``LoaiDoiTuong``). Since the
card scanner covers only CCCD / «thẻ căn cước» holders (:mod:`.cccd`), a person may also be entered by
number:

* ``cccd`` — the 12-digit personal identification number (số định danh cá nhân: Law on Identification
  26/2023/QH15, art. 12; the number of the CCCD and of the «thẻ căn cước»);
* ``cmnd`` — the old 9-digit identity card (chứng minh nhân dân: Decree 05/1999/NĐ-CP), still seen on
  older papers;
* ``passport`` — a passport number (Vietnamese passports: one letter then seven digits, Law on Exit
  and Entry of Vietnamese Citizens 49/2019/QH14; foreign ones vary), checked loosely: 6 to 12 ASCII
  letters and digits with at least one digit;
* ``tax_code`` — an organisation's tax code (mã số thuế: 10 digits, a branch's 10 digits, ``-`` and 3
  digits, Circular 105/2020/TT-BTC art. 5; since 1 July 2025 an individual's is the 12-digit personal
  number, Circular 86/2024/TT-BTC). The check digit of the 10-digit code is not verified: the text
  defining it could not be checked here.

Phone numbers are Vietnamese numbers as people write them (``0``/``+84`` then 8 to 10 digits; spaces,
dots and hyphens ignored: the national numbering plan, Circular 22/2014/TT-BTTTT as amended, has 10-digit
mobile and 11-digit fixed numbers); e-mail addresses are checked for their shape only. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cccd import is_cccd_number
from .messages import DomainError
from .vntext import scanned

__all__ = [
    "APPLICANT_KINDS",
    "ID_TYPES",
    "InvalidApplicant",
    "PersonalId",
    "normalise_email",
    "normalise_phone",
    "parse_id",
]

#: a person («công dân») or an organisation («tổ chức»)
APPLICANT_KINDS = ("citizen", "organisation")
#: the numbers an applicant or representative may be identified by
ID_TYPES = ("cccd", "cmnd", "passport", "tax_code")

_CMND = re.compile(r"[0-9]{9}")
_PASSPORT = re.compile(r"(?=[A-Z0-9]*[0-9])[A-Z0-9]{6,12}")
_TAX_CODE = re.compile(r"[0-9]{10}(-[0-9]{3})?|[0-9]{12}")
_PHONE = re.compile(r"(\+84|0)[0-9]{8,10}")
_PHONE_SEPARATORS = re.compile(r"[ .\-()]")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


class InvalidApplicant(DomainError):
    """An applicant's number, phone or e-mail that cannot be accepted."""


@dataclass(frozen=True, slots=True)
class PersonalId:
    """A number and what kind of number it is (one of :data:`ID_TYPES`)."""

    id_type: str
    number: str


def _shown(value: str) -> str:
    cleaned = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value)
    return cleaned if len(cleaned) <= 30 else cleaned[:29] + "…"


def parse_id(id_type: str, text: str) -> PersonalId:
    """The number ``text`` of kind ``id_type`` (surrounding whitespace ignored, a passport upper-cased),
    or :class:`InvalidApplicant` naming what is wrong."""
    value = scanned(text)
    if id_type not in ID_TYPES:
        raise InvalidApplicant("applicant.id_type", value=_shown(id_type))
    if not value:
        raise InvalidApplicant(f"applicant.{id_type}_empty")
    if id_type == "cccd":
        if not is_cccd_number(value):
            raise InvalidApplicant("applicant.cccd", value=_shown(value))
    elif id_type == "cmnd":
        if _CMND.fullmatch(value) is None:
            raise InvalidApplicant("applicant.cmnd", value=_shown(value))
    elif id_type == "passport":
        value = value.upper()
        if not value.isascii() or _PASSPORT.fullmatch(value) is None:
            raise InvalidApplicant("applicant.passport", value=_shown(value))
    elif _TAX_CODE.fullmatch(value) is None:
        raise InvalidApplicant("applicant.tax_code", value=_shown(value))
    return PersonalId(id_type, value)


def guess_id_type(text: str) -> str | None:
    """The kind of a typed person's number: 12 digits ``cccd``, 9 digits ``cmnd``, letters and digits
    ``passport``; None when it is none of them."""
    value = scanned(text).upper()
    if is_cccd_number(value):
        return "cccd"
    if _CMND.fullmatch(value):
        return "cmnd"
    if value.isascii() and _PASSPORT.fullmatch(value) and not value.isdigit():
        return "passport"
    return None


def normalise_phone(text: str) -> str:
    """A phone number as typed, checked and kept with its digits only (``+84`` kept); empty stays empty."""
    value = scanned(text)
    if not value:
        return ""
    compact = _PHONE_SEPARATORS.sub("", value)
    if _PHONE.fullmatch(compact) is None:
        raise InvalidApplicant("applicant.phone", value=_shown(value))
    return compact


def normalise_email(text: str) -> str:
    """An e-mail address checked for its shape (``name@domain.tld``), surrounding spaces removed."""
    value = scanned(text)
    if not value:
        return ""
    if len(value) > 120 or _EMAIL.fullmatch(value) is None:
        raise InvalidApplicant("applicant.email", value=_shown(value))
    return value
