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

from psycopg.types.json import Jsonb
from sqlalchemy import text
from sqlmodel import Session, col, select

from counter_app.db import projection
from counter_app.db.engine import psycopg_connection
from counter_app.db.models import (
    Citizen,
    CitizenDocument,
    Dossier,
    DossierDocument,
    Handover,
    Procedure,
    ProcedureDocument,
    SyncRejection,
    table_of,
)
from counter_app.domain.chain import HASHED_FIELDS
from counter_app.domain.chain import event_hash as chain_hash
from counter_app.domain.custody import may_record

#: pg_advisory_xact_lock key serialising pushes ("counterap" in ASCII)
PUSH_LOCK_KEY = 0x636F756E74657261
EVENT_FIELDS = (
    "id",
    "dossier_id",
    "dossier_code",
    "seq",
    "type",
    "officer_id",
    "officer_name",
    "unit_id",
    "counter_id",
    "device_time",
    "payload",
    "prev_hash",
    "hash",
)
DOSSIER_COLUMNS = tuple(c.name for c in table_of(Dossier).columns)
HANDOVER_COLUMNS = tuple(c.name for c in table_of(Handover).columns)
DOCUMENT_COLUMNS = tuple(c.name for c in table_of(DossierDocument).columns if c.name != "id")
#: a dossier the central store has not seen yet, before its first event's ``set`` fills it
NEW_DOSSIER = {
    name: (None if info.is_required() or info.default_factory else info.default)
    for name, info in Dossier.model_fields.items()
}


@dataclass
class BatchResult:
    accepted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)


def lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PUSH_LOCK_KEY})


def upsert_citizens(
    session: Session, citizens: Iterable[Citizen], documents: Iterable[CitizenDocument]
) -> None:
    """Citizens are keyed by a UUID derived from the CCCD number: the newest record wins."""
    citizens = list(citizens)
    known = {
        c.id: c for c in session.exec(select(Citizen).where(col(Citizen.id).in_([c.id for c in citizens])))
    }
    for citizen in citizens:
        mine = known.get(citizen.id)
        if mine is None:
            session.add(Citizen.model_validate(citizen.model_dump()))
        elif mine.updated_at < citizen.updated_at:
            for key, value in citizen.model_dump(exclude={"id"}).items():
                setattr(mine, key, value)
            session.add(mine)
    documents = list(documents)
    have = set(
        session.exec(
            select(CitizenDocument.id).where(col(CitizenDocument.id).in_([d.id for d in documents]))
        ).all()
    )
    for document in documents:
        if document.id not in have:
            session.add(CitizenDocument.model_validate(document.model_dump()))
    session.flush()


