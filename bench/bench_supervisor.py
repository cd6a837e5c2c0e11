"""One refresh of the live supervisor screen on a store holding 100,000 open dossiers, on SQLite and PostgreSQL.

    python bench/bench_supervisor.py [--dossiers 100000] [--finished 20000] [--runs 15] [--quick]
                                     [--backend sqlite|postgresql|both]
                                     [--pg postgresql://postgres@127.0.0.1:5432/postgres]

The store is built fast with bulk inserts (not through the services): the real schema (migrations and
indexes), one unit holding every open dossier (the worst case for its filter), due times spread around
"now" (about a third overdue), finished and returned dossiers over the past year with their "returned"
events, handovers, online dossiers and a year of queue tickets.  PostgreSQL gets a temporary database,
dropped at the end.  A refresh is everything the screen calls
(:func:`counter_app.services.indicators.snapshot.supervisor_snapshot`: queue, today's figures with the
breakdowns, the 8-week series, overdue / close-to-due / online / handover lists).

Prints lines for people, then one JSON line per backend:
  {"name": "supervisor_refresh_100k_sqlite", "median_ms": ..., ...}
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

from pg_scratch import drop_database, fresh_database  # bench/ is the script's directory

from counter_app.config import load_settings
from counter_app.db.models import (
    Counter,
    Dossier,
    DossierEvent,
    Handover,
    Officer,
    Procedure,
    QueueService,
    QueueTicket,
    Unit,
)
from counter_app.domain.vntext import fold
from counter_app.services import demo_catalogue as cat
from counter_app.services.context import Store, open_store

NOW = datetime(2026, 11, 20, 10, 0)  # a Friday, office open
HOME = "21025"
BATCH = 5000


def _u() -> str:
    return str(uuid.UUID(int=random.getrandbits(128), version=4))


def _insert(store: Store, table, rows: list[dict]) -> None:
    with store.engine.begin() as conn:
        for start in range(0, len(rows), BATCH):
            conn.execute(table.__table__.insert(), rows[start : start + BATCH])


def build_store(
    home: Path,
    *,
    db_url: str | None = None,
    dossiers: int = 100_000,
    finished: int = 20_000,
    tickets: int = 100_000,
    seed: int = 7,
) -> Store:
    """A migrated store filled by bulk inserts (see the module docstring)."""
    random.seed(seed)
    env = {"COUNTER_APP_HOME": str(home), "COUNTER_APP_UNIT": HOME}
    if db_url:
        env["COUNTER_APP_DB_URL"] = db_url
    store = open_store(load_settings(env))
    cal = store.calendar
    one_stop = store.settings.one_stop_code
    from sqlmodel import select

    from counter_app.db.units import province_centre_id

    with store.session() as session:  # the country's units are loaded when the store is created
        province = session.get(Unit, HOME).province_code
        others = list(
            session.exec(
                select(Unit.id)
                .where(Unit.province_code == province, Unit.id != HOME, Unit.kind != "province")
                .order_by(Unit.id)
                .limit(3)
            )
        )
    centre = province_centre_id(province)
    _insert(
        store,
        Counter,
        [
            dict(id=f"{one_stop}#{n}", unit_id=HOME, number=n, name=f"Quầy số {n}", key_id=None)
            for n in range(1, 6)
        ],
    )
    officers = [
        dict(
            id=_u(),
            username=u,
            full_name=name,
            title=title,
            role=role,
            unit_id=HOME,
            pin_hash="-",
            failed_attempts=0,
            locked_until=None,
            active=True,
        )
        for u, name, role, title in cat.OFFICERS
    ]
    _insert(store, Officer, officers)
    clerks = [o["id"] for o in officers if o["role"] == "officer"]
    _insert(store, QueueService, [dict(code=c, name=n) for c, n in cat.QUEUE_SERVICES])
    procedures = []
    for code, name, field_code, field_name, days, fee, fee_note, line, land, level, _docs in cat.PROCEDURES:
        procedures.append(
            dict(
                code=code,
                name=name,
                name_folded=fold(name),
                field_code=field_code,
                field_name=field_name,
                working_days=days,
                fee=fee,
                fee_note=fee_note,
                level=level,
                boundless=True,
                land=land,
                queue_service=line,
                public_url="",
                active=True,
            )
        )
    _insert(store, Procedure, procedures)

    due_days: dict[tuple[date, int], datetime] = {}

    def due(received: datetime, days: int) -> datetime:
        key = (received.date(), days)
        if key not in due_days:
            due_days[key] = cal.due_at(datetime.combine(received.date(), dtime(9, 0)), days)
        d = due_days[key]
        return d if days == 0 else datetime.combine(d.date(), received.time())

    def office_time(day: date) -> datetime:
        minutes = random.choice(
            [random.randrange(7 * 60 + 30, 11 * 60 + 30), random.randrange(13 * 60 + 30, 17 * 60)]
        )
        return datetime.combine(day, dtime(minutes // 60, minutes % 60))

    working = [d for d in (NOW.date() - timedelta(days=i) for i in range(0, 400)) if cal.is_working_day(d)]
    rows, events, handovers = [], [], []
    seq = 0

    def dossier(status: int, received: datetime, proc: dict, **extra) -> dict:
        nonlocal seq
        seq += 1
        d = dict(
            id=_u(),
            code=f"{one_stop}-{received:%y%m%d}-{seq:07d}",
            procedure_code=proc["code"],
            citizen_id=None,
            applicant_name=f"Công dân {seq}",
            applicant_address="",
            applicant_phone="",
            applicant_email="",
            applicant_cccd="",
            summary="",
            channel=random.choices([1, 2, 3], [80, 15, 5])[0],
            status=status,
            received_unit_id=HOME,
            received_counter_id=f"{one_stop}#1",
            received_by=random.choice(clerks),
            custodian_unit_id=HOME,
            return_unit_id=HOME,
            return_method="counter",
            return_address="",
            submitted_at=None,
            received_at=received,
            due_at=due(received, proc["working_days"]),
            original_due_at=None,
            finished_at=None,
            returned_at=None,
            clock_stopped_at=None,
            working_days=proc["working_days"],
            sets=1,
            fee=0,
            fee_status="paid",
            ledger_book="",
            ledger_line=seq,
            reused_data=random.random() < 0.45,
            satisfaction=None,
            supplement_rounds=0,
            needs_attention=None,
            last_event_hash="",
            event_count=1,
            updated_at=received,
        )
        d["original_due_at"] = d["due_at"]
        d.update(extra)
        return d

    # open dossiers: received within about their processing time (some two thirds still on time), with a
    # tail of long-overdue ones
    for _ in range(dossiers):
        proc = random.choice(procedures)
        back = random.randint(0, max(2, round(proc["working_days"] * 1.45)))
        if random.random() < 0.05:
            back = random.randint(back, 60)
        received = office_time(working[back])
        status = random.choices([2, 4, 5, 6, 1], [35, 45, 8, 7, 5])[0]
        if status == 1:
            rows.append(
                dossier(
                    1,
                    received,
                    proc,
                    channel=2,
                    received_at=None,
                    due_at=None,
                    original_due_at=None,
                    submitted_at=received,
                    received_by=None,
                )
            )
            continue
        extra = (
            {"supplement_rounds": 1, "clock_stopped_at": received + timedelta(hours=2)} if status == 5 else {}
        )
        rows.append(dossier(status, received, proc, **extra))
    # finished and returned over the past year
    for _ in range(finished):
        proc = random.choice(procedures)
        received = office_time(random.choice(working[5:250]))
        d = dossier(10 if random.random() < 0.8 else 9, received, proc)
        d["finished_at"] = min(d["due_at"] + timedelta(hours=random.choice([-30, -5, -1, 2, 20])), NOW)
        if d["status"] == 10:
            d["returned_at"] = min(d["finished_at"] + timedelta(hours=3), NOW)
            d["satisfaction"] = random.choices([1, 2, 3, None], [50, 35, 5, 10])[0]
            events.append(
                dict(
                    id=_u(),
                    dossier_id=d["id"],
                    dossier_code=d["code"],
                    seq=5,
                    type="returned",
                    officer_id=random.choice(clerks),
                    officer_name="Cán bộ",
                    unit_id=HOME,
                    counter_id=f"{one_stop}#1",
                    device_time=d["returned_at"],
                    payload={},
                    prev_hash="",
                    hash=uuid.uuid4().hex * 2,
                )
            )
        rows.append(d)
    for i in range(dossiers // 20):  # handovers: most answered, a few still waiting
        d = rows[i * 19]
        if d["status"] not in (2, 4, 6):
            continue
        handovers.append(
            dict(
                id=_u(),
                dossier_id=d["id"],
                from_unit_id=HOME,
                to_unit_id=random.choice((*others, centre)),
                reason="Chuyển cơ quan có thẩm quyền",
                documents=[],
                sent_at=d["received_at"] + timedelta(hours=1),
                sent_by="Cán bộ",
                state="sent" if i % 10 == 0 else "accepted",
                answered_at=None,
                answered_by="",
                answer_reason="",
            )
        )
    _insert(store, Dossier, rows)
    _insert(store, DossierEvent, events)
    _insert(store, Handover, handovers)
    build_tickets(store, tickets, clerks)
    analyse(store)
    return store


def build_tickets(store: Store, count: int, clerks: list[str]) -> None:
    """``count`` tickets of past days (done / no-show) and a busy morning today."""
    one_stop = store.settings.one_stop_code
    days = [
        NOW.date() - timedelta(days=i)
        for i in range(1, 400)
        if (NOW.date() - timedelta(days=i)).weekday() < 5
    ]
    per_day = max(1, count // len(days))
    tickets = []
    for day in days:
        for n in range(1, per_day + 1):
            issued = datetime.combine(day, dtime(7, 30)) + timedelta(minutes=n)
            tickets.append(
                dict(
                    id=_u(),
                    unit_id=HOME,
                    day=day,
                    number=f"A{n:03d}",
                    service="A",
                    priority=False,
                    priority_reason="",
                    issued_at=issued,
                    status="done" if n % 15 else "no_show",
                    counter_id=f"{one_stop}#{n % 5 + 1}",
                    officer_id=random.choice(clerks),
                    called_at=issued + timedelta(minutes=5),
                    recalls=0,
                    finished_at=issued + timedelta(minutes=17),
                    dossier_id=None,
                )
            )
            if len(tickets) >= count:
                break
        if len(tickets) >= count:
            break
    today = NOW.date()
    for n in range(1, 401):  # today: 300 served, one being served at each counter, the rest waiting
        service = "ABCD"[n % 4]
        issued = datetime.combine(today, dtime(7, 0)) + timedelta(seconds=20 * n)
        status = "done" if n <= 300 else ("serving" if n <= 305 else "waiting")
        called = issued + timedelta(minutes=30) if status != "waiting" else None
        tickets.append(
            dict(
                id=_u(),
                unit_id=HOME,
                day=today,
                number=f"{service}{n:03d}",
                service=service,
                priority=n % 9 == 0,
                priority_reason="",
                issued_at=issued,
                status=status,
                counter_id=f"{one_stop}#{n % 5 + 1}" if status != "waiting" else None,
                officer_id=random.choice(clerks) if called else None,
                called_at=called,
                recalls=0,
                finished_at=called + timedelta(minutes=8) if status == "done" else None,
                dossier_id=None,
            )
        )
    _insert(store, QueueTicket, tickets)


def analyse(store: Store) -> None:
    """Planner statistics, as a store in service has them."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def median_ms(fn, runs: int) -> tuple[float, float]:
    fn()
    fn()  # warm: compiled statements, connection pool, calendar caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def bench(store: Store, backend: str, runs: int, *, quick: bool = False) -> dict:
    """Times of the parts (unless ``quick``), of a full refresh per period, and of a tick with the trend kept."""
    from counter_app.services.indicators.lists import close_to_due, handovers_pending, online_pending, overdue
    from counter_app.services.indicators.period_figures import period_figures
    from counter_app.services.indicators.snapshot import supervisor_snapshot
    from counter_app.services.indicators.weekly import weekly_series
    from counter_app.services.indicators.workload import workload
    from counter_app.services.queue import queue_state

    parts = {
        "queue_state": lambda: queue_state(store, NOW, HOME),
        "period_figures(today)": lambda: period_figures(
            store, NOW, "today", HOME, by_procedure_workload=False
        ),
        "  of which workload": lambda: workload(store, NOW, HOME),
        "weekly_series(8)": lambda: weekly_series(store, NOW, HOME, weeks=8),
        "overdue": lambda: overdue(store, NOW, HOME),
        "close_to_due": lambda: close_to_due(store, NOW, HOME),
        "online_pending": lambda: online_pending(store, NOW, HOME),
        "handovers_pending": lambda: handovers_pending(store, NOW, HOME),
    }
    for name, fn in ({} if quick else parts).items():
        med, worst = median_ms(fn, runs)
        print(f"  {backend:10s} {name:24s} median {med:7.1f} ms   max {worst:7.1f} ms")
    result = {}
    for period in ("today", "month", "year"):
        med, worst = median_ms(lambda p=period: supervisor_snapshot(store, NOW, HOME, period=p), runs)
        print(f"  {backend:10s} full refresh, {period:5s}     median {med:7.1f} ms   max {worst:7.1f} ms")
        result[period] = (med, worst)
    weekly = weekly_series(store, NOW, HOME)
    tick, _ = median_ms(lambda: supervisor_snapshot(store, NOW, HOME, weekly=weekly), runs)
    print(f"  {backend:10s} tick (8-week trend kept)  median {tick:7.1f} ms")
    snap = supervisor_snapshot(store, NOW, HOME)
    held = snap.indicators
    print(
        f"  {backend:10s} unit holds {held.in_progress} running ({held.in_progress_late} late), "
        f"{held.waiting_supplement} waiting for a supplement, {held.online_waiting} online; lists: "
        f"{len(snap.overdue)} overdue, {len(snap.close_to_due)} close to due, {len(snap.online)} online, "
        f"{len(snap.handovers)} handovers"
    )
    med, worst = result["today"]
    return {
        "name": f"supervisor_refresh_100k_{backend}",
        "median_ms": round(med, 1),
        "max_ms": round(worst, 1),
        "tick_median_ms": round(tick, 1),
        "month_median_ms": round(result["month"][0], 1),
        "year_median_ms": round(result["year"][0], 1),
        "runs": runs,
        "goal_ms": 200,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--finished", type=int, default=20_000)
    parser.add_argument(
        "--runs", type=int, default=None, help="timed runs per figure (default 15, --quick 5)"
    )
    parser.add_argument("--quick", action="store_true", help="the same store, fewer runs, no breakdown")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    runs = args.runs or (5 if args.quick else 15)
    lines = []
    for backend in ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]:
        with tempfile.TemporaryDirectory() as tmp:
            url = fresh_database(args.pg) if backend == "postgresql" else None
            try:
                start = time.perf_counter()
                store = build_store(Path(tmp), db_url=url, dossiers=args.dossiers, finished=args.finished)
                print(
                    f"{backend}: store built in {time.perf_counter() - start:.1f} s "
                    f"({args.dossiers} open + {args.finished} finished dossiers, 100,000 tickets)"
                )
                lines.append(bench(store, backend, runs, quick=args.quick))
                store.dispose()
            finally:
                if url:
                    drop_database(args.pg, url)
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    main()
