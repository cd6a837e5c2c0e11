"""Working days, office hours and due dates (ngày hẹn trả).

Working days are Monday-Friday minus Vietnam's public holidays from the
``holidays`` package (Tết and substituted days off included), plus its official
make-up Saturdays; on top of it the Government's published days off and make-up
days of :mod:`counter_app.domain.official_days` (each with its source, e.g. the
2/1/2026 ↔ 10/1/2026 swap of Công văn 12729/VPCP-KGVX); on top of both the
configured extra days off and extra (make-up) working days (the province's
``calendar_day`` rows), which win.

Times: a naive datetime is local wall time (Asia/Ho_Chi_Minh by default) and
results come back naive; an aware datetime is converted to the local zone and
results come back aware in that zone.  Office periods are half-open: 07:30 is
inside the morning period, 11:30 is not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from ._time import LOCAL_TZ_NAME, like_input, to_local_naive
from .messages import DomainError
from .official_days import OFFICIAL_DAYS_OFF, OFFICIAL_WORKING_DAYS

__all__ = ["DEFAULT_OFFICE_HOURS", "CalendarError", "WorkCalendar"]

DEFAULT_OFFICE_HOURS: tuple[tuple[time, time], ...] = (
    (time(7, 30), time(11, 30)),
    (time(13, 30), time(17, 0)),
)
DEFAULT_SAME_DAY_CUTOFF = time(15, 0)

_ONE_DAY = timedelta(days=1)


class CalendarError(DomainError):
    """Invalid calendar configuration or argument."""


@lru_cache(maxsize=256)
def _vn_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """Public holidays and official make-up weekend working days the ``holidays`` package knows for ``year``."""
    table = holidays.country_holidays("VN", years=year)
    return frozenset(table), frozenset(getattr(table, "weekend_workdays", ()))


class WorkCalendar:
    """Working days and office hours of a receiving unit.

    ``extra_days_off`` are dates not worked (e.g. a local holiday); ``extra_working_days``
    are dates worked although they fall on a weekend or holiday (a make-up day).  A
    date in both is a configuration error.  ``office_hours`` are ordered,
    non-overlapping ``(start, end)`` periods of local time; ``same_day_cutoff`` is
    the reception time from which a same-day procedure is due the next working day.
    """

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        *,
        office_hours: Iterable[tuple[time, time]] = DEFAULT_OFFICE_HOURS,
        same_day_cutoff: time = DEFAULT_SAME_DAY_CUTOFF,
        tz: str | tzinfo = LOCAL_TZ_NAME,
    ) -> None:
        if isinstance(tz, str):
            try:
                self._tz: tzinfo = ZoneInfo(tz)
            except (ZoneInfoNotFoundError, ValueError):
                raise CalendarError("calendar.timezone", value=tz) from None
        else:
            self._tz = tz
        self._days_off = frozenset(self._day(d) for d in extra_days_off)
        self._working_days = frozenset(self._day(d) for d in extra_working_days)
        conflicts = sorted(self._days_off & self._working_days)
        if conflicts:
            raise CalendarError("calendar.day_conflict", day=conflicts[0])
        self._periods = self._validate_periods(office_hours)
        if not isinstance(same_day_cutoff, time) or same_day_cutoff.tzinfo is not None:
            raise CalendarError("calendar.period_tz", value=same_day_cutoff)
        self._cutoff = same_day_cutoff

    @staticmethod
    def _validate_periods(office_hours: Iterable[tuple[time, time]]) -> tuple[tuple[time, time], ...]:
        periods: list[tuple[time, time]] = []
        for period in office_hours:
            try:
                start, end = period
            except (TypeError, ValueError):
                raise CalendarError("calendar.period_shape", value=period) from None
            for moment in (start, end):
                if not isinstance(moment, time) or moment.tzinfo is not None:
                    raise CalendarError("calendar.period_tz", value=moment)
            if not start < end:
                raise CalendarError("calendar.period_order", start=start, end=end)
            if periods and start < periods[-1][1]:
                raise CalendarError(
                    "calendar.period_overlap", start=start, end=end, previous_end=periods[-1][1]
                )
            periods.append((start, end))
        if not periods:
            raise CalendarError("calendar.no_periods")
        return tuple(periods)

    def _day(self, value: date) -> date:
        """A date as is; a datetime reduced to its local calendar day (aware ones converted first)."""
        return to_local_naive(value, self._tz).date() if isinstance(value, datetime) else value

    # --- configuration, read-only -------------------------------------------------------------------

    @property
    def office_hours(self) -> tuple[tuple[time, time], ...]:
        return self._periods

    @property
    def same_day_cutoff(self) -> time:
        return self._cutoff

    @property
    def tz(self) -> tzinfo:
        return self._tz

    @property
    def hours_per_day(self) -> float:
        """Office hours of one working day (7.5 with the default periods)."""
        return (
            sum(
                (datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds()
                for start, end in self._periods
            )
            / 3600
        )

    # --- days -----------------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """True when ``d`` is worked (a datetime is reduced to its local date)."""
        d = self._day(d)
        if d in self._days_off:
            return False
        if d in self._working_days:
            return True
        if d in OFFICIAL_DAYS_OFF:
            return False
        if d in OFFICIAL_WORKING_DAYS:
            return True
        # A substituted day off or its make-up Saturday may be listed under the
        # neighbouring year (a swap can straddle 1 January), so consult three years.
        is_holiday = False
        for year in (d.year - 1, d.year, d.year + 1):
            if not date.min.year <= year <= date.max.year:
                continue
            year_holidays, year_make_up_days = _vn_year(year)
            if d in year_make_up_days:
                return True
            is_holiday = is_holiday or d in year_holidays
        return d.weekday() < 5 and not is_holiday

    def _next_working_day(self, d: date) -> date:
        d += _ONE_DAY
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def _previous_working_day(self, d: date) -> date:
        d -= _ONE_DAY
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The ``n``-th working day after ``d`` (before it when ``n`` is negative); ``d`` itself for 0."""
        d = self._day(d)
        for _ in range(abs(n)):
            d = self._next_working_day(d) if n > 0 else self._previous_working_day(d)
        return d

    def working_days_between(self, a: date, b: date) -> int:
        """Working days from ``a`` to ``b``: those in ``(a, b]`` when ``b >= a``, minus those in ``[b, a)`` otherwise.

        The inverse of :meth:`add_working_days`:
        ``working_days_between(a, add_working_days(a, n)) == n`` for every ``n``.
        """
        a, b = self._day(a), self._day(b)
        if b >= a:
            return sum(1 for i in range(1, (b - a).days + 1) if self.is_working_day(a + timedelta(days=i)))
        return -sum(1 for i in range((a - b).days) if self.is_working_day(b + timedelta(days=i)))

    # --- office periods -------------------------------------------------------------------------------

    def office_periods(self, d: date) -> list[tuple[datetime, datetime]]:
        """The office periods of ``d`` as naive local datetimes; empty on a day off."""
        d = self._day(d)
        if not self.is_working_day(d):
            return []
        return [(datetime.combine(d, start), datetime.combine(d, end)) for start, end in self._periods]

    def closing_time(self, d: date) -> datetime:
        """End of the last office period of ``d`` (naive local), whether or not ``d`` is worked."""
        return datetime.combine(self._day(d), self._periods[-1][1])

    def is_open(self, dt: datetime) -> bool:
        """True when ``dt`` falls inside an office period of a working day."""
        local = to_local_naive(dt, self._tz)
        return any(start <= local < end for start, end in self.office_periods(local.date()))

    def _next_opening(self, local: datetime) -> datetime:
        for start, end in self.office_periods(local.date()):
            if local < start:
                return start
            if local < end:
                return local
        return datetime.combine(self._next_working_day(local.date()), self._periods[0][0])

    def next_opening(self, dt: datetime) -> datetime:
        """``dt`` itself when the office is open then, else the start of the next office period."""
        return like_input(self._next_opening(to_local_naive(dt, self._tz)), dt, self._tz)

    def _periods_from(self, local: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Office periods (clipped to start at ``local``) from ``local`` onwards, forever."""
        day = local.date()
        while True:
            for start, end in self.office_periods(day):
                if end > local:
                    yield max(start, local), end
            day += _ONE_DAY

    # --- due dates and clocks -------------------------------------------------------------------------

    def due_at(self, received_at: datetime, working_days: int) -> datetime:
        """The due time of a dossier received at ``received_at`` with ``working_days`` of processing.

        Reception outside office hours counts from the next opening.  With N > 0 the
        due time is the same clock time N working days later.  With N == 0 (same-day
        procedures) it is closing time of the reception day when received before the
        cut-off (15:00), else closing time of the next working day.
        """
        if isinstance(working_days, bool) or not isinstance(working_days, int) or working_days < 0:
            raise CalendarError("calendar.negative_days", value=working_days)
        effective = self._next_opening(to_local_naive(received_at, self._tz))
        if working_days > 0:
            due_day = self.add_working_days(effective.date(), working_days)
            due = datetime.combine(due_day, effective.time())
        elif effective.time() < self._cutoff:
            due = self.closing_time(effective.date())
        else:
            due = self.closing_time(self._next_working_day(effective.date()))
        return like_input(due, received_at, self._tz)

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` office hours after ``start`` (counted from its next opening).

        Only time inside office periods of working days counts.  When the end falls
        exactly at the end of a period, that end is returned, not the next opening.
        """
        if (
            isinstance(hours, bool)
            or not isinstance(hours, int | float)
            or not math.isfinite(hours)
            or hours < 0
        ):
            raise CalendarError("calendar.bad_hours", value=hours)
        remaining = timedelta(hours=hours)
        local = self._next_opening(to_local_naive(start, self._tz))
        result = local
        for period_start, period_end in self._periods_from(local):
            available = period_end - period_start
            if remaining <= available:
                result = period_start + remaining
                break
            remaining -= available
        return like_input(result, start, self._tz)

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Office hours of working days between ``start`` and ``end``; negative when ``end < start``."""
        local_start, local_end = to_local_naive(start, self._tz), to_local_naive(end, self._tz)
        if local_end < local_start:
            return -self.working_hours_between(end, start)
        total = timedelta()
        day = local_start.date()
        while day <= local_end.date():
            for period_start, period_end in self.office_periods(day):
                overlap = min(period_end, local_end) - max(period_start, local_start)
                if overlap > timedelta():
                    total += overlap
            day += _ONE_DAY
        return total.total_seconds() / 3600
