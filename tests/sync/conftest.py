"""Two counters of two communes in different provinces, each with its own SQLite store, one central PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from counter_app.db.engine import make_engine
from counter_app.db.models import Procedure, ProcedureDocument
from counter_app.services.context import open_store
from counter_app.services.demo import seed_demo
from counter_app.sync import central as central_side
from counter_app.sync import security
from counter_app.sync.central_setup import init_central
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
    """A central store set up as ``counter-app central init`` does it (schema, units, security, store_info)."""
    engine = make_engine(pg_database)
    init_central(engine, now=datetime(2026, 11, 20, 7, 0))
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


@pytest.fixture
def locked_down(central, counter_a, counter_b):
    """The central store secured, its catalogue loaded by the administrator, one role per counter."""
    security.install(central)
    with counter_a.session() as s:
        procedures = [p.model_dump() for p in s.exec(select(Procedure))]
        documents = [d.model_dump(exclude={"id"}) for d in s.exec(select(ProcedureDocument))]
    with Session(central) as cs:
        central_side.bring_references(
            cs, citizens=[], citizen_documents=[], procedures=procedures, procedure_documents=documents
        )
        cs.commit()
    url = make_url(counter_a.settings.central_url)
    suffix = uuid.uuid4().hex[:8]
    roles = []
    for store in (counter_a, counter_b):
        role = security.create_counter_role(  # roles are cluster-wide: a name no other test run uses
            central,
            store.unit_id,
            store.settings.counter,
            "mat-khau-rat-dai-123",
            role_name=f"ct_{suffix}_{store.unit_id}_{store.settings.counter}",
        )
        roles.append(role)
        store.settings = replace(
            store.settings,
            central_url=url.set(username=role, password="mat-khau-rat-dai-123").render_as_string(
                hide_password=False
            ),
        )
    yield
    for role in roles:
        security.drop_counter_role(central, role)
