"""Sync figures: push 10,000 events to a central PostgreSQL, against COPY of the same rows; catch-up time.

    python bench/bench_sync.py [--events 10000] [--pg postgresql://postgres@127.0.0.1:5432/postgres]

Prints lines for people and one JSON line per figure:
  {"name": "sync_push_10k", "events": N, "push_s": ..., "copy_s": ..., "ratio_vs_copy": ...}
  {"name": "sync_catch_up_10k", "events": N, "catch_up_s": ...}
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
from pg_scratch import drop_database, fresh_database  # bench/ is the script's directory
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from counter_app.config import load_settings
from counter_app.db.engine import make_engine
from counter_app.db.models import DossierEvent, Officer, Outbox
from counter_app.domain.chain import canonical_json
from counter_app.services import intake, lookup, rating, sync_state, workflow
from counter_app.services.context import Actor, open_store
from counter_app.services.demo import seed_demo
from counter_app.services.intake import DocumentChoice, IntakeRequest
from counter_app.sync import client
from counter_app.sync.central_setup import init_central

EVENTS_PER_DOSSIER = 5  # received, processing, result ready, returned, rated


def rate_on_the_tablet(store, actor, code, *, now):
    """The citizen's rating, as the counter's tablet records it (the return asks, the tablet answers)."""
    asked = rating.open_request(store, actor, code, now=now)
    rating.record(store, "tablet-1", actor.counter_id, asked.request_id, 1, now=now)


def build_counter(home: Path, events: int):
    store = open_store(load_settings({"COUNTER_APP_HOME": str(home)}))
    seed_demo(store, citizens=200, today=date(2026, 11, 20))
    with store.session() as s:
        officer = s.exec(select(Officer).where(Officer.username == "canbo1")).one()
        citizens = lookup.search_citizens(s, "0", limit=200)
        docs = lookup.procedure_documents(s, "1.004873")
    actor = Actor(officer.id, officer.full_name, officer.role, officer.unit_id, store.settings.counter_id)
    with store.session() as s:
        base = s.exec(select(Outbox)).all()  # the demo's own events already waiting
    target = events - len(base)
    start = datetime(2026, 11, 23, 7, 30)
    day, n = 0, 0
    while n < target:
        at = start + timedelta(days=day)
        for k in range(min(900, (target - n) // EVENTS_PER_DOSSIER + 1)):
            t = store.calendar.next_opening(at + timedelta(seconds=20 * k))
            request = IntakeRequest(
                "1.004873",
                [DocumentChoice(d.name, d.copy_kind) for d in docs],
                citizen_id=citizens[k % len(citizens)].id,
            )
            d = intake.receive(store, actor, request, now=t)
            steps = [
                lambda c, t=t: workflow.start_processing(store, actor, c, now=t),
                lambda c, t=t: workflow.mark_result_ready(store, actor, c, now=t),
                lambda c, t=t: workflow.return_result(
                    store, actor, c, receiver_name="", id_checked=True, now=t
                ),
                lambda c, t=t: rate_on_the_tablet(store, actor, c, now=t),
            ]
            n += 1
            for step in steps:
                if n >= target:
                    break
                step(d.code)
                n += 1
            if n >= target:
                break
        day += 7  # stay within 999 dossiers per counter and day
    return store


def copy_baseline(central_url: str, rows: list[DossierEvent], *, indexes: bool) -> float:
    """Seconds to COPY the same event rows into a twin of dossier_event, in one transaction.

    With ``indexes`` the twin has dossier_event's keys and indexes (what the push must maintain);
    without, it is a bare heap (the floor).
    """
    conninfo = make_url(central_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        conn.execute("DROP TABLE IF EXISTS copy_target")
        conn.execute(f"CREATE TABLE copy_target (LIKE dossier_event {'INCLUDING ALL' if indexes else ''})")
        conn.commit()
        columns = (
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
        started = time.perf_counter()
        with conn.cursor() as cur, cur.copy(f"COPY copy_target ({', '.join(columns)}) FROM STDIN") as copy:
            for e in rows:
                copy.write_row(
                    [
                        e.id,
                        e.dossier_id,
                        e.dossier_code,
                        e.seq,
                        e.type,
                        e.officer_id,
                        e.officer_name,
                        e.unit_id,
                        e.counter_id,
                        e.device_time,
                        canonical_json(e.payload),
                        e.prev_hash,
                        e.hash,
                    ]
                )
        conn.commit()
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = build_counter(Path(tmp), args.events)
        with store.session() as s:
            # the events this counter recorded: what waits in its outbox (the demo's other units' events don't)
            rows = [
                DossierEvent.model_validate(e.model_dump())
                for e in s.exec(select(DossierEvent).join(Outbox, Outbox.event_id == DossierEvent.id))
            ]
        template = Path(tmp) / "template.sqlite3"
        with store.engine.connect() as conn:
            conn.exec_driver_sql(f"VACUUM INTO '{template}'")
        print(f"counter store with {len(rows)} pending events built in {time.perf_counter() - t0:.1f} s")

        central_url = fresh_database(args.pg)
        try:
            engine = make_engine(central_url)
            init_central(engine, now=datetime(2026, 12, 1, 7, 0))  # schema, units and the store's rules
            started = time.perf_counter()
            report = client.push(store.engine, engine, now=datetime(2026, 12, 1, 8, 0))
            push_s = time.perf_counter() - started
            assert report.pushed == len(rows) and not report.rejected, report
            copy_s = copy_baseline(central_url, rows, indexes=True)
            bare_s = copy_baseline(central_url, rows, indexes=False)
            engine.dispose()
        finally:
            drop_database(args.pg, central_url)
        print(
            f"push {len(rows)} events: {push_s:.2f} s; COPY of the same rows into a twin of dossier_event "
            f"with its indexes: {copy_s:.3f} s (ratio {push_s / copy_s:.1f}x); into a bare table: {bare_s:.3f} s "
            f"(ratio {push_s / bare_s:.1f}x)"
        )
        print(
            json.dumps(
                {
                    "name": "sync_push_10k",
                    "events": len(rows),
                    "push_s": round(push_s, 3),
                    "copy_s": round(copy_s, 4),
                    "ratio_vs_copy": round(push_s / copy_s, 2),
                    "bare_copy_s": round(bare_s, 4),
                    "ratio_vs_bare_copy": round(push_s / bare_s, 2),
                }
            )
        )

        # catch-up after an outage: the same pending events, a full round (push, reference data, pull)
        store.dispose()
        local = make_engine(f"sqlite:///{template}")
        central_url = fresh_database(args.pg)
        try:
            engine = make_engine(central_url)
            init_central(engine, now=datetime(2026, 12, 1, 7, 0))  # a round needs a central store set up
            started = time.perf_counter()
            client.sync_once(
                local, central_url, store.unit_id, now=datetime(2026, 12, 1, 8, 0), central_engine=engine
            )
            catch_up_s = time.perf_counter() - started
            with Session(local) as s:
                assert sync_state.status(local).pending == 0
            engine.dispose()
        finally:
            drop_database(args.pg, central_url)
        print(f"catch-up of {len(rows)} pending events after an outage: {catch_up_s:.2f} s")
        print(
            json.dumps({"name": "sync_catch_up_10k", "events": len(rows), "catch_up_s": round(catch_up_s, 3)})
        )


if __name__ == "__main__":
    main()
