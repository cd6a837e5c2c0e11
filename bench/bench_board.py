"""One refresh of the public queue board on a store holding 100,000 queue tickets and 100,000 open dossiers.

    python bench/bench_board.py [--tickets 100000] [--runs 25] [--quick] [--backend sqlite|postgresql|both]
                                [--pg postgresql://postgres@127.0.0.1:5432/postgres]

The store is the one of ``bench_supervisor.py`` (bulk inserts): a year of tickets of past days and a busy
morning today (400 tickets: 300 served, one being served at each of 5 counters, the rest waiting).  A
refresh is :func:`counter_app.services.board.board_state` (what the board's worker reads every 2 s).

Prints lines for people, then one JSON line per backend:
  {"name": "queue_board_refresh_100k", "backend": "sqlite", "median_ms": ...}
  {"name": "queue_board_refresh_100k_postgresql", "backend": "postgresql", "median_ms": ...}
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_supervisor import HOME, NOW, build_store, median_ms
from pg_scratch import drop_database, fresh_database


def main() -> None:
    from counter_app.services.board import board_state

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=None, help="timed refreshes (default 25, --quick 10)")
    parser.add_argument("--quick", action="store_true", help="the same store, fewer runs")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    runs = args.runs or (10 if args.quick else 25)
    lines = []
    for backend in ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]:
        with tempfile.TemporaryDirectory() as tmp:
            url = fresh_database(args.pg) if backend == "postgresql" else None
            try:
                start = time.perf_counter()
                store = build_store(
                    Path(tmp),
                    db_url=url,
                    dossiers=args.dossiers,
                    finished=args.dossiers // 5,
                    tickets=args.tickets,
                )
                print(
                    f"{backend}: store built in {time.perf_counter() - start:.1f} s "
                    f"({args.tickets} tickets, {args.dossiers} open dossiers)"
                )
                state = board_state(store, NOW, HOME)
                print(
                    f"  {backend:10s} {len(state.counters)} counters, {state.waiting} waiting, last calls "
                    + ", ".join(f"{c.number}→{c.counter_number}" for c in state.recent_calls)
                )
                med, worst = median_ms(lambda s=store: board_state(s, NOW, HOME), runs)
                print(f"  {backend:10s} board refresh median {med:6.2f} ms   max {worst:6.2f} ms")
                name = "queue_board_refresh_100k" + ("" if backend == "sqlite" else f"_{backend}")
                lines.append(
                    {
                        "name": name,
                        "backend": backend,
                        "median_ms": round(med, 2),
                        "max_ms": round(worst, 2),
                        "runs": runs,
                    }
                )
                store.dispose()
            finally:
                if url:
                    drop_database(args.pg, url)
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    main()
