"""The read-only queries behind the counter screen and the status bar."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlmodel import func, select

from counter_app.db.models import Outbox, SyncState
from counter_app.services import dashboard

from .helpers import DEMO_DAY, FIXED_NOW


def test_store_state_counts_waiting_events_and_knows_when_it_is_online(store):
    with store.session() as session:
        waiting = session.exec(select(func.count()).select_from(Outbox).where(Outbox.sent_at == None)).one()  # noqa: E711
    state = dashboard.store_state(store, FIXED_NOW)
    assert state == dashboard.StoreState(False, False, waiting, 0)  # no central store configured: offline

    store.settings = replace(store.settings, central_url="postgresql://central/counter")
    assert not dashboard.store_state(store, FIXED_NOW).online  # never synced yet
    with store.session() as session:
        session.add(SyncState(key="last_sync", value="2026-11-20T09:14:30"))
        session.add(SyncState(key="last_error", value=""))
    assert dashboard.store_state(store, FIXED_NOW).online
    assert not dashboard.store_state(store, datetime(2026, 11, 20, 9, 30)).online  # too long ago
    with store.session() as session:
        session.get(SyncState, "last_error").value = "connection refused"
    assert not dashboard.store_state(store, FIXED_NOW).online


def test_due_today_list(store):
    due = dashboard.due_on(store, store.unit_id, DEMO_DAY)
    assert due and all(row.due_at.date() == DEMO_DAY for row in due)
    assert [row.due_at for row in due] == sorted(row.due_at for row in due)


def test_counter_day_of_the_demo_counter(store):
    day = dashboard.counter_day(store, store.settings.counter_id, store.unit_id, DEMO_DAY)
    assert day.received == 0 and day.returned == 0  # the demo's work is in the past
    assert day.pending > 0 and day.awaiting_return > 0


def test_find_dossiers_needs_three_characters(store):
    code = dashboard.due_on(store, store.unit_id, DEMO_DAY)[0].code
    assert dashboard.find_dossiers(store, code[-2:]) == []
    assert code in [row.code for row in dashboard.find_dossiers(store, code[-6:])]
