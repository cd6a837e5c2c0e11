"""The dossier row as a projection of its events.

Every event's payload may carry ``set`` (dossier columns and their new values), ``documents``
(the dossier's components, replacing the current list) and ``handover`` (a control-sheet row to
create or answer). Applying the events of a dossier in order rebuilds its row on any store, which
is how a unit that receives a handed-over dossier gets the same dossier as the sender.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, select

from counter_app.db.models import Dossier, DossierDocument, DossierEvent, Handover

DATETIME_FIELDS = frozenset(
    {
        "submitted_at",
        "received_at",
        "due_at",
        "original_due_at",
        "finished_at",
        "returned_at",
        "clock_stopped_at",
        "posted_at",
    }
)
PROJECTED_FIELDS = frozenset(
    {
        "code",
        "procedure_code",
        "citizen_id",
        "applicant_name",
        "applicant_address",
        "applicant_phone",
        "applicant_email",
        "applicant_cccd",
        *(
            "applicant_kind",
            "applicant_id_type",
            "applicant_id_number",
            "representative_name",
            "representative_id",
        ),
        "summary",
        "channel",
        "status",
        "received_unit_id",
        "received_counter_id",
        "received_by",
        "custodian_unit_id",
        "return_unit_id",
        "return_method",
        "return_address",
        "working_days",
        "sets",
        "fee",
        "fee_status",
        "ledger_book",
        "ledger_line",
        "reused_data",
        "satisfaction",
        "satisfaction_by",
        "supplement_rounds",
        "needs_attention",
        "result_file_hash",
        "result_file_size",
        "result_file_pages",
        "post_item_code",
    }
    | DATETIME_FIELDS
)


def _value(field: str, value: Any) -> Any:
    if field in DATETIME_FIELDS and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def changes(event_type: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The dossier columns an event sets, with their values as the row holds them."""
    out = {}
    for field, value in (payload.get("set") or {}).items():
        if field not in PROJECTED_FIELDS:
            raise ValueError(f"event {event_type} sets unknown field {field!r}")
        out[field] = _value(field, value)
    return out


def file_columns(file: dict[str, Any] | None) -> dict[str, Any]:
    """A component's file columns from its payload's ``file`` ({sha256, size, pages}; absent: no file)."""
    if not file:
        return {"file_hash": "", "file_size": 0, "file_pages": 0}
    return {"file_hash": file["sha256"], "file_size": int(file["size"]), "file_pages": int(file["pages"])}


def document_rows(dossier_id: str, payload: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The dossier's new list of components when the event replaces it, else None."""
    if "documents" not in payload:
        return None
    return [
        {
            "dossier_id": dossier_id,
            "position": position,
            "name": doc["name"],
            "copy_kind": doc.get("copy_kind", "original"),
            "quantity": doc.get("quantity", 1),
            "received": doc.get("received", True),
            "reused": doc.get("reused", False),
            "citizen_document_id": doc.get("citizen_document_id"),
            **file_columns(doc.get("file")),
        }
        for position, doc in enumerate(payload["documents"], start=1)
    ]


def handover_row(
    current: dict[str, Any] | None, dossier_id: str, officer_name: str, at: datetime, data: dict[str, Any]
) -> dict[str, Any]:
    """The control-sheet row after a handover event: created when sent, answered when accepted/returned."""
    row = (
        dict(current)
        if current
        else {
            "id": data["id"],
            "dossier_id": dossier_id,
            "from_unit_id": data["from_unit_id"],
            "to_unit_id": data["to_unit_id"],
            "reason": data.get("reason", ""),
            "documents": list(data.get("documents", [])),
            "sent_at": at,
            "sent_by": officer_name,
            "state": "sent",
            "answered_at": None,
            "answered_by": "",
            "answer_reason": "",
        }
    )
    if data.get("state", "sent") != "sent":
        row.update(
            state=data["state"],
            answered_at=at,
            answered_by=officer_name,
            answer_reason=data.get("answer_reason", ""),
        )
    return row


def apply_event(session: Session, dossier: Dossier, event: DossierEvent) -> None:
    session.add(dossier)  # before its documents and handovers, which refer to it
    payload = event.payload or {}
    for field, value in changes(event.type, payload).items():
        setattr(dossier, field, value)
    documents = document_rows(dossier.id, payload)
    if documents is not None:
        if dossier.event_count:  # replacing an existing list (a new dossier has none yet)
            session.exec(delete(DossierDocument).where(col(DossierDocument.dossier_id) == dossier.id))
        for doc in documents:
            session.add(DossierDocument(**doc))
    data = payload.get("handover")
    if data:
        current = session.get(Handover, data["id"])
        row = handover_row(
            current.model_dump() if current else None, dossier.id, event.officer_name, event.device_time, data
        )
        if current is None:
            session.add(Handover(**row))
        else:
            for key, value in row.items():
                setattr(current, key, value)
            session.add(current)
    dossier.event_count = event.seq
    dossier.last_event_hash = event.hash
    dossier.updated_at = event.device_time


def replay(session: Session, dossier_id: str) -> Dossier:
    """Rebuild a dossier row from its stored events (used by sync and by the audit)."""
    events = session.exec(
        select(DossierEvent).where(DossierEvent.dossier_id == dossier_id).order_by(col(DossierEvent.seq))
    ).all()
    if not events:
        raise LookupError(dossier_id)
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        first = events[0].payload.get("set", {})
        dossier = Dossier(
            id=dossier_id,
            updated_at=events[0].device_time,
            **{k: _value(k, v) for k, v in first.items() if k in PROJECTED_FIELDS},
        )
        dossier.event_count = 0
    for event in events[dossier.event_count :]:
        apply_event(session, dossier, event)
    session.add(dossier)
    return dossier


def rebuild(session: Session, dossier_id: str) -> Dossier:
    """Rebuild a dossier row, its documents and its handovers from scratch from its stored events."""
    session.exec(delete(DossierDocument).where(col(DossierDocument.dossier_id) == dossier_id))
    session.exec(delete(Handover).where(col(Handover.dossier_id) == dossier_id))
    dossier = session.get(Dossier, dossier_id)
    attention = dossier.needs_attention if dossier else None
    if dossier is not None:
        dossier.event_count, dossier.last_event_hash = 0, ""
        for name in PROJECTED_FIELDS:  # what a refused event set goes too (a post item code, a return date)
            info = Dossier.model_fields[name]
            if not info.is_required():
                setattr(dossier, name, info.get_default(call_default_factory=True))
    session.flush()
    dossier = replay(session, dossier_id)
    dossier.needs_attention = attention
    return dossier
