"""The period an indicator covers: today, this month, this year or a range of days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.services.errors import ServiceError

PERIOD_KINDS = ("today", "month", "year", "range")


@dataclass(frozen=True)
class Period:
    """A span of calendar days, both ends included."""

    kind: str  # today | month | year | range
    start: date
    end: date

    @classmethod
    def of(cls, kind: str, now: datetime) -> Period:
        """Today, this month or this year as of ``now`` (the period runs to its end, the future is empty)."""
        day = now.date()
        if kind == "today":
            return cls("today", day, day)
        if kind == "month":
            following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            return cls("month", day.replace(day=1), following - timedelta(days=1))
        if kind == "year":
            return cls("year", date(day.year, 1, 1), date(day.year, 12, 31))
        raise ServiceError("report.bad_period", kind=kind, kinds=", ".join(PERIOD_KINDS[:3]))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        if end < start:
            raise ServiceError("report.bad_range", start=start.isoformat(), end=end.isoformat())
        return cls("range", start, end)

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """``[start 00:00, day after end 00:00)``: the same instants as the ledger's
        ``[start, end 23:59:59.999999]``."""
        return datetime.combine(self.start, time.min), datetime.combine(
            self.end + timedelta(days=1), time.min
        )

    @property
    def label(self) -> str:
        """``Hôm nay 20/11/2026``, ``Tháng 11/2026``, ``Năm 2026``, ``Từ 01/11/2026 đến 20/11/2026``."""
        if self.kind == "today":
            return t("indicators.period.today", day=fmt.day(self.start))
        if self.kind == "month":
            return t("indicators.period.month", month=fmt.month(self.start))
        if self.kind == "year":
            return t("indicators.period.year", year=self.start.year)
        return t("indicators.period.range", start=fmt.day(self.start), end=fmt.day(self.end))


def as_period(period: Period | str, now: datetime) -> Period:
    """``period`` itself, or the period of that kind ("today", "month", "year") as of ``now``."""
    return period if isinstance(period, Period) else Period.of(period, now)
