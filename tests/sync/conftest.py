"""Two counters of two communes in different provinces, each with its own SQLite store, one central PostgreSQL."""

from __future__ import annotations

import shutil

import pytest

from counter_app.db.engine import make_engine
from counter_app.db.migrate import prepare
from counter_app.services.context import open_store
from counter_app.services.demo import seed_demo
from tests.conftest import SEED_DAY, make_settings

UNIT_A = "21025"  # Phường Cẩm Thành, Quảng Ngãi
UNIT_B = "70"  # Phường Hoàn Kiếm, Hà Nội


@pytest.fixture(scope="session")
def counter_templates(tmp_path_factory):
    """Seeded SQLite files for counters A and B, made once per session."""
    files = {}
    for unit in (UNIT_A, UNIT_B):
        home = tmp_path_factory.mktemp(f"template-{unit}")
        settings = make_settings(home, COUNTER_APP_UNIT=unit)
        store = open_store(settings)
        seed_demo(store, citizens=40, today=SEED_DAY)
        store.dispose()
        files[unit] = settings.data_dir / "counter.sqlite3"
    return files


@pytest.fixture
def central_url(pg_database) -> str:
    engine = make_engine(pg_database)
    prepare(engine)
    engine.dispose()
    return pg_database


def _counter(tmp_path, templates, unit, central_url):
    home = tmp_path / f"counter-{unit}"
    settings = make_settings(home, COUNTER_APP_UNIT=unit, COUNTER_APP_CENTRAL_URL=central_url)
    settings.data_dir.mkdir(parents=True)
    shutil.copy(templates[unit], settings.data_dir / "counter.sqlite3")
    return open_store(settings)


@pytest.fixture
def counter_a(tmp_path, counter_templates, central_url):
    store = _counter(tmp_path, counter_templates, UNIT_A, central_url)
    yield store
    store.dispose()


@pytest.fixture
def counter_b(tmp_path, counter_templates, central_url):
    store = _counter(tmp_path, counter_templates, UNIT_B, central_url)
    yield store
    store.dispose()


@pytest.fixture
def central(central_url):
    engine = make_engine(central_url)
    yield engine
    engine.dispose()
