"""Sync with the central store locked down: each counter pushes and pulls with its own PostgreSQL role."""

from __future__ import annotations

from sqlmodel import Session, select

from counter_app.db.engine import make_engine
from counter_app.db.models import Dossier
from counter_app.services import handover, intake
from tests.services.test_dossier_flow import request_for
from tests.sync.test_sync import NOW, actor, central_events, chain, local_events, sync


def test_counters_sync_through_their_own_roles_and_see_only_their_units(
    counter_a, counter_b, central, locked_down
):
    a, b = actor(counter_a), actor(counter_b)
    d = intake.receive(counter_a, a, request_for(counter_a), now=NOW)
    handover.send(counter_a, a, d.code, counter_b.unit_id, "Chuyển xử lý", now=NOW)
    assert not sync(counter_a).rejected
    assert central_events(central) == local_events(counter_a)  # every event of A went in, as A's role
    report = sync(counter_b)
    assert not report.rejected and report.pulled_dossiers == 1  # B sees only the dossier handed to it
    handover.answer(counter_b, b, d.code, accept=True, now=NOW)
    assert not sync(counter_b).rejected
    sync(counter_a)
    assert chain(counter_a, d.code) == chain(counter_b, d.code)
    # through B's role, A's other dossiers do not exist
    b_engine = make_engine(counter_b.settings.central_url)
    with Session(b_engine) as s:
        visible = {row.code for row in s.exec(select(Dossier))}
    b_engine.dispose()
    assert d.code in visible and all(
        code == d.code or not code.startswith(counter_a.settings.one_stop_code) for code in visible
    )