def apply_batch(session: Session, events: list[Any], *, now: datetime) -> BatchResult:
    """Take in ``events`` (rows or mappings from a counter's store) on the central PostgreSQL store.

    Validation and projection run in memory over the batch; the writes are a handful of COPY
    statements into temporary tables merged with ``INSERT ... ON CONFLICT``, whatever the batch size.
    """
    result = BatchResult()
    if not events:
        return result
    events = [e if isinstance(e, dict) else e.model_dump() for e in events]
    conn = psycopg_connection(session.connection())  # psycopg, inside the session's transaction
    ids = [e["id"] for e in events]
    dossier_ids = list({e["dossier_id"] for e in events})
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM dossier_event WHERE id = ANY(%s)", (ids,))
        already = {r[0] for r in cur.fetchall()}
        cur.execute(f"SELECT {', '.join(DOSSIER_COLUMNS)} FROM dossier WHERE id = ANY(%s)", (dossier_ids,))
        dossiers = {r[0]: dict(zip(DOSSIER_COLUMNS, r, strict=True)) for r in cur.fetchall()}
        cur.execute(
            f"SELECT {', '.join(HANDOVER_COLUMNS)} FROM handover WHERE dossier_id = ANY(%s)", (dossier_ids,)
        )
        handovers = {r[0]: dict(zip(HANDOVER_COLUMNS, r, strict=True)) for r in cur.fetchall()}
        role_unit = _role_unit(cur)
    pending = {h["dossier_id"]: h["to_unit_id"] for h in handovers.values() if h["state"] == "sent"}
    touched: set[str] = set()
    new_documents: dict[str, list[dict[str, Any]]] = {}
    changed_handovers: set[str] = set()
    accepted_rows: list[dict[str, Any]] = []
    rejections: list[SyncRejection] = []
    broken: set[str] = set()
    for event in sorted(events, key=lambda e: (e["dossier_id"], e["seq"])):
        if event["id"] in already:
            result.duplicates.append(event["id"])
            continue
        dossier_id = event["dossier_id"]
        row = dossiers.get(dossier_id)
        reason = _refusal(event, row, pending.get(dossier_id), dossier_id in broken, role_unit)
        if reason:
            broken.add(dossier_id)
            result.rejected[event["id"]] = reason
            rejections.append(rejection(event, reason, now))
            continue
        device_time = event["device_time"]
        if isinstance(device_time, str):
            device_time = event["device_time"] = datetime.fromisoformat(device_time)
        payload = event["payload"] or {}
        if row is None:
            row = dossiers[dossier_id] = {**NEW_DOSSIER, "id": dossier_id, "code": event["dossier_code"]}
        row.update(projection.changes(event["type"], payload))
        row.update(event_count=event["seq"], last_event_hash=event["hash"], updated_at=device_time)
        documents = projection.document_rows(dossier_id, payload)
        if documents is not None:
            new_documents[dossier_id] = documents
        data = payload.get("handover")
        if data:
            handovers[data["id"]] = projection.handover_row(
                handovers.get(data["id"]), dossier_id, event.get("officer_name", ""), device_time, data
            )
            changed_handovers.add(data["id"])
            if data.get("state", "sent") == "sent":
                pending[dossier_id] = data["to_unit_id"]
            else:
                pending.pop(dossier_id, None)
        touched.add(dossier_id)
        accepted_rows.append(event)
        result.accepted.append(event["id"])
    with conn.cursor() as cur:
        if touched:
            _merge(cur, "dossier", DOSSIER_COLUMNS, [dossiers[d] for d in sorted(touched)], update=True)
        if new_documents:
            cur.execute("DELETE FROM dossier_document WHERE dossier_id = ANY(%s)", (list(new_documents),))
            staging = _stage(
                cur,
                "dossier_document",
                DOCUMENT_COLUMNS,
                [d for docs in new_documents.values() for d in docs],
            )
            names = ", ".join(DOCUMENT_COLUMNS)
            cur.execute(f"INSERT INTO dossier_document ({names}) SELECT {names} FROM {staging}")
        if changed_handovers:
            _merge(
                cur,
                "handover",
                HANDOVER_COLUMNS,
                [handovers[h] for h in sorted(changed_handovers)],
                update=True,
            )
        if accepted_rows:
            _merge(cur, "dossier_event", EVENT_FIELDS, accepted_rows, update=False)
    for item in rejections:
        session.merge(item)
    session.flush()
    return result


def _cell(value: Any) -> Any:
    return Jsonb(value) if isinstance(value, dict | list) else value


def _copy(cur, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_cell(row[c]) for c in columns])


def _merge(cur, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]], *, update: bool) -> None:
    """Stage ``rows``, then insert them into ``table``, replacing (``update``) or skipping rows already there."""
    staging = _stage(cur, table, columns, rows)
    names = ", ".join(columns)
    if update:
        conflict = "DO UPDATE SET " + ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != "id")
    else:
        conflict = "DO NOTHING"
    cur.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} ON CONFLICT (id) {conflict}")


CITIZEN_COLUMNS = tuple(c.name for c in table_of(Citizen).columns)
CITIZEN_DOCUMENT_COLUMNS = tuple(c.name for c in table_of(CitizenDocument).columns)
PROCEDURE_COLUMNS = tuple(c.name for c in table_of(Procedure).columns)
PROCEDURE_DOCUMENT_COLUMNS = tuple(c.name for c in table_of(ProcedureDocument).columns if c.name != "id")


def _stage(cur, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """COPY ``rows`` into an empty temporary twin of ``table`` (only ``columns``); returns its name.

    ``COPY`` into a table under row-level security is refused, so every write goes through a
    staging table and an ``INSERT ... SELECT`` that the policies then check row by row.
    """
    staging = f"staging_{table}"
    cur.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {staging} ON COMMIT DELETE ROWS AS "
        f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA"
    )
    cur.execute(f"TRUNCATE {staging}")
    _copy(cur, staging, columns, rows)
    return staging


def _exists_check(cur) -> str:
    """How to ask whether a citizen id exists centrally: through the security helper when the store is
    locked down (a counter's role cannot see other units' citizens), plainly otherwise."""
    cur.execute("SELECT 1 FROM pg_proc WHERE proname = 'counter_citizen_exists'")
    if cur.fetchone():
        return "counter_citizen_exists(s.id)"
    return "EXISTS (SELECT 1 FROM citizen c WHERE c.id = s.id)"


