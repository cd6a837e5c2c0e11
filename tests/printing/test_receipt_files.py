"""The receipt of a dossier taken in with files: the service reads which components were digitised and which
were reused from the citizen's data store, and the printed Mẫu 01 says so (read back with pypdf), on SQLite
and on PostgreSQL."""

from __future__ import annotations

from counter_app.printing.receipt import render_receipt
from counter_app.services import intake
from counter_app.services.printing_service import receipt_data
from tests.reports.conftest import NOW, at, build_scenario, scanned

from .helpers import nfc, page_texts


def test_the_receipt_marks_digitised_and_reused_components(seeded_store, signer):
    scenario = build_scenario(seeded_store)
    store, actor = scenario.store, scenario.actor
    with store.session() as session:
        from sqlmodel import select

        from counter_app.db.models import CitizenDocument

        held_id = session.exec(
            select(CitizenDocument.id).where(CitizenDocument.citizen_id == scenario.citizen_id)
        ).first()
    code = intake.receive(
        store,
        actor,
        intake.IntakeRequest(
            procedure_code="1.004873",
            applicant_name="Phạm Thị Lan",
            citizen_id=scenario.citizen_id,
            documents=[
                intake.DocumentChoice("Tờ khai xác nhận tình trạng hôn nhân", file=scanned(store, "tờ khai")),
                intake.DocumentChoice("Căn cước công dân", reused=True, citizen_document_id=held_id),
                intake.DocumentChoice("Giấy tờ chứng minh nơi cư trú", "copy"),
            ],
        ),
        now=at(20, 9),
    ).code
    with store.session() as session:
        data = receipt_data(session, code, unit_id=scenario.unit)
    lines = {line.name: (line.digitised, line.reused) for line in data.documents}
    assert lines == {
        "Tờ khai xác nhận tình trạng hôn nhân": (True, False),
        "Căn cước công dân": (True, True),  # the reused document brought its file
        "Giấy tờ chứng minh nơi cư trú": (False, False),
    }
    assert NOW >= data.received_at
    pages = page_texts(render_receipt(data, signer))
    assert len(pages) == 2
    for page in pages:
        digitised = page.index(nfc("(Đã số hóa)"))
        reused = page.index(nfc("(Tái sử dụng dữ liệu số)"))
        assert page.count(nfc("(Đã số hóa)")) == 1 and page.count(nfc("(Tái sử dụng dữ liệu số)")) == 1
        assert page.index(nfc("Tờ khai xác nhận")) < digitised < page.index(nfc("Căn cước công dân")) < reused
        assert reused < page.index(nfc("Giấy tờ chứng minh nơi cư trú"))
        assert nfc("Dữ liệu số hóa") in page and nfc("Bản sao") in page
