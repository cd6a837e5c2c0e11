"""A counter's side of sync: push its outbox to the central PostgreSQL, pull what concerns its unit.

Each step commits its own progress: a pushed batch is marked sent only after the central store has
committed it (a crash in between re-sends it, and the central store ignores replays by event UUID);
a pulled page and the pull cursor are committed together. A kill at any instant loses nothing and
repeats nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Table, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from counter_app.db.engine import make_engine
from counter_app.db.models import (
    CalendarDay,
    ChainAnchor,
    Citizen,
    CitizenDocument,
    CounterKey,
    Dossier,
    DossierEvent,
    Officer,
    Outbox,
    Procedure,
    ProcedureDocument,
    UnitProcedure,
    table_of,
)
from counter_app.db.projection import apply_event, rebuild
from counter_app.domain.vntext import one_line
from counter_app.printing.signing import CounterSigner
from counter_app.services import anchors
from counter_app.services.errors import ServiceError
from counter_app.services.sync_state import read_state, write_state
from counter_app.sync import central
from counter_app.sync.central_setup import check_ready

if TYPE_CHECKING:
    from counter_app.sync.file_push import FilePushReport

log = logging.getLogger(__name__)
#: pulled rows were accepted by the store they come from: held to the store guard's multi-line policy
#: (``db.text_guard``), so a line break stored before the character checks cannot stop a pull
REPLICA = {"text_guard": "replica"}
PUSH_BATCH = 500
PULL_PAGE = 200
#: how far before its watermark a reference pull looks again: rows a long import committed late with an
#: earlier ``updated_at`` are not missed; rows the counter already holds (same ``updated_at``) are skipped
REFERENCE_OVERLAP = timedelta(minutes=10)
#: the watermark after a first pull that found no dated row: later pulls take every dated row
EPOCH = datetime(1970, 1, 1)


@dataclass
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    rejected: dict[str, str] = field(default_factory=dict)
    pulled_events: int = 0
    pulled_dossiers: int = 0
    diverged: list[str] = field(default_factory=list)
    #: this counter's public keys the central store did not have yet
    published_keys: int = 0
    #: reference rows new or changed since the last pull
    pulled_procedures: int = 0
    pulled_unit_procedures: int = 0
    pulled_keys: int = 0
    #: the round's push of digitised files (``sync.file_push``; None: no object store configured)
    files: FilePushReport | None = None


def connect_central(url: str, *, timeout: int = 3) -> Engine:
    """An engine for the central store that fails within seconds when the server is unreachable."""
    return make_engine(url, connect_timeout=timeout)


def _rows(session: Session, table: Table, condition: ColumnElement[bool]) -> list[dict[str, Any]]:
    """Plain rows (no ORM objects: a push moves thousands)."""
    return [dict(r) for r in session.execute(table.select().where(condition)).mappings().all()]


def _detached(rows):
    return [type(r).model_validate(r.model_dump()) for r in rows]


# --- push --------------------------------------------------------------------------------------


def push(
    local: Engine,
    central_engine: Engine,
    *,
    now: datetime,
    batch_size: int | None = None,
    max_batches: int | None = None,
    signer: CounterSigner | None = None,
    unit_id: str | None = None,
) -> SyncReport:
    """Push the outbox in batches; with ``signer`` each batch goes with its signed heads
    (``services.anchors``), kept in this store with the batch's outcome and checked by the central store."""
    batch_size = batch_size or PUSH_BATCH
    report = SyncReport()
    batches = 0
    while max_batches is None or batches < max_batches:
        with Session(local) as session:
            waiting = session.exec(
                select(Outbox.event_id)
                .where(col(Outbox.sent_at).is_(None), col(Outbox.rejected_at).is_(None))
                .order_by(col(Outbox.id))
                .limit(batch_size)
            ).all()
            if not waiting:
                break
            table = table_of(DossierEvent)
            events = [
                dict(r)
                for r in session.execute(table.select().where(table.c.id.in_(waiting))).mappings().all()
            ]
            dossier_ids = {e["dossier_id"] for e in events}
            refs = session.execute(
                select(Dossier.citizen_id, Dossier.procedure_code).where(col(Dossier.id).in_(dossier_ids))
            ).all()
            citizen_ids = {c for c, _ in refs if c}
            codes = {p for _, p in refs}
            references = {
                "citizens": _rows(session, table_of(Citizen), col(Citizen.id).in_(citizen_ids)),
                "citizen_documents": _rows(
                    session, table_of(CitizenDocument), col(CitizenDocument.citizen_id).in_(citizen_ids)
                ),
                "procedures": _rows(session, table_of(Procedure), col(Procedure.code).in_(codes)),
                "procedure_documents": _rows(
                    session, table_of(ProcedureDocument), col(ProcedureDocument.procedure_code).in_(codes)
                ),
            }
            anchor = None
            if signer is not None:
                anchor = anchors.make(
                    signer,
                    unit_id or events[0]["unit_id"],
                    events,
                    prev_digest=anchors.last_digest(session, signer.counter_id),
                    now=now,
                )
        with Session(central_engine) as cs:
            central.lock(cs)
            central.bring_references(cs, **references)
            result = central.apply_batch(cs, events, now=now, anchor=anchor)
            central.refresh_citizens(
                cs, citizens=references["citizens"], citizen_documents=references["citizen_documents"]
            )
            cs.commit()
        with Session(local) as session:
            done = result.accepted + result.duplicates
            if done:
                session.execute(update(Outbox).where(col(Outbox.event_id).in_(done)).values(sent_at=now))
            if result.rejected:
                _set_aside(session, [e for e in events if e["id"] in result.rejected], result.rejected, now)
            if anchor is not None:
                session.merge(ChainAnchor.model_validate(anchor))
            session.commit()
        report.pushed += len(result.accepted)
        report.duplicates += len(result.duplicates)
        report.rejected.update(result.rejected)
        batches += 1
    return report


