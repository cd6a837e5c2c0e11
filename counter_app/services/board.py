"""What the public queue board shows: the number each counter serves now, the last calls, the waiting count.

Read-only; one call reads everything the board shows for one refresh (see
:func:`counter_app.services.queue.queue_state` for the queries).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, func, select

from counter_app.db.models import QueueTicket, Unit
from counter_app.services.context import Store
from counter_app.services.queue import Call, CounterState, ServiceQueue, queue_state
from counter_app.services.scope import ALL_UNITS, unit_scope


@dataclass(frozen=True)
class BoardState:
    unit_id: str
    unit_name: str
    now: datetime
    counters: list[CounterState]
    recent_calls: list[Call]
    services: list[ServiceQueue]

    @property
    def waiting(self) -> int:
        return sum(s.total for s in self.services)


def board_state(store: Store, now: datetime, unit_id: str | None = None, *, recent: int = 5) -> BoardState:
    """The board of the unit (default: the store's own) at ``now``: counters in number order, the ``recent``
    latest calls (newest first), tickets waiting per service."""
    queue = queue_state(store, now, unit_id, recent=recent)
    with store.session() as session:
        unit = session.get(Unit, queue.unit_id)
        name = unit.name if unit is not None else queue.unit_id
    return BoardState(queue.unit_id, name, now, queue.counters, queue.recent_calls, queue.services)


def board_version(store: Store, now: datetime, unit_id: str | None = None) -> tuple[object, ...]:
    """A cheap fingerprint of the unit's queue today: it changes whenever a ticket is issued, called,
    recalled, transferred, finished or marked absent, so a display in another process (``counter-app serve``)
    can poll it often and read the whole :func:`board_state` only when it changed."""
    unit = unit_scope(store, unit_id)
    if unit == ALL_UNITS:
        unit = store.unit_id
    today = (QueueTicket.unit_id == unit, QueueTicket.day == now.date())
    with store.session() as session:
        # issued, recalled, called, finished or absent
        moves = session.exec(
            select(
                func.count(),
                func.sum(QueueTicket.recalls),
                func.max(QueueTicket.called_at),
                func.max(QueueTicket.finished_at),
            ).where(*today)
        ).one()
        # who serves what (a few rows, one per busy counter): a transfer moves a ticket to another counter,
        # or back to waiting, within the same second as the call
        serving = session.exec(
            select(QueueTicket.id, QueueTicket.counter_id)
            .where(*today, QueueTicket.status == "serving")
            .order_by(col(QueueTicket.id))
        ).all()
    return (unit, now.date(), *moves, tuple(tuple(row) for row in serving))
