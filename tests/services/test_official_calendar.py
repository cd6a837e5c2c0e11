"""The published swaps shipped with the app move a store's due dates; a ``calendar_day`` row (a later
announcement distributed by the central store) wins over them."""

from __future__ import annotations

from datetime import date, datetime

from counter_app.services import calendar_days

SWAPPED_FRIDAY = date(2026, 1, 2)
MAKE_UP_SATURDAY = date(2026, 1, 10)


def test_the_store_calendar_follows_the_published_swap_and_a_declared_day_wins(seeded_store):
    store = seeded_store
    received = datetime(2025, 12, 31, 10, 0)
    assert store.calendar.due_at(received, 1) == datetime(2026, 1, 5, 10, 0)
    # a later announcement: the Friday is worked after all, the Saturday is not
    calendar_days.set_day(store, None, SWAPPED_FRIDAY, working=True, note="Văn bản mới")
    calendar_days.set_day(store, None, MAKE_UP_SATURDAY, working=False, note="Văn bản mới")
    assert store.calendar.due_at(received, 1) == datetime(2026, 1, 2, 10, 0)
    assert not store.calendar.is_working_day(MAKE_UP_SATURDAY)
    calendar_days.remove_day(store, None, SWAPPED_FRIDAY)
    calendar_days.remove_day(store, None, MAKE_UP_SATURDAY)
    assert store.calendar.due_at(received, 1) == datetime(2026, 1, 5, 10, 0)
    assert store.calendar.is_working_day(MAKE_UP_SATURDAY)


def test_intake_and_the_online_inbox_use_the_published_swap(seeded_store):
    """Through the real services: a dossier received 31/12/2025 10:00 with 3 working days is due 7/1/2026
    (5, 6, 7 — the swapped Friday 2/1 is off); an online dossier submitted 31/12/2025 16:00 must be taken in
    by Monday 5/1/2026 16:30 (1 h on 31/12, 7 h on 5/1)."""
    from counter_app.services import inbox, intake

    from .test_dossier_flow import clerk, request_for

    store = seeded_store
    actor = clerk(store)
    dossier = intake.receive(store, actor, request_for(store), now=datetime(2025, 12, 31, 10, 0))
    assert dossier.due_at == datetime(2026, 1, 7, 10, 0)
    online = intake.register_online(
        store, actor, request_for(store, reuse=False), submitted_at=datetime(2025, 12, 31, 16, 0)
    )
    (item,) = [i for i in inbox.items(store) if i.code == online.code]
    assert item.due_at == datetime(2026, 1, 5, 16, 30)
