"""What the public queue board shows: the number each counter serves now, the last calls, the waiting count.

Read-only; one call reads everything the board shows for one refresh (see
:func:`counter_app.services.queue.queue_state` for the queries).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import case, col, func, select

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
    serving = case((col(QueueTicket.status) == "serving", 1), else_=0)
    today = (QueueTicket.unit_id == unit, QueueTicket.day == now.date())
    with store.session() as session:
        # issued, recalled, called or transferred to a free counter, finished or absent
        moves = session.exec(
            select(
                func.count(),
                func.sum(QueueTicket.recalls),
                func.max(QueueTicket.called_at),
                func.max(QueueTicket.finished_at),
            ).where(*today)
        ).one()
        # transferred to a busy counter: served no more, waiting there
        serving_now = session.exec(select(func.sum(serving)).where(*today)).one()
    return (unit, now.date(), *moves, serving_now)
