"""Read-only queries behind the counter's screens: today's work, dossiers due, store state.

Nothing here writes. Every function takes the :class:`Store` and opens its own short session, so a
screen can call it from a worker thread and get plain values back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, func, or_, select
from sqlmodel.sql.expression import Select

from counter_app.db.models import (
    Counter,
    Dossier,
    DossierEvent,
    Procedure,
    QueueTicket,
    Unit,
)
from counter_app.domain.states import OPEN, Status
from counter_app.services.context import Store
from counter_app.services.scope import ALL_UNITS, dossier_visible_to, unit_scope
from counter_app.services.views import RejectedEventView, TicketView, view

#: the counter counts as online while the last successful exchange is at most this old (rounds run every 30 s)
ONLINE_WINDOW = timedelta(minutes=2)
PENDING_STATUSES = (Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.AWAITING_FEE)


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    return datetime.combine(day, time.min), datetime.combine(day, time.max)


@dataclass(frozen=True)
class StoreState:
    """What the status bar shows about the store: online or not, and events waiting to be sent."""

    central_configured: bool
    online: bool
    waiting_events: int
    #: events the central store refused, set aside by the sync (they will not be sent again)
    rejected_events: int = 0
    #: the last successful exchange with the central store
    last_sync: datetime | None = None
    #: why the last exchange failed, when the officer can act on it (a central store not set up), else ""
    problem: str = ""


def store_state(store: Store, now: datetime) -> StoreState:
    from counter_app.services.sync_state import status

    sync = status(store.engine)
    online = (
        bool(store.settings.central_url)
        and not sync.last_error
        and sync.last_sync is not None
        and now - sync.last_sync <= ONLINE_WINDOW
    )
    return StoreState(
        bool(store.settings.central_url), online, sync.pending, sync.rejected, sync.last_sync, sync.problem
    )


def unit_name(store: Store, unit_id: str) -> str:
    with store.session() as session:
        unit = session.get(Unit, str(unit_id))
        return unit.name if unit is not None else str(unit_id)


def counter_numbers(store: Store, unit_id: str) -> list[tuple[int, str]]:
    """(number, name) of the unit's counters, in order."""
    with store.session() as session:
        rows = session.exec(
            select(Counter).where(Counter.unit_id == str(unit_id)).order_by(col(Counter.number))
        ).all()
        return [(c.number, c.name) for c in rows]


@dataclass(frozen=True)
class CounterDay:
    """Today's work of one counter."""

    received: int
    refused: int
    supplement_requested: int
    returned: int
    pending: int
    awaiting_return: int
    tickets_served: int
    """Tickets this counter finished today (no-shows are not citizens served)."""


def counter_day(store: Store, counter_id: str, unit_id: str, day: date) -> CounterDay:
    start, end = _day_bounds(day)
    with store.session() as session:
        rows = session.exec(
            select(DossierEvent.type, func.count())
            .where(
                DossierEvent.counter_id == counter_id,
                DossierEvent.device_time >= start,
                DossierEvent.device_time <= end,
            )
            .group_by(DossierEvent.type)
        ).all()
        by_type = {kind: int(n) for kind, n in rows}
        pending = session.exec(
            select(func.count())
            .select_from(Dossier)
            .where(
                Dossier.received_counter_id == counter_id,
                col(Dossier.status).in_([int(s) for s in PENDING_STATUSES]),
            )
        ).one()
        awaiting_return = session.exec(
            select(func.count())
            .select_from(Dossier)
            .where(Dossier.return_unit_id == str(unit_id), Dossier.status == int(Status.RESULT_READY))
        ).one()
        served = session.exec(
            select(func.count())
            .select_from(QueueTicket)
            .where(
                QueueTicket.counter_id == counter_id,
                QueueTicket.day == day,
                QueueTicket.status == "done",  # a citizen who did not come was not served
            )
        ).one()
    return CounterDay(
        received=by_type.get("received", 0) + by_type.get("received_online", 0),
        refused=by_type.get("refused", 0),
        supplement_requested=by_type.get("supplement_requested", 0),
        returned=by_type.get("returned", 0),
        pending=int(pending),
        awaiting_return=int(awaiting_return),
        tickets_served=int(served),
    )


@dataclass(frozen=True)
class DossierRow:
    """One line of a dossier list."""

    code: str
    applicant_name: str
    procedure_name: str
    status: int
    due_at: datetime | None
    received_at: datetime | None


def _rows(session: Session, query: Select[Dossier, str]) -> list[DossierRow]:
    return [
        DossierRow(d.code, d.applicant_name, name, d.status, d.due_at, d.received_at)
        for d, name in session.exec(query).all()
    ]


def _with_procedure() -> Select[Dossier, str]:
    return select(Dossier, Procedure.name).join(Procedure, col(Procedure.code) == col(Dossier.procedure_code))


