"""Everything the live supervisor screen shows, read in one refresh: the queue, the period's figures, the
weekly series and the dossier lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.services.auth import require_role
from counter_app.services.context import Actor, Store
from counter_app.services.indicators.figures import Indicators, WeekFigures
from counter_app.services.indicators.lists import (
    DossierItem,
    HandoverItem,
    OnlineItem,
    close_to_due,
    handovers_pending,
    online_pending,
    overdue,
)
from counter_app.services.indicators.period_figures import PeriodFigures, period_figures
from counter_app.services.indicators.periods import Period, as_period
from counter_app.services.indicators.weekly import weekly_series
from counter_app.services.queue import QueueState, queue_state
from counter_app.services.scope import unit_scope


@dataclass(frozen=True)
class SupervisorSnapshot:
    """Everything the live supervisor screen shows, read in one refresh."""

    now: datetime
    unit_id: str
    period: Period
    queue: QueueState
    figures: PeriodFigures
    weekly: list[WeekFigures]
    overdue: list[DossierItem]
    close_to_due: list[DossierItem]
    online: list[OnlineItem]
    handovers: list[HandoverItem]

    @property
    def indicators(self) -> Indicators:
        return self.figures.indicators

    @property
    def attention(self) -> list[DossierItem]:
        """Overdue (oldest due first), then close to due (soonest first)."""
        return [*self.overdue, *self.close_to_due]


def supervisor_snapshot(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    period: Period | str = "today",
    weeks: int = 8,
    limit: int = 200,
    weekly: list[WeekFigures] | None = None,
    actor: Actor | None = None,
) -> SupervisorSnapshot:
    """One refresh of the supervisor screen: the queue, the period's figures, the weekly series and the lists.

    ``weekly``, when given, is used as the weekly series instead of reading it again (the screen refreshes
    the 8-week trend less often than the live figures). ``actor``, when given (the screens always give
    it), must be a supervisor or an administrator: the service refuses the others, whatever the screen
    shows."""
    if actor is not None:
        require_role(actor, "supervisor")
    unit = unit_scope(store, unit_id)
    return SupervisorSnapshot(
        now=now,
        unit_id=unit,
        period=as_period(period, now),
        queue=queue_state(store, now, unit),
        figures=period_figures(store, now, period, unit, by_procedure_workload=False),
        weekly=weekly if weekly is not None else weekly_series(store, now, unit, weeks=weeks),
        overdue=overdue(store, now, unit, limit=limit),
        close_to_due=close_to_due(store, now, unit, limit=limit),
        online=online_pending(store, now, unit, limit=limit),
        handovers=handovers_pending(store, now, unit, limit=limit),
    )
