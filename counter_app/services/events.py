"""Append-only dossier events: hash chain, outbox entry, projection — all in the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from counter_app.db.models import Dossier, DossierEvent, FileUpload, Handover, Outbox
from counter_app.db.projection import apply_event
from counter_app.domain import chain
from counter_app.domain.custody import may_record
from counter_app.services.context import Actor
from counter_app.services.errors import Forbidden
from counter_app.services.ids import new_id


def event_hash(event: DossierEvent) -> str:
    """SHA-256 over the event's content and the previous event's hash (see domain.chain)."""
    return chain.event_hash({name: getattr(event, name) for name in chain.HASHED_FIELDS})


def custody_state(session: Session, dossier: Dossier) -> dict[str, str | None]:
    """The custody facts :func:`counter_app.domain.custody.may_record` decides on."""
    if not dossier.event_count:
        return {"custodian": None, "return_unit": None, "pending_handover_to": None}
    pending = session.exec(
        select(Handover.to_unit_id).where(Handover.dossier_id == dossier.id, Handover.state == "sent")
    ).first()
    return {
        "custodian": dossier.custodian_unit_id,
        "return_unit": dossier.return_unit_id,
        "pending_handover_to": pending,
    }


def append_event(
    session: Session,
    dossier: Dossier,
    type_: str,
    payload: dict[str, Any],
    actor: Actor,
    at: datetime,
) -> DossierEvent:
    """Record ``type_`` for ``dossier``: event row, outbox row, and the projection updated.

    Refuses (:class:`Forbidden`) an event the actor's unit may not record in the dossier's custody state.
    """
    if not may_record(type_, actor.unit_id, **custody_state(session, dossier)):
        raise Forbidden("workflow.not_custodian", code=dossier.code, unit=dossier.custodian_unit_id)
    event = DossierEvent(
        id=new_id(),
        dossier_id=dossier.id,
        dossier_code=dossier.code,
        seq=dossier.event_count + 1,
        type=type_,
        officer_id=actor.officer_id,
        officer_name=actor.name,
        unit_id=actor.unit_id,
        counter_id=actor.counter_id,
        device_time=at,
        payload=chain.plain(payload),
        prev_hash=dossier.last_event_hash,
        hash="",  # computed below, from the other fields
    )
    event.hash = event_hash(event)
    apply_event(session, dossier, event)
    session.add(dossier)
    session.add(event)
    session.add(Outbox(event_id=event.id, created_at=at))
    queue_files(session, event.payload, at)
    return event


def named_files(payload: dict[str, Any]) -> dict[str, int]:
    """The digitised files an event's payload names (components' ``file``, the result's): hash -> size."""
    out = {}
    for doc in payload.get("documents") or ():
        file = doc.get("file") if isinstance(doc, dict) else None
        if file:
            out[file["sha256"]] = int(file["size"])
    result = (payload.get("set") or {}).get("result_file_hash")
    if result:
        out[result] = int(payload["set"].get("result_file_size", 0))
    return out


def queue_files(session: Session, payload: dict[str, Any], at: datetime) -> None:
    """Queue the files ``payload`` names for the central object store (each file once, ever)."""
    for sha256, size in named_files(payload).items():
        if session.get(FileUpload, sha256) is None:
            session.add(FileUpload(sha256=sha256, size=size, queued_at=at))
