"""The supervisor's dossier lists: overdue, close to due, due today, received today, handovers not yet
accepted, online dossiers waiting to be taken in (with their 8-working-hour reception clock).

Each list is of the dossiers the unit holds (``custodian_unit_id``) — but "received today", which is of
those it received, the ledger's — at ``now``; the unit filter is :mod:`counter_app.services.scope`'s.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import cast

from sqlalchemy import and_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, or_, select
from sqlmodel.sql.expression import Select

from counter_app.db.models import Dossier, Handover, Procedure, Unit
from counter_app.domain.states import Status
from counter_app.domain.working_hours import WorkingHours
from counter_app.services.context import Store
from counter_app.services.inbox import reception_deadline
from counter_app.services.indicators.figures import RUNNING
from counter_app.services.indicators.sql import for_unit, select_columns
from counter_app.services.indicators.workload import close_to_due_horizon
from counter_app.services.scope import ALL_UNITS, display_names, unit_scope


@dataclass(frozen=True)
class DossierItem:
    """One line of a supervisor's dossier list."""

    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    status: int
    channel: int
    received_at: datetime | None
    due_at: datetime | None
    #: overdue (red) | close (amber: due within one working day) | ok
    urgency: str = "ok"
    #: working hours from ``now`` to ``due_at`` (negative once overdue)
    hours_left: float | None = None


@dataclass(frozen=True)
class HandoverItem:
    """A handover not yet accepted, seen from the unit: sent by it (out) or to it (in)."""

    code: str
    applicant_name: str
    direction: str  # out: sent by the unit, waiting for the receiver | in: sent to the unit, to accept
    other_unit_id: str
    other_unit_name: str
    sent_at: datetime
    sent_by: str
    due_at: datetime | None
    reason: str


@dataclass(frozen=True)
class OnlineItem:
    """An online dossier not yet taken in, with its 8-working-hour reception clock."""

    code: str
    applicant_name: str
    procedure_name: str
    submitted_at: datetime
    deadline: datetime
    hours_left: float

    @property
    def overdue(self) -> bool:
        return self.hours_left <= 0


#: a row of :func:`_dossier_query`: code, applicant, procedure code, procedure name, status, channel,
#: received at, due at
DossierRow = tuple[str, str, str, str, int, int, datetime | None, datetime | None]
DossierColumns = Select[*DossierRow]


def _dossier_query() -> DossierColumns:
    """The columns of a :class:`DossierItem`, with the procedure's name."""
    # eight columns: more than sqlmodel's select() is typed for, so the row type is declared (the columns')
    query = cast(
        DossierColumns,
        select_columns(
            Dossier.code,
            Dossier.applicant_name,
            Dossier.procedure_code,
            Procedure.name,
            Dossier.status,
            Dossier.channel,
            Dossier.received_at,
            Dossier.due_at,
        ),
    )
    return query.join(Procedure, col(Procedure.code) == col(Dossier.procedure_code))


def _items(store: Store, rows: Iterable[DossierRow], now: datetime) -> list[DossierItem]:
    """Rows of :func:`_dossier_query` as items, with their urgency and working hours left at ``now``."""
    horizon = close_to_due_horizon(store, now)
    hours_between = WorkingHours(store.calendar).between
    out = []
    for code, name, pcode, pname, status, channel, received_at, due_at in rows:
        urgency, hours = "ok", None
        if due_at is not None and Status(status) in RUNNING:
            hours = hours_between(now, due_at)
            if due_at < now:
                urgency = "overdue"
            elif due_at <= horizon:
                urgency = "close"
        out.append(
            DossierItem(
                code, name, pcode, pname, int(status), int(channel), received_at, due_at, urgency, hours
            )
        )
    return out


def _running_by_due(store: Store, unit: str, condition: ColumnElement[bool], limit: int) -> list[DossierRow]:
    """Running dossiers matching ``condition`` on ``due_at``, ordered by due time: one index range per status,
    merged (no sort of the whole set)."""
    streams = []
    with store.session() as session:
        for status in RUNNING:
            query = (
                _dossier_query()
                .where(col(Dossier.status) == int(status), condition)
                .order_by(col(Dossier.due_at), col(Dossier.code))
                .limit(limit)
            )
            streams.append(session.exec(for_unit(query, Dossier.custodian_unit_id, unit, store)).all())
    merged = heapq.merge(*streams, key=lambda r: (r[7], r[0]))
    return list(merged)[:limit]


