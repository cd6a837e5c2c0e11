"""The stop flow (status 8, Mẫu 05), the control sheet filled from the dossier's history, and the form set chosen
by the dossier's received_at and ``[legal] forms`` — on real stores, read back from the printed PDFs."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.config import ConfigError
from counter_app.db.models import Dossier, DossierEvent
from counter_app.domain.states import IllegalTransition, Status
from counter_app.services import handover, intake, printing_service, stopping, workflow
from counter_app.services.context import Actor
from counter_app.services.errors import ServiceError
from tests.conftest import make_settings
from tests.printing.helpers import page_texts
from tests.services.test_dossier_flow import THU, clerk, request_for

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

PROVINCE = "P51"


def _text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def _province(store) -> Actor:
    return Actor("p-officer", "Cán bộ tỉnh", "officer", PROVINCE, "000.00.00.H51#1")


def _status(store, code: str) -> int:
    with store.session() as s:
        return s.exec(select(Dossier).where(Dossier.code == code)).one().status


# --- stop (Mẫu 05) ----------------------------------------------------------------------------------------


def test_the_custodian_stops_a_dossier_with_a_reason_and_the_notice_is_printed_and_kept(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    workflow.start_processing(store, actor, d.code, now=datetime(2026, 11, 19, 10, 0))
    with pytest.raises(ServiceError):  # the reason is required; nothing changes
        stopping.stop(store, actor, d.code, "   ", now=datetime(2026, 11, 20, 9, 0))
    assert _status(store, d.code) == Status.PROCESSING

    outcome = stopping.stop(
        store, actor, d.code, "Người nộp đề nghị dừng giải quyết", now=datetime(2026, 11, 20, 9, 0)
    )
    assert outcome.dossier.status == Status.STOPPED and outcome.printed.ok, outcome.printed.message
    with store.session() as s:
        event = s.exec(
            select(DossierEvent).where(DossierEvent.dossier_code == d.code).order_by(DossierEvent.seq.desc())
        ).first()
    assert event.type == "stopped" and event.payload["reason"] == "Người nộp đề nghị dừng giải quyết"
    assert event.payload["from_status"] == Status.PROCESSING
    # archived under printed/ like every form, and it reads back
    assert outcome.printed.path.is_relative_to(store.settings.printed_dir)
    assert "thong-bao-dung" in outcome.printed.path.name
    text = _text(outcome.printed.path.read_bytes())
    for words in (
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        "Mẫu số 05 — Thông tư số 03/2025/TT-VPCP",
        d.code,
        "Lý do: Người nộp đề nghị dừng giải quyết",
        d.applicant_name,
    ):
        assert words in text, words
    with pytest.raises(IllegalTransition):  # stopped is final
        workflow.stop(store, actor, d.code, "Lần nữa")


def test_only_the_custodian_may_stop_never_while_a_handover_waits_nor_once_the_result_is_ready(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store, "1.004227"), now=THU)
    handover.send(
        store, actor, d.code, PROVINCE, "Chuyển cơ quan có thẩm quyền", now=datetime(2026, 11, 19, 9)
    )
    with pytest.raises(ServiceError) as info:
        workflow.stop(store, actor, d.code, "Dừng")
    assert info.value.key == "handover.pending"
    handover.answer(store, _province(store), d.code, accept=True, now=datetime(2026, 11, 19, 10))
    with pytest.raises(ServiceError):  # custody moved: the counter's unit may no longer stop it
        workflow.stop(store, actor, d.code, "Dừng")
    workflow.mark_result_ready(store, _province(store), d.code, now=datetime(2026, 11, 20, 10))
    with pytest.raises(IllegalTransition):
        workflow.stop(store, _province(store), d.code, "Dừng")
    assert _status(store, d.code) == Status.RESULT_READY


# --- the control sheet from the history ----------------------------------------------------------------------


def test_the_control_sheet_has_one_row_per_handover_with_on_time_or_late(seeded_store):
    store = seeded_store
    actor, province = clerk(store), _province(store)
    d = intake.receive(store, actor, request_for(store, "1.004227"), now=THU)
    workflow.start_processing(store, actor, d.code, now=datetime(2026, 11, 19, 10, 0))
    handover.send(
        store, actor, d.code, PROVINCE, "Chuyển cơ quan có thẩm quyền", now=datetime(2026, 11, 20, 9)
    )
    handover.answer(store, province, d.code, accept=True, now=datetime(2026, 11, 20, 10, 0))
    late = d.due_at.replace(hour=16, minute=0)
    workflow.mark_result_ready(store, province, d.code, now=late)
    workflow.return_result(
        store, actor, d.code, receiver_name="", id_checked=True, now=late.replace(hour=16, minute=30)
    )

    with store.session() as s:
        data = printing_service.control_sheet_data(s, d.code, unit_id=store.unit_id)
    rows = data.handovers
    assert len(rows) == 4, rows
    office = "Trung tâm Phục vụ hành chính công"
    assert rows[0].from_unit.startswith(office) and rows[0].giver_name == actor.name
    assert rows[0].result == "early"
    assert PROVINCE not in rows[1].to_unit and rows[1].to_unit  # the unit's name, not its id
    assert (rows[1].giver_name, rows[1].receiver_name) == (actor.name, "Cán bộ tỉnh")
    assert (
        rows[1].taken_at == datetime(2026, 11, 20, 10, 0) and rows[1].note == "Chuyển cơ quan có thẩm quyền"
    )
    assert rows[2].giver_name == "Cán bộ tỉnh" and rows[2].to_unit.startswith(office)
    assert rows[3].to_unit.startswith("Người nộp hồ sơ") and rows[3].from_unit.startswith(office)
    assert [r.result for r in rows] == ["early", "early", "late", "late"]
    text = _text(printing_service.render(store, "control", d.code))
    for words in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Mẫu số 06",
        "Quá hạn",
        "Trước hạn",
        "Cán bộ tỉnh",
    ):
        assert words in text, words


def test_processing_started_by_the_unit_a_dossier_was_handed_to_adds_no_row(seeded_store):
    store = seeded_store
    actor, province = clerk(store), _province(store)
    d = intake.receive(store, actor, request_for(store, "1.004227"), now=THU)
    handover.send(store, actor, d.code, PROVINCE, "Chuyển", now=datetime(2026, 11, 19, 9))
    handover.answer(store, province, d.code, accept=True, now=datetime(2026, 11, 19, 10))
    workflow.start_processing(store, province, d.code, now=datetime(2026, 11, 19, 11))
    with store.session() as s:
        rows = printing_service.control_sheet_data(s, d.code, unit_id=store.unit_id).handovers
    assert len(rows) == 1 and rows[0].receiver_name == "Cán bộ tỉnh"


def test_an_extension_is_noted_and_later_rows_are_judged_against_the_new_date(seeded_store):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    workflow.start_processing(store, actor, d.code, now=datetime(2026, 11, 19, 10, 0))
    new_due = datetime(2026, 11, 30, 16, 0)
    workflow.apologise(store, actor, d.code, new_due, "Cần xác minh", now=datetime(2026, 11, 24, 9, 0))
    workflow.mark_result_ready(store, actor, d.code, now=datetime(2026, 11, 27, 9, 0))  # after the first date
    with store.session() as s:
        rows = printing_service.control_sheet_data(s, d.code, unit_id=store.unit_id).handovers
    assert "Gia hạn đến" in rows[0].note and "Cần xác minh" in rows[0].note
    assert rows[-1].result == "early"  # before the extended date


# --- which set: by received_at and [legal] forms --------------------------------------------------------------


def test_a_dossier_received_before_15_9_2025_reprints_on_the_2018_forms(seeded_store):
    store = seeded_store
    actor = clerk(store)
    old = intake.receive(store, actor, request_for(store), now=datetime(2025, 9, 12, 9, 0))
    new = intake.receive(store, actor, request_for(store), now=datetime(2025, 9, 15, 9, 0))
    old_text = _text(printing_service.render(store, "receipt", old.code))
    new_text = _text(printing_service.render(store, "receipt", new.code))
    assert "Mẫu số 01 — Thông tư số 01/2018/TT-VPCP" in old_text and "Cổng Dịch vụ công" not in old_text
    assert "Mẫu số 01 — Thông tư số 03/2025/TT-VPCP" in new_text
    workflow.apologise(
        store, actor, old.code, datetime(2025, 10, 1, 9), "Cần xác minh", now=datetime(2025, 9, 20)
    )
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in _text(
        printing_service.render(store, "apology", old.code)
    )
    # the 2018 set has no stop notice: the notice is printed on the set in force the day it is issued
    workflow.stop(store, actor, old.code, "Theo đề nghị của người nộp", now=datetime(2025, 10, 2, 9))
    assert "Mẫu số 05 — Thông tư số 03/2025/TT-VPCP" in _text(
        printing_service.render(store, "stop", old.code)
    )


def test_the_configured_set_prints_new_documents_and_a_bad_setting_is_one_line(seeded_store, tmp_path):
    store = seeded_store
    actor = clerk(store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    store.settings = replace(store.settings, forms="TT01/2018", one_stop_centre=False)
    text = _text(printing_service.render(store, "receipt", d.code))
    assert "Thông tư số 01/2018/TT-VPCP" in text and "TRUNG TÂM" not in text

    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text('[legal]\nforms = "TT01/2018"\ncentre = false\n')
    settings = make_settings(home)
    assert (settings.forms, settings.one_stop_centre) == ("TT01/2018", False)
    (home / "config" / "config.toml").write_text('[legal]\nforms = "TT05/2027"\n')
    with pytest.raises(ConfigError) as info:
        make_settings(home)
    assert "legal.forms" in str(info.value) and "\n" not in str(info.value)
