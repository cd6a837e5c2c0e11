"""Citizen look-up on a store of 1,000,000 citizens: by CCCD number (a scan), and by name as typed.

    python bench/bench_lookup.py [--citizens 1000000] [--queries 2000] [--quick] [--cache-dir DIR]

The store is a real counter store (migrated schema, SQLite WAL) filled in bulk — one transaction of
``executemany`` on the ``citizen`` table, names drawn with Vietnam's family-name frequencies (Nguyễn
about 38 %, Trần 11 %, Lê 9.5 %, ...), folded with ``domain.vntext.fold`` — and cached under
``DIR/lookup-<N>`` (default /tmp/counter-app-bench) for later runs. Each query is timed the way a
screen runs it: a fresh session from the store, then ``services.lookup.citizen_by_cccd`` or
``services.lookup.search_citizens`` (accent-insensitive name prefix, 20 rows), over prefixes an
officer types letter by letter ("ng", "nguyen", "nguyen van", "Nguyễn Văn Hù", ...).

Prints lines for people and one JSON line per figure:
  {"name": "citizen_lookup_cccd_1m", "p95_ms": ..., "p50_ms": ..., "queries": N, "citizens": 1000000}
  {"name": "citizen_search_name_1m", "p95_ms": ..., "p50_ms": ..., "queries": N, "citizens": 1000000}
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from counter_app.config import load_settings
from counter_app.db.migrate import head_revision
from counter_app.domain.vntext import fold
from counter_app.services import demo_catalogue as cat
from counter_app.services import lookup
from counter_app.services.context import open_store
from counter_app.services.ids import citizen_id_for

#: share of the population by family name (approximate national figures); the rest spread evenly
FAMILY_WEIGHTS = {
    "Nguyễn": 38.4,
    "Trần": 11.0,
    "Lê": 9.5,
    "Phạm": 7.1,
    "Hoàng": 5.1,
    "Huỳnh": 5.1,
    "Phan": 4.5,
    "Vũ": 3.9,
    "Võ": 3.9,
    "Đặng": 2.1,
    "Bùi": 2.0,
    "Đỗ": 1.4,
    "Hồ": 1.3,
    "Ngô": 1.3,
    "Dương": 1.0,
    "Lý": 0.5,
}
DEFAULT_CACHE = Path("/tmp/counter-app-bench")
DATETIME = "2025-07-01 08:00:00.000000"
#: the unit whose store the citizens are in (the settings' default unit)
UNIT = "21025"


def _label(n: int) -> str:
    return f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _families() -> tuple[list[str], list[float]]:
    names = list(dict.fromkeys([*FAMILY_WEIGHTS, *cat.FAMILY_NAMES]))
    rest = max(0.0, 100.0 - sum(FAMILY_WEIGHTS.values())) / max(1, len(names) - len(FAMILY_WEIGHTS))
    return names, [FAMILY_WEIGHTS.get(n, rest) for n in names]


def citizen_rows(n: int, seed: int = 1):
    """``n`` citizen rows, unique CCCD numbers consistent with birth year and gender."""
    rng = random.Random(seed)
    families, weights = _families()
    used: set[str] = set()
    first = date(1940, 1, 1).toordinal()
    span = date(2007, 12, 31).toordinal() - first
    family_draw = rng.choices(families, weights, k=n)
    for i in range(n):
        male = rng.random() < 0.5
        birth = date.fromordinal(first + rng.randrange(span))
        digit = {19: 0, 20: 2}[birth.year // 100] + (0 if male else 1)
        while True:
            cccd = f"{rng.choice(cat.BIRTH_PROVINCES)}{digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
            if cccd not in used:
                used.add(cccd)
                break
        name = (
            f"{family_draw[i]} {rng.choice(cat.MIDDLE_MALE if male else cat.MIDDLE_FEMALE)} "
            f"{rng.choice(cat.GIVEN_MALE if male else cat.GIVEN_FEMALE)}"
        )
        place = (
            f"Số {rng.randint(1, 250)} {rng.choice(cat.STREETS)}"
            if rng.random() < 0.5
            else rng.choice(cat.VILLAGES)
        )
        issued = max(date(2021, 1, 1), birth + timedelta(days=14 * 366)) + timedelta(days=rng.randrange(900))
        yield (
            citizen_id_for(UNIT, cccd),  # the unit's own record, as a counter derives it
            cccd,
            None,
            name,
            fold(name),
            birth.isoformat(),
            "Nam" if male else "Nữ",
            f"{place}, tỉnh Quảng Ngãi",
            f"09{rng.randrange(10**8):08d}",
            "",
            issued.isoformat(),
            UNIT if rng.random() < 0.7 else None,
            DATETIME,
            DATETIME,
        )


def build(home: Path, n: int) -> Path:
    """A migrated store under ``home`` holding ``n`` citizens (reused when already built)."""
    marker = home / "built.json"
    db = home / "data" / "counter.sqlite3"
    wanted = {"citizens": n, "revision": head_revision(), "version": 2}
    if marker.exists() and db.exists() and json.loads(marker.read_text()) == wanted:
        return db
    shutil.rmtree(home, ignore_errors=True)
    store = open_store(load_settings({"COUNTER_APP_HOME": str(home)}))  # schema and units, as a counter has
    store.dispose()
    started = time.perf_counter()
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA synchronous=OFF")  # a benchmark fixture, rebuilt if lost
    connection.execute("PRAGMA cache_size=-1000000")
    rows = citizen_rows(n)
    connection.execute("BEGIN")
    while True:
        batch = [row for _, row in zip(range(50_000), rows, strict=False)]
        if not batch:
            break
        connection.executemany(
            "INSERT INTO citizen (id, cccd, old_id, full_name, name_folded, birth_date, gender, "
            "address, phone, email, issued_on, home_unit_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )
    connection.execute("COMMIT")
    connection.execute("ANALYZE")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    print(
        f"built {n:,} citizens in {time.perf_counter() - started:.1f} s ({db.stat().st_size / 2**20:.0f} MiB)",
        file=sys.stderr,
    )
    marker.write_text(json.dumps(wanted))
    return db


def typed_prefixes(name: str, rng: random.Random) -> str:
    """What an officer has typed so far when looking for ``name``: accents or not, a word or a few letters."""
    text = name if rng.random() < 0.4 else fold(name)
    words = text.split()
    cut = rng.choice(["letters", "words", "partial"])
    if cut == "letters":
        return text[: rng.randint(2, 6)]
    if cut == "words":
        return " ".join(words[: rng.randint(1, len(words))]) + " "
    k = rng.randint(1, len(words) - 1)
    return " ".join(words[:k]) + " " + words[k][: rng.randint(1, len(words[k]))]


def _timed(store, fn, argument) -> float:
    started = time.perf_counter()
    with store.session() as session:
        fn(session, argument)
    return (time.perf_counter() - started) * 1000


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="300 queries of each kind (same store size)")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    queries = 300 if args.quick else args.queries
    home = args.cache_dir / f"lookup-{args.citizens}"
    db = build(home, args.citizens)

    store = open_store(load_settings({"COUNTER_APP_HOME": str(home)}))
    rng = random.Random(42)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        sample = c.execute(
            "SELECT cccd, full_name FROM citizen WHERE rowid IN "
            "(SELECT abs(random()) % (SELECT max(rowid) FROM citizen) + 1 FROM citizen LIMIT ?)",
            (queries * 2,),
        ).fetchall()
    rng.shuffle(sample)
    cccds = [s[0] for s in sample][:queries]
    texts = [typed_prefixes(s[1], rng) for s in sample][:queries]
    # a counter that has worked a while has its store in the OS cache: read table and indexes once (timed)
    started = time.perf_counter()
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        c.execute(
            "SELECT count(*) FROM citizen INDEXED BY ix_citizen_name_folded WHERE name_folded >= ''"
        ).fetchone()
        c.execute("SELECT count(*) FROM citizen WHERE cccd >= ''").fetchone()
        c.execute("SELECT sum(length(address)) FROM citizen").fetchone()
    warm_s = time.perf_counter() - started
    for cccd, text in zip(cccds[:30], texts[:30], strict=False):
        _timed(store, lookup.citizen_by_cccd, cccd)
        _timed(store, lookup.search_citizens, text)
    by_cccd = [_timed(store, lookup.citizen_by_cccd, c) for c in cccds]
    by_name = [_timed(store, lookup.search_citizens, t) for t in texts]
    worst = max(zip(by_name, texts, strict=False))
    store.dispose()

    label = _label(args.citizens)
    for name, values in (
        (f"citizen_lookup_cccd_{label}", by_cccd),
        (f"citizen_search_name_{label}", by_name),
    ):
        print(
            f"{name}: p50 {statistics.median(values):.2f} ms, p95 {_p95(values):.2f} ms, "
            f"max {max(values):.2f} ms over {len(values)} queries",
            file=sys.stderr,
        )
    print(
        f"slowest name search: {worst[0]:.1f} ms for {worst[1]!r}; index warm-up read {warm_s:.2f} s",
        file=sys.stderr,
    )
    for name, values in (
        (f"citizen_lookup_cccd_{label}", by_cccd),
        (f"citizen_search_name_{label}", by_name),
    ):
        print(
            json.dumps(
                {
                    "name": name,
                    "p95_ms": round(_p95(values), 3),
                    "p50_ms": round(statistics.median(values), 3),
                    "queries": len(values),
                    "citizens": args.citizens,
                }
            )
        )


if __name__ == "__main__":
    main()
