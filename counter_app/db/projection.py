"""The dossier row as a projection of its events.

Every event's payload may carry ``set`` (dossier columns and their new values), ``documents``
(the dossier's components, replacing the current list) and ``handover`` (a control-sheet row to
create or answer). Applying the events of a dossier in order rebuilds its row on any store, which
is how a unit that receives a handed-over dossier gets the same dossier as the sender.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, delete, select

from counter_app.db.models import Dossier, DossierDocument, DossierEvent, Handover

DATETIME_FIELDS = frozenset(
    {
        "submitted_at", "received_at", "due_at", "original_due_at", "finished_at",
        "returned_at", "clock_stopped_at",
    }
)
PROJECTED_FIELDS = frozenset(
    {
        "code", "procedure_code", "citizen_id", "applicant_name", "applicant_address", "applicant_phone",
        "applicant_email", "applicant_cccd", "summary", "channel", "status", "received_unit_id",
        "received_counter_id", "received_by", "custodian_unit_id", "return_unit_id", "return_method",
        "return_address", "working_days", "sets", "fee", "fee_status", "ledger_book", "ledger_line",
        "reused_data", "satisfaction", "supplement_rounds", "needs_attention",
    }
    | DATETIME_FIELDS
)


def _value(field: str, value: Any) -> Any:
    if field in DATETIME_FIELDS and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def apply_event(session: Session, dossier: Dossier, event: DossierEvent) -> None:
    session.add(dossier)  # before its documents and handovers, which refer to it
    payload = event.payload or {}
    for field, value in (payload.get("set") or {}).items():
        if field not in PROJECTED_FIELDS:
            raise ValueError(f"event {event.type} sets unknown field {field!r}")
        setattr(dossier, field, _value(field, value))
    if "documents" in payload:
        if dossier.event_count:  # replacing an existing list (a new dossier has none yet)
            session.exec(delete(DossierDocument).where(DossierDocument.dossier_id == dossier.id))
        for position, doc in enumerate(payload["documents"], start=1):
            session.add(
                DossierDocument(
                    dossier_id=dossier.id,
                    position=position,
                    name=doc["name"],
                    copy_kind=doc.get("copy_kind", "original"),
                    quantity=doc.get("quantity", 1),
                    received=doc.get("received", True),
                    reused=doc.get("reused", False),
                    citizen_document_id=doc.get("citizen_document_id"),
                )
            )
    handover = payload.get("handover")
    if handover:
        _apply_handover(session, dossier, event, handover)
    dossier.event_count = event.seq
    dossier.last_event_hash = event.hash
    dossier.updated_at = event.device_time


def _apply_handover(session: Session, dossier: Dossier, event: DossierEvent, data: dict[str, Any]) -> None:
    row = session.get(Handover, data["id"])
    if row is None:
        row = Handover(
            id=data["id"],
            dossier_id=dossier.id,
            from_unit_id=data["from_unit_id"],
            to_unit_id=data["to_unit_id"],
            reason=data.get("reason", ""),
            documents=list(data.get("documents", [])),
            sent_at=event.device_time,
            sent_by=event.officer_name,
        )
    if data.get("state", "sent") != "sent":
        row.state = data["state"]
        row.answered_at = event.device_time
        row.answered_by = event.officer_name
        row.answer_reason = data.get("answer_reason", "")
    session.add(row)


def replay(session: Session, dossier_id: str) -> Dossier:
    """Rebuild a dossier row from its stored events (used by sync and by the audit)."""
    events = session.exec(
        select(DossierEvent).where(DossierEvent.dossier_id == dossier_id).order_by(DossierEvent.seq)
    ).all()
    if not events:
        raise LookupError(dossier_id)
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        first = events[0].payload.get("set", {})
        dossier = Dossier(id=dossier_id, updated_at=events[0].device_time, **{
            k: _value(k, v) for k, v in first.items() if k in PROJECTED_FIELDS
        })
        dossier.event_count = 0
    for event in events[dossier.event_count:]:
        apply_event(session, dossier, event)
    session.add(dossier)
    return dossier


def rebuild(session: Session, dossier_id: str) -> Dossier:
    """Rebuild a dossier row, its documents and its handovers from scratch from its stored events."""
    session.exec(delete(DossierDocument).where(DossierDocument.dossier_id == dossier_id))
    session.exec(delete(Handover).where(Handover.dossier_id == dossier_id))
    dossier = session.get(Dossier, dossier_id)
    attention = dossier.needs_attention if dossier else None
    if dossier is not None:
        dossier.event_count, dossier.last_event_hash = 0, ""
    session.flush()
    dossier = replay(session, dossier_id)
    dossier.needs_attention = attention
    return dossier