def _set_aside(session: Session, refused: list[dict], reasons: dict[str, str], now: datetime) -> None:
    """Keep refused events aside (sync_rejection), take them out of their dossiers' chains, flag the dossiers.

    The dossier is rebuilt from the events the central store accepted, so the next pull continues
    the chain the rest of the country sees; the officer sees why in ``needs_attention``.
    """
    for event in refused:
        session.merge(central.rejection(event, reasons[event["id"]], now))
        session.execute(
            update(Outbox)
            .where(Outbox.event_id == event["id"])
            .values(rejected_at=now, last_error=reasons[event["id"]][:500])
        )
        session.exec(delete(DossierEvent).where(DossierEvent.id == event["id"]))
    session.flush()
    for dossier_id in {e["dossier_id"] for e in refused}:
        first = next(e for e in refused if e["dossier_id"] == dossier_id)
        has_history = session.exec(
            select(DossierEvent.id).where(DossierEvent.dossier_id == dossier_id).limit(1)
        ).first()
        dossier = rebuild(session, dossier_id) if has_history else session.get(Dossier, dossier_id)
        if dossier is not None:
            dossier.needs_attention = f"{first['type']}: {reasons[first['id']]}"[:300]
            session.add(dossier)


# --- pull --------------------------------------------------------------------------------------

CONCERNING_UNIT = text("""
    SELECT e.dossier_id, MAX(e.central_seq) AS last_seq
    FROM dossier_event e LEFT JOIN dossier d ON d.id = e.dossier_id
    WHERE e.central_seq > :cursor
      AND (d.custodian_unit_id = :unit OR d.return_unit_id = :unit OR d.received_unit_id = :unit
           OR EXISTS (SELECT 1 FROM handover h WHERE h.dossier_id = e.dossier_id AND h.to_unit_id = :unit))
    GROUP BY e.dossier_id
    ORDER BY last_seq
    LIMIT :page
""")


def _mark(session: Session, table: str) -> datetime | None:
    """The watermark of a reference table: the newest change pulled so far (None: never pulled)."""
    value = read_state(session, f"pull_mark.{table}")
    return datetime.fromisoformat(value) if value else None


def _set_mark(session: Session, table: str, mark: datetime | None, seen: list[datetime | None]) -> None:
    newest = max([d for d in seen if d is not None], default=None)
    if mark is not None and (newest is None or newest < mark):
        newest = mark
    write_state(session, f"pull_mark.{table}", (newest or EPOCH).isoformat())


def _since(mark: datetime) -> datetime:
    return mark - REFERENCE_OVERLAP if mark - datetime.min > REFERENCE_OVERLAP else mark


def _procedures_with_documents(
    cs: Session, codes: set[str]
) -> tuple[list[Procedure], list[ProcedureDocument]]:
    if not codes:
        return [], []
    procedures = _detached(cs.exec(select(Procedure).where(col(Procedure.code).in_(codes))).all())
    documents = _detached(
        cs.exec(select(ProcedureDocument).where(col(ProcedureDocument.procedure_code).in_(codes))).all()
    )
    return procedures, documents


