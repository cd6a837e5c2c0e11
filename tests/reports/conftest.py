"""A small, hand-computed November 2026 for a unit of its own, built through the services.

The unit (a ward of another province) and its officer are used by these tests only, so the demo data of
the seeded store does not blur the numbers.  ``now`` is Friday 20/11/2026 10:00.

=====  ==========================  ====================================================================
code   procedure (working days)    life
=====  ==========================  ====================================================================
A      1.004873 (3)  reused data    received Mon 02/11 08:00, due Thu 05/11 08:00, result exactly at the
                                    due time (on time), returned 05/11 10:00, rated 1 (very satisfied)
B      1.004873      reused data    received 02/11 09:00, due 05/11 09:00, result Wed 04/11 15:00
                                    (early), returned 04/11 16:00, rated 2 (satisfied)
C      1.004873                     received Tue 03/11 08:00, due Fri 06/11 08:00, result 06/11 10:00
                                    (late), returned Mon 09/11 08:00, rated 3 (not satisfied)
D      1.004873                     received Wed 04/11 08:00, due Mon 09/11 08:00, handed over to U2 on
                                    04/11 09:00 and not accepted: still held, in progress, overdue
E      1.004873                     received Thu 05/11 08:00, supplement requested 05/11 09:00, back Wed
                                    18/11 08:00: received again 18/11, new due Mon 23/11 08:00 (amber)
F      1.004873                     refused Fri 06/11 08:00
G      1.004873 online              submitted Thu 19/11 20:00, not taken in: deadline Mon 23/11 08:00,
                                    5.5 working hours left at ``now``
I      1.004873                     received Thu 29/10 08:00 (October), due Mon 02/11... result Mon
                                    02/11 14:00 (early, finished in November), not returned
J      1.004227 (10) land           received 02/11 10:00, result Tue 03/11 10:00 (early), not returned
=====  ==========================  ====================================================================

Digitised files (Decision 766, formulas 4.2 and 4.3; ``services/indicators/figures.py``):

=====  ====================================================================================================
A      its only component reused from the citizen's store (a held document with its file); the result
       digitised at return and kept in the citizen's store (an e-result): digitised, reused
B      the same citizen's document reused; returned without a digitised result: reused, not digitised
C      «Tờ khai» ticked as reused with nothing attached (the old checkbox) and a second component scanned:
       one received component without a file, so neither digitised nor reused
D      its received component scanned, a second one not received (no file needed): digitised (no result yet)
E      nothing digitised
J      its component scanned and its result digitised (not returned, no citizen): digitised
I      (October) a scanned component; F (refused) and G (online, not taken in) are outside the cohort
=====  ====================================================================================================

November: digitised A D J = 3/6, reused A B = 2/6 (2 components), e-results A = 1 of the 3 returned.

Tickets of the day (unit T): A001 served at counter 1 by the officer 09:00-09:12 (12 minutes), A002 being
served at counter 1 since 09:50, A003 waiting since 09:30, priority A004 waiting since 09:40; counter 3
served A000 08:00-08:05 (done) and is idle; counter 2 has done nothing (closed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from sqlmodel import select

from counter_app.db.models import Citizen, CitizenDocument, Officer, QueueTicket, Unit
from counter_app.db.units import ensure_counter
from counter_app.domain.file_ref import FileRef
from counter_app.domain.vntext import fold
from counter_app.services import dossier_files, handover, intake, workflow
from counter_app.services import rating as citizen_rating
from counter_app.services.context import Actor
from counter_app.services.intake import DocumentChoice, IntakeRequest

NOW = datetime(2026, 11, 20, 10, 0)
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
MARITAL = "1.004873"
LAND = "1.004227"


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute)


@dataclass
class Scenario:
    store: object
    unit: str
    other_unit: str
    actor: Actor
    codes: dict[str, str]
    now: datetime = NOW
    citizen_id: str = ""


def _request(
    procedure: str = MARITAL,
    *,
    name: str = "Nguyễn Văn An",
    documents: list[DocumentChoice] | None = None,
    citizen_id: str | None = None,
) -> IntakeRequest:
    return IntakeRequest(
        procedure_code=procedure,
        applicant_name=name,
        documents=documents or [DocumentChoice("Tờ khai")],
        citizen_id=citizen_id,
    )


def scanned(store, text: str, pages: int = 1) -> FileRef:
    """A digitised file put into the store's file store, as capture does."""
    stored = dossier_files.files_of(store).put_bytes(f"%PDF-1.4 {text}".encode())
    return FileRef(stored.sha256, stored.size, pages)


