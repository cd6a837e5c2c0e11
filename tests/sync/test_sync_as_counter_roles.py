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


def test_the_citizens_rating_on_the_tablet_reaches_the_central_store_as_the_counters_role(
    counter_a, central, locked_down
):
    """Issue 16: the ``rated`` event of a tablet (no officer) and the ``not_rated`` of a request left unanswered
    pass the central rules and are projected there with who rated."""
    from datetime import timedelta

    from counter_app.services import rating, workflow

    a = actor(counter_a)
    codes = []
    for minutes in (0, 30):
        d = intake.receive(counter_a, a, request_for(counter_a), now=NOW + timedelta(minutes=minutes))
        workflow.start_processing(counter_a, a, d.code, now=NOW + timedelta(minutes=minutes + 1))
        workflow.mark_result_ready(counter_a, a, d.code, now=NOW + timedelta(minutes=minutes + 2))
        workflow.return_result(
            counter_a, a, d.code, receiver_name="", id_checked=True, now=NOW + timedelta(minutes=minutes + 3)
        )
        codes.append(d.code)
    rated, unanswered = codes
    asked = rating.open_request(counter_a, a, rated, now=NOW + timedelta(minutes=4))
    rating.record(counter_a, "tablet-1", a.counter_id, asked.request_id, 1, now=NOW + timedelta(minutes=5))
    rating.open_request(counter_a, a, unanswered, now=NOW + timedelta(minutes=34))
    assert rating.close_expired(counter_a, now=NOW + timedelta(hours=1)) == 1
    report = sync(counter_a)
    assert not report.rejected
    assert central_events(central) == local_events(counter_a)
    with Session(central) as s:
        rows = {
            r.code: (r.satisfaction, r.satisfaction_by)
            for r in s.exec(select(Dossier).where(Dossier.code.in_(codes)))
        }
    assert rows == {rated: (1, "citizen"), unanswered: (None, "not_rated")}
