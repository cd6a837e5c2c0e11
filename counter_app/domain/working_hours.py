"""Working hours between two moments, counted fast for many spans over the same days.

It implements the working-hour clocks of the due-date rules (DESIGN §3 "Due dates"): only the office
periods of working days count — Monday to Friday minus Vietnam's public holidays and the configured days
off, plus make-up working days, within the office hours (default 07:30-11:30 and 13:30-17:00).  That is
what :meth:`counter_app.domain.calendar.WorkCalendar.working_hours_between` counts, and the result is the
same; the supervisor's lists use this one to give each dossier its working hours to its due time and each
online dossier what is left of its 8-working-hour reception limit.

Pure: no I/O; naive local datetimes, as the calendar's office periods are.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from .calendar import WorkCalendar


class WorkingHours:
    """:meth:`WorkCalendar.working_hours_between` for many spans over the same days: each day's office periods
    are looked up once, and the hours of whole days in between come from running totals."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._periods: dict[date, list[tuple[datetime, datetime]]] = {}
        self._origin: date | None = None
        self._totals: list[float] = [0.0]  # office hours of the days from the origin up to (not including) i

    def _day(self, d: date) -> list[tuple[datetime, datetime]]:
        periods = self._periods.get(d)
        if periods is None:
            periods = self._periods[d] = self.calendar.office_periods(d)
        return periods

    def _before(self, d: date) -> float:
        """Office hours of the whole days from the origin up to ``d`` (excluded)."""
        if self._origin is None or d < self._origin:
            self._origin, self._totals = d - timedelta(days=31), [0.0]
        i = (d - self._origin).days
        while len(self._totals) <= i:
            day = self._origin + timedelta(days=len(self._totals) - 1)
            self._totals.append(
                self._totals[-1] + sum((end - start).total_seconds() for start, end in self._day(day)) / 3600
            )
        return self._totals[i]

    def _within_day(self, d: date, start: datetime, end: datetime) -> float:
        seconds = 0.0
        for period_start, period_end in self._day(d):
            overlap = (min(period_end, end) - max(period_start, start)).total_seconds()
            if overlap > 0:
                seconds += overlap
        return seconds / 3600

    def between(self, start: datetime, end: datetime) -> float:
        """Office hours of working days between ``start`` and ``end`` (naive local); negative when
        ``end < start``."""
        if end < start:
            return -self.between(end, start)
        first, last = start.date(), end.date()
        if first == last:
            return self._within_day(first, start, end)
        # the earlier date first: it may move the origin
        after_first = self._before(first + timedelta(days=1))
        whole = self._before(last) - after_first
        return (
            self._within_day(first, start, datetime.combine(first + timedelta(days=1), time.min))
            + whole
            + self._within_day(last, datetime.combine(last, time.min), end)
        )
