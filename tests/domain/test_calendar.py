"""Working days, office hours and due dates (ngày hẹn trả).

Times in the tables are written ``"Thu 2026-03-05 08:37"``; the weekday is checked, so
a table row cannot silently name the wrong day.  Holidays used below (from the
``holidays`` package): Tết 2026 Mon 16 - Fri 20 Feb; Hùng Kings 2026 Sun 26 Apr,
observed Mon 27 Apr; 30/4 Thu and 1/5 Fri 2026; National Day 2026 Tue 1 - Wed 2 Sep,
with Mon 31 Aug off in exchange for make-up Saturday 22 Aug; Vietnam Cultural Day
Tue 24 Nov 2026; 1/1/2027 Fri; Tết 2027 Thu 4 - Wed 10 Feb; 2027 Labour Day Sat 1 May,
observed Mon 3 May; on top of it the published swaps of ``official_days`` (Fri 2/1/2026 off,
Sat 10/1/2026 worked).  Default office hours 07:30-11:30 and 13:30-17:00 (7.5 h a day).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.calendar import CalendarError, WorkCalendar
from counter_app.domain.messages import VI

CAL = WorkCalendar()
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    """``"Thu 2026-03-05 08:37"`` -> naive datetime, checking the weekday."""
    weekday, rest = text.split(" ", 1)
    moment = datetime.fromisoformat(rest)
    assert moment.strftime("%a") == weekday, f"{rest} is a {moment:%a}, not {weekday}"
    return moment


def day(text: str) -> date:
    return at(text + " 00:00").date()


# --- working days ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "working"),
    [
        ("Thu 2026-03-05", True),
        ("Sat 2026-03-07", False),
        ("Sun 2026-03-08", False),
        ("Sat 2025-04-26", True),  # make-up Saturday for Fri 2 May 2025
        ("Fri 2025-05-02", False),
        ("Thu 2026-01-01", False),  # New Year
        ("Fri 2026-01-02", False),  # swapped with Sat 10/1 (Công văn 12729/VPCP-KGVX, official_days)
        ("Sat 2026-01-10", True),
        ("Fri 2026-02-13", True),  # last day before Tết 2026
        ("Mon 2026-02-16", False),  # Tết 2026 ...
        ("Wed 2026-02-18", False),
        ("Fri 2026-02-20", False),  # ... to the 20th
        ("Mon 2026-02-23", True),
        ("Mon 2026-04-27", False),  # Hùng Kings, observed (the day itself is a Sunday)
        ("Thu 2026-04-30", False),  # Reunification Day
        ("Fri 2026-05-01", False),  # Labour Day
        ("Sat 2026-08-22", True),  # official make-up Saturday
        ("Mon 2026-08-31", False),  # day off given for it
        ("Tue 2026-09-01", False),  # National Day
        ("Wed 2026-09-02", False),
        ("Thu 2026-09-03", True),
        ("Tue 2026-11-24", False),  # Vietnam Cultural Day
        ("Fri 2027-01-01", False),
        ("Wed 2027-02-03", True),
        ("Thu 2027-02-04", False),  # Tết 2027 ...
        ("Wed 2027-02-10", False),  # ... to the 10th
        ("Thu 2027-02-11", True),
        ("Mon 2027-05-03", False),  # Labour Day (Saturday) observed
    ],
)
def test_is_working_day(when, working):
    assert CAL.is_working_day(day(when)) is working
    assert CAL.is_working_day(at(when + " 10:00")) is working  # a datetime is reduced to its date


def test_configured_days_override_the_national_calendar():
    cal = WorkCalendar(
        extra_days_off=[day("Tue 2026-03-10")],  # e.g. a provincial festival
        extra_working_days=[day("Sat 2026-03-14"), day("Mon 2026-02-16")],  # make-up days worked
    )
    assert not cal.is_working_day(day("Tue 2026-03-10"))
    assert cal.is_working_day(day("Sat 2026-03-14"))
    assert cal.is_working_day(day("Mon 2026-02-16"))
    assert not cal.is_working_day(day("Sun 2026-03-15"))


def test_a_day_both_off_and_worked_is_a_configuration_error():
    with pytest.raises(CalendarError) as caught:
        WorkCalendar(extra_days_off=[date(2026, 3, 10)], extra_working_days=[date(2026, 3, 10)])
    assert "10/03/2026" in str(caught.value)


@pytest.mark.parametrize(
    ("start", "n", "end"),
    [
        ("Thu 2026-03-05", 1, "Fri 2026-03-06"),
        ("Thu 2026-03-05", 3, "Tue 2026-03-10"),
        ("Fri 2026-02-13", 1, "Mon 2026-02-23"),  # over Tết
        ("Mon 2026-02-23", -1, "Fri 2026-02-13"),
        ("Sat 2026-03-07", 1, "Mon 2026-03-09"),
        ("Sat 2026-03-07", 0, "Sat 2026-03-07"),
        ("Fri 2026-08-21", 1, "Sat 2026-08-22"),  # make-up Saturday
        ("Sat 2026-08-22", 1, "Mon 2026-08-24"),
        ("Fri 2026-08-28", 1, "Thu 2026-09-03"),  # 31/8, 1/9, 2/9 off
        ("Thu 2026-12-31", 1, "Mon 2027-01-04"),
        ("Wed 2027-02-03", 1, "Thu 2027-02-11"),  # over Tết 2027
        ("Mon 2026-03-09", 5, "Mon 2026-03-16"),
        ("Mon 2026-03-16", -5, "Mon 2026-03-09"),
    ],
)
def test_add_working_days(start, n, end):
    assert CAL.add_working_days(day(start), n) == day(end)
    assert CAL.working_days_between(day(start), day(end)) == n


@pytest.mark.parametrize(
    ("a", "b", "n"),
    [
        ("Mon 2026-02-09", "Mon 2026-03-02", 10),  # three weeks, one of them Tết
        ("Sat 2026-03-07", "Sun 2026-03-08", 0),
        ("Fri 2026-03-06", "Sun 2026-03-08", 0),
        ("Sun 2026-03-08", "Fri 2026-03-06", -1),
        ("Thu 2026-03-05", "Thu 2026-03-05", 0),
    ],
)
def test_working_days_between(a, b, n):
    assert CAL.working_days_between(day(a), day(b)) == n


# --- next opening ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "opening"),
    [
        ("Tue 2026-03-10 07:30", "Tue 2026-03-10 07:30"),  # opening instant is inside
        ("Tue 2026-03-10 07:29:59", "Tue 2026-03-10 07:30"),
        ("Tue 2026-03-10 00:00", "Tue 2026-03-10 07:30"),
        ("Tue 2026-03-10 09:12:34", "Tue 2026-03-10 09:12:34"),
        ("Tue 2026-03-10 11:29:59", "Tue 2026-03-10 11:29:59"),
        ("Tue 2026-03-10 11:30", "Tue 2026-03-10 13:30"),  # 11:30 is lunch already
        ("Tue 2026-03-10 12:45", "Tue 2026-03-10 13:30"),
        ("Tue 2026-03-10 13:30", "Tue 2026-03-10 13:30"),
        ("Tue 2026-03-10 16:59:59.999999", "Tue 2026-03-10 16:59:59.999999"),
        ("Tue 2026-03-10 17:00", "Wed 2026-03-11 07:30"),  # closing instant is outside
        ("Fri 2026-03-06 17:00", "Mon 2026-03-09 07:30"),
        ("Sat 2026-03-07 10:00", "Mon 2026-03-09 07:30"),
        ("Fri 2026-02-13 17:30", "Mon 2026-02-23 07:30"),  # Tết
        ("Wed 2026-02-18 10:00", "Mon 2026-02-23 07:30"),
        ("Sat 2026-08-22 06:00", "Sat 2026-08-22 07:30"),  # make-up Saturday opens
        ("Wed 2026-04-29 17:15", "Mon 2026-05-04 07:30"),  # 30/4 - 1/5 then the weekend
    ],
)
def test_next_opening(moment, opening):
    assert CAL.next_opening(at(moment)) == at(opening)


# --- due dates ---------------------------------------------------------------------------------------

DUE_DATES = [
    # (why, received, working days, due)
    ("no holiday: Thu 08:37 + 3 -> Tue 08:37", "Thu 2026-03-05 08:37", 3, "Tue 2026-03-10 08:37"),
    ("one day, same clock time", "Tue 2026-03-10 14:20", 1, "Wed 2026-03-11 14:20"),
    ("over a weekend", "Fri 2026-03-06 10:00", 1, "Mon 2026-03-09 10:00"),
    ("ten days", "Mon 2026-03-02 09:00", 10, "Mon 2026-03-16 09:00"),
    ("over Tết 2026", "Thu 2026-02-12 08:37", 3, "Tue 2026-02-24 08:37"),
    ("Friday before Tết 2026", "Fri 2026-02-13 16:30", 1, "Mon 2026-02-23 16:30"),
    ("over 30/4 and 1/5", "Wed 2026-04-29 09:00", 2, "Tue 2026-05-05 09:00"),
    ("over Hùng Kings observed", "Fri 2026-04-24 10:00", 1, "Tue 2026-04-28 10:00"),
    ("over 31/8, 1/9, 2/9", "Fri 2026-08-28 14:00", 2, "Fri 2026-09-04 14:00"),
    ("due on the make-up Saturday", "Fri 2026-08-21 09:00", 1, "Sat 2026-08-22 09:00"),
    ("received on the make-up Saturday", "Sat 2026-08-22 10:00", 1, "Mon 2026-08-24 10:00"),
    ("over Vietnam Cultural Day", "Mon 2026-11-23 08:00", 1, "Wed 2026-11-25 08:00"),
    ("over New Year 2027", "Thu 2026-12-31 10:00", 1, "Mon 2027-01-04 10:00"),
    ("over Tết 2027", "Wed 2027-02-03 15:00", 1, "Thu 2027-02-11 15:00"),
    ("over Tết 2027, five days", "Tue 2027-02-02 08:00", 5, "Tue 2027-02-16 08:00"),
    ("over 30/4/2027 and observed 1/5", "Thu 2027-04-29 10:00", 1, "Tue 2027-05-04 10:00"),
    # Received outside office hours: counts from the next opening.
    ("at night", "Tue 2026-03-10 21:15", 2, "Fri 2026-03-13 07:30"),
    ("before opening", "Tue 2026-03-10 06:00", 1, "Wed 2026-03-11 07:30"),
    ("at lunch", "Tue 2026-03-10 12:10", 1, "Wed 2026-03-11 13:30"),
    ("at 11:30 sharp", "Tue 2026-03-10 11:30", 1, "Wed 2026-03-11 13:30"),
    ("at 17:00 sharp", "Tue 2026-03-10 17:00", 1, "Thu 2026-03-12 07:30"),
    ("on a Saturday", "Sat 2026-03-07 10:00", 1, "Tue 2026-03-10 07:30"),
    ("on a Sunday night", "Sun 2026-03-08 23:00", 3, "Thu 2026-03-12 07:30"),
    ("on a holiday (30/4)", "Thu 2026-04-30 09:00", 1, "Tue 2026-05-05 07:30"),
    ("during Tết", "Wed 2026-02-18 10:00", 2, "Wed 2026-02-25 07:30"),
    # Same-day procedures (N = 0): before 15:00 -> closing today; from 15:00 -> closing next working day.
    ("same day, morning", "Tue 2026-03-10 08:00", 0, "Tue 2026-03-10 17:00"),
    ("same day, 14:59", "Tue 2026-03-10 14:59", 0, "Tue 2026-03-10 17:00"),
    ("same day, 15:00 sharp", "Tue 2026-03-10 15:00", 0, "Wed 2026-03-11 17:00"),
    ("same day, 16:59", "Tue 2026-03-10 16:59", 0, "Wed 2026-03-11 17:00"),
    ("same day, Friday afternoon", "Fri 2026-03-06 16:00", 0, "Mon 2026-03-09 17:00"),
    ("same day, at lunch", "Tue 2026-03-10 12:00", 0, "Tue 2026-03-10 17:00"),
    ("same day, at night", "Tue 2026-03-10 20:00", 0, "Wed 2026-03-11 17:00"),
    ("same day, Saturday", "Sat 2026-03-07 09:00", 0, "Mon 2026-03-09 17:00"),
    ("same day, before Tết", "Fri 2026-02-13 15:30", 0, "Mon 2026-02-23 17:00"),
    ("same day, before make-up Saturday", "Fri 2026-08-21 15:00", 0, "Sat 2026-08-22 17:00"),
    ("same day, on make-up Saturday", "Sat 2026-08-22 15:10", 0, "Mon 2026-08-24 17:00"),
]


@pytest.mark.parametrize(("received", "n", "due"), [r[1:] for r in DUE_DATES], ids=[r[0] for r in DUE_DATES])
def test_due_at(received, n, due):
    assert CAL.due_at(at(received), n) == at(due)


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        ("Mon 2026-03-09 09:00", 1, "Wed 2026-03-11 09:00"),  # Tue 10 configured off
        ("Fri 2026-03-13 09:00", 1, "Sat 2026-03-14 09:00"),  # Sat 14 configured worked
        ("Sat 2026-03-14 16:00", 0, "Mon 2026-03-16 17:00"),
        ("Fri 2026-02-13 09:00", 1, "Mon 2026-02-16 09:00"),  # a Tết day configured worked
        ("Tue 2026-03-10 09:00", 0, "Wed 2026-03-11 17:00"),  # received on a configured day off
    ],
)
def test_due_at_with_configured_days(received, n, due):
    cal = WorkCalendar(
        extra_days_off=[date(2026, 3, 10)], extra_working_days=[date(2026, 3, 14), date(2026, 2, 16)]
    )
    assert cal.due_at(at(received), n) == at(due)


@pytest.mark.parametrize("n", [-1, -10, 1.5, True])
def test_due_at_refuses_bad_day_counts(n):
    with pytest.raises(ValueError):
        CAL.due_at(at("Tue 2026-03-10 09:00"), n)


def test_custom_office_hours_and_cutoff():
    cal = WorkCalendar(office_hours=((time(8), time(12)), (time(13), time(17, 30))), same_day_cutoff=time(16))
    assert cal.hours_per_day == 8.5
    assert cal.next_opening(at("Tue 2026-03-10 12:30")) == at("Tue 2026-03-10 13:00")
    assert cal.due_at(at("Tue 2026-03-10 15:30"), 0) == at("Tue 2026-03-10 17:30")
    assert cal.due_at(at("Tue 2026-03-10 16:00"), 0) == at("Wed 2026-03-11 17:30")
    assert cal.add_working_hours(at("Tue 2026-03-10 08:00"), 8.5) == at("Tue 2026-03-10 17:30")


@pytest.mark.parametrize(
    ("office_hours", "key"),
    [
        ((), "calendar.no_periods"),
        (((time(11, 30), time(7, 30)),), "calendar.period_order"),
        (((time(7, 30), time(7, 30)),), "calendar.period_order"),
        (((time(7, 30), time(12)), (time(11, 30), time(17))), "calendar.period_overlap"),
        (((time(13, 30), time(17)), (time(7, 30), time(11, 30))), "calendar.period_overlap"),  # unordered
        (((time(7, 30, tzinfo=UTC), time(11, 30)),), "calendar.period_tz"),
        (((time(7, 30),),), "calendar.period_shape"),
        ((("07:30", "11:30"),), "calendar.period_tz"),
    ],
)
def test_office_hours_are_validated(office_hours, key):
    with pytest.raises(CalendarError) as caught:
        WorkCalendar(office_hours=office_hours)
    assert caught.value.key == key
    assert str(caught.value) == VI[caught.value.key].format(**caught.value.params)


def test_unknown_time_zone_is_a_configuration_error():
    with pytest.raises(CalendarError):
        WorkCalendar(tz="Asia/Nowhere")


# --- the 8-working-hour limit for online dossiers ------------------------------------------------------

WORKING_HOURS = [
    # (why, start, hours, end)
    ("Fri 16:00: 1 h Fri + 4 h Mon morning + 3 h", "Fri 2026-03-06 16:00", 8, "Mon 2026-03-09 16:30"),
    ("Saturday: from Mon 07:30, 7.5 h Mon + 0.5 h", "Sat 2026-03-07 10:00", 8, "Tue 2026-03-10 08:00"),
    ("a full day ends at closing", "Tue 2026-03-10 07:30", 7.5, "Tue 2026-03-10 17:00"),
    ("a morning ends at 11:30, not 13:30", "Tue 2026-03-10 07:30", 4, "Tue 2026-03-10 11:30"),
    ("across lunch", "Tue 2026-03-10 11:00", 1, "Tue 2026-03-10 14:00"),
    ("from lunch", "Tue 2026-03-10 12:00", 8, "Wed 2026-03-11 14:00"),
    ("at night", "Tue 2026-03-10 22:00", 8, "Thu 2026-03-12 08:00"),
    ("zero hours at lunch is the next opening", "Tue 2026-03-10 12:00", 0, "Tue 2026-03-10 13:30"),
    ("fractional hours", "Tue 2026-03-10 09:00", 0.25, "Tue 2026-03-10 09:15"),
    ("before Tết", "Fri 2026-02-13 16:00", 8, "Mon 2026-02-23 16:30"),
    ("before 30/4", "Wed 2026-04-29 15:00", 8, "Mon 2026-05-04 15:30"),
    ("into the make-up Saturday", "Fri 2026-08-21 16:00", 8, "Sat 2026-08-22 16:30"),
    ("over Vietnam Cultural Day", "Mon 2026-11-23 16:00", 8, "Wed 2026-11-25 16:30"),
    ("a week of hours", "Mon 2026-03-09 07:30", 37.5, "Fri 2026-03-13 17:00"),
]


@pytest.mark.parametrize(
    ("start", "hours", "end"), [r[1:] for r in WORKING_HOURS], ids=[r[0] for r in WORKING_HOURS]
)
def test_add_working_hours(start, hours, end):
    assert CAL.add_working_hours(at(start), hours) == at(end)


@pytest.mark.parametrize(
    ("start", "end", "hours"),
    [
        ("Fri 2026-03-06 16:00", "Mon 2026-03-09 16:30", 8),
        ("Tue 2026-03-10 07:00", "Tue 2026-03-10 18:00", 7.5),
        ("Tue 2026-03-10 11:00", "Tue 2026-03-10 14:00", 1),
        ("Sat 2026-03-07 08:00", "Sun 2026-03-08 16:00", 0),
        ("Mon 2026-03-09 00:00", "Mon 2026-03-16 00:00", 37.5),
        ("Mon 2026-02-16 00:00", "Mon 2026-02-23 00:00", 0),  # Tết week
        ("Mon 2026-03-09 16:30", "Fri 2026-03-06 16:00", -8),  # countdown past the limit
    ],
)
def test_working_hours_between(start, end, hours):
    assert CAL.working_hours_between(at(start), at(end)) == pytest.approx(hours)


@pytest.mark.parametrize("hours", [-1, float("nan"), float("inf"), "8"])
def test_add_working_hours_refuses_bad_hours(hours):
    with pytest.raises(ValueError):
        CAL.add_working_hours(at("Tue 2026-03-10 09:00"), hours)


# --- aware datetimes ---------------------------------------------------------------------------------


def test_aware_datetimes_are_read_and_returned_in_vietnam_time():
    received = datetime(2026, 3, 5, 1, 37, tzinfo=UTC)  # Thu 08:37 in Vietnam
    due = CAL.due_at(received, 3)
    assert due.tzinfo is not None
    assert due.utcoffset() == timedelta(hours=7)
    assert due.replace(tzinfo=None) == at("Tue 2026-03-10 08:37")
    assert due == datetime(2026, 3, 10, 1, 37, tzinfo=UTC)


def test_aware_reception_on_the_next_local_day():
    # 23:45 UTC on Sunday is 06:45 on Monday in Vietnam: opens at 07:30 Monday, not Monday UTC.
    opening = CAL.next_opening(datetime(2026, 3, 8, 23, 45, tzinfo=UTC))
    assert opening == datetime(2026, 3, 9, 7, 30, tzinfo=HCM)
    assert opening.tzinfo == HCM


def test_aware_online_arrival_countdown():
    arrived = datetime(2026, 3, 6, 9, 0, tzinfo=UTC)  # Fri 16:00 in Vietnam
    limit = CAL.add_working_hours(arrived, 8)
    assert limit == datetime(2026, 3, 9, 16, 30, tzinfo=HCM)
    assert CAL.working_hours_between(arrived, limit) == pytest.approx(8)
    # the supervisor screen's countdown at Monday 10:00 Vietnam time (given in UTC): 1.5 h + 3 h left
    assert CAL.working_hours_between(datetime(2026, 3, 9, 3, 0, tzinfo=UTC), limit) == pytest.approx(4.5)


def test_aware_datetime_counts_by_its_vietnam_day():
    assert CAL.is_working_day(datetime(2026, 3, 8, 23, 45, tzinfo=UTC))  # Monday 06:45 in Vietnam
    assert not CAL.is_working_day(datetime(2026, 3, 6, 20, 0, tzinfo=UTC))  # Saturday 03:00 in Vietnam
    assert CAL.add_working_days(datetime(2026, 2, 12, 18, 0, tzinfo=UTC), 1) == date(
        2026, 2, 23
    )  # from Fri 13


def test_naive_stays_naive():
    assert CAL.due_at(at("Thu 2026-03-05 08:37"), 3).tzinfo is None
    assert CAL.add_working_hours(at("Thu 2026-03-05 08:37"), 3).tzinfo is None
    assert CAL.next_opening(at("Sat 2026-03-07 08:37")).tzinfo is None


# --- properties --------------------------------------------------------------------------------------

FIRST, LAST = datetime(2025, 1, 1), datetime(2027, 12, 31)
BOUNDARIES = [
    time(0),
    time(7, 29, 59),
    time(7, 30),
    time(11, 30),
    time(13, 30),
    time(15),
    time(17),
    time(23, 59),
]
moments = st.one_of(
    st.datetimes(min_value=FIRST, max_value=LAST),
    st.builds(
        datetime.combine, st.dates(min_value=FIRST.date(), max_value=LAST.date()), st.sampled_from(BOUNDARIES)
    ),
)
day_counts = st.integers(min_value=0, max_value=30)
hour_counts = st.floats(min_value=0, max_value=120, allow_nan=False) | st.sampled_from(
    [0, 0.5, 3.5, 4, 7.5, 8]
)


def in_office(moment: datetime, *, end_allowed: bool) -> bool:
    """Inside an office period of a working day (or exactly at its end when allowed)."""
    return any(
        start <= moment < end or (end_allowed and moment == end)
        for start, end in CAL.office_periods(moment.date())
    )


@settings(max_examples=150, deadline=None)
@given(moments, day_counts)
def test_due_is_never_before_reception_and_falls_in_office_hours(received, n):
    due = CAL.due_at(received, n)
    assert due >= received
    assert in_office(due, end_allowed=(n == 0))
    if n == 0:
        assert due == CAL.closing_time(due.date())


@settings(max_examples=150, deadline=None)
@given(moments, st.integers(min_value=1, max_value=30))
def test_due_is_monotonic_in_working_days(received, n):
    assert CAL.due_at(received, n) < CAL.due_at(received, n + 1)
    if CAL.next_opening(received).time() < CAL.same_day_cutoff:
        assert CAL.due_at(received, 0) <= CAL.due_at(received, 1)


@settings(max_examples=150, deadline=None)
@given(moments, moments, day_counts)
def test_due_is_monotonic_in_reception_time(a, b, n):
    earlier, later = min(a, b), max(a, b)
    assert CAL.due_at(earlier, n) <= CAL.due_at(later, n)


@settings(max_examples=150, deadline=None)
@given(moments, hour_counts)
def test_add_working_hours_then_count_them_back(start, hours):
    end = CAL.add_working_hours(start, hours)
    assert end >= start
    assert in_office(end, end_allowed=True)
    assert CAL.working_hours_between(start, end) == pytest.approx(hours, abs=1e-6)
    assert CAL.working_hours_between(end, start) == pytest.approx(-hours, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(moments)
def test_next_opening_is_open_and_idempotent(moment):
    opening = CAL.next_opening(moment)
    assert opening >= moment
    assert CAL.is_open(opening)
    assert CAL.next_opening(opening) == opening
    assert CAL.working_hours_between(moment, opening) == 0


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=FIRST.date(), max_value=LAST.date()), st.integers(min_value=-40, max_value=40))
def test_working_days_between_inverts_add_working_days(start, n):
    end = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, end) == n
    if n:
        assert CAL.is_working_day(end)
        assert (end > start) == (n > 0)


@settings(max_examples=100, deadline=None)
@given(moments, day_counts, st.sampled_from([UTC, HCM, ZoneInfo("Europe/Paris")]))
def test_aware_and_naive_agree(local, n, zone):
    aware = local.replace(tzinfo=HCM).astimezone(zone)
    due = CAL.due_at(aware, n)
    assert due.tzinfo == HCM
    assert due.replace(tzinfo=None) == CAL.due_at(local, n)
