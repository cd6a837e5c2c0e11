"""The Government's published days off and make-up days (``domain/official_days.py``) move due dates and the
8-working-hour online intake clock as the official calendar does; the province's declared days still win.

Times are written ``"Wed 2025-12-31 10:00"``; the weekday is checked.
"""

from __future__ import annotations

from datetime import date, datetime

import holidays
import pytest

from counter_app.domain.calendar import WorkCalendar
from counter_app.domain.official_days import OFFICIAL_DAYS, official_day

CAL = WorkCalendar()


def at(text: str) -> datetime:
    weekday, rest = text.split(" ", 1)
    moment = datetime.fromisoformat(rest)
    assert moment.strftime("%a") == weekday, f"{rest} is a {moment:%a}, not {weekday}"
    return moment


def day(text: str) -> date:
    return at(text + " 00:00").date()


def test_every_published_day_is_what_the_calendar_says():
    for entry in OFFICIAL_DAYS:
        assert CAL.is_working_day(entry.day) is entry.working, entry
        assert entry.source and entry.reason
        assert entry.working == (entry.day.weekday() >= 5)  # a make-up day is a weekend day, a day off is not


def test_the_new_year_2026_swap_of_cong_van_12729():
    """Công văn 12729/VPCP-KGVX (25/12/2025): Friday 2/1/2026 off, Saturday 10/1/2026 worked.  The
    ``holidays`` package alone had Friday 2/1 as a working day (test failed before)."""
    assert not CAL.is_working_day(day("Fri 2026-01-02"))
    assert CAL.is_working_day(day("Sat 2026-01-10"))
    assert "12729/VPCP-KGVX" in official_day(day("Fri 2026-01-02")).source


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # the case: received the last working day of 2025, 1 day -> Monday 5/1 (not Friday 2/1)
        ("Wed 2025-12-31 10:00", 1, "Mon 2026-01-05 10:00"),
        ("Fri 2026-01-09 10:00", 1, "Sat 2026-01-10 10:00"),  # the make-up Saturday is a working day
        ("Sat 2026-01-10 10:00", 1, "Mon 2026-01-12 10:00"),
        ("Wed 2025-12-31 10:00", 6, "Sat 2026-01-10 10:00"),  # 5, 6, 7, 8, 9, then Saturday 10/1
        # Tết Bính Ngọ 2026: 16-20/2 statutory, 14-22/2 off
        ("Fri 2026-02-13 10:00", 1, "Mon 2026-02-23 10:00"),
        # Tết Ất Tỵ 2025: 27-31/1 off (Thông báo 6150/TB-BLĐTBXH)
        ("Fri 2025-01-24 10:00", 1, "Mon 2025-02-03 10:00"),
        # 30/4-1/5/2025: 2/5 swapped with Saturday 26/4
        ("Fri 2025-04-25 10:00", 1, "Sat 2025-04-26 10:00"),
        ("Tue 2025-04-29 10:00", 1, "Mon 2025-05-05 10:00"),
        # Quốc khánh 2025: Monday 1/9 and Tuesday 2/9
        ("Fri 2025-08-29 10:00", 1, "Wed 2025-09-03 10:00"),
        # Giỗ Tổ 2026 falls on Sunday 26/4: Monday 27/4 off; then 30/4 and 1/5
        ("Fri 2026-04-24 10:00", 1, "Tue 2026-04-28 10:00"),
        ("Wed 2026-04-29 10:00", 1, "Mon 2026-05-04 10:00"),
        # Quốc khánh 2026 (1/9 and 2/9, with 31/8 swapped for Saturday 22/8 by the holidays package)
        ("Fri 2026-08-28 10:00", 1, "Thu 2026-09-03 10:00"),
    ],
)
def test_due_dates_across_each_adjustment(received, days, due):
    assert CAL.due_at(at(received), days) == at(due)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        # 1 h on 31/12, then 1/1 and the swapped 2/1 off, the weekend, 7 h on Monday 5/1
        ("Wed 2025-12-31 16:00", "Mon 2026-01-05 16:30"),
        # 1 h on Friday 9/1, 7 h on the make-up Saturday 10/1
        ("Fri 2026-01-09 16:00", "Sat 2026-01-10 16:30"),
        ("Fri 2026-02-13 16:00", "Mon 2026-02-23 16:30"),  # over Tết 2026
        ("Fri 2025-04-25 16:00", "Sat 2025-04-26 16:30"),  # the make-up Saturday 26/4/2025
        ("Tue 2025-04-29 16:00", "Mon 2025-05-05 16:30"),  # over 30/4-2/5/2025
        ("Fri 2026-04-24 16:00", "Tue 2026-04-28 16:30"),  # over the Giỗ Tổ day made up on 27/4
        # an online dossier submitted on the swapped day off counts from the next opening
        ("Fri 2026-01-02 09:00", "Tue 2026-01-06 08:00"),
    ],
)
def test_eight_working_hours_of_online_intake_across_each_adjustment(start, end):
    assert CAL.add_working_hours(at(start), 8) == at(end)
    assert CAL.working_hours_between(CAL.next_opening(at(start)), at(end)) == pytest.approx(8)


def test_declared_days_win_over_the_published_ones():
    """A later announcement distributed through ``calendar_day`` overrides the shipped data."""
    cal = WorkCalendar(extra_working_days=[day("Fri 2026-01-02")], extra_days_off=[day("Sat 2026-01-10")])
    assert cal.is_working_day(day("Fri 2026-01-02")) and not cal.is_working_day(day("Sat 2026-01-10"))
    assert cal.due_at(at("Wed 2025-12-31 10:00"), 1) == at("Fri 2026-01-02 10:00")


def test_the_installed_holidays_release_knows_2025_2026():
    """The ``holidays`` floor in pyproject.toml (0.106) is a release with 2025-2026 and 24/11: the
    published days above are laid on top of it, not instead of it."""
    vn = holidays.country_holidays("VN", years=[2025, 2026])
    assert date(2026, 11, 24) in vn and date(2026, 2, 17) in vn and date(2025, 5, 2) in vn
    assert not CAL.is_working_day(date(2026, 11, 24))
