"""What the public queue board shows: the number each counter serves now, the last calls, the waiting count.

Read-only; one call reads everything the board shows for one refresh (see
:func:`counter_app.services.queue.queue_state` for the queries).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.db.models import Unit
from counter_app.services.context import Store
from counter_app.services.queue import Call, CounterState, ServiceQueue, queue_state


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
