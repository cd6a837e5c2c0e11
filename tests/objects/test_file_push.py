"""Digitised files pushed to a real SeaweedFS through its S3 API: queued files uploaded once, verified by the
server, a corrupt local file never uploaded, an unreachable store leaving the queue intact, a kill -9 in the
middle of the push losing and repeating nothing."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from counter_app.db.models import FileUpload
from counter_app.services import sync_state
from counter_app.services.file_store import for_settings
from counter_app.sync.file_push import push_round
from counter_app.sync.object_store import ObjectStore, ObjectStoreError, Verified, object_key
from tests.objects.conftest import NOW

ROOT = Path(__file__).resolve().parents[2]


def queued(store) -> dict[str, FileUpload]:
    with Session(store.engine) as s:
        return {r.sha256: r for r in s.exec(select(FileUpload))}


def waiting(store) -> int:
    with Session(store.engine) as s:
        return len(s.exec(select(FileUpload).where(col(FileUpload.uploaded_at).is_(None))).all())


def test_queued_files_are_uploaded_once_with_their_bytes(counter, s3):
    data = counter.digitise(6, 200_000)
    assert waiting(counter.store) == 6
    puts = s3.requests("PUT")
    report = push_round(counter.store, now=NOW)
    assert (report.uploaded, report.already_there, report.bytes) == (6, 0, 1_200_000)
    assert s3.requests("PUT") - puts == 6
    assert waiting(counter.store) == 0
    for sha256, content in data.items():
        assert hashlib.sha256(s3.read(object_key(sha256))).hexdigest() == sha256
        assert s3.read(object_key(sha256)) == content
    # idempotent: a second round uploads nothing (nothing queued), and files queued again are found by HEAD
    assert push_round(counter.store, now=NOW).uploaded == 0
    with Session(counter.store.engine) as s:
        for row in s.exec(select(FileUpload)):
            row.uploaded_at = None
            s.add(row)
        s.commit()
    again = push_round(counter.store, now=NOW)
    assert (again.uploaded, again.already_there) == (0, 6)
    assert s3.requests("PUT") - puts == 6


def test_the_server_checks_the_content_md5(counter, s3):
    """The integrity check is the server's: bytes that do not match the MD5 sent are refused (BadDigest)."""
    objects = ObjectStore(s3.settings())
    wrong = Verified("ab" * 32, 5, "1B2M2Y8AsgTpgAmY7PhCfg==")  # the MD5 of no bytes
    import io

    with pytest.raises(ObjectStoreError) as caught:
        objects.put(wrong, io.BytesIO(b"hello"))
    assert caught.value.code == "BadDigest"
    assert objects.head("ab" * 32) is None


def test_a_counter_cannot_list_the_bucket(counter, s3):
    objects = ObjectStore(s3.settings())
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as caught:
        objects.client.list_objects_v2(Bucket=s3.settings().bucket)
    assert caught.value.response["Error"]["Code"] == "AccessDenied"


def test_a_corrupt_local_file_is_reported_and_never_uploaded(counter, s3):
    data = counter.digitise(3, 50_000, seed=7)
    bad = sorted(data)[1]
    path = for_settings(counter.store.settings).path_of(bad)
    path.chmod(0o600)
    damaged = bytearray(path.read_bytes())
    damaged[100] ^= 0xFF
    path.write_bytes(bytes(damaged))
    report = push_round(counter.store, now=NOW)
    assert (report.uploaded, report.corrupt) == (2, 1)
    assert ObjectStore(s3.settings()).head(bad) is None
    row = queued(counter.store)[bad]
    assert row.uploaded_at is None and row.attempts == 1 and "corrupt" in row.last_error
    status = sync_state.status(counter.store.engine)
    assert (status.files_pending, status.files_bytes) == (1, 50_000)
    assert "corrupt" in status.files_last_error
    # restored (from a backup): the next round uploads it
    path.write_bytes(data[bad])
    assert push_round(counter.store, now=NOW).uploaded == 1
    assert s3.read(object_key(bad)) == data[bad]
    assert sync_state.status(counter.store.engine).files_pending == 0


def test_an_unreachable_store_leaves_the_queue_intact_and_a_later_round_finishes(counter, s3):
    data = counter.digitise(4, 30_000, seed=11)
    s3.stop()
    try:
        report = push_round(counter.store, now=NOW)
        assert report.offline and report.uploaded == 0
        rows = queued(counter.store)
        assert all(rows[h].uploaded_at is None for h in data)
        assert sum(rows[h].attempts for h in data) == 1  # the push stopped at the first file
        assert sync_state.status(counter.store.engine).files_pending == 4
    finally:
        s3.start()
    report = push_round(counter.store, now=NOW)
    assert report.uploaded == 4 and not report.offline
    assert all(s3.read(object_key(h)) == content for h, content in data.items())
    assert sync_state.status(counter.store.engine).files_last_error == ""


PUSHER = """
import sys
from counter_app.config import load_settings
from counter_app.services.context import open_store
from counter_app.sync.file_push import push_round
from counter_app.services.context import local_now
store = open_store(load_settings())
print(push_round(store, now=local_now()), flush=True)
"""


def test_kill_9_in_the_middle_of_the_push_then_a_restart_puts_each_file_exactly_once(counter, s3):
    """The uploader runs in its own process, configured like a counter (environment variables), is killed
    with SIGKILL once the first objects are in the bucket, and is started again: the gateway's own request
    counter shows one successful PUT per file, and every object has its file's bytes."""
    data = counter.digitise(40, 512 * 1024, seed=23)
    settings = s3.settings()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "COUNTER_APP_HOME": str(counter.home),
        "COUNTER_APP_FILES_URL": settings.url,
        "COUNTER_APP_FILES_ACCESS_KEY": settings.access_key,
        "COUNTER_APP_FILES_SECRET_KEY": settings.secret_key,
    }
    before = s3.requests("PUT")
    first = subprocess.Popen([sys.executable, "-c", PUSHER], env=env, cwd=ROOT, stdout=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while s3.requests("PUT") - before < 3 and time.monotonic() < deadline:
        assert first.poll() is None, "the push finished before it could be killed"
        time.sleep(0.005)
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    put_before_restart = s3.requests("PUT") - before
    assert 3 <= put_before_restart < 40, put_before_restart  # killed in the middle
    assert waiting(counter.store) > 0

    second = subprocess.run(
        [sys.executable, "-c", PUSHER], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert second.returncode == 0, second.stderr
    assert s3.requests("PUT") - before == 40  # each file PUT exactly once, across the kill
    assert waiting(counter.store) == 0
    stored = s3.objects()
    for sha256, content in data.items():
        assert stored[object_key(sha256)] == len(content)
        assert hashlib.sha256(s3.read(object_key(sha256))).hexdigest() == sha256


def test_sync_status_json_counts_the_files_waiting(counter, s3, capsys, monkeypatch):
    from counter_app.cli import main

    counter.digitise(2, 1000, seed=3)
    monkeypatch.setenv("COUNTER_APP_HOME", str(counter.home))
    assert main(["sync", "--status", "--json"]) == 0
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["files_pending"] == 2 and line["files_pending_bytes"] == 2000
    assert line["files_last_error"] is None
    assert {"pending", "rejected", "rejected_events", "last_sync", "last_error"} <= set(line)
