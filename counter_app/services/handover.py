"""Handing a dossier on to another unit, anywhere in the country, answering a handover, recalling one not
answered yet, and noting one the other unit sent back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from counter_app.db.models import Dossier, DossierEvent, Handover
from counter_app.domain import states
from counter_app.domain.custody import HANDOVER_RECALL, SENT_BACK_NOTED, sent_back_open
from counter_app.domain.states import Status
from counter_app.locale import t
from counter_app.services import lookup
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import ServiceError
from counter_app.services.events import append_event
from counter_app.services.ids import new_id
from counter_app.services.text_input import clean
from counter_app.services.views import HandoverView, view
from counter_app.services.workflow import _reason, ensure_custodian

HANDOVER_STATUSES = frozenset({Status.RECEIVED, Status.PROCESSING, Status.AWAITING_FEE, Status.RESULT_READY})


def pending_handover(session: Session, dossier: Dossier) -> Handover | None:
    return session.exec(
        select(Handover).where(Handover.dossier_id == dossier.id, Handover.state == "sent")
    ).first()


def send(
    store: Store,
    actor: Actor,
    code: str,
    to_unit_id: str,
    reason: str,
    documents: list[str] | None = None,
    *,
    now: datetime | None = None,
) -> HandoverView:
    """Offer custody of a dossier to ``to_unit_id``; custody moves when the receiver accepts."""
    now = now or local_now()
    reason = _reason(reason)
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        target = lookup.unit(session, str(to_unit_id))
        if target.id == dossier.custodian_unit_id:
            raise ServiceError("handover.same_unit", unit=target.name)
        if Status(dossier.status) not in HANDOVER_STATUSES:
            raise ServiceError("handover.state_forbids", status=states.label(Status(dossier.status)))
        waiting = pending_handover(session, dossier)
        if waiting is not None:
            raise ServiceError(
                "handover.pending", code=dossier.code, unit=lookup.unit(session, waiting.to_unit_id).name
            )
        handover_id = new_id()
        docs = [clean(t("input.field.document_name"), d, limit=400) for d in (documents or [])]
        append_event(
            session,
            dossier,
            "handover_sent",
            {
                "handover": {
                    "id": handover_id,
                    "from_unit_id": dossier.custodian_unit_id,
                    "to_unit_id": target.id,
                    "reason": reason,
                    "documents": docs,
                    "state": "sent",
                },
            },
            actor,
            now,
        )
        session.flush()
        return view(HandoverView, session.get_one(Handover, handover_id))


def answer(
    store: Store, actor: Actor, code: str, *, accept: bool, reason: str = "", now: datetime | None = None
) -> HandoverView:
    """Accept a handover addressed to the actor's unit (custody moves), or send it back with a reason."""
    now = now or local_now()
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        row = pending_handover(session, dossier)
        if row is None or row.to_unit_id != actor.unit_id:
            raise ServiceError("handover.not_addressed", code=dossier.code)
        payload: dict[str, Any] = {
            "handover": {
                "id": row.id,
                "from_unit_id": row.from_unit_id,
                "to_unit_id": row.to_unit_id,
                "state": "accepted" if accept else "returned",
            }
        }
        if accept:
            payload["set"] = {"custodian_unit_id": row.to_unit_id}
        else:
            payload["handover"]["answer_reason"] = _reason(reason)
        append_event(
            session, dossier, "handover_accepted" if accept else "handover_returned", payload, actor, now
        )
        session.flush()
        return view(HandoverView, row)


def _last_handover(session: Session, dossier: Dossier) -> Handover | None:
    rows = session.exec(select(Handover).where(Handover.dossier_id == dossier.id)).all()
    return max(rows, key=lambda h: h.sent_at, default=None)


def recall(
    store: Store, actor: Actor, code: str, reason: str, *, now: datetime | None = None
) -> HandoverView:
    """The sending unit takes back a handover the other unit has not answered yet (sent to the wrong unit,
    say), with a reason (event ``handover_recalled``): the handover ends «recalled», the dossier never left
    the sender's custody, and the other unit's inbox no longer lists it once the event reaches it.

    Refused, with one line, when the other unit has already accepted it (custody moved: ask that unit to
    hand it back) or when nothing waits. The central store refuses a recall that arrives after the other
    unit's answer the same way (``sync.central_rules``). Custody moves only by an accepted handover (Decree
    118/2025/NĐ-CP on the one-stop mechanism; the control sheet, Mẫu 06 of Circular 03/2025/TT-VPCP, records
    each move); recalling an unanswered one is this program's rule: neither text names it."""
    now = now or local_now()
    reason = _reason(reason)
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        last = _last_handover(session, dossier)
        if last is not None and last.from_unit_id == actor.unit_id and last.state == "accepted":
            raise ServiceError(
                "leaving.recall.accepted", code=dossier.code, unit=lookup.unit(session, last.to_unit_id).name
            )
        ensure_custodian(dossier, actor)
        row = pending_handover(session, dossier)
        if row is None:
            raise ServiceError("leaving.recall.nothing", code=dossier.code)
        append_event(
            session,
            dossier,
            HANDOVER_RECALL,
            {
                "handover": {
                    "id": row.id,
                    "from_unit_id": row.from_unit_id,
                    "to_unit_id": row.to_unit_id,
                    "state": "recalled",
                    "answer_reason": reason,
                }
            },
            actor,
            now,
        )
        session.flush()
        return view(HandoverView, row)


def sent_back_waiting(session: Session, dossier: Dossier, unit_id: str) -> Handover | None:
    """The unit's last handover of ``dossier`` when the receiving unit sent it back and the unit has neither
    noted it nor acted on it since (:func:`counter_app.domain.custody.sent_back_open`), the dossier being
    open and in its hands."""
    if dossier.custodian_unit_id != unit_id or Status(dossier.status) not in states.OPEN:
        return None
    last = _last_handover(session, dossier)
    if last is None or last.state != "returned" or last.from_unit_id != unit_id:
        return None
    events = session.exec(
        select(DossierEvent).where(DossierEvent.dossier_id == dossier.id).order_by(col(DossierEvent.seq))
    ).all()
    return last if sent_back_open(last.id, ((e.type, e.payload or {}) for e in events)) else None


def note_sent_back(store: Store, actor: Actor, code: str, *, now: datetime | None = None) -> HandoverView:
    """An officer of the sending unit has seen that its handover was sent back (event
    ``handover_return_noted``): the flag in the inbox (F6) and on the dossier goes, the history keeps it."""
    now = now or local_now()
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        row = sent_back_waiting(session, dossier, actor.unit_id)
        if row is None:
            raise ServiceError("leaving.sent_back.nothing", code=dossier.code)
        append_event(session, dossier, SENT_BACK_NOTED, {"noted_handover": row.id}, actor, now)
        session.flush()
        return view(HandoverView, row)
