"""The province's own days off and make-up working days move due dates, on a counter and on the centre."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from counter_app.db.models import CalendarDay
from counter_app.services import calendar_days
from counter_app.services.errors import Forbidden, ServiceError

from .test_dossier_flow import clerk

MON = date(2026, 12, 7)
SAT = date(2026, 12, 12)


def test_a_declared_day_off_moves_due_dates_and_removing_it_moves_them_back(seeded_store):
    store = seeded_store
    friday = datetime(2026, 12, 4, 9, 0)
    before = store.calendar.due_at(friday, 1)
    assert before.date() == MON
    calendar_days.set_day(store, None, MON, working=False, note="  Nghỉ  bù\tlễ  ")
    assert store.calendar.due_at(friday, 1).date() == date(2026, 12, 8)
    assert [(d.day, d.working, d.note) for d in calendar_days.listed(store, year=2026)] == [
        (MON, False, "Nghỉ bù lễ")
    ]
    calendar_days.remove_day(store, None, MON)
    assert store.calendar.due_at(friday, 1) == before


def test_a_make_up_saturday_counts(seeded_store):
    store = seeded_store
    friday = datetime(2026, 12, 11, 9, 0)
    assert store.calendar.due_at(friday, 1).date() == date(2026, 12, 14)
    calendar_days.set_day(store, None, SAT, working=True, note="Làm bù")
    assert store.calendar.due_at(friday, 1).date() == SAT


def test_refusals_change_nothing(seeded_store):
    store = seeded_store
    with pytest.raises(ServiceError) as raised:
        calendar_days.set_day(store, None, date(2026, 12, 5), working=False)  # a Saturday is already off
    assert raised.value.key == "calendar.already_off"
    with pytest.raises(ServiceError):
        calendar_days.set_day(store, None, MON, working=True)  # a Monday already works
    with pytest.raises(ServiceError) as raised:
        calendar_days.set_day(store, None, MON, working=False, note="x\x00y")
    assert raised.value.key == "calendar.note_chars"
    with pytest.raises(Forbidden):
        calendar_days.set_day(store, clerk(store), MON, working=False)  # an officer is not the administrator
    with pytest.raises(ServiceError):
        calendar_days.remove_day(store, None, MON)
    with store.session() as s:
        assert s.exec(select(CalendarDay).where(CalendarDay.day == MON)).first() is None
