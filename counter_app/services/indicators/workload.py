"""The open work a unit holds at a moment: running dossiers on time, late, close to due, due today; dossiers
waiting for a supplement, online dossiers not yet taken in, results not yet returned.

These are a snapshot at ``now`` of the dossiers the unit holds (``custodian_unit_id``), whatever the
period, because that is the work the unit can still act on.  Dossiers waiting for a supplement have their
clock stopped and are never counted late.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, literal, union_all
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, or_, select

from counter_app.db.models import Dossier
from counter_app.domain.states import Status
from counter_app.services.context import Store
from counter_app.services.indicators.figures import OPEN_WORK, RUNNING
from counter_app.services.indicators.sql import (
    as_int,
    cached_count,
    count_when,
    dossier_rows,
    group_column,
    status_ints,
    unindexed,
    within,
)
from counter_app.services.scope import ALL_UNITS, unit_scope


def close_to_due_horizon(store: Store, now: datetime) -> datetime:
    """Dossiers due from ``now`` up to this moment are close to due (amber): one working day of office
    hours."""
    return store.calendar.add_working_hours(now, store.calendar.hours_per_day)


@dataclass(frozen=True)
class Workload:
    """The open work a unit holds at a moment (see :func:`workload`)."""

    on_time: int = 0
    late: int = 0
    close_to_due: int = 0
    due_today: int = 0
    waiting_supplement: int = 0
    online_waiting: int = 0
    result_waiting: int = 0


def _workload_queries(store: Store, now: datetime, where: ColumnElement[bool] | None = None) -> list[Any]:
    """Queries yielding ``(status, kind, count)`` rows: every open status counted ("all"), and for the running
    statuses the late ones, those due within a working day ("close") and those due today.

    Without ``where`` each count is a range of the covering (status, due_at) index.  With ``where`` (a unit
    condition) one pass over the matching rows sums the same counts, none of the columns picking an index
    on SQLite but those in ``where``."""
    horizon = close_to_due_horizon(store, now)
    day_start = datetime.combine(now.date(), time.min)
    ranges: dict[str, Callable[[Any], ColumnElement[bool]]] = {
        "late": lambda due: due < now,
        "close": lambda due: and_(due >= now, due <= horizon),
        "today": lambda due: within(due, day_start, day_start + timedelta(days=1)),
    }
    status, due = col(Dossier.status), col(Dossier.due_at)
    if where is None:
        parts = [
            select(Dossier.status, literal("all").label("kind"), func.count())
            .where(status.in_(status_ints(OPEN_WORK)))
            .group_by(status)
        ]
        parts += [
            select(Dossier.status, literal(kind).label("kind"), func.count())
            .where(status.in_(status_ints(RUNNING)), condition(due))
            .group_by(status)
            for kind, condition in ranges.items()
        ]
        return [union_all(*parts)]
    plain_due = unindexed(due)
    running = col(Dossier.status).in_(status_ints(RUNNING))
    return [
        select(
            Dossier.status,
            func.count(),
            *(count_when(and_(running, condition(plain_due))) for condition in ranges.values()),
        )
        .where(unindexed(status).in_(status_ints(OPEN_WORK)), where)
        .group_by(group_column(store, Dossier.status))
    ]


def workload(store: Store, now: datetime, unit_id: str | None = None) -> Workload:
    """The unit's open dossiers at ``now``: running ones on time / late / due within one working day / due
    today, waiting for a supplement (clock stopped), online ones not taken in, results not yet returned.

    Counted on the (status, due_at) index alone; when the unit holds most of the store's rows, the other
    units' rows are counted through the custodian index and subtracted, so that the unit of each of
    100,000 open dossiers need not be looked up."""
    unit = unit_scope(store, unit_id)
    custodian = col(Dossier.custodian_unit_id)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    with store.session() as session:
        plans: list[tuple[int, ColumnElement[bool] | None]]
        if unit == ALL_UNITS:
            plans = [(1, None)]
        elif cached_count(
            session, store, f"held:{unit}", select(func.count()).select_from(Dossier).where(custodian == unit)
        ) * 2 > dossier_rows(session, store):
            plans = [(1, None), (-1, or_(custodian < unit, custodian > unit))]
        else:
            plans = [(1, custodian == unit)]
        for factor, where in plans:
            for query in _workload_queries(store, now, where):
                for row in session.exec(query).all():
                    if where is None:
                        status, kind, n = row
                        counts[(int(status), kind)] += factor * as_int(n)
                        continue
                    for kind, n in zip(("all", "late", "close", "today"), row[1:], strict=True):
                        counts[(int(row[0]), kind)] += factor * as_int(n)
    running = [int(s) for s in RUNNING]
    late = sum(counts[(s, "late")] for s in running)
    return Workload(
        on_time=sum(counts[(s, "all")] for s in running) - late,
        late=late,
        close_to_due=sum(counts[(s, "close")] for s in running),
        due_today=sum(counts[(s, "today")] for s in running),
        waiting_supplement=counts[(int(Status.SUPPLEMENT_REQUESTED), "all")],
        online_waiting=counts[(int(Status.REGISTERED_ONLINE), "all")],
        result_waiting=counts[(int(Status.RESULT_READY), "all")],
    )