def bring_references(
    session: Session,
    *,
    citizens: list[dict[str, Any]],
    citizen_documents: list[dict[str, Any]],
    procedures: list[dict[str, Any]],
    procedure_documents: list[dict[str, Any]],
) -> None:
    """What a batch's dossiers refer to, before its events: new citizens, and procedures the central
    catalogue lacks (a counter never overwrites the central catalogue; under row-level security only
    the administrator may add to it). Existing citizens are refreshed by :func:`refresh_citizens`
    after the batch, once its dossiers make them visible to the counter's role."""
    conn = psycopg_connection(session.connection())
    with conn.cursor() as cur:
        if citizens:
            staging = _stage(cur, "citizen", CITIZEN_COLUMNS, citizens)
            names = ", ".join(CITIZEN_COLUMNS)
            cur.execute(
                f"INSERT INTO citizen ({names}) SELECT {names} FROM {staging} s "
                f"WHERE NOT {_exists_check(cur)}"
            )
        if procedures:
            cur.execute("SELECT code FROM procedure WHERE code = ANY(%s)", ([p["code"] for p in procedures],))
            have = {r[0] for r in cur.fetchall()}
            new = [p for p in procedures if p["code"] not in have]
            if new:
                _copy(cur, "procedure", PROCEDURE_COLUMNS, new)
                codes = {p["code"] for p in new}
                _copy(
                    cur,
                    "procedure_document",
                    PROCEDURE_DOCUMENT_COLUMNS,
                    [d for d in procedure_documents if d["procedure_code"] in codes],
                )


def refresh_citizens(
    session: Session, *, citizens: list[dict[str, Any]], citizen_documents: list[dict[str, Any]]
) -> None:
    """After a batch: the newest record of each citizen wins; digitised documents (immutable) are added."""
    conn = psycopg_connection(session.connection())
    with conn.cursor() as cur:
        if citizens:
            staging = _stage(cur, "citizen", CITIZEN_COLUMNS, citizens)
            assignments = ", ".join(f"{c} = s.{c}" for c in CITIZEN_COLUMNS if c != "id")
            cur.execute(
                f"UPDATE citizen SET {assignments} FROM {staging} s "
                f"WHERE citizen.id = s.id AND citizen.updated_at < s.updated_at"
            )
        if citizen_documents:
            staging = _stage(cur, "citizen_document", CITIZEN_DOCUMENT_COLUMNS, citizen_documents)
            names = ", ".join(CITIZEN_DOCUMENT_COLUMNS)
            cur.execute(
                f"INSERT INTO citizen_document ({names}) SELECT {names} FROM {staging} s "
                f"WHERE NOT EXISTS (SELECT 1 FROM citizen_document d WHERE d.id = s.id) "
                f"AND EXISTS (SELECT 1 FROM citizen c WHERE c.id = s.citizen_id)"
            )


def rejection(event: Any, reason: str, now: datetime) -> SyncRejection:
    from counter_app.domain.chain import plain

    data = event if isinstance(event, dict) else event.model_dump()
    return SyncRejection(
        event_id=data["id"],
        dossier_id=data["dossier_id"],
        dossier_code=data["dossier_code"],
        unit_id=data["unit_id"],
        counter_id=data["counter_id"],
        reason=reason[:500],
        at=now,
        event=plain({k: data[k] for k in EVENT_FIELDS}),
    )


def _role_unit(cur) -> str | None:
    """The unit of the counter role pushing, when the central store is locked down (sync.security)."""
    cur.execute("SELECT 1 FROM pg_proc WHERE proname = 'counter_unit_of'")
    if not cur.fetchone():
        return None
    cur.execute("SELECT counter_unit_of(current_user)")
    return cur.fetchone()[0]


def _refusal(
    event: dict[str, Any],
    dossier: dict[str, Any] | None,
    pending_to: str | None,
    broken: bool,
    role_unit: str | None = None,
) -> str | None:
    """Why the central store refuses ``event``, or None to accept it."""
    if broken:
        return "Sự kiện trước của hồ sơ trong cùng lô đã bị từ chối."
    if role_unit is not None and event["unit_id"] != role_unit:
        return f"Quầy của đơn vị {role_unit} không được gửi sự kiện của đơn vị {event['unit_id']}."
    fields = {name: event[name] for name in HASHED_FIELDS}
    if isinstance(fields["device_time"], str):
        fields["device_time"] = datetime.fromisoformat(fields["device_time"])
    if chain_hash(fields) != event["hash"]:
        return "Mã băm của sự kiện không khớp nội dung (dữ liệu bị sửa?)."
    count = dossier["event_count"] if dossier else 0
    last = dossier["last_event_hash"] if dossier else ""
    if event["seq"] != count + 1 or event["prev_hash"] != last:
        return (
            f"Hồ sơ {event['dossier_code']} đã thay đổi ở nơi khác (sự kiện {event['seq']}, "
            f"kho trung tâm đang ở sự kiện {count})."
        )
    custodian = dossier["custodian_unit_id"] if dossier else None
    if not may_record(
        event["type"],
        event["unit_id"],
        custodian=custodian,
        return_unit=dossier["return_unit_id"] if dossier else None,
        pending_handover_to=pending_to,
    ):
        return (
            f"Đơn vị {event['unit_id']} không giữ hồ sơ {event['dossier_code']} "
            f"(đơn vị đang giữ: {custodian})."
        )
    return None
