"""Fixtures of the hardening tests: the CLI in this process, storage faults injected."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app.db.models import Officer
from counter_app.services.context import Actor


def officer_actor(store, username: str = "canbo1", *, counter: int = 1) -> Actor:
    with store.session() as s:
        o = s.exec(select(Officer).where(Officer.username == username)).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, f"{store.settings.one_stop_code}#{counter}")


@pytest.fixture
def cli_main(monkeypatch) -> Callable[[list[str]], int]:
    """``counter_app.cli.main`` in this process, with the TUI (no subcommand) replaced by a no-op."""
    from counter_app import cli
    from counter_app.commands import tui

    monkeypatch.setattr(tui, "run", lambda args, context: 0)  # never start the TUI from a test
    return cli.main


@contextmanager
def sqlite_pragma(*statements: str) -> Iterator[None]:
    """Run ``statements`` on every new SQLite connection of every engine while the block runs."""

    def on_connect(dbapi_connection, _record) -> None:
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            cursor = dbapi_connection.cursor()
            for statement in statements:
                cursor.execute(statement)
            cursor.close()

    event.listen(Engine, "connect", on_connect)
    try:
        yield
    finally:
        event.remove(Engine, "connect", on_connect)


@pytest.fixture
def cli_env(tmp_path, monkeypatch, sqlite_template):
    """A COUNTER_APP_HOME holding a copy of the seeded SQLite store; the CLI reads it from the environment."""
    import shutil

    home = tmp_path / "home"
    data = home / "data"
    data.mkdir(parents=True)
    shutil.copy(sqlite_template, data / "counter.sqlite3")
    for name in ("COUNTER_APP_DB_URL", "COUNTER_APP_CENTRAL_URL", "COUNTER_APP_UNIT", "COUNTER_APP_COUNTER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    monkeypatch.chdir(tmp_path)  # files a command writes to relative paths land here
    return home
