"""The citizen rates on the counter's tablet, never the officer (issue 16, ``services.rating``), on SQLite and
PostgreSQL: the return asks the counter's tablet; the tablet's answer is the dossier's ``rated`` event by the
device; no answer in time is «not rated»; a bad or late answer is refused and changes nothing; the indicators
count only the citizens' ratings."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from counter_app.db.models import Dossier, DossierEvent, RatingRequest
from counter_app.domain.states import Status
from counter_app.services import intake, rating, workflow
from counter_app.services.errors import ServiceError

from .test_dossier_flow import clerk, events_of, request_for

MON = datetime(2026, 11, 23, 9, 0)


def returned(store, actor, at=MON) -> str:
    code = intake.receive(store, actor, request_for(store), now=at).code
    workflow.start_processing(store, actor, code, now=at + timedelta(minutes=5))
    workflow.mark_result_ready(store, actor, code, now=at + timedelta(minutes=10))
    workflow.return_result(
        store, actor, code, receiver_name="", id_checked=True, now=at + timedelta(minutes=15)
    )
    return code


def dossier(store, code) -> Dossier:
    with store.session() as s:
        return s.exec(select(Dossier).where(Dossier.code == code)).one()


def test_the_tablet_shows_the_procedure_and_its_answer_is_the_citizens(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    code = returned(store, actor)
    asked = rating.open_request(store, actor, code, now=MON + timedelta(minutes=15))
    shown = rating.pending(store, actor.counter_id, now=MON + timedelta(minutes=16))
    assert shown == asked and shown.procedure_name
    assert {f.name for f in fields(shown)} == {"request_id", "procedure_name", "opened_at", "expires_at"}
    answer = rating.record(
        store,
        "tablet-2",
        actor.counter_id,
        shown.request_id,
        2,
        "Cán bộ hướng dẫn tận tình",
        now=MON + timedelta(minutes=16),
    )
    assert (answer.dossier_code, answer.level, answer.device) == (code, 2, "tablet-2")
    d = dossier(store, code)
    assert (d.satisfaction, d.satisfaction_by) == (2, "citizen")
    last = events_of(store, d.id)[-1]
    assert last.type == "rated" and last.officer_id is None and last.officer_name == "tablet-2"
    assert last.payload["device"] == "tablet-2" and last.payload["reason"] == "Cán bộ hướng dẫn tận tình"
    assert rating.pending(store, actor.counter_id, now=MON + timedelta(minutes=17)) is None
    assert rating.answers_since(store, actor.counter_id, MON) == [answer]


def test_no_answer_in_time_is_not_rated_and_a_late_answer_is_refused(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    code = returned(store, actor)
    asked = rating.open_request(store, actor, code, now=MON + timedelta(minutes=15))
    assert asked.expires_at == MON + timedelta(minutes=15, seconds=store.settings.rating_wait_seconds)
    late = asked.expires_at + timedelta(seconds=1)
    assert rating.pending(store, actor.counter_id, now=late) is None
    with pytest.raises(ServiceError) as refused:
        rating.record(store, "tablet-2", actor.counter_id, asked.request_id, 1, now=late)
    assert refused.value.key == "citizen_rating.not_open"
    d = dossier(store, code)
    assert (d.satisfaction, d.satisfaction_by) == (None, "not_rated")
    last = events_of(store, d.id)[-1]
    assert last.type == "not_rated" and last.device_time == asked.expires_at
    [answer] = rating.answers_since(store, actor.counter_id, MON)
    assert answer.level is None and answer.dossier_code == code


@pytest.mark.parametrize("level", [0, 4, True, "1", None])
def test_a_bad_level_is_refused_and_changes_nothing(seeded_store, level):
    store, actor = seeded_store, clerk(seeded_store)
    code = returned(store, actor)
    asked = rating.open_request(store, actor, code, now=MON + timedelta(minutes=15))
    count = len(events_of(store, dossier(store, code).id))
    with pytest.raises(ServiceError) as refused:
        rating.record(
            store, "tablet-2", actor.counter_id, asked.request_id, level, now=MON + timedelta(minutes=16)
        )
    assert refused.value.key == "citizen_rating.bad_level"
    assert len(events_of(store, dossier(store, code).id)) == count
    assert rating.pending(store, actor.counter_id, now=MON + timedelta(minutes=16)) == asked


@pytest.mark.parametrize("reason", ["Tốt\x00", "Tốt\u202e", "x" * 201])
def test_a_bad_reason_is_refused_naming_the_field(seeded_store, reason):
    store, actor = seeded_store, clerk(seeded_store)
    code = returned(store, actor)
    asked = rating.open_request(store, actor, code, now=MON + timedelta(minutes=15))
    with pytest.raises(ServiceError) as refused:
        rating.record(
            store, "tablet-2", actor.counter_id, asked.request_id, 1, reason, now=MON + timedelta(minutes=16)
        )
    assert "Ý kiến" in str(refused.value.params.values())
    assert dossier(store, code).satisfaction_by == ""


def test_only_the_counters_own_open_request_can_be_answered_once(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    code = returned(store, actor)
    asked = rating.open_request(store, actor, code, now=MON + timedelta(minutes=15))
    at = MON + timedelta(minutes=16)
    for counter, request in ((actor.counter_id[:-1] + "9", asked.request_id), (actor.counter_id, "nope")):
        with pytest.raises(ServiceError):
            rating.record(store, "tablet-9", counter, request, 1, now=at)
    rating.record(store, "tablet-2", actor.counter_id, asked.request_id, 1, now=at)
    with pytest.raises(ServiceError):
        rating.record(store, "tablet-2", actor.counter_id, asked.request_id, 3, now=at)
    assert dossier(store, code).satisfaction == 1


def test_the_next_citizen_at_the_counter_closes_the_previous_request_as_not_rated(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    first = returned(store, actor)
    second = returned(store, actor, at=MON + timedelta(minutes=20))
    rating.open_request(store, actor, first, now=MON + timedelta(minutes=15))
    asked = rating.open_request(store, actor, second, now=MON + timedelta(minutes=35))
    assert rating.pending(store, actor.counter_id, now=MON + timedelta(minutes=35)) == asked
    assert dossier(store, first).satisfaction_by == "not_rated"


def test_nothing_is_asked_off_a_counter_or_for_a_dossier_not_returned(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    code = intake.receive(store, actor, request_for(store), now=MON).code
    assert rating.open_request(store, actor, code, now=MON) is None  # not returned yet
    done = returned(store, actor, at=MON + timedelta(minutes=30))
    assert (
        rating.open_request(store, replace(actor, counter_id=None), done, now=MON + timedelta(hours=1))
        is None
    )
    with store.session() as s:
        asked = s.exec(select(RatingRequest).where(RatingRequest.dossier_code.in_([code, done]))).all()
    assert asked == []
    assert dossier(store, done).status == Status.RETURNED


def test_the_indicators_count_only_the_citizens_ratings(seeded_store):
    from counter_app.services.indicators.period_figures import period_figures
    from counter_app.services.indicators.periods import Period

    store, actor = seeded_store, clerk(seeded_store)
    period = Period("range", MON.date(), MON.date())
    before = period_figures(store, MON + timedelta(hours=8), period).indicators
    keyed, rated = returned(store, actor), returned(store, actor, at=MON + timedelta(minutes=30))
    with store.session() as s:  # a rating an officer keyed in before issue 16 (no source): not the citizen's
        row = s.exec(select(Dossier).where(Dossier.code == keyed)).one()
        row.satisfaction = 3
        s.add(row)
    asked = rating.open_request(store, actor, rated, now=MON + timedelta(minutes=45))
    rating.record(store, "tablet-2", actor.counter_id, asked.request_id, 1, now=MON + timedelta(minutes=46))
    after = period_figures(store, MON + timedelta(hours=8), period).indicators
    assert after.returned == before.returned + 2
    assert after.very_satisfied == before.very_satisfied + 1
    assert after.not_satisfied == before.not_satisfied  # the officer's 3 is not counted


def test_the_history_says_who_rated(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    code = returned(store, actor)
    asked = rating.open_request(store, actor, code, now=MON + timedelta(minutes=15))
    rating.record(store, "tablet-2", actor.counter_id, asked.request_id, 1, now=MON + timedelta(minutes=16))
    with store.session() as s:
        types = [e.type for e in s.exec(select(DossierEvent).where(DossierEvent.dossier_code == code)).all()]
    assert types[-2:] == ["returned", "rated"]