def _store_procedures(
    session: Session, procedures: list[Procedure], documents: list[ProcedureDocument]
) -> None:
    """Write ``procedures`` as the central store has them, their documents replaced as a set."""
    if not procedures:
        return
    for procedure in procedures:
        session.merge(procedure)
    session.flush()
    codes = {p.code for p in procedures}
    session.exec(delete(ProcedureDocument).where(col(ProcedureDocument.procedure_code).in_(codes)))
    for doc in documents:
        if doc.procedure_code in codes:
            session.add(ProcedureDocument.model_validate(doc.model_dump(exclude={"id"})))
    session.flush()


def _missing_procedures(
    local: Engine, cs: Session, codes: set[str]
) -> tuple[list[Procedure], list[ProcedureDocument]]:
    """Procedures among ``codes`` the counter lacks, from the central store: what pulled rows refer to may be
    a procedure no watermark brings (one without ``updated_at``, added centrally after the first pull)."""
    if not codes:
        return [], []
    with Session(local) as session:
        have = set(session.exec(select(Procedure.code).where(col(Procedure.code).in_(codes))).all())
    return _procedures_with_documents(cs, codes - have)


def _valid_key(row: CounterKey) -> bool:
    """A published key whose id is its own (a row naming another key's id is ignored)."""
    from counter_app.printing.signing import from_published_form, key_id_of

    try:
        return key_id_of(from_published_form(row.public_key)) == row.key_id
    except ValueError:
        return False


def pull_reference_data(local: Engine, central_engine: Engine, unit_id: str) -> SyncReport:
    """What the central store shares, each reference table by its own watermark (``pull_mark.<table>`` in
    ``sync_state``): procedures changed since the last pull (``updated_at``; the first pull takes them all)
    with their documents replaced as a set, this unit's ``unit_procedure`` rows, the counters' published keys
    (``published_at``, set by the central clock); and, as they are, the shared calendar days and this unit's
    officers. All in one local transaction with the watermarks."""
    report = SyncReport()
    with Session(local) as session:
        marks = {table: _mark(session, table) for table in ("procedure", "unit_procedure", "counter_key")}
        held_procedures = dict(session.exec(select(Procedure.code, Procedure.updated_at)).all())
        held_links = {
            (u.unit_id, u.procedure_code): u.updated_at
            for u in session.exec(select(UnitProcedure).where(UnitProcedure.unit_id == unit_id))
        }
        held_keys = set(session.exec(select(CounterKey.key_id)).all())
    with Session(central_engine) as cs:
        query = select(Procedure)
        if (mark := marks["procedure"]) is not None:
            query = query.where(col(Procedure.updated_at) > _since(mark))
        dated = _detached(cs.exec(query).all())
        procedures = [
            p for p in dated if p.updated_at is None or held_procedures.get(p.code, EPOCH) != p.updated_at
        ]
        procedure_docs = _procedures_with_documents(cs, {p.code for p in procedures})[1]
        link_query = select(UnitProcedure).where(UnitProcedure.unit_id == unit_id)
        if (mark := marks["unit_procedure"]) is not None:
            link_query = link_query.where(col(UnitProcedure.updated_at) > _since(mark))
        all_links = _detached(cs.exec(link_query).all())
        links = [u for u in all_links if held_links.get((u.unit_id, u.procedure_code)) != u.updated_at]
        key_query = select(CounterKey)
        if (mark := marks["counter_key"]) is not None:
            key_query = key_query.where(col(CounterKey.published_at) > _since(mark))
        all_keys = _detached(cs.exec(key_query).all())
        keys = [k for k in all_keys if k.key_id not in held_keys and _valid_key(k)]
        pulled = {p.code for p in procedures}
        extra = _missing_procedures(local, cs, {u.procedure_code for u in links} - pulled)
        days = _detached(cs.exec(select(CalendarDay)).all())
        officers = _detached(cs.exec(select(Officer).where(Officer.unit_id == unit_id)).all())
    with Session(local, info=REPLICA) as session:
        _store_procedures(session, procedures + extra[0], procedure_docs + extra[1])
        for link in links:
            session.merge(link)
        for key in keys:
            session.merge(key)
        _set_mark(session, "procedure", marks["procedure"], [p.updated_at for p in dated])
        _set_mark(session, "unit_procedure", marks["unit_procedure"], [u.updated_at for u in all_links])
        _set_mark(session, "counter_key", marks["counter_key"], [k.published_at for k in all_keys])
        session.exec(delete(CalendarDay))
        for day in days:
            session.add(day)
        for officer in officers:
            mine = session.get(Officer, officer.id)
            if mine is None:
                session.add(officer)
            else:  # lock-out counters are the counter's own business
                for key in ("username", "full_name", "title", "role", "unit_id", "pin_hash", "active"):
                    setattr(mine, key, getattr(officer, key))
        session.commit()
    report.pulled_procedures, report.pulled_unit_procedures, report.pulled_keys = (
        len(procedures),
        len(links),
        len(keys),
    )
    return report