def build_scenario(store) -> Scenario:
    home = store.unit_id
    with store.session() as session:
        home_province = session.get(Unit, home).province_code
        wards = session.exec(
            select(Unit)
            .where(Unit.province_code != home_province, Unit.kind != "province")
            .order_by(Unit.id)
            .limit(2)
        ).all()
        unit, other = wards
        unit.one_stop_code = f"TEST.{unit.id}.H00"  # as setup sets it: identifiers are never derived
        session.add(unit)
        for number in (1, 2, 3):
            ensure_counter(session, unit, number)
        officer = Officer(
            id="officer-test-t1",
            username="test.t1",
            full_name="Hoàng Thị Mai",
            role="officer",
            unit_id=unit.id,
            pin_hash="-",
        )
        session.add(officer)
        unit_id, other_id, one_stop = unit.id, other.id, unit.one_stop_code
        citizen = Citizen(
            cccd="051090000123",
            full_name="Phạm Thị Lan",
            name_folded=fold("Phạm Thị Lan"),
            home_unit_id=unit_id,
            created_at=at(1, 8),
            updated_at=at(1, 8),
        )
        held_file = scanned(store, "tờ khai đã lưu")
        held = CitizenDocument(
            citizen_id=citizen.id,
            kind="marital_status",
            title="Tờ khai",
            file_hash=held_file.sha256,
            file_size=held_file.size,
            file_pages=held_file.pages,
            source="national",
            created_at=at(1, 8),
        )
        session.add(citizen)
        session.add(held)
        citizen_id, held_id = citizen.id, held.id
    actor = Actor("officer-test-t1", "Hoàng Thị Mai", "officer", unit_id, f"{one_stop}#1")
    codes: dict[str, str] = {}

    def receive(
        key: str,
        when: datetime,
        procedure: str = MARITAL,
        documents: list[DocumentChoice] | None = None,
        *,
        citizen: str | None = None,
    ) -> str:
        request = _request(procedure, name=f"Người nộp {key}", documents=documents, citizen_id=citizen)
        codes[key] = intake.receive(store, actor, request, now=when).code
        return codes[key]

    def finish(
        key: str,
        processing: datetime,
        ready: datetime,
        returned: datetime,
        rating: int,
        result_file: FileRef | None = None,
    ) -> None:
        code = codes[key]
        workflow.start_processing(store, actor, code, now=processing)
        workflow.mark_result_ready(store, actor, code, now=ready)
        workflow.return_result(
            store, actor, code, receiver_name="", id_checked=True, result_file=result_file, now=returned
        )
        asked = citizen_rating.open_request(store, actor, code, now=returned)
        citizen_rating.record(store, "tablet-1", actor.counter_id, asked.request_id, rating, now=returned)

    reused = [DocumentChoice("Tờ khai", reused=True, citizen_document_id=held_id)]
    receive("I", at(29, 8, month=10), documents=[DocumentChoice("Tờ khai", file=scanned(store, "I"))])
    workflow.mark_result_ready(store, actor, codes["I"], now=at(2, 14))
    receive("A", at(2, 8), documents=reused, citizen=citizen_id)
    receive("B", at(2, 9), documents=reused, citizen=citizen_id)
    receive("J", at(2, 10), LAND, [DocumentChoice("Đơn đề nghị", file=scanned(store, "J"))])
    receive(
        "C",
        at(3, 8),
        documents=[
            DocumentChoice("Tờ khai", reused=True),  # the checkbox alone: nothing was reused
            DocumentChoice("Giấy tờ khác", file=scanned(store, "C")),
        ],
    )
    receive(
        "D",
        at(4, 8),
        documents=[
            DocumentChoice("Tờ khai", file=scanned(store, "D")),
            DocumentChoice("Giấy tờ không nộp", received=False),
        ],
    )
    receive("E", at(5, 8))
    # the result exactly at the due time, digitised at return: kept in the citizen's store (an e-result)
    finish("A", at(2, 8, 30), at(5, 8), at(5, 10), 1, scanned(store, "kết quả A", 2))
    finish("B", at(2, 9, 30), at(4, 15), at(4, 16), 2)
    finish("C", at(3, 8, 30), at(6, 10), at(9, 8), 3)
    workflow.mark_result_ready(store, actor, codes["J"], now=at(3, 10))
    dossier_files.digitise_result(store, actor, codes["J"], scanned(store, "kết quả J"), now=at(3, 11))
    handover.send(store, actor, codes["D"], other_id, "Chuyển cơ quan có thẩm quyền giải quyết", now=at(4, 9))
    intake.request_supplement(
        store, actor, codes["E"], [DocumentChoice("Giấy tờ còn thiếu")], "Thiếu giấy tờ", now=at(5, 9)
    )
    intake.supplement_received(store, actor, codes["E"], now=at(18, 8))
    codes["F"] = intake.refuse(
        store, actor, _request(name="Người nộp F"), "Không thuộc thẩm quyền", now=at(6, 8)
    ).code
    codes["G"] = intake.register_online(
        store, actor, _request(name="Người nộp G"), submitted_at=at(19, 20)
    ).code

    with store.session() as session:
        counter = f"{one_stop}#1"
        today = NOW.date()
        session.add(
            QueueTicket(
                unit_id=unit_id,
                day=today,
                number="A000",
                service="A",
                issued_at=at(20, 7, 40),
                status="done",
                counter_id=f"{one_stop}#3",
                officer_id=None,
                called_at=at(20, 8),
                finished_at=at(20, 8, 5),
            )
        )
        session.add(
            QueueTicket(
                unit_id=unit_id,
                day=today,
                number="A001",
                service="A",
                issued_at=at(20, 8, 50),
                status="done",
                counter_id=counter,
                officer_id=actor.officer_id,
                called_at=at(20, 9),
                finished_at=at(20, 9, 12),
            )
        )
        session.add(
            QueueTicket(
                unit_id=unit_id,
                day=today,
                number="A002",
                service="A",
                issued_at=at(20, 9, 10),
                status="serving",
                counter_id=counter,
                officer_id=actor.officer_id,
                called_at=at(20, 9, 50),
            )
        )
        session.add(
            QueueTicket(unit_id=unit_id, day=today, number="A003", service="A", issued_at=at(20, 9, 30))
        )
        session.add(
            QueueTicket(
                unit_id=unit_id,
                day=today,
                number="A004",
                service="A",
                priority=True,
                priority_reason="Người cao tuổi",
                issued_at=at(20, 9, 40),
            )
        )
        # yesterday's ticket never called: not part of today's queue
        session.add(
            QueueTicket(
                unit_id=unit_id, day=date(2026, 11, 19), number="A009", service="A", issued_at=at(19, 16)
            )
        )
    return Scenario(store, unit_id, other_id, actor, codes, citizen_id=citizen_id)


@pytest.fixture
def scenario(seeded_store) -> Scenario:
    return build_scenario(seeded_store)
