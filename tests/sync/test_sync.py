"""Sync against a real PostgreSQL: offline work, catch-up, replays, handover across provinces, stale custodians."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from sqlalchemy import text
from sqlmodel import Session, func, select

from counter_app.db.models import Dossier, DossierEvent, Officer, Outbox, SyncRejection
from counter_app.services import handover, inbox, intake, sync_state, workflow
from counter_app.services.context import Actor
from counter_app.sync import central as central_side
from counter_app.sync import client
from tests.services.test_dossier_flow import request_for

NOW = datetime(2026, 11, 23, 9, 0)


def actor(store, username="canbo1") -> Actor:
    with store.session() as s:
        o = s.exec(
            select(Officer).where(Officer.username == username, Officer.unit_id == store.unit_id)
        ).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, store.settings.counter_id)


def sync(store, **kw):
    return client.sync_once(store.engine, store.settings.central_url, store.unit_id, now=NOW, **kw)


def local_events(store) -> dict[str, str]:
    """The events this counter recorded (its outbox's), by id: what it must push."""
    with store.session() as s:
        return {
            e.id: e.hash
            for e in s.exec(select(DossierEvent).join(Outbox, Outbox.event_id == DossierEvent.id))
        }


def central_events(engine) -> dict[str, str]:
    with Session(engine) as s:
        return {e.id: e.hash for e in s.exec(select(DossierEvent))}


def chain(store, code) -> list[tuple[int, str, str]]:
    with store.session() as s:
        d = s.exec(select(Dossier).where(Dossier.code == code)).one()
        return [
            (e.seq, e.type, e.hash)
            for e in s.exec(
                select(DossierEvent).where(DossierEvent.dossier_id == d.id).order_by(DossierEvent.seq)
            )
        ]


def test_counter_works_offline_then_catches_up_exactly_once(counter_a, central):
    refused_port = "postgresql://postgres@127.0.0.1:9/nothing"
    a = actor(counter_a)
    d = intake.receive(counter_a, a, request_for(counter_a), now=NOW)  # the counter works without the centre
    started = time.monotonic()
    with pytest.raises(Exception):  # noqa: B017 - any connection error
        client.sync_once(counter_a.engine, refused_port, counter_a.unit_id, now=NOW)
    assert time.monotonic() - started < 5
    status = sync_state.status(counter_a.engine)
    assert status.pending == len(local_events(counter_a)) and status.last_sync is None
    assert "9" in status.last_error or status.last_error

    report = sync(counter_a)
    assert report.pushed == status.pending and not report.rejected
    assert central_events(central) == local_events(counter_a)
    assert sync_state.status(counter_a.engine).pending == 0
    again = sync(counter_a)
    assert again.pushed == 0 and again.duplicates == 0
    with Session(central) as s:
        row = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        assert row.status == 2 and row.custodian_unit_id == counter_a.unit_id
        assert s.exec(select(func.count()).select_from(DossierEvent)).one() == len(local_events(counter_a))


def test_the_same_events_delivered_twice_change_nothing(counter_a, central):
    sync(counter_a)
    with counter_a.session() as s:
        events = [
            DossierEvent.model_validate(e.model_dump())
            for e in s.exec(select(DossierEvent).join(Outbox, Outbox.event_id == DossierEvent.id).limit(40))
        ]
    with Session(central) as s:
        before = s.exec(text("SELECT id, status, event_count, updated_at FROM dossier ORDER BY id")).all()
        result = central_side.apply_batch(s, events, now=NOW)
        s.commit()
        assert result.accepted == [] and not result.rejected and len(result.duplicates) == 40
        assert (
            s.exec(text("SELECT id, status, event_count, updated_at FROM dossier ORDER BY id")).all()
            == before
        )
    # and an outbox whose "sent" mark was lost (crash after the central commit) is replayed harmlessly
    with counter_a.session() as s:
        s.exec(text("UPDATE outbox SET sent_at = NULL"))
    report = sync(counter_a)
    assert report.pushed == 0 and report.duplicates == len(local_events(counter_a))
    assert central_events(central) == local_events(counter_a)


def test_handover_between_provinces_gives_the_same_history_on_both_sides(counter_a, counter_b, central):
    a, b = actor(counter_a), actor(counter_b)
    d = intake.receive(counter_a, a, request_for(counter_a), now=NOW)
    handover.send(
        counter_a,
        a,
        d.code,
        counter_b.unit_id,
        "Tiếp nhận không phụ thuộc địa giới hành chính",
        ["Tờ khai"],
        now=NOW,
    )
    sync(counter_a)
    sync(counter_b)
    assert [i.code for i in inbox.items(counter_b, counter_b.unit_id) if i.kind == "handover"] == [d.code]
    handover.answer(counter_b, b, d.code, accept=True, now=NOW)
    workflow.start_processing(counter_b, b, d.code, now=NOW)
    workflow.mark_result_ready(counter_b, b, d.code, now=NOW)
    sync(counter_b)
    sync(counter_a)
    assert chain(counter_a, d.code) == chain(counter_b, d.code)
    assert [t for _, t, _ in chain(counter_a, d.code)] == [
        "received",
        "handover_sent",
        "handover_accepted",
        "processing",
        "result_ready",
    ]
    for store in (counter_a, counter_b):
        with store.session() as s:
            row = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
            assert (row.custodian_unit_id, row.return_unit_id, row.status) == (
                counter_b.unit_id,
                counter_a.unit_id,
                9,
            )
    # the citizen collects the result where they handed the dossier in
    workflow.return_result(counter_a, a, d.code, receiver_name="", id_checked=True, now=NOW)
    assert not sync(counter_a).rejected
    with Session(central) as s:
        assert s.exec(select(Dossier).where(Dossier.code == d.code)).one().status == 10


def test_a_stale_custodian_event_is_refused_and_kept_visible(counter_a, counter_b, central):
    a, b = actor(counter_a), actor(counter_b)
    d = intake.receive(counter_a, a, request_for(counter_a), now=NOW)
    handover.send(counter_a, a, d.code, counter_b.unit_id, "Chuyển xử lý", now=NOW)
    sync(counter_a)
    sync(counter_b)
    handover.answer(counter_b, b, d.code, accept=True, now=NOW)
    sync(counter_b)
    # A has not pulled B's acceptance: in its store it still holds the dossier and works on it offline
    with counter_a.session() as s:
        row = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        assert row.custodian_unit_id == counter_a.unit_id
    workflow.start_processing(counter_a, a, d.code, now=NOW)
    report = sync(counter_a)
    assert len(report.rejected) == 1
    ((event_id, reason),) = report.rejected.items()
    assert "thay đổi ở nơi khác" in reason or "không giữ" in reason
    with counter_a.session() as s:
        row = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        assert row.needs_attention and "processing" in row.needs_attention  # shown to the officer
        kept = s.get(SyncRejection, event_id)  # kept aside, not dropped
        assert kept.event["type"] == "processing" and kept.reason == reason
        assert s.exec(select(Outbox).where(Outbox.event_id == event_id)).one().rejected_at is not None
    with Session(central) as s:
        assert s.get(DossierEvent, event_id) is None
        assert s.get(SyncRejection, event_id).dossier_code == d.code
    assert sync_state.status(counter_a.engine).rejected == 1
    assert sync(counter_a).rejected == {}  # refused once, not retried forever
    # the next pull brought B's acceptance: A now sees the chain the rest of the country sees
    assert chain(counter_a, d.code) == chain(counter_b, d.code)
    with counter_a.session() as s:
        row = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        assert row.custodian_unit_id == counter_b.unit_id and row.status == 2 and row.needs_attention