def due_on(store: Store, unit_id: str, day: date, *, limit: int = 100) -> list[DossierRow]:
    """Open dossiers the unit holds that fall due on ``day``, earliest first."""
    start, end = _day_bounds(day)
    with store.session() as session:
        return _rows(
            session,
            _with_procedure()
            .where(
                Dossier.custodian_unit_id == str(unit_id),
                col(Dossier.status).in_([int(s) for s in OPEN if s != Status.RESULT_READY]),
                col(Dossier.due_at) >= start,
                col(Dossier.due_at) <= end,
            )
            .order_by(col(Dossier.due_at))
            .limit(limit),
        )


def find_dossiers(
    store: Store, text: str, *, unit_id: str | None = None, limit: int = 20
) -> list[DossierRow]:
    """Dossiers whose code contains ``text`` (at least 3 characters), newest first: only those ``unit_id``
    (default: the store's unit) may see (:func:`counter_app.services.scope.dossier_visible_to`)."""
    text = text.strip()
    if len(text) < 3:
        return []
    with store.session() as session:
        return _rows(
            session,
            _with_procedure()
            .where(col(Dossier.code).contains(text))
            .where(dossier_visible_to(unit_scope(store, unit_id)))
            .order_by(col(Dossier.updated_at).desc())
            .limit(limit),
        )


def citizen_dossiers(
    store: Store, citizen_id: str, cccd: str = "", *, unit_id: str | None = None, limit: int = 50
) -> list[DossierRow]:
    """A citizen's dossiers (by citizen row or by the CCCD given at intake), newest first: only those
    ``unit_id`` (default: the store's unit) may see."""
    condition: ColumnElement[bool] = col(Dossier.citizen_id) == citizen_id
    if cccd:
        condition = or_(condition, col(Dossier.applicant_cccd) == cccd)
    with store.session() as session:
        return _rows(
            session,
            _with_procedure()
            .where(condition)
            .where(dossier_visible_to(unit_scope(store, unit_id)))
            .order_by(col(Dossier.updated_at).desc())
            .limit(limit),
        )


def received_at_counter(
    store: Store, counter_id: str, day: date, *, unit_id: str | None = None, limit: int = 30
) -> list[DossierRow]:
    """Dossiers this counter took in (or refused) on ``day``, latest first: what may need reprinting (only
    those ``unit_id``, default the store's unit, may see)."""
    start, end = _day_bounds(day)
    with store.session() as session:
        codes = session.exec(
            select(DossierEvent.dossier_code)
            .where(
                DossierEvent.counter_id == counter_id,
                col(DossierEvent.type).in_(["received", "refused", "received_online", "supplement_received"]),
                DossierEvent.device_time >= start,
                DossierEvent.device_time <= end,
            )
            .order_by(col(DossierEvent.device_time).desc())
            .limit(limit)
        ).all()
        if not codes:
            return []
        rows = _rows(
            session,
            _with_procedure()
            .where(col(Dossier.code).in_(list(dict.fromkeys(codes))))
            .where(dossier_visible_to(unit_scope(store, unit_id))),
        )
    order = {code: i for i, code in enumerate(dict.fromkeys(codes))}
    return sorted(rows, key=lambda r: order[r.code])


def serving_ticket(store: Store, counter_id: str) -> TicketView | None:
    """The ticket this counter is serving, if any (the one ``queue.call_next`` will close)."""
    with store.session() as session:
        ticket = session.exec(
            select(QueueTicket).where(QueueTicket.counter_id == counter_id, QueueTicket.status == "serving")
        ).first()
        return view(TicketView, ticket) if ticket is not None else None


@dataclass(frozen=True)
class RefusedEvents:
    """The events of a unit's counters the central store refused: how many, on how many dossiers, and the
    newest of them (what the supervisor's screen lists)."""

    count: int
    dossiers: int
    events: tuple[RejectedEventView, ...]


def refused_events(store: Store, unit_id: str | None = None, *, limit: int = 50) -> RefusedEvents:
    """Refused events of ``unit_id``'s counters (default: the store's unit), newest first."""
    from counter_app.db.models import SyncRejection
    from counter_app.services.sync_state import rejected_events

    unit = unit_scope(store, unit_id)
    with store.session() as session:
        query = select(func.count(), func.count(func.distinct(SyncRejection.dossier_id))).select_from(
            SyncRejection
        )
        if unit != ALL_UNITS:
            query = query.where(SyncRejection.unit_id == unit)
        count, dossiers = session.exec(query).one()
        events = rejected_events(session, unit_id=None if unit == ALL_UNITS else unit, limit=limit)
    return RefusedEvents(int(count), int(dossiers), tuple(events))
