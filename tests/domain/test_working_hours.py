"""The fast count of working hours (:class:`WorkingHours`) is the calendar's, span after span."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from counter_app.domain.calendar import WorkCalendar
from counter_app.domain.working_hours import WorkingHours


def test_working_hours_agree_with_the_calendar():
    """The lists' fast count of working hours is the calendar's, across weekends, Tết and a make-up day."""
    cal = WorkCalendar(extra_days_off=[date(2026, 3, 9)], extra_working_days=[date(2026, 3, 14)])
    hours = WorkingHours(cal)
    rng = random.Random(766)
    base = datetime(2026, 1, 20, 0, 0)
    for _ in range(400):
        a = base + timedelta(minutes=rng.randrange(0, 90 * 24 * 60))
        b = base + timedelta(minutes=rng.randrange(0, 90 * 24 * 60))
        assert hours.between(a, b) == pytest.approx(cal.working_hours_between(a, b)), (a, b)
    assert hours.between(datetime(2026, 1, 1), datetime(2025, 12, 1)) == pytest.approx(
        cal.working_hours_between(datetime(2026, 1, 1), datetime(2025, 12, 1))
    )
