"""A dossier leaving the unit (issue 15), through the services on SQLite and PostgreSQL: recalling a handover
not answered yet, the flag of a handover sent back until noted or acted on, and a result returned by post."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.db.models import Dossier, DossierEvent, Handover
from counter_app.db.projection import rebuild
from counter_app.domain.states import Status
from counter_app.services import handover, inbox, intake, workflow
from counter_app.services.context import Actor
from counter_app.services.errors import ServiceError
from tests.services.test_dossier_flow import THU, clerk, request_for

CENTRE = "P51"
SENT = datetime(2026, 11, 19, 9, 0)
LATER = datetime(2026, 11, 19, 10, 0)


def province() -> Actor:
    return Actor("p-officer", "Cán bộ tỉnh", "officer", CENTRE, "000.00.00.H51#1")


def _handed(store):
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store, "1.004227"), now=THU)
    handover.send(store, actor, d.code, CENTRE, "Chuyển nhầm đơn vị", now=SENT)
    return actor, d


def test_the_sender_recalls_a_handover_not_answered_yet(seeded_store):
    store = seeded_store
    actor, d = _handed(store)
    assert d.code in [i.code for i in inbox.items(store, CENTRE)]
    with pytest.raises(ServiceError, match="lý do"):
        handover.recall(store, actor, d.code, "  ", now=LATER)
    with pytest.raises(ServiceError):  # only the sender recalls
        handover.recall(store, province(), d.code, "Không phải của tỉnh", now=LATER)
    handover.recall(store, actor, d.code, "Chuyển nhầm, phải chuyển xã khác", now=LATER)
    assert d.code not in [i.code for i in inbox.items(store, CENTRE)]  # the receiver's F6 no longer lists it
    with store.session() as s:
        row = s.get(Dossier, d.id)
        assert row.custodian_unit_id == store.unit_id
        (h,) = s.exec(select(Handover).where(Handover.dossier_id == d.id)).all()
        assert (h.state, h.answer_reason) == ("recalled", "Chuyển nhầm, phải chuyển xã khác")
        before = (row.status, row.custodian_unit_id, row.event_count)
        assert (rebuild(s, d.id).status, row.custodian_unit_id, row.event_count) == before  # replays the same
    with pytest.raises(ServiceError, match="không có lần bàn giao nào đang chờ"):
        handover.recall(store, actor, d.code, "Lần nữa", now=LATER)
    with pytest.raises(ServiceError):  # the receiver cannot take in what was recalled
        handover.answer(store, province(), d.code, accept=True, now=LATER)
    handover.send(store, actor, d.code, CENTRE, "Chuyển lại sau khi thu hồi", now=LATER)  # free to hand on


def test_a_recall_after_the_receiver_accepted_is_refused_in_one_line(seeded_store):
    store = seeded_store
    actor, d = _handed(store)
    handover.answer(store, province(), d.code, accept=True, now=LATER)
    with pytest.raises(ServiceError) as caught:
        handover.recall(store, actor, d.code, "Chuyển nhầm", now=LATER)
    message = str(caught.value)
    assert "đã tiếp nhận" in message and "\n" not in message


def test_a_handover_sent_back_stays_flagged_until_noted(seeded_store):
    store = seeded_store
    actor, d = _handed(store)
    handover.answer(store, province(), d.code, accept=False, reason="Không thuộc thẩm quyền", now=LATER)
    assert [i.code for i in inbox.returned_handovers(store, store.unit_id)] == [d.code]
    with pytest.raises(ServiceError):  # only the sending unit notes it
        handover.note_sent_back(store, province(), d.code, now=LATER)
    handover.note_sent_back(store, actor, d.code, now=LATER)
    assert inbox.returned_handovers(store, store.unit_id) == []
    with pytest.raises(ServiceError, match="không có lần bàn giao bị trả lại"):
        handover.note_sent_back(store, actor, d.code, now=LATER)


def test_acting_on_a_handover_sent_back_clears_its_flag(seeded_store):
    store = seeded_store
    actor, d = _handed(store)
    handover.answer(store, province(), d.code, accept=False, reason="Thiếu giấy tờ", now=LATER)
    assert [i.code for i in inbox.returned_handovers(store, store.unit_id)] == [d.code]
    workflow.start_processing(store, actor, d.code, now=LATER)  # the unit acts on it
    assert inbox.returned_handovers(store, store.unit_id) == []


def _ready_by_post(store, actor):
    request = replace(request_for(store), return_method="post", return_address="12 Lê Lợi, Cẩm Thành")
    d = intake.receive(store, actor, request, now=THU)
    workflow.mark_result_ready(store, actor, d.code, now=datetime(2026, 11, 20, 9, 0))
    return d


@pytest.mark.parametrize(
    ("item", "words"),
    [
        ("EB123456784VN", "chữ số kiểm tra"),
        ("EB12345678VN", "dạng S10"),
        ("EB123456785CN", "Bưu điện Việt Nam"),
        ("", "chưa nhập"),
    ],
)
def test_a_bad_item_code_is_one_line_naming_the_field_and_changes_nothing(seeded_store, item, words):
    store = seeded_store
    actor = clerk(store)
    d = _ready_by_post(store, actor)
    with pytest.raises(ServiceError) as caught:
        workflow.hand_to_post(store, actor, d.code, item, "20/11/2026", now=datetime(2026, 11, 20, 10, 0))
    message = str(caught.value)
    assert message.startswith("Mã bưu gửi") and words in message and "\n" not in message
    with store.session() as s:
        assert s.get(Dossier, d.id).post_item_code == ""


def test_a_result_by_post_is_posted_then_returned_on_the_day_the_post_delivers(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = _ready_by_post(store, actor)
    now = datetime(2026, 11, 25, 10, 0)
    with pytest.raises(ServiceError, match="chưa giao bưu điện"):
        workflow.post_delivered(store, actor, d.code, "24/11/2026", now=now)
    with pytest.raises(ServiceError, match="Ngày giao bưu điện «32/11/2026» không hợp lệ"):
        workflow.hand_to_post(store, actor, d.code, "EB123456785VN", "32/11/2026", now=now)
    with pytest.raises(ServiceError, match="sau ngày hôm nay"):
        workflow.hand_to_post(store, actor, d.code, "EB123456785VN", "26/11/2026", now=now)
    with pytest.raises(ServiceError, match="trước ngày có kết quả"):
        workflow.hand_to_post(store, actor, d.code, "EB123456785VN", "19/11/2026", now=now)
    posted = workflow.hand_to_post(store, actor, d.code, " eb123456785vn ", "21/11/2026", now=now)
    assert (posted.status, posted.post_item_code, posted.posted_at) == (
        Status.RESULT_READY,
        "EB123456785VN",
        datetime(2026, 11, 21),
    )
    with pytest.raises(ServiceError, match="đã giao bưu điện"):
        workflow.hand_to_post(store, actor, d.code, "RR000000080VN", "", now=now)
    with pytest.raises(ServiceError, match="đã giao bưu điện"):  # not handed over at the counter any more
        workflow.return_result(store, actor, d.code, receiver_name="", id_checked=True, now=now)
    with pytest.raises(ServiceError, match="trước ngày giao bưu điện"):
        workflow.post_delivered(store, actor, d.code, "20/11/2026", now=now)
    returned = workflow.post_delivered(store, actor, d.code, "24/11/2026", now=now)
    assert (returned.status, returned.returned_at) == (Status.RETURNED, datetime(2026, 11, 24))
    with store.session() as s:
        last = s.exec(
            select(DossierEvent).where(DossierEvent.dossier_id == d.id).order_by(DossierEvent.seq.desc())
        ).first()
        assert (last.type, last.payload["by_post"], last.payload["post_item_code"]) == (
            "returned",
            True,
            "EB123456785VN",
        )


def test_only_a_dossier_returned_by_post_goes_to_the_post(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    workflow.mark_result_ready(store, actor, d.code, now=datetime(2026, 11, 20, 9, 0))
    with pytest.raises(ServiceError, match="bưu chính công ích"):
        workflow.hand_to_post(store, actor, d.code, "EB123456785VN", "", now=datetime(2026, 11, 20, 10, 0))


def test_the_control_sheet_shows_a_recall_and_the_posts_steps(seeded_store):
    from counter_app.services import printing_service

    store = seeded_store
    actor = clerk(store)
    d = _ready_by_post(store, actor)
    handover.send(store, actor, d.code, CENTRE, "Chuyển nhầm", now=datetime(2026, 11, 20, 9, 30))
    handover.recall(store, actor, d.code, "Chuyển nhầm đơn vị", now=datetime(2026, 11, 20, 9, 45))
    workflow.hand_to_post(
        store, actor, d.code, "EB123456785VN", "21/11/2026", now=datetime(2026, 11, 23, 8, 0)
    )
    workflow.post_delivered(store, actor, d.code, "23/11/2026", now=datetime(2026, 11, 23, 16, 0))
    with store.session() as s:
        rows = printing_service.control_sheet_data(s, d.code, unit_id=store.unit_id).handovers
    (recalled,) = [r for r in rows if "thu hồi" in r.note]
    assert "Chuyển nhầm đơn vị" in recalled.note and "Chờ đơn vị nhận" not in recalled.note
    posted, delivered = rows[-2:]
    assert (posted.to_unit, posted.handed_at) == (
        "Bưu chính công ích (mã bưu gửi EB123456785VN)",
        datetime(2026, 11, 21),
    )
    assert delivered.from_unit == posted.to_unit and delivered.handed_at == datetime(2026, 11, 23, 16, 0)
    assert "Bưu điện phát ngày 23/11/2026" in delivered.note


def test_a_postal_return_counts_on_the_delivery_day_in_the_ledger_and_the_indicators(seeded_store):
    from datetime import date

    from counter_app.services.indicators.period_figures import indicators
    from counter_app.services.indicators.periods import Period
    from counter_app.services.reports import ledger_rows

    store = seeded_store
    actor = clerk(store)
    d = _ready_by_post(store, actor)
    workflow.hand_to_post(
        store, actor, d.code, "EB123456785VN", "20/11/2026", now=datetime(2026, 11, 20, 10, 0)
    )
    workflow.post_delivered(store, actor, d.code, "23/11/2026", now=datetime(2026, 11, 25, 9, 0))
    delivery_day = Period.between(date(2026, 11, 23), date(2026, 11, 23))
    (row,) = [r for r in ledger_rows(store, date(2026, 11, 23), date(2026, 11, 23)) if r.code == d.code]
    assert row.returned_at == datetime(2026, 11, 23) and "mã bưu gửi EB123456785VN" in row.note
    now = datetime(2026, 11, 25, 9, 0)
    day_before = Period.between(date(2026, 11, 22), date(2026, 11, 22))
    assert indicators(store, now, delivery_day).returned == indicators(store, now, day_before).returned + 1


def test_a_recalled_handover_is_not_the_ledgers_transfer_date(seeded_store):
    from counter_app.services.reports import ledger_rows

    store = seeded_store
    actor, d = _handed(store)
    handover.recall(store, actor, d.code, "Chuyển nhầm", now=LATER)
    (row,) = [r for r in ledger_rows(store, THU.date(), THU.date()) if r.code == d.code]
    assert row.handed_over_at is None
