"""A dossier leaving the unit (issue 15) through a real central PostgreSQL, each counter syncing with its own
role: a recall reaches the receiving unit's inbox, a recall or an answer that lost the race is refused with
what happened, a handover sent back is noted, a result returned by post is projected and checked there."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, select

from counter_app.db.models import Dossier, Handover
from counter_app.domain.postal import s10_problem
from counter_app.services import handover, inbox, intake, workflow
from counter_app.services.events import append_event
from tests.services.test_dossier_flow import request_for
from tests.sync.test_sync import NOW, actor, chain, sync

LATER = datetime(2026, 11, 23, 10, 0)


def _handed(counter_a, counter_b):
    a = actor(counter_a)
    d = intake.receive(counter_a, a, request_for(counter_a), now=NOW)
    handover.send(counter_a, a, d.code, counter_b.unit_id, "Chuyển nhầm đơn vị", now=NOW)
    assert not sync(counter_a).rejected
    assert not sync(counter_b).rejected
    assert _waiting(counter_b) == [d.code]
    return a, actor(counter_b), d


def _waiting(store) -> list[str]:
    return [i.code for i in inbox.items(store, store.unit_id) if i.kind == "handover"]


def test_a_recall_reaches_the_receiving_units_inbox(counter_a, counter_b, central, locked_down):
    a, _, d = _handed(counter_a, counter_b)
    handover.recall(counter_a, a, d.code, "Chuyển nhầm, chuyển lại xã khác", now=LATER)
    assert not sync(counter_a).rejected
    with Session(central) as s:
        (h,) = s.exec(select(Handover).where(Handover.dossier_id == d.id)).all()
        assert (h.state, h.answer_reason) == ("recalled", "Chuyển nhầm, chuyển lại xã khác")
        assert s.get(Dossier, d.id).custodian_unit_id == counter_a.unit_id
    report = sync(counter_b)  # B's role no longer sees the dossier, but reads the events up to the recall
    assert not report.rejected and report.pulled_events == 1
    assert _waiting(counter_b) == []
    with counter_b.session() as s:
        assert s.exec(select(Handover).where(Handover.dossier_id == d.id)).one().state == "recalled"
    assert chain(counter_b, d.code) == chain(counter_a, d.code)
    # B reads nothing of what A records afterwards
    workflow.start_processing(counter_a, a, d.code, now=LATER)
    assert not sync(counter_a).rejected
    assert sync(counter_b).pulled_events == 0


def test_a_recall_after_the_receiver_accepted_is_refused_saying_so(
    counter_a, counter_b, central, locked_down
):
    a, b, d = _handed(counter_a, counter_b)
    handover.answer(counter_b, b, d.code, accept=True, now=LATER)
    assert not sync(counter_b).rejected
    handover.recall(counter_a, a, d.code, "Chuyển nhầm", now=LATER)  # A has not learnt of it yet
    report = sync(counter_a)
    ((_, reason),) = report.rejected.items()
    assert "đã tiếp nhận hồ sơ trước khi việc thu hồi" in reason and "\n" not in reason
    assert chain(counter_a, d.code) == chain(counter_b, d.code)  # A now has the acceptance
    with counter_a.session() as s:
        row = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        assert row.custodian_unit_id == counter_b.unit_id and "handover_recalled" in row.needs_attention


def test_an_answer_after_the_sender_recalled_is_refused_saying_so(counter_a, counter_b, central, locked_down):
    a, b, d = _handed(counter_a, counter_b)
    handover.recall(counter_a, a, d.code, "Chuyển nhầm", now=LATER)
    assert not sync(counter_a).rejected
    handover.answer(counter_b, b, d.code, accept=True, now=LATER)  # B has not learnt of the recall yet
    report = sync(counter_b)
    ((_, reason),) = report.rejected.items()
    assert "thu hồi trước khi việc trả lời" in reason
    assert _waiting(counter_b) == []
    with Session(central) as s:
        assert s.get(Dossier, d.id).custodian_unit_id == counter_a.unit_id


def test_a_handover_sent_back_is_flagged_to_the_sender_until_noted(
    counter_a, counter_b, central, locked_down
):
    a, b, d = _handed(counter_a, counter_b)
    handover.answer(counter_b, b, d.code, accept=False, reason="Không thuộc thẩm quyền", now=LATER)
    assert not sync(counter_b).rejected
    sync(counter_a)
    assert [i.code for i in inbox.returned_handovers(counter_a, counter_a.unit_id)] == [d.code]
    # a note naming no handover sent back is refused by the central store itself
    with counter_a.session() as s:
        dossier = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        append_event(s, dossier, "handover_return_noted", {"noted_handover": "không-có"}, a, LATER)
    report = sync(counter_a)
    ((_, reason),) = report.rejected.items()
    assert "không khớp với lần bàn giao bị trả lại" in reason
    handover.note_sent_back(counter_a, a, d.code, now=LATER)
    assert not sync(counter_a).rejected
    assert inbox.returned_handovers(counter_a, counter_a.unit_id) == []


def _ready_by_post(store, a):
    request = replace(request_for(store), return_method="post", return_address="12 Lê Lợi")
    d = intake.receive(store, a, request, now=NOW)
    workflow.mark_result_ready(store, a, d.code, now=NOW)
    return d


def test_a_result_by_post_is_projected_centrally(counter_a, central, locked_down):
    a = actor(counter_a)
    d = _ready_by_post(counter_a, a)
    workflow.hand_to_post(counter_a, a, d.code, "EB123456785VN", now=LATER)
    workflow.post_delivered(counter_a, a, d.code, now=datetime(2026, 11, 24, 15, 0))
    assert not sync(counter_a).rejected
    with Session(central) as s:
        row = s.get(Dossier, d.id)
        assert (row.post_item_code, row.posted_at, row.status, row.returned_at) == (
            "EB123456785VN",
            LATER,
            10,
            datetime(2026, 11, 24, 15, 0),
        )


def test_the_central_store_checks_what_a_counter_writes_about_the_post(counter_a, central, locked_down):
    a = actor(counter_a)
    d = _ready_by_post(counter_a, a)
    assert not sync(counter_a).rejected
    with counter_a.session() as s:  # a counter that skipped the S10 check (check digit 4, not 5)
        dossier = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        payload = {"set": {"post_item_code": "EB123456784VN", "posted_at": LATER}}
        append_event(s, dossier, "posted", payload, a, LATER)
    ((_, reason),) = sync(counter_a).rejected.items()
    assert "Thông tin giao bưu điện không hợp lệ" in reason
    with counter_a.session() as s:  # a return at the counter may not set the item code
        dossier = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        payload = {"set": {"status": 10, "returned_at": LATER, "post_item_code": "EB123456785VN"}}
        append_event(s, dossier, "returned", payload, a, LATER)
    ((_, reason),) = sync(counter_a).rejected.items()
    assert "chỉ được ghi khi giao kết quả cho bưu điện" in reason
    workflow.hand_to_post(counter_a, a, d.code, "EB123456785VN", now=LATER)
    assert not sync(counter_a).rejected
    with counter_a.session() as s:  # once posted, not returned at the counter
        dossier = s.exec(select(Dossier).where(Dossier.code == d.code)).one()
        append_event(s, dossier, "returned", {"set": {"status": 10, "returned_at": LATER}}, a, LATER)
    ((_, reason),) = sync(counter_a).rejected.items()
    assert "chỉ được ghi trả khi bưu điện phát" in reason


def test_the_central_s10_check_is_the_domain_one(central, locked_down):
    codes = [
        "EB123456785VN",
        "RR000000080VN",
        "RR000000085VN",
        "EB123456785CN",
        "EB12345678VN",
        "eb123456785vn",
    ]
    with Session(central) as s:
        central_says = [s.execute(text("SELECT counter_s10_ok(:c)"), {"c": c}).scalar() for c in codes]
    assert central_says == [s10_problem(c) is None for c in codes]
