from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.db.models import Officer
from counter_app.services import queue
from counter_app.services.context import Actor
from counter_app.services.errors import ServiceError

DAY = datetime(2026, 11, 23, 7, 0)


def officer(store, counter):
    with store.session() as s:
        o = s.exec(select(Officer).where(Officer.username == "canbo1")).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, f"{store.settings.one_stop_code}#{counter}")


def test_priority_first_then_oldest_recall_no_show_and_transfer(seeded_store):
    store = seeded_store
    a1 = queue.issue(store, "A", now=DAY.replace(minute=1))
    b1 = queue.issue(store, "B", now=DAY.replace(minute=2))
    assert (a1.ticket.number, b1.ticket.number, b1.waiting_ahead) == ("A001", "B001", 1)
    u = queue.issue(store, "A", priority=True, priority_reason="Người cao tuổi", now=DAY.replace(minute=3))
    one, two = officer(store, 1), officer(store, 2)
    call = DAY.replace(hour=7, minute=30)
    assert queue.call_next(store, one, now=call).number == u.ticket.number
    assert queue.recall(store, one, now=call).recalls == 1
    assert queue.call_next(store, two, now=call).number == "A001"
    transferred = queue.transfer(store, two, 1)
    assert transferred.status == "waiting"
    # the transferred A001 is older than B001 but waits for counter 1 only
    assert queue.call_next(store, two, now=call).number == "B001"
    assert queue.call_next(store, one, now=call).number == "A001"
    assert queue.no_show(store, one, now=call).status == "no_show"
    with pytest.raises(ServiceError, match="Không còn ai"):
        queue.call_next(store, one, now=call)
    with pytest.raises(ServiceError):
        queue.issue(store, "Z", now=DAY)
