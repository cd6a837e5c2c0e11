"""Fixtures of the TUI tests: a demo store seeded once per session and copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counter_app.config import load_settings
from counter_app.services.context import Store, open_store

from .helpers import DEMO_DAY, fixed_clock


def _db_file(settings) -> Path:
    return Path(settings.db_url.removeprefix("sqlite:///"))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A demo store seeded once (60 citizens, anchored on DEMO_DAY), as a closed SQLite file."""
    from counter_app.services.demo import seed_demo

    home = tmp_path_factory.mktemp("template")
    settings = load_settings({"COUNTER_APP_HOME": str(home)}, demo=True)
    store = open_store(settings)
    seed_demo(store, citizens=60, today=DEMO_DAY)
    with store.engine.connect() as connection:  # fold the WAL into the main file before copying
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return _db_file(settings)


@pytest.fixture
def store(demo_template: Path, tmp_path: Path) -> Store:
    """A private copy of the demo store in a temporary COUNTER_APP_HOME."""
    settings = load_settings({"COUNTER_APP_HOME": str(tmp_path)}, demo=True)
    target = _db_file(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_template, target)
    opened = open_store(settings)
    yield opened
    opened.dispose()


@pytest.fixture
def app(store):
    from counter_app.app import make_app

    return make_app(store, clock=fixed_clock)
