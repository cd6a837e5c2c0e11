"""A counter's side of sync: push its outbox to the central PostgreSQL, pull what concerns its unit.

Each step commits its own progress: a pushed batch is marked sent only after the central store has
committed it (a crash in between re-sends it, and the central store ignores replays by event UUID);
a pulled page and the pull cursor are committed together. A kill at any instant loses nothing and
repeats nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select

from counter_app.db.engine import make_engine
from counter_app.db.models import (
    CalendarDay,
    Citizen,
    CitizenDocument,
    Dossier,
    DossierEvent,
    Officer,
    Outbox,
    Procedure,
    ProcedureDocument,
    table_of,
)
from counter_app.db.projection import apply_event, rebuild
from counter_app.domain.vntext import one_line
from counter_app.services.sync_state import read_state, write_state
from counter_app.sync import central

log = logging.getLogger(__name__)
PUSH_BATCH = 500
PULL_PAGE = 200


@dataclass
class SyncReport:
    pushed: int = 0
    duplicates: int = 0
    rejected: dict[str, str] = field(default_factory=dict)
    pulled_events: int = 0
    pulled_dossiers: int = 0
    diverged: list[str] = field(default_factory=list)


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
) -> SyncReport:
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
        with Session(central_engine) as cs:
            central.lock(cs)
            central.bring_references(cs, **references)
            result = central.apply_batch(cs, events, now=now)
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
    FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id
    WHERE e.central_seq > :cursor
      AND (d.custodian_unit_id = :unit OR d.return_unit_id = :unit OR d.received_unit_id = :unit
           OR EXISTS (SELECT 1 FROM handover h WHERE h.dossier_id = d.id AND h.to_unit_id = :unit))
    GROUP BY e.dossier_id
    ORDER BY last_seq
    LIMIT :page
""")


def pull_reference_data(local: Engine, central_engine: Engine, unit_id: str) -> None:
    """Catalogue, shared calendar days and this unit's officers, as the central store has them."""
    with Session(central_engine) as cs:
        procedures = _detached(cs.exec(select(Procedure)).all())
        procedure_docs = _detached(cs.exec(select(ProcedureDocument)).all())
        days = _detached(cs.exec(select(CalendarDay)).all())
        officers = _detached(cs.exec(select(Officer).where(Officer.unit_id == unit_id)).all())
    with Session(local) as session:
        if procedures:
            for procedure in procedures:
                session.merge(procedure)
            session.flush()
            codes = {p.code for p in procedures}
            session.exec(delete(ProcedureDocument).where(col(ProcedureDocument.procedure_code).in_(codes)))
            for doc in procedure_docs:
                session.add(ProcedureDocument.model_validate(doc.model_dump(exclude={"id"})))
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
        with Session(local) as session:
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


# --- one round ---------------------------------------------------------------------------------


def sync_once(
    local: Engine,
    central_url: str,
    unit_id: str,
    *,
    now: datetime,
    central_engine: Engine | None = None,
    timeout: int = 3,
) -> SyncReport:
    """Push everything waiting, then pull; records the outcome for ``sync --status`` and the header."""
    owned = central_engine is None
    central_engine = central_engine or connect_central(central_url, timeout=timeout)
    try:
        report = push(local, central_engine, now=now)
        pull_reference_data(local, central_engine, unit_id)
        pulled = pull(local, central_engine, unit_id)
        report.pulled_events, report.pulled_dossiers = pulled.pulled_events, pulled.pulled_dossiers
        report.diverged = pulled.diverged
    except Exception as exc:
        with Session(local) as session:
            write_state(session, "last_error", one_line(str(exc))[:300])
            write_state(session, "last_attempt", now.isoformat())
            session.commit()
        raise
    finally:
        if owned:
            central_engine.dispose()
    with Session(local) as session:
        write_state(session, "last_sync", now.isoformat())
        write_state(session, "last_error", "")
        session.commit()
    return report
