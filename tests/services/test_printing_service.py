"""Printing from the store: the forms of real dossiers, read back from the PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.db.models import Dossier, DossierEvent
from counter_app.printing.output import PrintError
from counter_app.printing.payload import verify_payload
from counter_app.printing.signing import KeyRing
from counter_app.services import handover, intake, printing_service, workflow
from counter_app.services.intake import DocumentChoice
from tests.printing.helpers import decode_all, page_texts, render_page

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def pdf_text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def _received(store):
    from tests.services.test_dossier_flow import THU, clerk, request_for

    actor = clerk(store)
    return actor, intake.receive(store, actor, request_for(store), now=THU)


def test_receipt_of_a_stored_dossier_reads_back_and_its_qr_verifies(seeded_store):
    _, d = _received(seeded_store)
    path = printing_service.print_form(seeded_store, d.code, "receipt").path
    assert path.is_relative_to(seeded_store.settings.printed_dir)
    text = pdf_text(path.read_bytes())
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text and d.applicant_name in text and d.code in text
    assert "Liên 1" in text and "Liên 2" in text
    page = render_page(path.read_bytes())
    assert d.code in decode_all(page, "Code128")
    (payload,) = decode_all(page, "QRCode")
    verified = verify_payload(payload, KeyRing(seeded_store.settings.keys_dir))
    assert verified.dossier_code == d.code and verified.due_at == d.due_at


def test_every_form_of_a_dossier_life(seeded_store, tmp_path):
    store = seeded_store
    actor, d = _received(store)
    intake.request_supplement(
        store,
        actor,
        d.code,
        [DocumentChoice("Giấy ủy quyền có chứng thực", "certified")],
        "Thiếu giấy ủy quyền",
        now=datetime(2026, 11, 19, 9, 0),
    )
    intake.supplement_received(store, actor, d.code, now=datetime(2026, 11, 20, 9, 0))
    workflow.apologise(
        store,
        actor,
        d.code,
        datetime(2026, 11, 30, 9, 0),
        "Cần xác minh tại cơ quan khác",
        now=datetime(2026, 11, 23, 9, 0),
    )
    handover.send(
        store, actor, d.code, "P51", "Chuyển cơ quan có thẩm quyền", now=datetime(2026, 11, 23, 10, 0)
    )
    expected = {
        "supplement": ("PHIẾU YÊU CẦU BỔ SUNG", "Giấy ủy quyền có chứng thực"),
        "apology": (
            "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
            "Cần xác minh tại cơ quan khác",
        ),
        "control": ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Trung tâm Phục vụ hành chính công"),
    }
    for form, words in expected.items():
        out = tmp_path / f"{form}.pdf"
        printed = printing_service.print_form(store, d.code, form, out=out)
        text = pdf_text(out.read_bytes())
        assert printed.path == out and all(w in text for w in words), form
    refused = intake.refuse(store, actor, _request(store), "Không thuộc thẩm quyền")
    assert "PHIẾU TỪ CHỐI" in pdf_text(printing_service.render(store, "refusal", refused.code))


def _request(store):
    from tests.services.test_dossier_flow import request_for

    return request_for(store)


def test_a_failed_print_keeps_the_dossier_and_the_pdf(seeded_store):
    store = seeded_store
    _, d = _received(store)
    with store.session() as s:
        before = s.exec(select(DossierEvent).where(DossierEvent.dossier_id == d.id)).all()
    store.settings = replace(store.settings, printer="may-in-khong-ton-tai")
    with pytest.raises(PrintError) as info:
        printing_service.print_form(store, d.code, "receipt")
    assert "PDF" in str(info.value)
    assert list(store.settings.printed_dir.rglob(f"{d.code}-*.pdf"))
    with store.session() as s:
        assert s.get(Dossier, d.id).status == d.status
        assert len(s.exec(select(DossierEvent).where(DossierEvent.dossier_id == d.id)).all()) == len(before)


def test_a_refused_dossier_has_no_receipt(seeded_store):
    from counter_app.services.errors import ServiceError

    actor, _ = _received(seeded_store)
    refused = intake.refuse(seeded_store, actor, _request(seeded_store), "Hồ sơ không hợp lệ")
    with pytest.raises(ServiceError, match="chưa được tiếp nhận"):
        printing_service.print_form(seeded_store, refused.code, "receipt")
