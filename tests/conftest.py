"""Shared fixtures: settings under a temporary COUNTER_APP_HOME, stores on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date

import pytest

from counter_app.config import Settings, load_settings
from tests import system_packages

PG_URL = os.environ.get("COUNTER_APP_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("COUNTER_APP_REQUIRE_PG") == "1"
#: a fixed day for seeded data, so tests do not depend on the day they run
SEED_DAY = date(2026, 11, 20)


def _needed_commands(items) -> list[str]:
    return [
        command for item in items for marker in item.iter_markers("needs_command") for command in marker.args
    ]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Install the Debian packages of the programs the selected tests run, when missing (as root, once)."""
    result = system_packages.ensure(_needed_commands(session.items))
    if result.message:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(result.message)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test whose program is still missing fails, with what to install; it never skips."""
    for command in system_packages.missing(_needed_commands([item])):
        pytest.fail(system_packages.missing_message(command), pytrace=False)


def make_settings(tmp_path, **env: str) -> Settings:
    return load_settings({"COUNTER_APP_HOME": str(tmp_path), **env})


@pytest.fixture
def settings(tmp_path) -> Settings:
    return make_settings(tmp_path)


def _pg_admin_connect():
    import psycopg

    return psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL test server's URL; skips (or fails when COUNTER_APP_REQUIRE_PG=1) if none answers."""
    try:
        with _pg_admin_connect():
            pass
    except Exception as exc:
        message = f"no PostgreSQL at {PG_URL}: {exc}"
        if REQUIRE_PG:
            pytest.fail(message)
        pytest.skip(message)
    return PG_URL


@contextmanager
def temporary_database(
    prefix: str = "counter_test", template: str | None = None
) -> Iterator[tuple[str, str]]:
    """(name, URL) of a PostgreSQL database made for the caller (empty, or a copy of ``template``), then dropped."""
    from sqlalchemy.engine import make_url

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with _pg_admin_connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield name, make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with _pg_admin_connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_database(pg_server) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    with temporary_database() as (_, url):
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def backend_settings(backend, request, tmp_path) -> Settings:
    """Settings pointing at an empty store, once on SQLite and once on PostgreSQL."""
    if backend == "sqlite":
        return make_settings(tmp_path)
    url = request.getfixturevalue("pg_database")
    return make_settings(tmp_path, COUNTER_APP_DB_URL=url)


def _seed(settings: Settings) -> None:
    from counter_app.services.context import open_store
    from counter_app.services.demo import seed_demo

    store = open_store(settings)
    seed_demo(store, citizens=60, today=SEED_DAY)
    store.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A seeded SQLite store made once per test session; tests get copies of its file."""
    home = tmp_path_factory.mktemp("template-sqlite")
    settings = make_settings(home)
    _seed(settings)
    return settings.data_dir / "counter.sqlite3"


@pytest.fixture(scope="session")
def pg_template(pg_server, tmp_path_factory) -> Iterator[str]:
    """A seeded PostgreSQL database made once per test session; tests get CREATE DATABASE ... TEMPLATE copies."""
    with temporary_database("counter_tpl") as (name, url):
        _seed(make_settings(tmp_path_factory.mktemp("template-pg"), COUNTER_APP_DB_URL=url))
        yield name


@pytest.fixture
def store(backend_settings):
    from counter_app.services.context import open_store

    store = open_store(backend_settings)
    yield store
    store.dispose()


@pytest.fixture
def seeded_store(backend, request, tmp_path):
    """A demo store (60 citizens, seeded for SEED_DAY) of its own, on each backend."""
    import shutil

    from counter_app.services.context import open_store

    with ExitStack() as stack:
        if backend == "sqlite":
            settings = make_settings(tmp_path)
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy(request.getfixturevalue("sqlite_template"), settings.data_dir / "counter.sqlite3")
        else:
            _, url = stack.enter_context(temporary_database(template=request.getfixturevalue("pg_template")))
            settings = make_settings(tmp_path, COUNTER_APP_DB_URL=url)
        store = open_store(settings)
        yield store
        store.dispose()


@pytest.fixture
def sqlite_store(settings):
    from counter_app.services.context import open_store

    store = open_store(settings)
    yield store
    store.dispose()


@pytest.fixture
def cli_main(monkeypatch) -> Callable[[list[str]], int]:
    """``counter_app.cli.main`` in this process, with the TUI (no subcommand) replaced by a no-op."""
    from counter_app import cli
    from counter_app.commands import tui

    monkeypatch.setattr(tui, "run", lambda args, context: 0)  # never start the TUI from a test
    return cli.main


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
