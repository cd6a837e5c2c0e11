"""Faults during sync: a server lost in the middle of a batch, and a sync process killed at random points."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from counter_app.db.models import DossierEvent, Outbox
from counter_app.services import sync_state
from counter_app.sync import client
from tests.sync.faults import CuttingRelay
from tests.sync.test_sync import NOW, central_events, local_events, sync


def test_a_server_lost_mid_batch_loses_and_repeats_nothing(counter_a, central):
    url = make_url(counter_a.settings.central_url)
    relay = CuttingRelay((url.host or "127.0.0.1", url.port or 5432), cut_after=120_000)
    try:
        through_relay = url.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
        engine = client.connect_central(through_relay)
        with pytest.raises(Exception):  # noqa: B017 - the connection dies under the push
            client.push(counter_a.engine, engine, now=NOW, batch_size=20)
        engine.dispose()
        assert relay.cut
    finally:
        relay.close()
    pushed_before = set(central_events(central))
    assert 0 < len(pushed_before) < len(local_events(counter_a))  # some batches got in, not all
    with counter_a.session() as s:
        marked = {o.event_id for o in s.exec(select(Outbox).where(Outbox.sent_at.is_not(None)))}
    assert marked <= pushed_before  # nothing is marked sent that the centre does not have
    sync(counter_a)
    assert central_events(central) == local_events(counter_a)
    assert sync_state.status(counter_a.engine).pending == 0


@pytest.mark.slow
def test_sync_killed_at_random_points_ends_with_every_event_exactly_once(counter_a, central):
    env = {
        **os.environ,
        "COUNTER_APP_HOME": str(counter_a.settings.home),
        "COUNTER_APP_UNIT": counter_a.unit_id,
        "COUNTER_APP_CENTRAL_URL": counter_a.settings.central_url,
    }
    env.pop("COUNTER_APP_DB_URL", None)
    command = [sys.executable, "-m", "counter_app.cli", "sync", "--once", "--batch-size", "15"]
    rng = random.Random(20251122)
    total = sync_state.status(counter_a.engine).pending
    kills = 0
    pending_after_kills = []
    for _ in range(6):
        before = sync_state.status(counter_a.engine).pending
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # kill at a random instant once the push is under way (its progress shows in the outbox)
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            if sync_state.status(counter_a.engine).pending < before:
                time.sleep(rng.uniform(0, 0.2))
                break
            time.sleep(0.005)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=30)
        pending_after_kills.append(sync_state.status(counter_a.engine).pending)
        if sync_state.status(counter_a.engine).pending == 0:
            break
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert kills >= 1
    assert any(0 < p < total for p in pending_after_kills), (total, pending_after_kills)  # killed mid-push
    local = local_events(counter_a)
    assert central_events(central) == local
    with Session(central) as s:
        seqs = [(e.dossier_id, e.seq) for e in s.exec(select(DossierEvent))]
        assert len(seqs) == len(set(seqs)) == len(local)
    assert sync_state.status(counter_a.engine).pending == 0
