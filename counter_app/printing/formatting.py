"""Dates, times, money and durations written the way Vietnamese administrative documents write them."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from counter_app.locale import t


def nfc(text: str) -> str:
    """NFC form: one precomposed glyph per Vietnamese letter (decomposed marks print badly)."""
    return unicodedata.normalize("NFC", text)


def _day(d: date) -> str:
    # Decree 30/2020/ND-CP: days below 10 and the months January and February take a leading zero.
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def long_date(d: date) -> str:
    """ "ngày 05 tháng 02 năm 2026", "ngày 22 tháng 11 năm 2026"."""
    return t("printing.fmt.date", day=_day(d), month=_month(d), year=d.year)


def long_time(dt: datetime) -> str:
    """ "08 giờ 37 phút, ngày 22 tháng 11 năm 2026"."""
    return t("printing.fmt.time", hour=f"{dt.hour:02d}", minute=f"{dt.minute:02d}", date=long_date(dt))


def time_cell(dt: datetime) -> str:
    """Two short lines for narrow table cells: "09 giờ 05 phút" / "22/11/2026"."""
    return t("printing.fmt.time_cell", hour=f"{dt.hour:02d}", minute=f"{dt.minute:02d}", date=short_date(dt))


def place_date(place: str, d: date) -> str:
    """ "Quảng Ngãi, ngày 22 tháng 11 năm 2026"."""
    return t("printing.fmt.place_date", place=place, date=long_date(d))


def short_date(d: date) -> str:
    """ "22/11/2026"."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def short_time(dt: datetime) -> str:
    """ "08:37 22/11/2026"."""
    return f"{dt.hour:02d}:{dt.minute:02d} {short_date(dt)}"


def money(amount: int) -> str:
    """ "1.250.000 đồng" (dots group the thousands)."""
    return t("printing.fmt.money", amount=f"{amount:,}".replace(",", "."))


def processing_time(days: int) -> str:
    """ "Trong ngày" or "3 ngày làm việc"."""
    return t("printing.fmt.same_day") if days == 0 else t("printing.fmt.working_days", days=days)


def count(n: int) -> str:
    """Counts on forms take two digits: "01", "12", "120"."""
    return f"{n:02d}"
