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

import json
import logging
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
    ChainAnchor,
    Citizen,
    CitizenDocument,
    Dossier,
    Procedure,
    ProcedureDocument,
    SyncRejection,
    table_of,
)
from counter_app.domain import anchors
from counter_app.domain.chain import HASHED_FIELDS
from counter_app.domain.chain import event_hash as chain_hash
from counter_app.domain.custody import HANDOVER_ANSWERS, HANDOVER_RECALL, may_record
from counter_app.domain.vntext import one_line
from counter_app.locale import t
from counter_app.services.errors import ServiceError
from counter_app.sync import central_rules

log = logging.getLogger(__name__)

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
ANCHOR_COLUMNS = tuple(c.name for c in table_of(ChainAnchor).columns)
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


def apply_batch(
    session: Session, events: list[Any], *, now: datetime, anchor: dict[str, Any] | None = None
) -> BatchResult:
    """Take in ``events`` (rows or mappings from a counter's store) on the central PostgreSQL store.

    The rules are checked in memory over the batch first (chain, hash, custody), so that an event they refuse
    is set aside with its reason and the rest goes in; the events go in with one COPY and one ``INSERT``, and
    the store's trigger (``sync.central_rules``) checks each again and projects it into the dossier row, its
    components and its handovers. ``anchor`` (the counter's signed heads of this batch, ``services.anchors``)
    is checked once and kept with the events.
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
        cur.execute(  # the handovers waiting for an answer: who may answer them
            "SELECT dossier_id, to_unit_id FROM handover WHERE dossier_id = ANY(%s) AND state = 'sent'",
            (dossier_ids,),
        )
        pending: dict[str, str | None] = dict(cur.fetchall())
        cur.execute("SELECT id, state FROM handover WHERE dossier_id = ANY(%s)", (dossier_ids,))
        handover_states: dict[str, str] = dict(cur.fetchall())
        role_unit = _role_unit(cur)
    accepted_rows: list[dict[str, Any]] = []
    rejections: list[SyncRejection] = []
    broken: set[str] = set()
    for event in sorted(events, key=lambda e: (e["dossier_id"], e["seq"])):
        if event["id"] in already:
            result.duplicates.append(event["id"])
            continue
        dossier_id = event["dossier_id"]
        row = dossiers.get(dossier_id)
        late = None if dossier_id in broken else _too_late(event, handover_states)
        reason = late or _refusal(event, row, pending.get(dossier_id), dossier_id in broken, role_unit)
        if reason:
            broken.add(dossier_id)
            result.rejected[event["id"]] = reason
            rejections.append(rejection(event, reason, now))
            continue
        if isinstance(event["device_time"], str):  # COPY takes a datetime
            event["device_time"] = datetime.fromisoformat(event["device_time"])
        payload = event["payload"] or {}
        if row is None:  # what the next events of the batch are checked against
            row = dossiers[dossier_id] = {**NEW_DOSSIER, "id": dossier_id, "code": event["dossier_code"]}
        try:
            row.update(projection.changes(event["type"], payload))
        except (ValueError, TypeError, AttributeError):
            pass  # the trigger refuses it with its reason
        row.update(event_count=event["seq"], last_event_hash=event["hash"])
        data = payload.get("handover") if isinstance(payload, dict) else None
        if isinstance(data, dict):
            handover_states[str(data.get("id"))] = str(data.get("state", "sent"))
            if data.get("state", "sent") == "sent":
                pending[dossier_id] = data.get("to_unit_id")
            else:
                pending.pop(dossier_id, None)
        accepted_rows.append(event)
        result.accepted.append(event["id"])
    with conn.cursor() as cur:
        cur.execute("SET LOCAL counter_app.project = 'on'")  # the event trigger projects: sync.central_rules
        if anchor is not None:
            _keep_anchor(cur, anchor, events, role_unit)
        refused = _insert_events(cur, accepted_rows)
    by_id = {e["id"]: e for e in accepted_rows}
    for event_id, reason in refused.items():
        event = by_id[event_id]
        result.accepted.remove(event_id)
        result.rejected[event_id] = reason
        rejections.append(rejection(event, reason, now))
    for item in rejections:
        session.merge(item)
    session.flush()
    return result


def _insert_events(cur, rows: list[dict[str, Any]]) -> dict[str, str]:
    """Insert ``rows`` (in chain order) into ``dossier_event``, where the trigger checks and projects each.

    The batch goes in as one statement; when the store refuses any of it (a rule of ``sync.central_rules``
    the counter did not check, a value PostgreSQL cannot store), the batch is taken back and the events go in
    one by one, so that only the refused ones — and the later events of their dossiers — are set aside and
    the rest of the batch is kept. Returns the refused events' ids with the reason.
    """
    import psycopg

    if not rows:
        return {}
    cur.execute("SAVEPOINT counter_batch")
    try:
        _insert_staged(cur, rows)
        cur.execute("RELEASE SAVEPOINT counter_batch")
        return {}
    except (psycopg.Error, ValueError) as exc:
        cur.execute("ROLLBACK TO SAVEPOINT counter_batch")
        log.info("batch refused by the central store (%s); taking its events one by one", type(exc).__name__)
    refused: dict[str, str] = {}
    broken: set[str] = set()
    for row in rows:
        if row["dossier_id"] in broken:
            refused[row["id"]] = t("trust.refused.after_refused")
            continue
        cur.execute("SAVEPOINT counter_event")
        try:
            _insert_staged(cur, [row])
            cur.execute("RELEASE SAVEPOINT counter_event")
        except (psycopg.Error, ValueError) as exc:
            cur.execute("ROLLBACK TO SAVEPOINT counter_event")
            broken.add(row["dossier_id"])
            refused[row["id"]] = refusal_text(exc)
    return refused


def _insert_staged(cur, rows: list[dict[str, Any]]) -> None:
    staging = _stage(cur, "dossier_event", EVENT_FIELDS, rows)
    names = ", ".join(EVENT_FIELDS)
    cur.execute(
        f"INSERT INTO dossier_event ({names}) SELECT {names} FROM {staging} ORDER BY dossier_id, seq"
    )  # no ON CONFLICT: it would hold the new rows to the read policy (replays are filtered out before)


def refusal_text(exc: BaseException) -> str:
    """The reason an event was refused, for the officer: the rule's own sentence when the central store's rules
    refused it (``counter_app:<key>`` with JSON parameters), else the store's one-line message."""
    import psycopg

    if isinstance(exc, psycopg.Error) and exc.diag.message_primary:
        message = exc.diag.message_primary
        if message.startswith(central_rules.REFUSAL):
            try:
                params = json.loads(exc.diag.message_detail or "{}")
            except ValueError:
                params = {}
            key = message.removeprefix(central_rules.REFUSAL)
            return t(key if "." in key else "trust.refused." + key, **params)
        return one_line(message)[:300]
    return one_line(str(exc))[:300]


