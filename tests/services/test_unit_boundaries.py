"""Unit boundaries through the services: one scope rule (``scope.dossier_visible_to``) for every lookup of a
dossier; a dossier outside it is answered exactly like one that does not exist."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from counter_app.db.models import Dossier, Handover
from counter_app.services import access, dashboard, handover, intake, lookup
from counter_app.services.context import Actor
from counter_app.services.errors import NotFound
from counter_app.services.scope import ALL_UNITS, dossier_visible_to
from tests.hardening.conftest import officer_actor
from tests.services.test_dossier_flow import THU, request_for

NEIGHBOUR = "21028"  # Phường Nghĩa Lộ, a neighbour of the demo unit 21025 whose counters took dossiers in too


def _codes(store, unit_id: str) -> set[str]:
    """Codes of dossiers received, held and returned by ``unit_id`` only."""
    with store.session() as s:
        return set(
            s.exec(
                select(Dossier.code).where(
                    Dossier.received_unit_id == unit_id,
                    Dossier.custodian_unit_id == unit_id,
                    Dossier.return_unit_id == unit_id,
                )
            ).all()
        )


def _neighbour_actor(store) -> Actor:
    return officer_actor(store, f"canbo.{NEIGHBOUR}")


def _shared_fragment(store, theirs: set[str], ours: set[str]) -> str:
    """A date fragment (``YYMM``) that codes of both units contain, as an officer types a date."""
    months = {code.split("-")[1][:4] for code in theirs} & {code.split("-")[1][:4] for code in ours}
    assert months, "both units received dossiers in some month"
    return "-" + max(months)


def test_find_lists_only_the_units_dossiers(seeded_store):
    store = seeded_store
    home, neighbour = _codes(store, store.unit_id), _codes(store, NEIGHBOUR)
    assert home and neighbour
    fragment = _shared_fragment(store, home, neighbour)
    for unit, own, other in ((NEIGHBOUR, neighbour, home), (store.unit_id, home, neighbour)):
        found = {r.code for r in dashboard.find_dossiers(store, fragment, unit_id=unit, limit=500)}
        assert found & own, f"{unit} finds its own dossiers"
        assert not found & other, f"{unit} finds none of the other unit's"
    # by default, the store's own unit; ALL_UNITS (the central store's tools) sees both
    assert not {r.code for r in dashboard.find_dossiers(store, fragment, limit=500)} & neighbour
    everything = {r.code for r in dashboard.find_dossiers(store, fragment, unit_id=ALL_UNITS, limit=500)}
    assert everything & neighbour and everything & home


def test_a_citizens_dossiers_are_only_the_units(seeded_store):
    store = seeded_store
    with store.session() as s:
        theirs = s.exec(
            select(Dossier).where(Dossier.received_unit_id == NEIGHBOUR, col(Dossier.citizen_id).is_not(None))
        ).first()
    assert theirs is not None
    mine = dashboard.citizen_dossiers(store, theirs.citizen_id, theirs.applicant_cccd)
    assert theirs.code not in {r.code for r in mine}
    shown = dashboard.citizen_dossiers(store, theirs.citizen_id, theirs.applicant_cccd, unit_id=NEIGHBOUR)
    assert theirs.code in {r.code for r in shown}


def test_opening_another_units_dossier_by_code_says_not_found(seeded_store):
    store = seeded_store
    actor = officer_actor(store)
    code = sorted(_codes(store, NEIGHBOUR))[0]
    unknown = code[:-4] + "0000"
    for call in (
        lambda c: access.dossier_detail(store, actor, c, purpose="Xem hồ sơ"),
        lambda c: access.visible_dossier(store, actor, c),
    ):
        with pytest.raises(NotFound) as theirs:
            call(code)
        with pytest.raises(NotFound) as nobodys:
            call(unknown)
        assert (theirs.value.key, theirs.value.params) == ("lookup.dossier_not_found", {"code": code})
        assert str(theirs.value) == str(nobodys.value).replace(unknown, code)
        assert "đơn vị" not in str(theirs.value)  # nothing says it exists elsewhere
    with store.session() as s:
        with pytest.raises(NotFound):
            lookup.dossier_by_code(s, code, unit_id=store.unit_id)
        assert lookup.dossier_by_code(s, code, unit_id=NEIGHBOUR).code == code
        assert lookup.dossier_by_code(s, code).code == code  # unscoped: the sync and the audit
    # the unit that holds it opens it
    detail = access.dossier_detail(store, _neighbour_actor(store), code, purpose="Xem hồ sơ")
    assert detail.dossier.code == code


def test_a_dossier_handed_to_the_unit_becomes_visible_to_it(seeded_store):
    store = seeded_store
    actor, stranger = officer_actor(store), _neighbour_actor(store)
    code = intake.receive(store, actor, request_for(store), now=THU).code
    assert dashboard.find_dossiers(store, code, unit_id=NEIGHBOUR) == []
    handover.send(store, actor, code, NEIGHBOUR, "Chuyển xử lý theo thẩm quyền", now=THU)
    assert [r.code for r in dashboard.find_dossiers(store, code, unit_id=NEIGHBOUR)] == [code]
    assert access.dossier_detail(store, stranger, code).dossier.code == code
    handover.answer(store, stranger, code, accept=False, reason="Không thuộc thẩm quyền", now=THU)
    assert [r.code for r in dashboard.find_dossiers(store, code, unit_id=NEIGHBOUR)] == [code]
    assert dashboard.find_dossiers(store, code, unit_id="21034") == []  # never handed there


def test_the_scope_condition_is_the_rule_it_states(seeded_store):
    store = seeded_store
    with store.session() as s:
        dossiers = s.exec(select(Dossier)).all()
        handed = {(h.dossier_id, h.to_unit_id) for h in s.exec(select(Handover)).all()}
        for unit in (store.unit_id, NEIGHBOUR, "P51"):
            visible = set(s.exec(select(Dossier.id).where(dossier_visible_to(unit))).all())
            assert visible == {
                d.id
                for d in dossiers
                if unit in (d.received_unit_id, d.custodian_unit_id, d.return_unit_id)
                or (d.id, unit) in handed
            }
            assert {d.id for d in dossiers if access.may_see(s, unit, d)} == visible


def test_actions_by_code_on_another_units_dossier_answer_not_found(seeded_store):
    """The headless commands (handover CODE, inbox --accept, workflow actions) reach the services by code: a
    dossier the unit may not see is «not found» there too, never «held by …», which says it exists."""
    from counter_app.services import rating

    store = seeded_store
    theirs = sorted(_codes(store, NEIGHBOUR))[0]
    ours = officer_actor(store)
    with pytest.raises(NotFound, match=theirs):
        handover.send(store, ours, theirs, NEIGHBOUR, "Chuyển", now=THU)
    with pytest.raises(NotFound, match=theirs):
        handover.answer(store, ours, theirs, accept=True, now=THU)
    with pytest.raises(NotFound, match=theirs):
        rating.open_request(store, ours, theirs, now=THU)
    with pytest.raises(NotFound, match=theirs):
        intake.accept_online(store, ours, theirs, now=THU)


def test_printing_another_units_dossier_answers_not_found(seeded_store):
    from counter_app.services import printing_service

    store = seeded_store
    theirs = sorted(_codes(store, NEIGHBOUR))[0]
    for form in ("receipt", "control"):
        with pytest.raises(NotFound, match=theirs):
            printing_service.render(store, form, theirs)
    ours = sorted(_codes(store, store.unit_id))[0]
    assert printing_service.render(store, "control", ours).startswith(b"%PDF")
