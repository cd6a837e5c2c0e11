"""A procedure's fee («Phí, lệ phí») as the catalogues write it: an amount in đồng and a note.

Forms seen in the national procedure database's entries and in provinces' published lists: «Không»,
«Miễn phí», «Lệ phí : Miễn lệ phí. Phí cấp bản sao … theo Thông tư số 281/2016/TT-BTC», «50.000 đồng»,
«Lệ phí : 8.000 đồng/bản sao Trích lục … Miễn lệ phí cho người thuộc hộ nghèo», «Phí: Đồng» (a label with no
amount: nothing stated), «2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang». Amounts and their
conditions are set by the Ministry of Finance's circulars and the provinces' People's Councils; the
catalogue's text is the only place the counter learns them, so the text is kept as the note and the amount
is only what it plainly states. Our rules (no official grammar of the field could be found):

* An amount is digits followed by a currency word (đồng, đ, VNĐ), optionally with «nghìn»/«ngàn» or
  «triệu»; «.» and «,» group thousands («50.000», «50,000»), except before «nghìn»/«triệu» where a comma is
  the decimal mark («1,5 triệu đồng»). Numbers without a currency word (pages, dates, circular numbers) are
  not amounts.
* Several amounts: the first is the procedure's fee (the base rate; the rest are per page, per copy or for
  other cases, and stay in the note).
* No amount, but the text begins with «Không» or «Miễn», or says «miễn phí», «miễn lệ phí», «không thu»:
  nothing is charged (conditions stay in the note).
* No amount and no such word («theo mức thu do Hội đồng nhân dân cấp tỉnh quy định»): not read (the report
  lists it; the note keeps the text).
* The note is the text on one line without its «Phí, lệ phí:» label (nor the empty «Đồng» the database
  prints where no amount was entered), or nothing when the text is only the amount or «Không».

Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vntext import fold, tidy

__all__ = ["MAX_FEE", "NOTE_LENGTH", "FeeReading", "read_fee"]

#: no procedure costs ten billion đồng; a larger number is a typing error
MAX_FEE = 10_000_000_000
NOTE_LENGTH = 300

NO_AMOUNT = "no_amount"
TOO_LARGE = "too_large"


@dataclass(frozen=True)
class FeeReading:
    """``amount`` in đồng (0 = nothing charged) or None with ``reason``; ``note`` the text to keep."""

    amount: int | None
    note: str = ""
    reason: str = ""

    @property
    def readable(self) -> bool:
        return self.amount is not None


_LABEL = re.compile(r"^\s*(?:(?:cac khoan )?(?:muc )?(?:phi|le phi)(?:\s*[,/]\s*|\s+va\s+|\s+)?)+\s*[:：]\s*")
_LABEL_RAW = re.compile(
    r"^\s*(?:(?:các khoản )?(?:mức )?(?:phí|lệ phí)(?:\s*[,/]\s*|\s+và\s+|\s+)?)+\s*[:：]\s*", re.I
)
_AMOUNT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,\s]\d{3})+|\d+(?:[.,]\d+)?)\s*(trieu|nghin|ngan)?\s*(?:dong|vnd|vnđ|d)(?![a-z])"
)
_FREE_START = re.compile(r"^[-(\s]*(khong|mien)\b")
_FREE = re.compile(r"\b(mien phi|mien le phi|mien thu|khong thu)\b")
_CURRENCY_WORD = re.compile(r"^(?:0\s*)?(?:đồng|dong|vnđ|vnd)\b\s*", re.I)
_ZERO = re.compile(r"^0+$")
_CURRENCY_ONLY = re.compile(r"^(?:dong|vnd|d|\.|\s)*$")


def _number(digits: str, multiplier: str | None) -> int | None:
    if multiplier:
        scale = 1_000_000 if multiplier == "trieu" else 1_000
        grouped = re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits)
        value = float(digits.replace(".", "") if grouped else digits.replace(".", "").replace(",", "."))
        return round(value * scale)
    plain = re.sub(r"[.,\s]", "", digits)
    if re.fullmatch(r"\d+[.,]\d{1,2}", digits):  # «50.5 đồng»: not a way to write đồng
        return None
    return int(plain)


def _note(text: str) -> str:
    note = _CURRENCY_WORD.sub("", tidy(_LABEL_RAW.sub("", tidy(text))))
    if note.startswith("(") and note.endswith(")") and note.count("(") == 1:  # «Đồng (Miễn lệ phí)»
        note = note[1:-1].strip()
    if len(note) > NOTE_LENGTH:
        note = note[: NOTE_LENGTH - 1].rstrip() + "…"
    return note


def read_fee(text: str) -> FeeReading:
    """The amount ``text`` states, in đồng (0 when nothing is charged), with the note to keep."""
    folded = fold(text)
    body = _LABEL.sub("", folded).strip()
    if not body or _CURRENCY_ONLY.fullmatch(body):
        return FeeReading(0)
    if _ZERO.fullmatch(body):
        return FeeReading(0)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+|\d+", body):  # a bare number: the fee column counts đồng
        amount = int(re.sub(r"[.,]", "", body))
        return FeeReading(amount) if amount <= MAX_FEE else FeeReading(None, _note(text), TOO_LARGE)
    note = _note(text)
    for match in _AMOUNT.finditer(body):
        stated = _number(match.group(1), match.group(2))
        if stated is None:
            continue
        if stated > MAX_FEE:
            return FeeReading(None, note, TOO_LARGE)
        only_amount = match.start() == 0 and not body[match.end() :].strip(" .")
        return FeeReading(stated, "" if only_amount else note)
    if _FREE_START.match(body) or _FREE.search(body):
        return FeeReading(0, "" if body.strip(" .") == "khong" else note)
    return FeeReading(None, note, NO_AMOUNT)
