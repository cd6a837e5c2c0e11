"""Online dossiers reviewed like counter dossiers (issue 15): one reception-deadline function for F6, F7 and
``inbox``; an import without payment data never reads as paid; taking in prints the receipt; refusing records
the reason the refusal form (Mẫu 03) prints."""

from __future__ import annotations

from datetime import datetime

import pytest
from pypdf import PdfReader

from counter_app.domain.states import Status
from counter_app.services import handover, inbox, lookup, portal
from counter_app.services.errors import ServiceError
from counter_app.services.indicators.lists import online_pending
from counter_app.services.printouts import print_safely
from tests.services.test_dossier_flow import clerk
from tests.services.test_online_and_inbox import RECORDS

CODE = RECORDS[0]["MaHoSo"]
#: Monday 23/11/2026, 10:00: the record of Friday 21:30 counts from Monday 07:30
MONDAY = datetime(2026, 11, 23, 10, 0)


def _imported(store):
    portal.import_online(store, clerk(store), RECORDS[:1])
    with store.session() as session:
        return lookup.dossier_by_code(session, CODE)


def _pdf_text(path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_one_reception_deadline_for_the_inbox_and_the_supervisor(seeded_store):
    store = seeded_store
    dossier = _imported(store)
    deadline = inbox.reception_deadline(store.calendar, dossier.submitted_at)
    # Friday 21:30 → Monday 07:30 + 7.5 h to 17:00, Tuesday 24/11 a holiday → Wednesday 08:00
    assert deadline == datetime(2026, 11, 25, 8, 0)
    waiting = {i.code: i.due_at for i in inbox.items(store) if i.kind == "online"}
    watched = {o.code: o.deadline for o in online_pending(store, MONDAY)}
    assert waiting[CODE] == watched[CODE] == deadline
    for code, due in waiting.items():  # the demo's online dossiers too: the same function, the same answer
        with store.session() as session:
            arrived = lookup.dossier_by_code(session, code).submitted_at
        assert due == watched[code] == inbox.reception_deadline(store.calendar, arrived)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_import_without_payment_data_is_not_paid_and_its_receipt_says_so(seeded_store):
    store = seeded_store
    dossier = _imported(store)
    assert dossier.fee > 0 and dossier.fee_status == inbox.FEE_NO_DATA
    accepted = inbox.take_in_online(store, clerk(store), CODE, now=MONDAY)
    assert accepted.status == Status.RECEIVED
    assert accepted.due_at == store.calendar.due_at(MONDAY, accepted.working_days)
    assert accepted.fee_status == inbox.FEE_NO_DATA  # taking in does not invent a payment
    printed = print_safely(store, CODE, "receipt")
    assert printed.ok, printed.message
    text = _pdf_text(printed.path)
    assert "nộp khi nhận kết quả" in text and "đã nộp" not in text
    assert CODE not in [i.code for i in inbox.items(store)]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_refusing_an_online_dossier_records_the_reason_the_refusal_prints(seeded_store):
    store = seeded_store
    _imported(store)
    with pytest.raises(ServiceError, match="Cần ghi rõ lý do"):  # a reason is required; nothing changes
        inbox.refuse(store, clerk(store), CODE, "   ", now=MONDAY)
    with store.session() as session:
        assert lookup.dossier_by_code(session, CODE).status == Status.REGISTERED_ONLINE
    inbox.refuse(store, clerk(store), CODE, "Thủ tục không thuộc thẩm quyền của xã", now=MONDAY)
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, CODE)
        assert (dossier.status, dossier.due_at) == (Status.REFUSED, None)
    printed = print_safely(store, CODE, "refusal")
    assert printed.ok, printed.message
    assert "Thủ tục không thuộc thẩm quyền của xã" in _pdf_text(printed.path)
    assert CODE not in [i.code for i in inbox.items(store)]
    with pytest.raises(ServiceError, match="không có trong hộp thư đến"):  # refused once, not twice
        inbox.refuse(store, clerk(store), CODE, "Lần nữa", now=MONDAY)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_only_online_dossiers_are_taken_in_or_refused_by_review(seeded_store):
    from sqlmodel import select

    from counter_app.db.models import Dossier

    store = seeded_store
    with store.session() as session:
        code = session.exec(
            select(Dossier.code)
            .where(Dossier.status == int(Status.PROCESSING), Dossier.custodian_unit_id == store.unit_id)
            .order_by(Dossier.code)
        ).first()
    handover.send(store, clerk(store), code, "P51", "Thuộc thẩm quyền cấp tỉnh", [], now=MONDAY)
    centre = clerk(store, "canbo.p51")
    assert [i.kind for i in inbox.items(store, "P51") if i.code == code] == ["handover"]
    for act in (
        lambda: inbox.take_in_online(store, centre, code, now=MONDAY),
        lambda: inbox.refuse(store, centre, code, "Không phải hồ sơ trực tuyến", now=MONDAY),
    ):
        with pytest.raises(ServiceError, match="không phải hồ sơ nộp trực tuyến"):
            act()
    assert [i.kind for i in inbox.items(store, "P51") if i.code == code] == ["handover"]  # nothing changed
