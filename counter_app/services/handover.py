"""Handing a dossier on to another unit, anywhere in the country, and answering a handover."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from counter_app.db.models import Dossier, Handover
from counter_app.domain import states
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
