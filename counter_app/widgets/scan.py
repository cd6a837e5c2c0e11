"""What a handheld scanner typed: a CCCD QR payload, a dossier code, a receipt's QR, or a garbled scan.

A scanner in keyboard mode types the code's text and Enter. The same text can arrive through any
input (typed, pasted or scanned) or as a burst of keys with no input focused; :func:`classify`
tells the app what it is. Pure functions, no Textual.

A receipt (Mẫu 01) carries two codes: the Code 128 barcode of the dossier code, which scans as a
:class:`CodeScan`, and the signed QR (``MC:`` and digits, :mod:`counter_app.printing.payload`), which
scans as a :class:`ReceiptScan` — a :class:`CodeScan` of the dossier code it names, so that every screen
that opens a scanned code opens the receipt's dossier too, with the payload kept for the screens that must
check its signature first (F5 hands the result over only against a genuine receipt).

A refused scan carries its error ``kind`` (the message key, e.g. ``cccd.birth_year_mismatch``) beside
the message shown to the officer: the kind is what goes into the log, never the message, which can
quote the card's number or birth date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counter_app.domain.cccd import CccdData, InvalidCccd, parse_cccd_qr
from counter_app.domain.codes import InvalidDossierCode, parse_dossier_code
from counter_app.domain.vntext import scanned

__all__ = ["CardScan", "CodeScan", "ReceiptScan", "ScanError", "can_start_scan", "classify", "is_scan_like"]

#: a CCCD QR attempt: starts with a run of digits then "|", or carries the pipes of the format
_CCCD_START = re.compile(r"[0-9]{9,}\|")
#: a dossier code attempt: <unit identifier>-<digits>-<digits>, issued here or by any other system
_CODE_LIKE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.]*-[0-9]+-[0-9]+")
#: a receipt's signed QR: the payload's prefix then digits (checked in full by :func:`classify`)
_RECEIPT_LIKE = re.compile(r"MC:[0-9]*", re.IGNORECASE)


@dataclass(frozen=True)
class CardScan:
    card: CccdData


@dataclass(frozen=True)
class CodeScan:
    code: str


@dataclass(frozen=True)
class ReceiptScan(CodeScan):
    """A receipt's signed QR: the dossier code it claims (its signature NOT checked yet) and the payload."""

    payload: str = ""


@dataclass(frozen=True)
class ScanError:
    message: str
    #: the error's message key: what may be logged (the message may quote personal data)
    kind: str = "scan.unknown"


def can_start_scan(char: str | None) -> bool:
    """True when a key typing ``char`` may be the first of a scanner's burst: a CCCD payload and most dossier
    codes start with a digit; the codes of other systems (``H15.50.05.13-…``, the demo's ``DEMO.…``) and a
    receipt's QR (``MC:…``) with a capital letter, which an officer at a screen with no input focused has no
    reason to type."""
    return char is not None and len(char) == 1 and (char.isdigit() or "A" <= char <= "Z")


def is_scan_like(text: str) -> bool:
    """True when ``text`` is meant as a scanned CCCD QR, dossier code or receipt QR (well-formed or not)."""
    text = scanned(text)
    if not text:
        return False
    if _CCCD_START.match(text) or text.count("|") >= 4:
        return True
    if _RECEIPT_LIKE.fullmatch(text):
        return True
    return _CODE_LIKE.fullmatch(text) is not None


def classify(text: str, *, today: date | None = None) -> CardScan | CodeScan | ReceiptScan | ScanError | None:
    """The scan ``text`` stands for; None when it does not look like a scan at all.

    ``today`` (the app's clock; the local date when omitted) bounds a card's birth and issue dates.
    """
    if not is_scan_like(text):
        return None
    text = scanned(text)
    if _RECEIPT_LIKE.fullmatch(text):
        from counter_app.printing.payload import VerificationError, read_claims

        try:
            return ReceiptScan(read_claims(text).dossier_code, payload=text)
        except VerificationError as exc:
            return ScanError(str(exc), exc.key)
    if "|" in text:
        try:
            return CardScan(parse_cccd_qr(text, today=today or date.today()))
        except InvalidCccd as exc:
            return ScanError(str(exc), exc.key)
    try:
        return CodeScan(parse_dossier_code(text).code)
    except InvalidDossierCode as exc:
        return ScanError(str(exc), exc.key)
