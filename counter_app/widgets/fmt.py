"""How the screens write dates, times and amounts (Vietnamese conventions). Pure functions."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.locale import t

_WEEKDAYS = ("weekday.0", "weekday.1", "weekday.2", "weekday.3", "weekday.4", "weekday.5", "weekday.6")


def weekday(d: date) -> str:
    return t(_WEEKDAYS[d.weekday()])


def day(d: date | None) -> str:
    return f"{d:%d/%m/%Y}" if d else "—"


def moment(dt: datetime | None) -> str:
    """``08:42 20/11/2026``; a dash when unknown."""
    return f"{dt:%H:%M %d/%m/%Y}" if dt else "—"


def long_moment(dt: datetime | None) -> str:
    """``08:42, Thứ Sáu 20/11/2026``."""
    return f"{dt:%H:%M}, {weekday(dt)} {dt:%d/%m/%Y}" if dt else "—"


def procedure_short(name: str) -> str:
    """``Đăng ký khai sinh`` for ``Thủ tục đăng ký khai sinh`` (lists where space is short)."""
    short = name.removeprefix("Thủ tục ").strip()
    return short[:1].upper() + short[1:]


def money(amount: int) -> str:
    """``50.000 đồng``; ``Không thu`` for nothing."""
    if not amount:
        return t("money.free")
    return t("money.amount", amount=f"{amount:,}".replace(",", "."))