def _keep_anchor(cur, anchor: dict[str, Any], events: list[dict[str, Any]], role_unit: str | None) -> None:
    """Check a batch's signed heads once (its signature with the counter's published key, and that they are the
    heads of these events) and keep them; a batch whose heads do not check is refused whole."""
    from counter_app.services.anchors import AnchorError, check_signature

    body = anchors.body_of(anchor)
    if role_unit is not None and body.unit_id != role_unit:
        raise AnchorError("trust.anchor.other_unit", unit=body.unit_id)
    if list(body.heads) != anchors.heads_of(events):
        raise AnchorError("trust.anchor.heads_differ")
    cur.execute(
        "SELECT public_key FROM counter_key WHERE key_id = %s AND unit_id = %s", (body.key_id, body.unit_id)
    )
    found = cur.fetchone()
    if found is None:
        raise AnchorError("trust.anchor.unknown_key", key_id=body.key_id)
    check_signature(body, anchor["digest"], anchor["signature"], found[0])
    columns = ANCHOR_COLUMNS
    cur.execute(
        f"INSERT INTO chain_anchor ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
        "ON CONFLICT (id) DO NOTHING",
        [_cell(anchor[c]) for c in columns],
    )


def _cell(value: Any) -> Any:
    return Jsonb(value) if isinstance(value, dict | list) else value


def _copy(cur, table: str, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_cell(row[c]) for c in columns])


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


