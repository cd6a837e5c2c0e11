"""Fixtures of the hardening tests: a CLI with the admin commands wired in, storage faults injected."""

from __future__ import annotations

import argparse
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


def _wired(parser: argparse.ArgumentParser) -> bool:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return "audit" in sub.choices


def _wrap_funcs(parser: argparse.ArgumentParser, wrap: Callable) -> None:
    func = parser._defaults.get("func")
    if func is not None:
        parser.set_defaults(func=wrap(func))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                _wrap_funcs(child, wrap)


@pytest.fixture
def cli_main(monkeypatch) -> Callable[[list[str]], int]:
    """``counter_app.cli.main`` as the lead wires it: admin commands registered, storage faults translated.

    When cli.py already does both, it is used as it is; until then the same two additions are made here.
    """
    from counter_app import cli
    from counter_app.commands import admin
    from counter_app.services import storage_errors

    original = cli.build_parser
    if not _wired(original()):

        def build_parser() -> argparse.ArgumentParser:
            parser = original()
            sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
            admin.register(sub, lambda: cli._get_runner().store(), cli._current_settings)
            _wrap_funcs(parser, storage_errors.guard)
            return parser

        monkeypatch.setattr(cli, "build_parser", build_parser)
    monkeypatch.setattr(cli, "cmd_tui", lambda args: 0)  # never start the TUI from a test
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
