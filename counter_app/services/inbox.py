"""What waits for a unit to take in: dossiers handed over to it, and dossiers submitted online."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from counter_app.db.models import Dossier, Handover, Unit
from counter_app.domain.states import Status
from counter_app.locale import t
from counter_app.services.context import Store

ONLINE_RECEPTION_HOURS = 8


@dataclass(frozen=True)
class InboxItem:
    kind: str  # "handover" | "online"
    code: str
    sender: str
    arrived_at: datetime
    due_at: datetime | None  # the dossier's due date (handover) or the reception deadline (online)
    reason: str = ""

    def hours_left(self, store: Store, now: datetime) -> float | None:
        """Working hours left before ``due_at`` (negative once past)."""
        return store.calendar.working_hours_between(now, self.due_at) if self.due_at else None


def items(store: Store, unit_id: str | None = None) -> list[InboxItem]:
    """Handovers addressed to the unit and its online dossiers not yet taken in, oldest first."""
    unit_id = str(unit_id or store.unit_id)
    with store.session() as session:
        rows = session.exec(
            select(Handover, Dossier).join(Dossier, col(Dossier.id) == Handover.dossier_id)
            .where(Handover.to_unit_id == unit_id, Handover.state == "sent")
        ).all()
        names = {u.id: u.name for u in session.exec(select(Unit).where(
            col(Unit.id).in_({h.from_unit_id for h, _ in rows})))}
        online = session.exec(select(Dossier).where(
            Dossier.custodian_unit_id == unit_id, Dossier.status == int(Status.REGISTERED_ONLINE))).all()
    out = [InboxItem("handover", d.code, names.get(h.from_unit_id, h.from_unit_id), h.sent_at, d.due_at, h.reason)
           for h, d in rows]
    out += [InboxItem("online", d.code, t("inbox.online"), d.submitted_at or d.updated_at,
                      store.calendar.add_working_hours(d.submitted_at or d.updated_at, ONLINE_RECEPTION_HOURS))
            for d in online]
    return sorted(out, key=lambda item: (item.arrived_at, item.code))
