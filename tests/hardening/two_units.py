"""Two units on one central PostgreSQL seeded directly by the services, secured, with one role per unit's counter:
unit A (the demo unit, 21025), and B, a neighbour with a dossier only B holds and one B hands over to A."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from counter_app.db.engine import make_engine
from counter_app.db.models import Dossier, Unit
from counter_app.domain.cccd import CccdData
from counter_app.services import handover, intake, lookup
from counter_app.services.context import Actor, open_store
from counter_app.services.demo import seed_demo
from counter_app.services.intake import DocumentChoice, IntakeRequest
from counter_app.sync import security
from tests.conftest import SEED_DAY, make_settings

NOW = datetime(2026, 11, 23, 9, 0)
PASSWORD = "mat-khau-quay-rat-dai"


@pytest.fixture
def central(pg_database, tmp_path):
    """A central store seeded for unit A (21025) with dossiers of neighbour units; B is one neighbour."""
    store = open_store(make_settings(tmp_path, COUNTER_APP_DB_URL=pg_database))
    seed_demo(store, citizens=40, today=SEED_DAY)
    with store.session() as s:
        a = store.unit_id
        b = s.exec(
            select(Dossier.received_unit_id)
            .where(Dossier.received_unit_id != a)
            .order_by(Dossier.received_unit_id)
        ).first()
        b_unit = s.get(Unit, b)
        # a citizen only unit B ever met, with a dossier of B
        card = CccdData(
            "079301009999", None, "Trần Thị Bê", date(2001, 2, 3), "Nữ", "Hẻm 5, Phường B", date(2022, 1, 1)
        )
        citizen = intake.upsert_citizen_from_card(s, card, unit_id=b, now=NOW)
        docs = [DocumentChoice(d.name) for d in lookup.procedure_documents(s, "1.004873")]
    b_actor = Actor(None, "Cán bộ B", "officer", b, f"{b_unit.one_stop_code}#1")
    b_dossier = intake.receive(
        store, b_actor, IntakeRequest("1.004873", docs, citizen_id=citizen.id), now=NOW
    )
    b_to_a = intake.receive(store, b_actor, IntakeRequest("1.004873", docs, citizen_id=citizen.id), now=NOW)
    handover.send(store, b_actor, b_to_a.code, a, "Chuyển theo thẩm quyền", now=NOW)
    suffix = uuid.uuid4().hex[:8]
    security.install(store.engine)
    roles = {
        "a": security.create_counter_role(store.engine, a, 1, PASSWORD, role_name=f"ct_{suffix}_a"),
        "b": security.create_counter_role(store.engine, b, 1, PASSWORD, role_name=f"ct_{suffix}_b"),
    }
    engines = {}

    def connect(who: str):
        url = make_url(pg_database).set(username=roles[who], password=PASSWORD).render_as_string(False)
        engines[who] = engines.get(who) or make_engine(url)
        return engines[who]

    yield {
        "store": store,
        "a": a,
        "b": b,
        "b_dossier": b_dossier,
        "b_to_a": b_to_a,
        "b_citizen": citizen,
        "connect": connect,
        "roles": roles,
    }
    for engine in engines.values():
        engine.dispose()
    for role in roles.values():
        security.drop_counter_role(store.engine, role)
    store.dispose()