def overdue(
    store: Store, now: datetime, unit_id: str | None = None, *, limit: int = 200
) -> list[DossierItem]:
    """Dossiers the unit holds whose clock runs and whose due time has passed, the oldest due first."""
    unit = unit_scope(store, unit_id)
    rows = _running_by_due(
        store, unit, and_(col(Dossier.due_at).is_not(None), col(Dossier.due_at) < now), limit
    )
    return _items(store, rows, now)


def close_to_due(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    limit: int = 200,
) -> list[DossierItem]:
    """Running dossiers due within one working day from ``now`` (amber), the soonest first."""
    unit = unit_scope(store, unit_id)
    horizon = close_to_due_horizon(store, now)
    rows = _running_by_due(
        store, unit, and_(col(Dossier.due_at) >= now, col(Dossier.due_at) <= horizon), limit
    )
    return _items(store, rows, now)


def due_today(
    store: Store, now: datetime, unit_id: str | None = None, *, limit: int = 200
) -> list[DossierItem]:
    """Running dossiers due on ``now``'s day (those already past their time are overdue), earliest first."""
    unit = unit_scope(store, unit_id)
    start = datetime.combine(now.date(), time.min)
    rows = _running_by_due(
        store,
        unit,
        and_(col(Dossier.due_at) >= start, col(Dossier.due_at) < start + timedelta(days=1)),
        limit,
    )
    return _items(store, rows, now)


def handovers_pending(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    limit: int = 200,
) -> list[HandoverItem]:
    """Handovers not yet accepted: sent by the unit (out) and sent to it (in), the oldest first."""
    unit = unit_scope(store, unit_id)
    query = (
        select(Handover, Dossier.code, Dossier.applicant_name, Dossier.due_at)
        .join(Dossier, col(Dossier.id) == col(Handover.dossier_id))
        .where(Handover.state == "sent")
        .order_by(col(Handover.sent_at), col(Dossier.code))
        .limit(limit)
    )
    if unit != ALL_UNITS:
        query = query.where(or_(col(Handover.from_unit_id) == unit, col(Handover.to_unit_id) == unit))
    with store.session() as session:
        rows = session.exec(query).all()
        names = display_names(
            session, Unit, {h.from_unit_id for h, *_ in rows} | {h.to_unit_id for h, *_ in rows}
        )
    out = []
    for h, code, applicant, due_at in rows:
        outgoing = unit == ALL_UNITS or h.from_unit_id == unit
        other = h.to_unit_id if outgoing else h.from_unit_id
        out.append(
            HandoverItem(
                code,
                applicant,
                "out" if outgoing else "in",
                other,
                names.get(other, other),
                h.sent_at,
                h.sent_by,
                due_at,
                h.reason,
            )
        )
    return out


def online_pending(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    limit: int = 200,
) -> list[OnlineItem]:
    """Online dossiers the unit has not taken in yet, with the working hours left on their 8-hour reception
    clock (as :func:`counter_app.services.inbox.items` counts them), the most urgent first."""
    unit = unit_scope(store, unit_id)
    # five columns: more than sqlmodel's select() is typed for, so the row type is declared (the columns')
    columns = cast(
        "Select[str, str, str, datetime | None, datetime]",
        select_columns(
            Dossier.code, Dossier.applicant_name, Procedure.name, Dossier.submitted_at, Dossier.updated_at
        ),
    )
    query = (
        columns.join(Procedure, col(Procedure.code) == col(Dossier.procedure_code))
        .where(col(Dossier.status) == int(Status.REGISTERED_ONLINE))
        .order_by(col(Dossier.submitted_at), col(Dossier.code))
        .limit(limit)
    )
    with store.session() as session:
        rows = session.exec(for_unit(query, Dossier.custodian_unit_id, unit, store)).all()
    cal = store.calendar
    hours_between = WorkingHours(cal).between
    out = []
    for code, applicant, procedure_name, submitted_at, updated_at in rows:
        arrived = submitted_at or updated_at
        deadline = reception_deadline(cal, arrived)
        out.append(
            OnlineItem(code, applicant, procedure_name, arrived, deadline, hours_between(now, deadline))
        )
    return sorted(out, key=lambda item: (item.deadline, item.code))
