"""Queue tickets: issue, call the next citizen (priority first, then oldest), recall, no-show, transfer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, or_, select

from counter_app.db.models import QueueService, QueueTicket
from counter_app.domain.codes import ticket_number
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import NotFound, ServiceError
from counter_app.services.ids import new_id
from counter_app.services.intake import next_sequence
from counter_app.services.views import TicketView, view


@dataclass(frozen=True)
class IssuedTicket:
    ticket: TicketView
    service_name: str
    waiting_ahead: int


def _waiting_query(unit_id: str, day, counter_id: str | None):
    query = select(QueueTicket).where(
        QueueTicket.unit_id == unit_id, QueueTicket.day == day, QueueTicket.status == "waiting"
    )
    if counter_id is not None:  # tickets transferred to another counter are that counter's only
        query = query.where(or_(col(QueueTicket.counter_id).is_(None), QueueTicket.counter_id == counter_id))
    return query


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
        ahead = session.exec(
            select(func.count()).select_from(_waiting_query(unit_id, now.date(), None).subquery())
        ).one()
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
        return IssuedTicket(view(TicketView, ticket), queue_service.name, int(ahead))


def current(session: Session, actor: Actor) -> QueueTicket | None:
    return session.exec(
        select(QueueTicket).where(QueueTicket.counter_id == actor.counter_id, QueueTicket.status == "serving")
    ).first()


def call_next(store: Store, actor: Actor, *, now: datetime | None = None) -> TicketView:
    """Close the ticket being served and call the next one: priority first, then the oldest."""
    now = now or local_now()
    with store.session() as session:
        serving = current(session, actor)
        if serving is not None:
            serving.status, serving.finished_at = "done", now
            session.add(serving)
        ticket = session.exec(
            _waiting_query(actor.unit_id, now.date(), actor.counter_id)
            .order_by(col(QueueTicket.priority).desc(), QueueTicket.issued_at, QueueTicket.number)
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
        session.add(ticket)
        session.flush()
        return view(TicketView, ticket)


def finish(
    store: Store, actor: Actor, *, dossier_id: str | None = None, now: datetime | None = None
) -> TicketView:
    with store.session() as session:
        ticket = _serving(session, actor)
        ticket.status, ticket.finished_at = "done", now or local_now()
        ticket.dossier_id = dossier_id or ticket.dossier_id
        session.add(ticket)
        session.flush()
        return view(TicketView, ticket)


def transfer(store: Store, actor: Actor, counter_number: int) -> TicketView:
    """Send the citizen being served to another counter of the unit, ahead of that counter's queue."""
    with store.session() as session:
        ticket = _serving(session, actor)
        target = f"{store.settings.one_stop_code}#{counter_number}"
        ticket.status, ticket.counter_id, ticket.officer_id = "waiting", target, None
        session.add(ticket)
        session.flush()
        return view(TicketView, ticket)


def ticket_by_number(session: Session, unit_id: str, day, number: str) -> QueueTicket:
    ticket = session.exec(
        select(QueueTicket).where(
            QueueTicket.unit_id == unit_id,
            QueueTicket.day == day,
            QueueTicket.number == number.strip().upper(),
        )
    ).first()
    if ticket is None:
        raise NotFound("queue.ticket_not_found", number=number)
    return ticket


def waiting_by_service(store: Store, *, now: datetime | None = None) -> list[tuple[str, str, int, int]]:
    """(service code, name, waiting normal, waiting priority) for today."""
    now = now or local_now()
    with store.session() as session:
        services = session.exec(select(QueueService).order_by(QueueService.code)).all()
        rows = session.exec(
            select(QueueTicket.service, QueueTicket.priority, func.count())
            .where(
                QueueTicket.unit_id == store.unit_id,
                QueueTicket.day == now.date(),
                QueueTicket.status == "waiting",
            )
            .group_by(QueueTicket.service, QueueTicket.priority)
        ).all()
        counts = {(s, bool(p)): n for s, p, n in rows}
        return [
            (s.code, s.name, counts.get((s.code, False), 0), counts.get((s.code, True), 0)) for s in services
        ]
