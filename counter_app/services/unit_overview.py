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
