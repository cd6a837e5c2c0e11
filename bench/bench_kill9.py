"""Receipts printed, then the power cord pulled: does every printed receipt's dossier survive a SIGKILL?

A worker process takes dossiers in as fast as it can — ``intake.receive`` then
``printing_service.print_form(..., "receipt")`` — and appends each dossier code to a file once its receipt PDF is
written (the moment a citizen would walk away with the slip). The parent kills it with SIGKILL at a
random moment, starts it again, kills it again, ... then opens the store and counts the printed codes
whose dossier is missing or whose event history does not verify (``audit.verify``).

    python bench/bench_kill9.py [--rounds 12] [--quick] [--seed N]

Prints lines for people and one JSON line:
  {"name": "kill9_intake_loss", "lost": N, "printed": P, "kills": K, "audit_ok": true}
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

READY = "READY"
MAX_PER_ROUND = 900  # a counter hands out 999 codes a day; each round works on a day of its own
FIRST_DAY = date(2027, 1, 4)


def _settings(home: Path):
    from counter_app.config import load_settings

    return load_settings({"COUNTER_APP_HOME": str(home)})


def make_store(home: Path, citizens: int = 40) -> None:
    """A seeded demo store under ``home`` (the state a counter is in when the day starts)."""
    from counter_app.services.context import open_store
    from counter_app.services.demo import seed_demo

    store = open_store(_settings(home))
    seed_demo(store, citizens=citizens, today=FIRST_DAY - timedelta(days=3))
    store.dispose()


def worker(home: Path, printed: Path, round_no: int) -> None:
    """Take dossiers in and print their receipts until killed (or a day's worth of codes is used)."""
    from sqlmodel import select

    from counter_app.db.models import Officer
    from counter_app.services import intake, lookup, printing_service
    from counter_app.services.context import Actor, open_store
    from counter_app.services.intake import DocumentChoice, IntakeRequest

    store = open_store(_settings(home))
    with store.session() as s:
        officer = s.exec(select(Officer).where(Officer.username == "canbo1")).one()
        citizens = lookup.search_citizens(s, "0", limit=40)
        docs = [
            DocumentChoice(d.name, d.copy_kind, d.quantity) for d in lookup.procedure_documents(s, "1.004873")
        ]
    actor = Actor(officer.id, officer.full_name, officer.role, officer.unit_id, store.settings.counter_id)
    start = datetime.combine(FIRST_DAY + timedelta(days=round_no), datetime.min.time()).replace(
        hour=7, minute=30
    )
    with printed.open("a", encoding="utf-8") as out:
        for n in range(MAX_PER_ROUND):
            request = IntakeRequest("1.004873", docs, citizen_id=citizens[n % len(citizens)].id)
            dossier = intake.receive(store, actor, request, now=start + timedelta(seconds=20 * n))
            printing_service.print_form(store, dossier.code, "receipt")
            out.write(dossier.code + "\n")  # the slip is in the citizen's hand
            out.flush()
            os.fsync(out.fileno())
            if n == 0:
                print(READY, flush=True)


def _printed_codes(printed: Path) -> list[str]:
    if not printed.exists():
        return []
    text = printed.read_text(encoding="utf-8")
    lines = text.split("\n")
    return [line for line in lines[:-1] if line]  # a line cut by the kill has no newline: not printed


def check(home: Path, printed: Path) -> dict:
    """Printed codes whose dossier (with its events) is missing; the audit of the whole store."""
    from sqlmodel import col, select

    from counter_app.db.models import Dossier, DossierEvent
    from counter_app.services import audit
    from counter_app.services.context import open_store

    codes = _printed_codes(printed)
    store = open_store(_settings(home))
    try:
        with store.session() as s:
            found = {d.code: d for d in s.exec(select(Dossier).where(col(Dossier.code).in_(codes)))}
            with_events = set(
                s.exec(
                    select(DossierEvent.dossier_code).where(col(DossierEvent.dossier_code).in_(codes))
                ).all()
            )
        report = audit.verify(store)
    finally:
        store.dispose()
    lost = [c for c in codes if c not in found or c not in with_events or found[c].event_count < 1]
    return {
        "printed": len(codes),
        "lost": len(lost),
        "lost_codes": lost[:10],
        "audit_ok": report.ok,
        "audit_problems": [p.message for p in report.problems[:5]],
        "dossiers": report.dossiers,
    }


def run_trials(
    home: Path,
    rounds: int,
    *,
    seed: int = 7,
    min_delay: float = 0.0,
    max_delay: float = 1.5,
    timeout: float = 60.0,
) -> dict:
    """Run ``rounds`` worker processes on the store under ``home``, SIGKILL each at a random moment."""
    rng = random.Random(seed)
    printed = home / "printed-codes.txt"
    kills = 0
    for round_no in range(rounds):
        process = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(home), str(printed), str(round_no)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={
                **os.environ,
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH")])
                ),
            },
        )
        try:
            deadline = time.monotonic() + timeout
            line = process.stdout.readline()
            if line.strip() != READY:
                process.kill()
                raise RuntimeError(f"worker did not start: {line!r} {process.stderr.read()[-2000:]}")
            time.sleep(rng.uniform(min_delay, max_delay))
            if process.poll() is None and time.monotonic() < deadline:
                os.kill(process.pid, signal.SIGKILL)
                kills += 1
            process.wait(timeout=timeout)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
            process.stderr.close()
    result = check(home, printed)
    result["kills"] = kills
    result["rounds"] = rounds
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--quick", action="store_true", help="5 rounds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--worker", nargs=3, metavar=("HOME", "PRINTED", "ROUND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        home, printed, round_no = args.worker
        worker(Path(home), Path(printed), int(round_no))
        return
    rounds = 5 if args.quick else args.rounds
    home = Path(tempfile.mkdtemp(prefix="counter-kill9-"))
    try:
        make_store(home)
        started = time.perf_counter()
        result = run_trials(home, rounds, seed=args.seed)
        elapsed = time.perf_counter() - started
    finally:
        shutil.rmtree(home, ignore_errors=True)
    print(
        f"{result['kills']} SIGKILLs over {rounds} runs, {result['printed']} receipts printed, "
        f"{result['lost']} printed dossiers lost; audit {'OK' if result['audit_ok'] else 'FAILED'} "
        f"({result['dossiers']} dossiers) in {elapsed:.1f} s"
    )
    print(
        json.dumps(
            {
                "name": "kill9_intake_loss",
                "lost": result["lost"],
                "printed": result["printed"],
                "kills": result["kills"],
                "audit_ok": result["audit_ok"],
            }
        )
    )


if __name__ == "__main__":
    main()
