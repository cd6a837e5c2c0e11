"""What waits for a unit: dossiers handed over to it, dossiers submitted online (both to take in or send
back), and its own handovers the receiving unit sent back (to decide what to do next)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from counter_app.db.models import Dossier, DossierEvent, Handover, Unit
from counter_app.domain.custody import sent_back_open
from counter_app.domain.states import OPEN, Status
from counter_app.domain.vntext import scanned
from counter_app.locale import t
from counter_app.services.context import Actor, Store
from counter_app.services.errors import ServiceError

if TYPE_CHECKING:
    from counter_app.domain.calendar import WorkCalendar
    from counter_app.services.views import DossierView

ONLINE_RECEPTION_HOURS = 8
#: the fee status of a dossier whose record carried no payment data (the portal's records have none):
#: shown as «chưa có thông tin nộp phí», never «Đã nộp»
FEE_NO_DATA = "unknown"


def reception_deadline(calendar: WorkCalendar, arrived: datetime) -> datetime:
    """When an online dossier that arrived at ``arrived`` must be taken in (or sent back): 8 working hours
    later, counted in office hours only (a dossier submitted at night counts from the next opening).

    Decree 118/2025/NĐ-CP sets the 8-working-hour limit for dossiers received online; the article's text could
    not be read here. The one place the limit is computed: F6, the dossier view, F7 and ``inbox`` use it."""
    return calendar.add_working_hours(arrived, ONLINE_RECEPTION_HOURS)


@dataclass(frozen=True)
class InboxItem:
    kind: str  # "handover" | "online" | "returned" (a handover of ours the receiving unit sent back)
    code: str
    sender: str
    arrived_at: datetime
    due_at: datetime | None  # the dossier's due date (handover) or the reception deadline (online)
    reason: str = ""
    applicant: str = ""

    def hours_left(self, store: Store, now: datetime) -> float | None:
        """Working hours left before ``due_at`` (negative once past)."""
        return store.calendar.working_hours_between(now, self.due_at) if self.due_at else None


def items(store: Store, unit_id: str | None = None) -> list[InboxItem]:
    """Handovers addressed to the unit and its online dossiers not yet taken in, oldest first."""
    unit_id = str(unit_id or store.unit_id)
    with store.session() as session:
        rows = session.exec(
            select(Handover, Dossier)
            .join(Dossier, col(Dossier.id) == Handover.dossier_id)
            .where(Handover.to_unit_id == unit_id, Handover.state == "sent")
        ).all()
        names = {
            u.id: u.name
            for u in session.exec(select(Unit).where(col(Unit.id).in_({h.from_unit_id for h, _ in rows})))
        }
        online = session.exec(
            select(Dossier).where(
                Dossier.custodian_unit_id == unit_id, Dossier.status == int(Status.REGISTERED_ONLINE)
            )
        ).all()
    out = [
        InboxItem(
            "handover",
            d.code,
            names.get(h.from_unit_id, h.from_unit_id),
            h.sent_at,
            d.due_at,
            h.reason,
            d.applicant_name,
        )
        for h, d in rows
    ]
    out += [
        InboxItem(
            "online",
            d.code,
            t("inbox.online"),
            d.submitted_at or d.updated_at,
            reception_deadline(store.calendar, d.submitted_at or d.updated_at),
            d.summary,
            d.applicant_name,
        )
        for d in online
    ]
    return sorted(out, key=lambda item: (item.arrived_at, item.code))


def returned_handovers(store: Store, unit_id: str | None = None) -> list[InboxItem]:
    """The unit's own handovers the receiving unit sent back (``handover_returned``, recorded there and
    pulled here), while the dossier is still open in the unit's hands and nothing newer happened to its
    custody (no later handover) and the unit has neither noted it nor acted on it since
    (:func:`counter_app.domain.custody.sent_back_open`): ``kind`` "returned", ``sender`` the unit that sent it back, ``reason``
    its reason, ``arrived_at`` when it answered. Oldest first."""
    unit_id = str(unit_id or store.unit_id)
    with store.session() as session:
        rows = session.exec(
            select(Handover, Dossier)
            .join(Dossier, col(Dossier.id) == Handover.dossier_id)
            .where(
                Handover.from_unit_id == unit_id,
                Handover.state == "returned",
                Dossier.custodian_unit_id == unit_id,
                col(Dossier.status).in_([int(s) for s in OPEN]),
            )
        ).all()
        dossier_ids = [d.id for _, d in rows]
        latest: dict[str, Handover] = {}
        for h in session.exec(select(Handover).where(col(Handover.dossier_id).in_(dossier_ids))).all():
            if h.dossier_id not in latest or h.sent_at > latest[h.dossier_id].sent_at:
                latest[h.dossier_id] = h
        names = {
            u.id: u.name
            for u in session.exec(select(Unit).where(col(Unit.id).in_({h.to_unit_id for h, _ in rows})))
        }
        history: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for e in session.exec(
            select(DossierEvent)
            .where(col(DossierEvent.dossier_id).in_(dossier_ids))
            .order_by(col(DossierEvent.seq))
        ).all():
            history.setdefault(e.dossier_id, []).append((e.type, e.payload or {}))
    out = [
        InboxItem(
            "returned",
            d.code,
            names.get(h.to_unit_id, h.to_unit_id),
            h.answered_at or h.sent_at,
            d.due_at,
            h.answer_reason,
            d.applicant_name,
        )
        for h, d in rows
        if latest[d.id].id == h.id and sent_back_open(h.id, history.get(d.id, []))
    ]
    return sorted(out, key=lambda item: (item.arrived_at, item.code))


def _item(store: Store, unit_id: str, code: str) -> InboxItem:
    code = scanned(code)
    for item in items(store, unit_id):
        if item.code == code:
            return item
    raise ServiceError("inbox.not_waiting", code=code)


def accept(store: Store, actor: Actor, code: str, *, now: datetime | None = None) -> InboxItem:
    """Take in what waits: a handover (custody moves to the actor's unit) or an online dossier (status 2)."""
    from counter_app.services import handover, intake

    item = _item(store, actor.unit_id, code)
    if item.kind == "online":
        intake.accept_online(store, actor, item.code, now=now)
    else:
        handover.answer(store, actor, item.code, accept=True, now=now)
    return item


def take_in_online(store: Store, actor: Actor, code: str, *, now: datetime | None = None) -> DossierView:
    """Take in an online dossier waiting in the unit's inbox after reviewing it (status 1 → 2): the due date
    counted from now in the procedure's working days, the ledger line given (``intake.accept_online``); the
    caller prints the receipt (Mẫu 01), as after a counter intake."""
    from counter_app.services import intake

    item = _item(store, actor.unit_id, code)
    if item.kind != "online":
        raise ServiceError("online_review.not_online", code=item.code)
    return intake.accept_online(store, actor, item.code, now=now)


def send_back(
    store: Store, actor: Actor, code: str, reason: str, *, now: datetime | None = None
) -> InboxItem:
    """Refuse what waits, with a reason: a handover goes back to its sender; an online dossier is sent back
    to the citizen for a supplement (status 5)."""
    from counter_app.services import handover, intake
    from counter_app.services.intake import DocumentChoice

    item = _item(store, actor.unit_id, code)
    if not reason.strip():
        raise ServiceError("intake.reason_required")
    if item.kind == "online":
        intake.request_supplement(
            store, actor, item.code, [DocumentChoice(t("inbox.missing_component"))], reason, now=now
        )
    else:
        handover.answer(store, actor, item.code, accept=False, reason=reason, now=now)
    return item


def refuse(store: Store, actor: Actor, code: str, reason: str, *, now: datetime | None = None) -> InboxItem:
    """Refuse to take in an online dossier (status 1 → 3, Mẫu 03 of Circular 03/2025/TT-VPCP), with the reason
    the refusal form prints: the same ``refused`` event, with its ``reason``, that a refusal at the counter
    records (:func:`counter_app.services.intake.refuse`), on the dossier the portal registered instead of a
    new one. Only an online dossier still waiting in the unit's inbox may be refused this way."""
    from counter_app.services import lookup
    from counter_app.services.context import local_now
    from counter_app.services.text_input import clean
    from counter_app.services.workflow import ensure_custodian, transition

    item = _item(store, actor.unit_id, code)
    if item.kind != "online":
        raise ServiceError("online_review.not_online", code=item.code)
    reason = clean(t("field.reason"), reason, limit=500)
    if not reason:
        raise ServiceError("intake.reason_required")
    now = now or local_now()
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, item.code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        transition(session, dossier, Status.REFUSED, "refused", actor, now, {"reason": reason})
    return item