def bring_references(
    session: Session,
    *,
    citizens: list[dict[str, Any]],
    citizen_documents: list[dict[str, Any]],
    procedures: list[dict[str, Any]],
    procedure_documents: list[dict[str, Any]],
) -> None:
    """What a batch's dossiers refer to, before its events: the citizens (through ``counter_put_citizens``:
    a new one registered under the unit's own id, one the unit sees updated when newer), and procedures the
    central catalogue lacks (a counter never overwrites the central catalogue; under row-level security only
    the administrator may add to it). :func:`refresh_citizens` runs the same after the batch, once its
    dossiers make a handed-over citizen visible to the counter's role."""
    conn = psycopg_connection(session.connection())
    with conn.cursor() as cur:
        _put(cur, "counter_put_citizens", citizens)
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
    """After a batch: the newest record of each citizen the unit sees wins; digitised documents (immutable)
    are added."""
    conn = psycopg_connection(session.connection())
    with conn.cursor() as cur:
        _put(cur, "counter_put_citizens", citizens)
        _put(cur, "counter_put_citizen_documents", citizen_documents)


def _put(cur, function: str, rows: list[dict[str, Any]]) -> None:
    """Call one of the citizen functions of ``sync.central_rules`` with ``rows``; a row the store cannot take
    (a value PostgreSQL cannot store) is left out and logged by id, never blocking the push."""
    import psycopg

    from counter_app.domain.chain import plain

    if not rows:
        return
    cur.execute("SAVEPOINT counter_put")
    try:
        cur.execute(f"SELECT {function}(%s)", (Jsonb(plain(rows)),))
        cur.execute("RELEASE SAVEPOINT counter_put")
        return
    except psycopg.Error:
        cur.execute("ROLLBACK TO SAVEPOINT counter_put")
    for row in rows:
        cur.execute("SAVEPOINT counter_put")
        try:
            cur.execute(f"SELECT {function}(%s)", (Jsonb(plain([row])),))
            cur.execute("RELEASE SAVEPOINT counter_put")
        except psycopg.Error as exc:
            cur.execute("ROLLBACK TO SAVEPOINT counter_put")
            log.warning("%s left out row %s: %s", function, row.get("id"), type(exc).__name__)


def _printable(value: Any) -> Any:
    """``value`` with control characters (a NUL among them) shown as U+FFFD: the refused event's copy is kept for
    people to read, and no store takes a NUL (PostgreSQL refuses it)."""
    if isinstance(value, str):
        return "".join(
            "\ufffd" if (ord(ch) < 32 and ch not in "\n\t") or ord(ch) == 127 else ch for ch in value
        )
    if isinstance(value, dict):
        return {_printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def rejection(event: Any, reason: str, now: datetime) -> SyncRejection:
    """The record of a refused event: why, when, and a copy of it (control characters replaced)."""
    from counter_app.domain.chain import plain

    data = event if isinstance(event, dict) else event.model_dump()
    return SyncRejection(
        event_id=data["id"],
        dossier_id=data["dossier_id"],
        dossier_code=data["dossier_code"],
        unit_id=data["unit_id"],
        counter_id=data["counter_id"],
        reason=one_line(_printable(reason))[:500],
        at=now,
        event=_printable(plain({k: data[k] for k in EVENT_FIELDS})),
    )


def _role_unit(cur) -> str | None:
    """The unit of the counter role pushing (None: the database's owner). The store's rules
    (``sync.central_rules``, installed by ``central init``) must be there: they are what projects the events."""
    cur.execute("SELECT 1 FROM pg_trigger WHERE tgname = 'counter_event_guard'")
    if not cur.fetchone():
        raise ServiceError(
            "central.not_set_up", place=cur.connection.info.host + "/" + cur.connection.info.dbname
        )
    cur.execute("SELECT counter_unit_of(current_user)")
    return cur.fetchone()[0]


def _too_late(event: dict[str, Any], handover_states: dict[str, str]) -> str | None:
    """A recall that arrives after the other unit answered the handover, or an answer that arrives after the
    sender recalled it (each recorded offline before it learnt of the other): the reason says which, instead
    of the chain's «changed elsewhere» (``services.handover.recall``)."""
    payload = event["payload"] if isinstance(event["payload"], dict) else {}
    data = payload.get("handover")
    if not isinstance(data, dict):
        return None
    state = handover_states.get(str(data.get("id")))
    if event["type"] == HANDOVER_RECALL and state in ("accepted", "returned"):
        key = "leaving.refused.recall_accepted" if state == "accepted" else "leaving.refused.recall_returned"
        return t(key, code=event["dossier_code"])
    if event["type"] in HANDOVER_ANSWERS and state == "recalled":
        return t("leaving.refused.answer_recalled", code=event["dossier_code"])
    return None


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
