"""Bad callers get the services' own errors, not crashes: both failed before (a bare ValueError or the
database's IntegrityError for an officer with no counter; an AttributeError for a supplement status with no
supplement request behind it)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlmodel import func, select

from counter_app.db.models import Dossier, DossierEvent, Outbox
from counter_app.domain.states import Status
from counter_app.services import intake
from counter_app.services.errors import ServiceError

from .test_dossier_flow import THU, clerk, request_for


def _counts(store) -> tuple[int, int, int]:
    with store.session() as s:
        return tuple(
            s.exec(select(func.count()).select_from(m)).one() for m in (Dossier, DossierEvent, Outbox)
        )


def test_an_officer_at_no_counter_cannot_take_a_dossier_in(seeded_store):
    store = seeded_store
    nowhere = replace(clerk(store), counter_id=None)  # e.g. a command run as an officer, no counter set
    before = _counts(store)
    for call in (
        lambda: intake.receive(store, nowhere, request_for(store), now=THU),
        lambda: intake.refuse(store, nowhere, request_for(store), "Hồ sơ không hợp lệ", now=THU),
    ):
        with pytest.raises(ServiceError) as raised:
            call()
        assert raised.value.key == "intake.not_at_counter"
        assert "không làm việc tại quầy nào" in str(raised.value)
    assert _counts(store) == before  # nothing half-written


def test_an_officer_at_no_counter_cannot_accept_an_online_dossier(seeded_store):
    store = seeded_store
    request = replace(request_for(store), channel=2)
    online = intake.register_online(store, clerk(store), request, submitted_at=datetime(2026, 11, 18, 21, 0))
    with pytest.raises(ServiceError) as raised:
        intake.accept_online(store, replace(clerk(store), counter_id=None), online.code, now=THU)
    assert raised.value.key == "intake.not_at_counter"


def test_supplement_status_without_its_request_is_refused_clearly(seeded_store):
    store = seeded_store
    actor = clerk(store)
    dossier = intake.receive(store, actor, request_for(store), now=THU)
    with store.session() as s:  # a store whose row says "supplement requested" but holds no such event
        row = s.exec(select(Dossier).where(Dossier.code == dossier.code)).one()
        row.status = int(Status.SUPPLEMENT_REQUESTED)
        s.add(row)
    with pytest.raises(ServiceError) as raised:
        intake.supplement_received(store, actor, dossier.code, now=THU)
    assert raised.value.key == "intake.not_supplement"
