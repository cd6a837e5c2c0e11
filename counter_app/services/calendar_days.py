"""The province's days off and make-up working days, beyond the public holidays the calendar knows.

Vietnam's public holidays (Tết included) come from the ``holidays`` package, and the Government's published
day swaps from the cited data module :mod:`counter_app.domain.official_days` (both in
:mod:`counter_app.domain.calendar`); what a province decides on top — a local day off, a Saturday worked in
exchange — and an announcement published after the app's release are ``calendar_day`` rows, which win. With a central store they are kept there
and every counter pulls them (a counter's own rows are replaced at each pull), so they are edited on the
central store (``counter-app calendar ... --central``); a stand-alone counter keeps its own. Due dates
follow them as soon as they change: the store's calendar is rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from counter_app.db.models import CalendarDay
from counter_app.domain.vntext import tidy
from counter_app.services.auth import require_role
from counter_app.services.context import Actor, Store
from counter_app.services.errors import ServiceError

NOTE_LIMIT = 200


@dataclass(frozen=True)
class CalendarDayView:
    day: date
    working: bool
    note: str


def listed(store: Store, *, year: int | None = None) -> list[CalendarDayView]:
    """The decided days (of ``year``), in date order."""
    with store.session() as session:
        query = select(CalendarDay).order_by(col(CalendarDay.day))
        if year is not None:
            query = query.where(
                col(CalendarDay.day) >= date(year, 1, 1), col(CalendarDay.day) <= date(year, 12, 31)
            )
        return [CalendarDayView(d.day, d.working, d.note) for d in session.exec(query).all()]


def _clean_note(note: str) -> str:
    text = tidy(note)
    if any(not ch.isprintable() for ch in text):
        raise ServiceError("calendar.note_chars")
    if len(text) > NOTE_LIMIT:
        raise ServiceError("calendar.note_too_long", limit=NOTE_LIMIT)
    return text


def set_day(
    store: Store, actor: Actor | None, day: date, *, working: bool, note: str = ""
) -> CalendarDayView:
    """Declare ``day`` a day off (``working=False``) or a make-up working day; replaces what was declared.

    ``actor`` is the administrator acting in the app; None for the command line, run by whoever holds the
    machine (like ``db upgrade``)."""
    if actor is not None:
        require_role(actor, "admin")
    if working and day.weekday() < 5 and store.calendar.is_working_day(day):
        raise ServiceError("calendar.already_working", day=day)
    if not working and not store.calendar.is_working_day(day):
        raise ServiceError("calendar.already_off", day=day)
    text = _clean_note(note)
    with store.session() as session:
        row = session.get(CalendarDay, day) or CalendarDay(day=day, working=working)
        row.working, row.note = working, text
        session.add(row)
    store.reload_calendar()
    return CalendarDayView(day, working, text)


def remove_day(store: Store, actor: Actor | None, day: date) -> None:
    """Forget what was declared for ``day`` (it follows the national calendar again)."""
    if actor is not None:
        require_role(actor, "admin")
    with store.session() as session:
        row = session.get(CalendarDay, day)
        if row is None:
            raise ServiceError("calendar.not_declared", day=day)
        session.delete(row)
    store.reload_calendar()
