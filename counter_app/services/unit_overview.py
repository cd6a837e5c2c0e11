"""What the administrator's unit page shows: the unit, its official identifier, what this store is, where it
syncs, its counters and queue lines, and the printers configured on this PC."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import make_url
from sqlmodel import col, select

from counter_app.db.models import Counter, QueueService, Unit
from counter_app.services import store_info
from counter_app.services.auth import require_role
from counter_app.services.context import Actor, Store


@dataclass(frozen=True)
class UnitOverview:
    unit_id: str
    unit_name: str
    province_name: str
    identifier: str
    store_kind: str
    #: host/database of the central store (never the password), "" when stand-alone
    central: str
    counters: tuple[tuple[int, str], ...]
    queue_lines: tuple[tuple[str, str], ...]
    printer: str
    ticket_printer: str


def overview(store: Store, actor: Actor) -> UnitOverview:
    require_role(actor, "admin")
    settings = store.settings
    central = ""
    if settings.central_url:
        url = make_url(settings.central_url)
        central = f"{url.host or 'localhost'}/{url.database or ''}"
    with store.session() as session:
        identity = store_info.read(session)
        unit = session.get(Unit, actor.unit_id)
        counters = session.exec(
            select(Counter).where(Counter.unit_id == actor.unit_id).order_by(col(Counter.number))
        ).all()
        lines = session.exec(select(QueueService).order_by(col(QueueService.code))).all()
        return UnitOverview(
            actor.unit_id,
            unit.name if unit else actor.unit_id,
            unit.province_name if unit else "",
            identity.identifier or settings.one_stop_code,
            identity.kind,
            central,
            tuple((c.number, c.name) for c in counters),
            tuple((q.code, q.name) for q in lines),
            settings.printer or "",
            settings.escpos or "",
        )


def add_counter(store: Store, actor: Actor) -> int:
    """A new counter of the actor's unit, numbered after the last (1 to 9: the first digit of its codes)."""
    from counter_app.db.units import ensure_counter
    from counter_app.services.errors import ServiceError
    from counter_app.services.setup import MAX_COUNTERS

    require_role(actor, "admin")
    with store.session() as session:
        unit = session.get(Unit, actor.unit_id)
        if unit is None:
            raise ServiceError("admin.unit.unknown", unit=actor.unit_id)
        numbers = session.exec(select(col(Counter.number)).where(Counter.unit_id == actor.unit_id)).all()
        number = max(numbers, default=0) + 1
        if number > MAX_COUNTERS:
            raise ServiceError("admin.unit.too_many_counters", high=MAX_COUNTERS)
        ensure_counter(session, unit, number)
        return number


def add_queue_line(store: Store, actor: Actor, code: str, name: str) -> tuple[str, str]:
    """A new queue line (a letter A-Z its tickets start with, and its name as the board shows it)."""
    from counter_app.domain.vntext import tidy
    from counter_app.services.errors import ServiceError

    require_role(actor, "admin")
    letter, label = code.strip().upper(), tidy(name)
    if len(letter) != 1 or not ("A" <= letter <= "Z") or letter == "U":  # U marks priority tickets
        raise ServiceError("admin.unit.bad_queue_code", code=letter[:4])
    if not label or len(label) > 120 or not label.isprintable():
        raise ServiceError("admin.unit.bad_queue_name")
    with store.session() as session:
        if session.get(QueueService, letter) is not None:
            raise ServiceError("admin.unit.queue_exists", code=letter)
        session.add(QueueService(code=letter, name=label))
    return letter, label
