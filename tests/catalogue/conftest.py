"""An empty store (the country's units only, no procedure) and its administrator, on SQLite and on
PostgreSQL, copied from a store migrated once per session (migrating and loading the 3,321 units takes
seconds)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from counter_app.services.context import Actor, Store, open_store
from tests.conftest import make_settings, temporary_database


@pytest.fixture(scope="session")
def empty_sqlite_template(tmp_path_factory):
    settings = make_settings(tmp_path_factory.mktemp("empty-sqlite"))
    open_store(settings).dispose()
    return settings.data_dir / "counter.sqlite3"


@pytest.fixture(scope="session")
def empty_pg_template(pg_server, tmp_path_factory) -> Iterator[str]:
    with temporary_database("counter_empty_tpl") as (name, url):
        open_store(make_settings(tmp_path_factory.mktemp("empty-pg"), COUNTER_APP_DB_URL=url)).dispose()
        yield name


@pytest.fixture
def store(backend, request, tmp_path) -> Iterator[Store]:
    with ExitStack() as stack:
        if backend == "sqlite":
            settings = make_settings(tmp_path)
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy(
                request.getfixturevalue("empty_sqlite_template"), settings.data_dir / "counter.sqlite3"
            )
        else:
            template = request.getfixturevalue("empty_pg_template")
            _, url = stack.enter_context(temporary_database(template=template))
            settings = make_settings(tmp_path, COUNTER_APP_DB_URL=url)
        opened = open_store(settings)
        yield opened
        opened.dispose()


@pytest.fixture
def admin(store) -> Actor:
    return Actor(None, "Võ Quốc Bảo", "admin", store.unit_id, None)