# --- what the counter publishes: its unit's identifier, its public keys -------------------------------

PUBLISH_KEY = text(
    "INSERT INTO counter_key (key_id, counter_id, unit_id, public_key, published_at) "
    "VALUES (:key_id, :counter_id, :unit_id, :public_key, CAST(now() AT TIME ZONE 'Asia/Ho_Chi_Minh' AS timestamp)) "
    "ON CONFLICT (key_id) DO NOTHING"
)
SET_IDENTIFIER = text(
    "UPDATE unit SET one_stop_code = :code WHERE id = :unit AND one_stop_code <> :code "
    "AND NOT EXISTS (SELECT 1 FROM unit other WHERE other.one_stop_code = :code AND other.id <> :unit)"
)


def publish_keys(central_engine: Engine, unit_id: str, keys_dir: Path) -> int:
    """Publish the public keys of the counters whose private keys live in ``keys_dir`` (``counter_key`` rows
    of this unit, ``published_at`` by the central clock), so any unit verifies this counter's receipts.
    Idempotent: keys already published are left as they are. Returns how many were new."""
    from counter_app.printing.signing import KeyFileError, own_signers, published_form

    try:
        signers = own_signers(keys_dir)
    except (KeyFileError, OSError) as exc:  # a damaged key file: receipts are the printing's concern
        log.warning("counter keys not published: %s", exc)
        return 0
    rows = {
        s.key_id: {
            "key_id": s.key_id,
            "counter_id": s.counter_id,
            "unit_id": unit_id,
            "public_key": published_form(s.public_key),
        }
        for s in signers
    }
    if not rows:
        return 0
    with central_engine.begin() as connection:
        have = set(
            connection.execute(select(CounterKey.key_id).where(col(CounterKey.key_id).in_(rows))).scalars()
        )
        new = [row for key_id, row in rows.items() if key_id not in have]
        if new:
            connection.execute(PUBLISH_KEY, new)
    return len(new)


def publish_identifier(local: Engine, central_engine: Engine, unit_id: str) -> bool:
    """Set this unit's official identifier (``store_info``, written at setup) as its ``one_stop_code`` in the
    central ``unit`` table, when the store was set up for this unit and the identifier differs. An identifier
    another unit already has is left out (logged). Returns whether the central row changed."""
    from counter_app.domain.identifiers import InvalidIdentifier, parse_unit_identifier
    from counter_app.services import store_info

    with Session(local) as session:
        identity = store_info.read(session)
    if identity.kind != "unit" or not identity.identifier or identity.unit_id not in ("", unit_id):
        return False
    try:
        code = parse_unit_identifier(identity.identifier)
    except InvalidIdentifier as exc:
        log.warning("unit identifier %r not published: %s", identity.identifier, exc)
        return False
    try:
        with central_engine.begin() as connection:
            changed = connection.execute(SET_IDENTIFIER, {"code": code, "unit": unit_id}).rowcount
    except IntegrityError as exc:  # another unit took the same identifier at the same moment
        log.warning("unit identifier %s not published: %s", code, type(exc).__name__)
        return False
    if not changed:
        log.debug("unit identifier %s already published or held by another unit", code)
    return bool(changed)


