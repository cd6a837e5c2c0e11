"""Queue tickets: issue, call the next citizen (priority first, then oldest), recall, no-show, transfer; and
the state of a unit's queue today (:func:`queue_state`: waiting per service, the counters, the last calls).

Every counter calls from every line: a counter's next ticket is one transferred to it, else the oldest priority
ticket, else the oldest ticket.  A transferred ticket is *called* at the counter it is sent to when that counter
is free (the board shows it there, being served, and under the last calls); when that counter is busy it waits
for it, first in its line, and is called by its next F2.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import cast

from sqlmodel import Session, case, col, func, or_, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from counter_app.db.models import Counter, Officer, QueueService, QueueTicket
from counter_app.domain.codes import ticket_number
from counter_app.locale import t
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import ServiceError
from counter_app.services.ids import new_id
from counter_app.services.intake import next_sequence
from counter_app.services.scope import ALL_UNITS, display_names, unit_scope
from counter_app.services.views import TicketView, view


@dataclass(frozen=True)
class IssuedTicket:
    ticket: TicketView
    service_name: str
    waiting_ahead: int


def _waiting_query(unit_id: str, day: date, counter_id: str | None) -> SelectOfScalar[QueueTicket]:
    query = select(QueueTicket).where(
        QueueTicket.unit_id == unit_id, QueueTicket.day == day, QueueTicket.status == "waiting"
    )
    if counter_id is not None:  # tickets transferred to another counter are that counter's only
        query = query.where(or_(col(QueueTicket.counter_id).is_(None), QueueTicket.counter_id == counter_id))
    return query


def _ahead(session: Session, unit_id: str, day: date, *, priority: bool) -> int:
    """How many waiting tickets the counters call before a new one: every waiting ticket for an ordinary
    ticket; only the priority ones for a priority ticket (priority tickets are called first, whatever the line)."""
    query = _waiting_query(unit_id, day, None)
    if priority:
        query = query.where(col(QueueTicket.priority).is_(True))
    return int(session.exec(select(func.count()).select_from(query.subquery())).one())


def issue(
    store: Store,
    service: str,
    *,
    priority: bool = False,
    priority_reason: str = "",
    now: datetime | None = None,
) -> IssuedTicket:
    now = now or local_now()
    unit_id = store.unit_id
    with store.session() as session:
        queue_service = session.get(QueueService, service)
        if queue_service is None:
            raise ServiceError("queue.unknown_service", service=service)
        seq = next_sequence(session, f"unit:{unit_id}", f"ticket:{service}:{now:%y%m%d}")
        ahead = _ahead(session, unit_id, now.date(), priority=priority)
        ticket = QueueTicket(
            id=new_id(),
            unit_id=unit_id,
            day=now.date(),
            number=ticket_number(service, seq),
            service=service,
            priority=priority,
            priority_reason=priority_reason,
            issued_at=now,
        )
        session.add(ticket)
        session.flush()
        return IssuedTicket(view(TicketView, ticket), queue_service.name, ahead)


def current(session: Session, actor: Actor) -> QueueTicket | None:
    return session.exec(
        select(QueueTicket).where(QueueTicket.counter_id == actor.counter_id, QueueTicket.status == "serving")
    ).first()


def call_next(store: Store, actor: Actor, *, now: datetime | None = None) -> TicketView:
    """Close the ticket being served and call the next one: one transferred to this counter first, then
    priority, then the oldest."""
    now = now or local_now()
    with store.session() as session:
        serving = current(session, actor)
        if serving is not None:
            serving.status, serving.finished_at = "done", now
            serving.officer_id = serving.officer_id or actor.officer_id  # a ticket transferred here
            session.add(serving)
        sent_here = case((col(QueueTicket.counter_id).is_(None), 1), else_=0)
        ticket = session.exec(
            _waiting_query(actor.unit_id, now.date(), actor.counter_id)
            .order_by(
                sent_here,
                col(QueueTicket.priority).desc(),
                col(QueueTicket.issued_at),
                col(QueueTicket.number),
            )
            .limit(1)
        ).first()
        if ticket is None:
            raise ServiceError("queue.empty")
        ticket.status, ticket.called_at = "serving", now
        ticket.counter_id, ticket.officer_id = actor.counter_id, actor.officer_id
        session.add(ticket)
        session.flush()
        return view(TicketView, ticket)


def _serving(session: Session, actor: Actor) -> QueueTicket:
    ticket = current(session, actor)
    if ticket is None:
        raise ServiceError("queue.no_current")
    return ticket


def recall(store: Store, actor: Actor, *, now: datetime | None = None) -> TicketView:
    with store.session() as session:
        ticket = _serving(session, actor)
        ticket.recalls += 1
        ticket.called_at = now or local_now()
        session.add(ticket)
        session.flush()
        return view(TicketView, ticket)


def no_show(store: Store, actor: Actor, *, now: datetime | None = None) -> TicketView:
    with store.session() as session:
        ticket = _serving(session, actor)
        ticket.status, ticket.finished_at = "no_show", now or local_now()
        ticket.officer_id = ticket.officer_id or actor.officer_id
        session.add(ticket)
        session.flush()
        return view(TicketView, ticket)


def finish(
    store: Store, actor: Actor, *, dossier_id: str | None = None, now: datetime | None = None
) -> TicketView:
    with store.session() as session:
        ticket = _serving(session, actor)
        ticket.status, ticket.finished_at = "done", now or local_now()
        ticket.officer_id = ticket.officer_id or actor.officer_id
        ticket.dossier_id = dossier_id or ticket.dossier_id
        session.add(ticket)
        session.flush()
        return view(TicketView, ticket)


def transfer(store: Store, actor: Actor, counter_number: int, *, now: datetime | None = None) -> TicketView:
    """Send the citizen being served to another counter of the unit.

    A free counter has the ticket called there at once (status ``serving`` at that counter, called ``now``: the
    board shows it in that counter's box and among the last calls; its officer's screen picks it up).  A busy
    counter gets it first in its line (status ``waiting`` for that counter only, off the board's calls until
    that counter's next call).  The officer who served it so far is not its officer any more: the counter that
    closes it is (see :func:`call_next`, :func:`finish`, :func:`no_show`)."""
    now = now or local_now()
    with store.session() as session:
        ticket = _serving(session, actor)
        target = session.exec(
            select(Counter).where(Counter.unit_id == actor.unit_id, Counter.number == counter_number)
        ).first()
        if target is None:
            raise ServiceError("queue_fixes.no_such_counter", number=counter_number)
        busy = session.exec(
            select(QueueTicket.id).where(
                QueueTicket.counter_id == target.id,
                QueueTicket.status == "serving",
                QueueTicket.id != ticket.id,
            )
        ).first()
        ticket.counter_id, ticket.officer_id = target.id, None
        if busy is None:
            ticket.status, ticket.called_at = "serving", now
        else:
            ticket.status = "waiting"
        session.add(ticket)
        session.flush()
        return view(TicketView, ticket)


def waiting_by_service(store: Store, *, now: datetime | None = None) -> list[tuple[str, str, int, int]]:
    """(service code, name, waiting normal, waiting priority) for today."""
    now = now or local_now()
    with store.session() as session:
        services = session.exec(select(QueueService).order_by(col(QueueService.code))).all()
        rows = session.exec(
            select(QueueTicket.service, QueueTicket.priority, func.count())
            .where(
                QueueTicket.unit_id == store.unit_id,
                QueueTicket.day == now.date(),
                QueueTicket.status == "waiting",
            )
            .group_by(col(QueueTicket.service), col(QueueTicket.priority))
        ).all()
        counts = {(s, bool(p)): n for s, p, n in rows}
        return [
            (s.code, s.name, counts.get((s.code, False), 0), counts.get((s.code, True), 0)) for s in services
        ]


@dataclass(frozen=True)
class ServiceQueue:
    """Today's waiting tickets of one service: normal, priority, and the longest wait."""

    code: str
    name: str
    waiting: int
    waiting_priority: int
    longest_wait: timedelta | None

    @property
    def total(self) -> int:
        return self.waiting + self.waiting_priority


@dataclass(frozen=True)
class CounterState:
    """A counter of the unit now: serving a ticket (since when), idle, or closed."""

    counter_id: str
    number: int
    name: str
    state: str  # serving | idle | closed
    ticket: str | None = None
    since: datetime | None = None
    officer_name: str = ""
    served_today: int = 0

    @property
    def label(self) -> str:
        return t(f"queue_state.{self.state}")


@dataclass(frozen=True)
class Call:
    """A ticket called today (the board shows the last few)."""

    ticket_id: str
    number: str
    counter_number: int | None
    called_at: datetime
    status: str


@dataclass(frozen=True)
class QueueState:
    """A unit's queue today (:func:`queue_state`)."""

    unit_id: str
    now: datetime
    services: list[ServiceQueue]
    counters: list[CounterState]
    recent_calls: list[Call]
    served_today: int
    no_show_today: int

    @property
    def waiting(self) -> int:
        return sum(s.total for s in self.services)

    @property
    def longest_wait(self) -> timedelta | None:
        waits = [s.longest_wait for s in self.services if s.longest_wait is not None]
        return max(waits) if waits else None


def queue_state(store: Store, now: datetime, unit_id: str | None = None, *, recent: int = 6) -> QueueState:
    """Today's queue of a unit: waiting per service (normal/priority, longest wait), each counter's state,
    the last ``recent`` calls.  A queue belongs to one unit: :data:`ALL_UNITS` means the store's own."""
    unit = unit_scope(store, unit_id)
    if unit == ALL_UNITS:
        unit = store.unit_id
    day = now.date()
    open_now = store.calendar.is_open(now)
    with store.session() as session:
        services = session.exec(select(QueueService).order_by(col(QueueService.code))).all()
        waiting = session.exec(
            select(QueueTicket.service, QueueTicket.priority, func.count(), func.min(QueueTicket.issued_at))
            .where(QueueTicket.unit_id == unit, QueueTicket.status == "waiting", QueueTicket.day == day)
            .group_by(col(QueueTicket.service), col(QueueTicket.priority))
        ).all()
        # six columns: more than sqlmodel's select() is typed for, so the row type is declared (the columns';
        # called_at is never NULL, the query keeps the tickets called); Select(...) is what select() builds
        called_query = cast(
            "Select[str, str, str | None, str | None, str, datetime]",
            Select(
                col(QueueTicket.id),
                col(QueueTicket.number),
                col(QueueTicket.counter_id),
                col(QueueTicket.officer_id),
                col(QueueTicket.status),
                col(QueueTicket.called_at),
            ),
        )
        called = session.exec(
            called_query.where(
                QueueTicket.unit_id == unit,
                QueueTicket.day == day,
                col(QueueTicket.called_at).is_not(None),
                # a ticket transferred to a busy counter waits to be called there: not a call (yet)
                QueueTicket.status != "waiting",
            ).order_by(col(QueueTicket.called_at).desc(), col(QueueTicket.number).desc())
        ).all()
        counters = session.exec(
            select(Counter).where(Counter.unit_id == unit).order_by(col(Counter.number))
        ).all()
        officer_names = display_names(
            session, Officer, {r[3] for r in called if r[4] == "serving"}, "full_name"
        )
    counts: dict[tuple[str, bool], tuple[int, datetime]] = {
        (service, bool(priority)): (int(n), oldest) for service, priority, n, oldest in waiting
    }
    service_rows = []
    known = [(s.code, s.name) for s in services]
    known += [(code, code) for code, _ in counts if code not in {s.code for s in services}]
    for code, name in known:
        normal = counts.get((code, False))
        urgent = counts.get((code, True))
        oldest = [v[1] for v in (normal, urgent) if v is not None]
        service_rows.append(
            ServiceQueue(
                code,
                name,
                normal[0] if normal else 0,
                urgent[0] if urgent else 0,
                max(timedelta(0), now - min(oldest)) if oldest else None,
            )
        )
    numbers = {c.id: c.number for c in counters}
    serving: dict[str, tuple[str, datetime, str]] = {}
    served: dict[str, int] = defaultdict(int)
    for _id, number, counter_id, officer_id, status, called_at in called:
        if counter_id is None:  # called from no counter (an actor without one): among the recent calls only
            continue
        if status == "serving" and counter_id not in serving:
            serving[counter_id] = (number, called_at, officer_names.get(officer_id, "") if officer_id else "")
        if status in ("done", "no_show"):
            served[counter_id] += status == "done"
    active = {r[2] for r in called}
    counter_rows = []
    for c in counters:
        if c.id in serving:
            number, since, officer = serving[c.id]
            counter_rows.append(
                CounterState(c.id, c.number, c.name, "serving", number, since, officer, served[c.id])
            )
        else:
            state = "idle" if open_now and c.id in active else "closed"
            counter_rows.append(CounterState(c.id, c.number, c.name, state, served_today=served[c.id]))
    calls = [
        Call(i, number, numbers.get(counter_id) if counter_id is not None else None, called_at, status)
        for i, number, counter_id, _o, status, called_at in called[:recent]
    ]
    return QueueState(
        unit,
        now,
        service_rows,
        counter_rows,
        calls,
        served_today=sum(1 for r in called if r[4] == "done"),
        no_show_today=sum(1 for r in called if r[4] == "no_show"),
    )
