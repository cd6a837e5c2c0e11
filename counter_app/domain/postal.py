"""Postal item codes: the identifier of a registered item handed to the post office (UPU S10).

A result returned by post (``return_method`` "post", the public postal service: Decree 118/2025/NĐ-CP on the
one-stop mechanism lets the citizen choose to receive the result through the public postal service) is
followed by its item code, which VNPost prints on the item as a barcode. VNPost item codes follow the
Universal Postal Union's standard S10 («Identification of postal items — 13-character identifier»):

* 2 letters, the service indicator (e.g. «EB», «RR», «CP»);
* 8 digits, the serial number;
* 1 check digit over the serial number: the digits weighted 8, 6, 4, 2, 3, 5, 9, 7 and summed;
  ``11 - sum mod 11``, where 10 becomes 0 and 11 becomes 5;
* 2 letters, the ISO 3166-1 alpha-2 code of the issuing country: «VN» for an item VNPost accepts.

Example: «EB123456785VN» (serial 12345678, weighted sum 204, 204 mod 11 = 6, check digit 11 - 6 = 5).
The weights and the two special cases are those of UPU S10 (section 5.2 of the standard, as quoted by every
public implementation); the standard's own text, sold by the UPU, could not be read here.
"""

from __future__ import annotations

import re
from enum import Enum

__all__ = ["S10_WEIGHTS", "S10Problem", "normalise_s10", "s10_check_digit", "s10_problem"]

#: the weights of the serial number's 8 digits (UPU S10)
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
#: the country of the items this program records: handed to VNPost
COUNTRY = "VN"
_SHAPE = re.compile(r"[A-Z]{2}[0-9]{9}[A-Z]{2}")


class S10Problem(Enum):
    """What is wrong with an item code."""

    EMPTY = "empty"
    SHAPE = "shape"  # not 2 letters, 9 digits, 2 letters
    CHECK_DIGIT = "check_digit"
    COUNTRY = "country"  # a well-formed code of another country's post


def normalise_s10(text: str) -> str:
    """The code as typed or scanned, upper case, without spaces (a scanner may add none; an officer may)."""
    return "".join(text.split()).upper()


def s10_check_digit(serial: str) -> int:
    """The S10 check digit of an 8-digit serial number."""
    if len(serial) != 8 or not serial.isascii() or not serial.isdigit():
        raise ValueError(serial)
    remainder = sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS, strict=True)) % 11
    check = 11 - remainder
    return {10: 0, 11: 5}.get(check, check)


def s10_problem(code: str) -> S10Problem | None:
    """None when ``code`` (already normalised) is a valid S10 item code of VNPost, else what is wrong."""
    if not code:
        return S10Problem.EMPTY
    if not _SHAPE.fullmatch(code):
        return S10Problem.SHAPE
    if s10_check_digit(code[2:10]) != int(code[10]):
        return S10Problem.CHECK_DIGIT
    if code[11:] != COUNTRY:
        return S10Problem.COUNTRY
    return None
