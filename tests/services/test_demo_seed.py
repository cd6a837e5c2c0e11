"""The demo store: every status, made through the services, reproducible."""

from __future__ import annotations

from collections import Counter as Tally
from datetime import date

from sqlmodel import func, select

from counter_app.db.models import Citizen, CitizenDocument, Dossier, DossierEvent, Handover, QueueTicket
from counter_app.domain.cccd import describe_number, format_cccd_qr, parse_cccd_qr
from counter_app.domain.states import Status, Timeliness, timeliness
from counter_app.services.auth import login
from counter_app.services.demo import demo_card_payloads
from counter_app.services.events import event_hash


def test_demo_covers_every_status_and_the_interesting_cases(seeded_store):
    store = seeded_store
    with store.session() as s:
        dossiers = s.exec(select(Dossier)).all()
        assert len(dossiers) >= 50
        assert set(Tally(d.status for d in dossiers)) == {int(x) for x in Status}
        home = [d for d in dossiers if d.received_unit_id == store.unit_id]
        assert len(home) >= 50  # the configured unit receives most of them
        finished = [timeliness(d.finished_at, d.due_at) for d in dossiers if d.finished_at and d.due_at]
        assert {Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE} <= set(finished)
        day_start = "2026-11-20"  # conftest.SEED_DAY
        overdue = [
            d for d in dossiers if d.status in (2, 4) and d.due_at and d.due_at.isoformat() < day_start
        ]
        assert overdue
        assert any(d.satisfaction for d in dossiers)
        assert any(d.reused_data for d in dossiers)
        assert s.exec(select(Handover).where(Handover.state == "accepted")).first() is not None
        assert s.exec(select(Handover).where(Handover.state == "sent")).first() is not None
        assert s.exec(select(func.count()).select_from(QueueTicket)).one() > 0
        assert s.exec(select(func.count()).select_from(CitizenDocument)).one() > 0
        # every dossier has its events, chained
        for d in dossiers[:20]:
            events = s.exec(
                select(DossierEvent).where(DossierEvent.dossier_id == d.id).order_by(DossierEvent.seq)
            ).all()
            assert events and events[-1].hash == d.last_event_hash
            assert all(e.hash == event_hash(e) for e in events)


def test_demo_citizens_have_consistent_cards(seeded_store):
    with seeded_store.session() as s:
        citizens = s.exec(select(Citizen)).all()
    assert len(citizens) == 60 and len({c.cccd for c in citizens}) == 60
    for c in citizens:
        info = describe_number(c.cccd)
        assert info.birth_year == c.birth_date.year and info.gender == c.gender
    for payload in demo_card_payloads(seeded_store):
        card = parse_cccd_qr(payload, today=date.today())
        assert format_cccd_qr(card) == payload


def test_demo_officers_log_in_with_the_documented_pin(seeded_store):
    actor = login(seeded_store, "canbo1", "123456")
    assert actor.role == "officer" and actor.unit_id == seeded_store.unit_id
    assert login(seeded_store, "giamsat", "123456").is_supervisor
