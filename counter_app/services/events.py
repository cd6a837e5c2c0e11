"""Append-only dossier events: hash chain, outbox entry, projection — all in the caller's transaction."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from sqlmodel import Session

from counter_app.db.models import Dossier, DossierEvent, Outbox
from counter_app.services.context import Actor
from counter_app.services.ids import new_id
from counter_app.services.projection import apply_event


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def event_hash(event: DossierEvent) -> str:
    """SHA-256 over the event's content and the previous event's hash."""
    body = {
        "id": event.id,
        "dossier_id": event.dossier_id,
        "dossier_code": event.dossier_code,
        "seq": event.seq,
        "type": event.type,
        "officer_id": event.officer_id,
        "unit_id": event.unit_id,
        "counter_id": event.counter_id,
        "device_time": event.device_time.isoformat(),
        "payload": event.payload,
        "prev_hash": event.prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def plain(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as JSON-ready values (datetimes as ISO text), as it will be stored and hashed."""
    return json.loads(canonical_json(payload))


def append_event(
    session: Session,
    dossier: Dossier,
    type_: str,
    payload: dict[str, Any],
    actor: Actor,
    at: datetime,
) -> DossierEvent:
    """Record ``type_`` for ``dossier``: event row, outbox row, and the projection updated."""
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
        payload=plain(payload),
        prev_hash=dossier.last_event_hash,
    )
    event.hash = event_hash(event)
    apply_event(session, dossier, event)
    session.add(dossier)
    session.add(event)
    session.add(Outbox(event_id=event.id, created_at=at))
    return event
