"""The central store's side of a push: take in a batch of events, refusing those that break ownership.

An event is accepted when it continues its dossier's chain (next ``seq``, ``prev_hash`` equal to the
last accepted hash), its own hash is right, and its unit may record it in the dossier's custody
state (:func:`counter_app.domain.custody.may_record`). An event already there (same UUID) is a
harmless replay. Anything else is refused, recorded in ``sync_rejection`` and reported back, so the
counter keeps the event and shows the dossier as needing attention.

Everything runs in the caller's transaction on the central engine, under one advisory lock, so
that the central sequence numbers events in commit order and a pull never skips one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from counter_app.db.models import (
    Citizen,
    CitizenDocument,
    Dossier,
    DossierEvent,
    Handover,
    Procedure,
    ProcedureDocument,
    SyncRejection,
)
from counter_app.db.projection import apply_event
from counter_app.domain.chain import HASHED_FIELDS
from counter_app.domain.chain import event_hash as chain_hash
from counter_app.domain.custody import may_record

#: pg_advisory_xact_lock key serialising pushes ("counterap" in ASCII)
PUSH_LOCK_KEY = 0x636F756E74657261
EVENT_FIELDS = ("id", "dossier_id", "dossier_code", "seq", "type", "officer_id", "officer_name", "unit_id",
                "counter_id", "device_time", "payload", "prev_hash", "hash")


@dataclass
class BatchResult:
    accepted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)


def event_row(data: dict[str, Any]) -> DossierEvent:
    values = {k: data[k] for k in EVENT_FIELDS}
    if isinstance(values["device_time"], str):
        values["device_time"] = datetime.fromisoformat(values["device_time"])
    return DossierEvent(**values)


def lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PUSH_LOCK_KEY})


def upsert_citizens(session: Session, citizens: Iterable[Citizen], documents: Iterable[CitizenDocument]) -> None:
    """Citizens are keyed by a UUID derived from the CCCD number: the newest record wins."""
    citizens = list(citizens)
    known = {c.id: c for c in session.exec(select(Citizen).where(col(Citizen.id).in_([c.id for c in citizens])))}
    for citizen in citizens:
        mine = known.get(citizen.id)
        if mine is None:
            session.add(Citizen.model_validate(citizen.model_dump()))
        elif mine.updated_at < citizen.updated_at:
            for key, value in citizen.model_dump(exclude={"id"}).items():
                setattr(mine, key, value)
            session.add(mine)
    documents = list(documents)
    have = set(session.exec(select(CitizenDocument.id).where(
        col(CitizenDocument.id).in_([d.id for d in documents]))).all())
    for document in documents:
        if document.id not in have:
            session.add(CitizenDocument.model_validate(document.model_dump()))
    session.flush()


def insert_missing_procedures(session: Session, procedures: Iterable[Procedure],
                              documents: Iterable[ProcedureDocument]) -> None:
    """A counter may bring procedures the central catalogue lacks; it never overwrites central ones."""
    procedures = list(procedures)
    have = set(session.exec(select(Procedure.code).where(
        col(Procedure.code).in_([p.code for p in procedures]))).all())
    new = [p for p in procedures if p.code not in have]
    for procedure in new:
        session.add(Procedure.model_validate(procedure.model_dump()))
    session.flush()
    new_codes = {p.code for p in new}
    for document in documents:
        if document.procedure_code in new_codes:
            session.add(ProcedureDocument.model_validate(document.model_dump(exclude={"id"})))
    session.flush()


def apply_batch(session: Session, events: list[DossierEvent], *, now: datetime) -> BatchResult:
    """Take in ``events`` (detached rows from a counter's store) on the central store."""
    result = BatchResult()
    if not events:
        return result
    ids = [e.id for e in events]
    already = set(session.exec(select(DossierEvent.id).where(col(DossierEvent.id).in_(ids))).all())
    dossier_ids = {e.dossier_id for e in events}
    dossiers = {d.id: d for d in session.exec(select(Dossier).where(col(Dossier.id).in_(dossier_ids)))}
    pending = {h.dossier_id: h.to_unit_id for h in session.exec(
        select(Handover).where(col(Handover.dossier_id).in_(dossier_ids), Handover.state == "sent"))}
    broken: set[str] = set()
    for event in sorted(events, key=lambda e: (e.dossier_id, e.seq)):
        if event.id in already:
            result.duplicates.append(event.id)
            continue
        dossier = dossiers.get(event.dossier_id)
        reason = _refusal(event, dossier, pending.get(event.dossier_id), event.dossier_id in broken)
        if reason:
            broken.add(event.dossier_id)
            result.rejected[event.id] = reason
            session.merge(rejection(event, reason, now))
            continue
        if dossier is None:
            first = event.payload.get("set", {})
            dossier = Dossier(id=event.dossier_id, code=event.dossier_code, status=0,
                              procedure_code=first.get("procedure_code", ""),
                              applicant_name=first.get("applicant_name", ""),
                              received_unit_id=event.unit_id, custodian_unit_id=event.unit_id,
                              return_unit_id=event.unit_id, updated_at=event.device_time)
            dossiers[dossier.id] = dossier
        row = event_row(event.model_dump())
        apply_event(session, dossier, row)
        session.add(dossier)
        session.add(row)
        handover = (row.payload or {}).get("handover")
        if handover:
            if handover.get("state", "sent") == "sent":
                pending[dossier.id] = handover["to_unit_id"]
            else:
                pending.pop(dossier.id, None)
        result.accepted.append(event.id)
        session.flush()
    return result


def rejection(event: DossierEvent, reason: str, now: datetime) -> SyncRejection:
    from counter_app.domain.chain import plain

    return SyncRejection(event_id=event.id, dossier_id=event.dossier_id, dossier_code=event.dossier_code,
                         unit_id=event.unit_id, counter_id=event.counter_id, reason=reason[:500], at=now,
                         event=plain(event.model_dump(exclude={"central_seq"})))


def _refusal(event: DossierEvent, dossier: Dossier | None, pending_to: str | None, broken: bool) -> str | None:
    """Why the central store refuses ``event``, or None to accept it."""
    if broken:
        return "Sự kiện trước của hồ sơ trong cùng lô đã bị từ chối."
    if chain_hash({name: getattr(event, name) for name in HASHED_FIELDS}) != event.hash:
        return "Mã băm của sự kiện không khớp nội dung (dữ liệu bị sửa?)."
    count = dossier.event_count if dossier else 0
    last = dossier.last_event_hash if dossier else ""
    if event.seq != count + 1 or event.prev_hash != last:
        return (f"Hồ sơ {event.dossier_code} đã thay đổi ở nơi khác (sự kiện {event.seq}, "
                f"kho trung tâm đang ở sự kiện {count}).")
    custodian = dossier.custodian_unit_id if dossier else None
    if not may_record(event.type, event.unit_id, custodian=custodian,
                      return_unit=dossier.return_unit_id if dossier else None, pending_handover_to=pending_to):
        return (f"Đơn vị {event.unit_id} không giữ hồ sơ {event.dossier_code} "
                f"(đơn vị đang giữ: {custodian}).")
    return None
