"""Upgrading a store that holds data: migration 0006 rebuilds the citizen table that dossiers point to and
re-hashes every chain. It must happen whole, or leave the store exactly as it was."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import text

from counter_app.db.migrate import alembic_config, current_revision, head_revision, upgrade
from counter_app.services import audit
from counter_app.services.context import open_store
from counter_app.services.demo import seed_demo
from tests.conftest import SEED_DAY, make_settings


@pytest.fixture
def store_at_0005(tmp_path):
    """A demo store with dossiers, events and citizens, taken back to revision 0005 (before the trust rules)."""
    store = open_store(make_settings(tmp_path))
    seed_demo(store, citizens=60, today=SEED_DAY)
    command.downgrade(alembic_config(store.engine), "0005")
    assert current_revision(store.engine) == "0005"
    yield store
    store.dispose()


def _counts(path) -> tuple[int, ...]:
    with sqlite3.connect(path) as c:
        return tuple(
            c.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("citizen", "dossier", "dossier_event", "dossier_document", "handover")
        )


def test_an_upgrade_over_real_rows_completes_and_the_chains_verify(store_at_0005):
    store = store_at_0005
    path = store.settings.data_dir / "counter.sqlite3"
    before = _counts(path)
    assert upgrade(store.engine) == head_revision()
    assert _counts(path) == before
    report = audit.verify(store)
    assert report.ok, report.lines()


def test_an_upgrade_failing_half_way_leaves_the_store_as_it_was(store_at_0005):
    store = store_at_0005
    path = store.settings.data_dir / "counter.sqlite3"
    before = _counts(path)
    with store.engine.begin() as c:  # a table in the way of the migration's third step
        c.execute(text("CREATE TABLE chain_anchor (id TEXT PRIMARY KEY)"))
    with pytest.raises(Exception, match="chain_anchor"):
        upgrade(store.engine)
    assert current_revision(store.engine) == "0005"
    assert _counts(path) == before
    with sqlite3.connect(path) as c:
        assert not c.execute("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'").fetchall()
        columns = {row[1] for row in c.execute("PRAGMA table_info(access_log)")}
    assert "hash" not in columns  # the first steps were taken back too
    with store.engine.begin() as c:
        c.execute(text("DROP TABLE chain_anchor"))
    assert upgrade(store.engine) == head_revision()


@pytest.mark.pg
def test_a_central_postgresql_store_upgrades_over_its_rows(pg_database, tmp_path):
    store = open_store(make_settings(tmp_path, COUNTER_APP_DB_URL=pg_database))
    try:
        seed_demo(store, citizens=40, today=SEED_DAY)
        command.downgrade(alembic_config(store.engine), "0005")
        assert upgrade(store.engine) == head_revision()
        assert audit.verify(store).ok
    finally:
        store.dispose()
