"""Intake and the dossier's life through the services, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.db.models import (
    Dossier,
    DossierDocument,
    DossierEvent,
    Handover,
    Officer,
    Outbox,
    RatingRequest,
)
from counter_app.db.projection import replay
from counter_app.domain.codes import parse_dossier_code
from counter_app.domain.states import IllegalTransition, Status
from counter_app.services import handover, inbox, intake, lookup, rating, workflow
from counter_app.services.context import Actor
from counter_app.services.errors import Forbidden, NotFound, ServiceError
from counter_app.services.events import event_hash
from counter_app.services.intake import DocumentChoice, IntakeRequest

THU = datetime(2026, 11, 19, 8, 37)  # Thursday


def clerk(store, username="canbo1", counter=2) -> Actor:
    with store.session() as s:
        o = s.exec(select(Officer).where(Officer.username == username)).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, f"{store.settings.one_stop_code}#{counter}")


def request_for(store, procedure_code="1.004873", *, reuse=True) -> IntakeRequest:
    with store.session() as s:
        citizen = next(
            c
            for c in lookup.search_citizens(s, "0", limit=60)
            if any(d.kind == "cccd" for d in lookup.citizen_documents(s, c.id))
        )
        held = {d.kind: d.id for d in lookup.citizen_documents(s, citizen.id)}
        docs = [
            DocumentChoice(
                d.name,
                d.copy_kind,
                d.quantity,
                True,
                reuse and d.doc_kind in held,
                held.get(d.doc_kind) if reuse else None,
            )
            for d in lookup.procedure_documents(s, procedure_code)
        ]
    return IntakeRequest(procedure_code=procedure_code, documents=docs, citizen_id=citizen.id)


def events_of(store, dossier_id):
    with store.session() as s:
        return s.exec(
            select(DossierEvent).where(DossierEvent.dossier_id == dossier_id).order_by(DossierEvent.seq)
        ).all()


def test_receive_writes_dossier_documents_event_and_outbox_in_one_go(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    code = parse_dossier_code(d.code)
    assert code.unit_code == store.settings.one_stop_code and code.counter == 2
    assert code.received_on == THU.date()
    assert d.status == Status.RECEIVED
    # 3 working days: Fri 20, Mon 23, (Tue 24 is Vietnam Cultural Day, a holiday since 2026) Wed 25
    assert d.due_at == datetime(2026, 11, 25, 8, 37)
    assert d.reused_data is True
    (event,) = events_of(store, d.id)
    assert event.type == "received" and event.prev_hash == "" and event.hash == event_hash(event)
    with store.session() as s:
        docs = s.exec(select(DossierDocument).where(DossierDocument.dossier_id == d.id)).all()
        assert any(doc.reused and doc.citizen_document_id for doc in docs)
        assert s.exec(select(Outbox).where(Outbox.event_id == event.id)).one().sent_at is None
    second = intake.receive(store, actor, request_for(store), now=THU)
    assert parse_dossier_code(second.code).seq == code.seq + 1


def test_full_life_keeps_a_hash_chain_and_replays_to_the_same_row(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    workflow.start_processing(store, actor, d.code, now=datetime(2026, 11, 19, 9, 0))
    workflow.mark_result_ready(store, actor, d.code, now=datetime(2026, 11, 23, 15, 0))
    workflow.return_result(
        store, actor, d.code, receiver_name="", id_checked=True, now=datetime(2026, 11, 25, 8, 0)
    )
    asked = rating.open_request(store, actor, d.code, now=datetime(2026, 11, 25, 8, 0))
    rating.record(store, "tablet-1", actor.counter_id, asked.request_id, 1, now=datetime(2026, 11, 25, 8, 1))
    events = events_of(store, d.id)
    assert [e.type for e in events] == ["received", "processing", "result_ready", "returned", "rated"]
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.hash and event.hash == event_hash(event)
    with store.session() as s:
        row = s.get(Dossier, d.id)
        assert (row.status, row.satisfaction, row.returned_at) == (10, 1, datetime(2026, 11, 25, 8, 0))
        snapshot = row.model_dump()
        docs_before = [
            (x.name, x.reused)
            for x in s.exec(
                select(DossierDocument)
                .where(DossierDocument.dossier_id == d.id)
                .order_by(DossierDocument.position)
            )
        ]
        for doc in s.exec(select(DossierDocument).where(DossierDocument.dossier_id == d.id)):
            s.delete(doc)
        for asked in s.exec(select(RatingRequest).where(RatingRequest.dossier_id == d.id)):
            s.delete(asked)  # the tablet's request: local, not part of the dossier's history
        s.flush()
        s.delete(row)
        s.flush()
        rebuilt = replay(s, d.id)
        s.flush()
        assert rebuilt.model_dump() == snapshot
        docs_after = [
            (x.name, x.reused)
            for x in s.exec(
                select(DossierDocument)
                .where(DossierDocument.dossier_id == d.id)
                .order_by(DossierDocument.position)
            )
        ]
        assert docs_after == docs_before and docs_before
        s.rollback()


def test_illegal_transition_is_refused_with_both_states(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    with pytest.raises(ServiceError):
        workflow.return_result(store, actor, d.code, receiver_name="x", id_checked=True)
    workflow.withdraw(store, actor, d.code, "Người nộp rút hồ sơ", now=datetime(2026, 11, 19, 10, 0))
    with pytest.raises(IllegalTransition) as info:
        workflow.start_processing(store, actor, d.code)
    assert "Đã rút hồ sơ" in str(info.value) and "Đang xử lý" in str(info.value)
    assert len(events_of(store, d.id)) == 2  # the refused action left nothing behind


def test_supplement_stops_the_clock_and_restarts_it(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    with pytest.raises(ServiceError):
        intake.request_supplement(store, actor, d.code, [], "Thiếu giấy tờ")
    d = intake.request_supplement(
        store,
        actor,
        d.code,
        [DocumentChoice("Giấy ủy quyền", "certified", 1)],
        "Thiếu giấy ủy quyền",
        now=datetime(2026, 11, 19, 9, 0),
    )
    assert d.status == Status.SUPPLEMENT_REQUESTED and d.clock_stopped_at == datetime(2026, 11, 19, 9, 0)
    back = datetime(2026, 11, 25, 14, 0)  # Wednesday
    d = intake.supplement_received(store, actor, d.code, now=back)
    assert d.status == Status.RECEIVED and d.clock_stopped_at is None
    assert d.due_at == datetime(2026, 11, 30, 14, 0)  # 3 working days from Wednesday 14:00 → Monday
    assert d.original_due_at == datetime(2026, 11, 25, 8, 37)
    with store.session() as s:
        names = [x.name for x in s.exec(select(DossierDocument).where(DossierDocument.dossier_id == d.id))]
    assert "Giấy ủy quyền" in names


def test_refusal_is_recorded_with_reason_and_no_due_date(seeded_store):
    store = seeded_store
    with pytest.raises(ServiceError):
        intake.refuse(store, clerk(store), request_for(store), "   ")
    d = intake.refuse(store, clerk(store), request_for(store), "Không thuộc thẩm quyền", now=THU)
    assert d.status == Status.REFUSED and d.due_at is None
    (event,) = events_of(store, d.id)
    assert event.type == "refused" and event.payload["reason"] == "Không thuộc thẩm quyền"


def test_same_day_procedure_after_cut_off_is_due_next_working_day(seeded_store):
    store = seeded_store
    friday_late = datetime(2026, 11, 20, 15, 30)
    d = intake.receive(store, clerk(store), request_for(store, "2.000815"), now=friday_late)
    assert d.due_at == datetime(2026, 11, 23, 17, 0)


def test_only_the_custodian_moves_a_dossier_and_handover_moves_custody(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store, "1.004227"), now=THU)
    centre = "P51"
    province = Actor("p-officer", "Cán bộ tỉnh", "officer", centre, "000.00.00.H51#1")
    with pytest.raises(NotFound):  # a dossier the province has not been handed does not exist for it
        workflow.start_processing(store, province, d.code)
    with pytest.raises(ServiceError):
        handover.send(store, actor, d.code, store.unit_id, "Chuyển")
    handover.send(
        store,
        actor,
        d.code,
        centre,
        "Chuyển cơ quan có thẩm quyền",
        ["Đơn đăng ký"],
        now=datetime(2026, 11, 19, 9, 0),
    )
    with pytest.raises(ServiceError):
        handover.send(store, actor, d.code, centre, "Lần nữa")
    assert d.code in [item.code for item in inbox.items(store, centre)]
    with pytest.raises(ServiceError):
        handover.answer(store, actor, d.code, accept=True)  # not addressed to the sender
    handover.answer(store, province, d.code, accept=True, now=datetime(2026, 11, 19, 10, 0))
    assert d.code not in [item.code for item in inbox.items(store, centre)]
    with store.session() as s:
        row = s.get(Dossier, d.id)
        assert row.custodian_unit_id == centre and row.return_unit_id == store.unit_id
        (h,) = s.exec(select(Handover).where(Handover.dossier_id == d.id)).all()
        assert (h.state, h.documents, h.answered_by) == ("accepted", ["Đơn đăng ký"], "Cán bộ tỉnh")
    with pytest.raises(Forbidden):
        workflow.start_processing(store, actor, d.code)
    workflow.start_processing(store, province, d.code)
    workflow.mark_result_ready(store, province, d.code)
    # the counter where the citizen handed it in returns the result
    workflow.return_result(store, actor, d.code, receiver_name="", id_checked=True)


def test_apology_moves_the_due_date_forward_only(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    with pytest.raises(ServiceError):
        workflow.apologise(store, actor, d.code, datetime(2026, 11, 20, 8, 0), "Cần xác minh")
    d = workflow.apologise(
        store, actor, d.code, datetime(2026, 11, 27, 8, 37), "Cần xác minh", now=datetime(2026, 11, 23, 9, 0)
    )
    assert d.due_at == datetime(2026, 11, 27, 8, 37) and d.original_due_at == datetime(2026, 11, 25, 8, 37)


def test_procedure_search_matches_word_starts_and_puts_the_usual_first(seeded_store):
    from counter_app.services import lookup

    with seeded_store.session() as s:
        names = [p.name for p in lookup.search_procedures(s, "khai sinh")]
        assert names[:2] == ["Thủ tục đăng ký khai sinh", "Thủ tục đăng ký lại khai sinh"]
        assert [p.code for p in lookup.search_procedures(s, "ĐĂNG KÝ KẾT")] == ["1.000894"]
        assert lookup.search_procedures(s, "xyz") == []
        # "chung thuc" matches three; the one this unit receives most comes first
        usual = [p.code for p in lookup.search_procedures(s, "chung thuc", unit_id=seeded_store.unit_id)]
        assert set(usual) == {"2.000815", "2.000884", "2.000986"}
    assert usual[0] != "2.000986"
    actor = clerk(seeded_store)
    for minute in range(40):  # the counter now takes in chứng thực hợp đồng all morning
        request = request_for(seeded_store, "2.000986")
        intake.receive(seeded_store, actor, request, now=datetime.now().replace(hour=8, minute=minute))
    with seeded_store.session() as s:
        after = [p.code for p in lookup.search_procedures(s, "chung thuc", unit_id=seeded_store.unit_id)]
        assert after[0] == "2.000986"


def test_a_code_already_taken_is_skipped(seeded_store):
    from counter_app.db.models import CodeSequence

    store = seeded_store
    actor = clerk(store)
    first = intake.receive(store, actor, request_for(store), now=THU)
    with store.session() as s:  # as after restoring a backup taken before that receipt
        row = s.exec(
            select(CodeSequence).where(
                CodeSequence.counter_id == actor.counter_id, CodeSequence.scope == f"dossier:{THU:%y%m%d}"
            )
        ).one()
        row.last -= 1
        s.add(row)
    second = intake.receive(store, actor, request_for(store), now=THU)
    assert parse_dossier_code(second.code).seq == parse_dossier_code(first.code).seq + 1
