"""A receipt reprinted is the receipt issued: the times of the last event that issued one (issue 15).

Taken in, sent back for supplements, taken in complete again (a new receipt, a new due date), then an apology
moves the due date: the receipt the citizen holds — and its reprint — still says the due date of the second
receipt; the new date is the apology's (Mẫu 04).
"""

from __future__ import annotations

from datetime import datetime

from counter_app.services import intake, printing_service, workflow
from counter_app.services.intake import DocumentChoice

from .test_dossier_flow import THU, clerk, request_for


def test_the_reprinted_receipt_keeps_the_times_it_was_issued_with(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    d = intake.receive(store, actor, request_for(store), now=THU)
    missing = [DocumentChoice("Giấy ủy quyền", "certified", 1)]
    intake.request_supplement(
        store, actor, d.code, missing, "Thiếu giấy ủy quyền", now=datetime(2026, 11, 19, 9)
    )
    back = datetime(2026, 11, 25, 14, 0)
    d = intake.supplement_received(store, actor, d.code, now=back)
    second_receipt = (d.received_at, d.due_at)
    assert second_receipt[1] == datetime(2026, 11, 30, 14, 0)
    later = datetime(2026, 12, 4, 14, 0)
    d = workflow.apologise(store, actor, d.code, later, "Cần xác minh thêm", now=datetime(2026, 11, 27, 10))
    assert d.due_at == later
    with store.session() as session:
        issued = printing_service.receipt_data(session, d.code, unit_id=store.unit_id, reprint=True)
    assert (issued.received_at, issued.due_at) == second_receipt and issued.reprint