def pull(
    local: Engine,
    central_engine: Engine,
    unit_id: str,
    *,
    page: int = PULL_PAGE,
    max_pages: int | None = None,
) -> SyncReport:
    report = SyncReport()
    pages = 0
    while max_pages is None or pages < max_pages:
        with Session(local) as session:
            cursor = int(read_state(session, "pull_cursor") or 0)
        with Session(central_engine) as cs:
            rows = cs.execute(CONCERNING_UNIT, {"cursor": cursor, "unit": unit_id, "page": page}).all()
            if not rows:
                break
            dossier_ids = [r[0] for r in rows]
            with Session(local) as session:
                counts = {
                    d.id: (d.event_count, d.last_event_hash)
                    for d in session.exec(select(Dossier).where(col(Dossier.id).in_(dossier_ids)))
                }
            wanted: dict[str, list[DossierEvent]] = {}
            for dossier_id in dossier_ids:
                have = counts.get(dossier_id, (0, ""))[0]
                wanted[dossier_id] = _detached(
                    cs.exec(
                        select(DossierEvent)
                        .where(DossierEvent.dossier_id == dossier_id, DossierEvent.seq > have)
                        .order_by(col(DossierEvent.seq))
                    ).all()
                )
            citizen_ids = {
                c
                for c in cs.exec(select(Dossier.citizen_id).where(col(Dossier.id).in_(dossier_ids))).all()
                if c
            }
            citizens = _detached(cs.exec(select(Citizen).where(col(Citizen.id).in_(citizen_ids))).all())
            documents = _detached(
                cs.exec(select(CitizenDocument).where(col(CitizenDocument.citizen_id).in_(citizen_ids))).all()
            )
            codes = set(cs.exec(select(Dossier.procedure_code).where(col(Dossier.id).in_(dossier_ids))).all())
            procedures, procedure_docs = _missing_procedures(local, cs, codes)
        with Session(local, info=REPLICA) as session:
            _store_procedures(session, procedures, procedure_docs)
            central.upsert_citizens(session, citizens, documents)
            for dossier_id in dossier_ids:
                events = wanted[dossier_id]
                if not events:
                    continue
                dossier = session.get(Dossier, dossier_id)
                last_hash = dossier.last_event_hash if dossier else ""
                if (
                    events[0].prev_hash != last_hash
                ):  # this counter changed it offline too: keep both, flag it
                    if dossier is not None:
                        dossier.needs_attention = "Hồ sơ đã được thay đổi ở nơi khác khi quầy mất kết nối."
                        session.add(dossier)
                    report.diverged.append(events[0].dossier_code)
                    continue
                if dossier is None:
                    first = events[0].payload.get("set", {})
                    dossier = Dossier(
                        id=dossier_id,
                        code=events[0].dossier_code,
                        status=0,
                        procedure_code=first.get("procedure_code", ""),
                        applicant_name=first.get("applicant_name", ""),
                        received_unit_id=events[0].unit_id,
                        custodian_unit_id=events[0].unit_id,
                        return_unit_id=events[0].unit_id,
                        updated_at=events[0].device_time,
                    )
                for event in events:
                    apply_event(session, dossier, event)
                    session.add(event)  # pulled events came from the central store: no outbox entry
                session.add(dossier)
                session.flush()
                report.pulled_events += len(events)
                report.pulled_dossiers += 1
            write_state(session, "pull_cursor", str(max(r[1] for r in rows)))
            session.commit()
        pages += 1
    return report


def _signer(keys_dir: Path | None, counter_id: str | None) -> CounterSigner | None:
    """The counter's signing key (created on first use), or None without a key directory or a counter."""
    if keys_dir is None or not counter_id:
        return None
    return CounterSigner.load_or_create(keys_dir, counter_id)


# --- one round ---------------------------------------------------------------------------------


def sync_once(
    local: Engine,
    central_url: str,
    unit_id: str,
    *,
    now: datetime,
    central_engine: Engine | None = None,
    timeout: int = 3,
    keys_dir: Path | None = None,
    counter_id: str | None = None,
) -> SyncReport:
    """Check the central store was set up, publish this unit's identifier and (with ``keys_dir``) this
    counter's public keys, push everything waiting, then pull; records the outcome for ``sync --status`` and
    the status bar: ``last_error``, and ``last_problem`` when the failure is one of our own sentences (a
    central store not set up), which the officer may read as it is."""
    owned = central_engine is None
    central_engine = central_engine or connect_central(central_url, timeout=timeout)
    try:
        check_ready(central_engine)
        publish_identifier(local, central_engine, unit_id)
        signer = _signer(keys_dir, counter_id)  # created before it is published, on a counter's first round
        published = publish_keys(central_engine, unit_id, keys_dir) if keys_dir is not None else 0
        report = push(local, central_engine, now=now, signer=signer, unit_id=unit_id)
        report.published_keys = published
        references = pull_reference_data(local, central_engine, unit_id)
        report.pulled_procedures = references.pulled_procedures
        report.pulled_unit_procedures = references.pulled_unit_procedures
        report.pulled_keys = references.pulled_keys
        pulled = pull(local, central_engine, unit_id)
        report.pulled_events, report.pulled_dossiers = pulled.pulled_events, pulled.pulled_dossiers
        report.diverged = pulled.diverged
    except Exception as exc:
        with Session(local) as session:
            write_state(session, "last_error", one_line(str(exc))[:300])
            write_state(session, "last_problem", str(exc) if isinstance(exc, ServiceError) else "")
            write_state(session, "last_attempt", now.isoformat())
            session.commit()
        raise
    finally:
        if owned:
            central_engine.dispose()
    with Session(local) as session:
        write_state(session, "last_sync", now.isoformat())
        write_state(session, "last_error", "")
        write_state(session, "last_problem", "")
        session.commit()
    return report
