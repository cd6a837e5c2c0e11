"""Applicants entered by hand at intake (issue 13): a personal number, an old CMND, a passport, an
organisation, someone acting for another; phone and e-mail stored on the dossier. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import select

from counter_app.db.models import Citizen, Dossier, DossierEvent
from counter_app.db.projection import replay
from counter_app.services import citizens, intake, lookup
from counter_app.services.errors import ServiceError
from counter_app.services.ids import citizen_id_for
from counter_app.services.intake import DocumentChoice, IntakeRequest, check_applicant
from tests.services.test_dossier_flow import THU, clerk


def _request(store, entry, procedure_code="1.004873") -> IntakeRequest:
    with store.session() as s:
        docs = [
            DocumentChoice(d.name, d.copy_kind, d.quantity, True)
            for d in lookup.procedure_documents(s, procedure_code)
        ]
    return IntakeRequest(procedure_code=procedure_code, documents=docs, applicant=entry)


def _row(store, code) -> Dossier:
    with store.session() as s:
        return s.exec(select(Dossier).where(Dossier.code == code)).one()


def test_a_typed_personal_number_makes_the_units_own_citizen_record(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    entry = check_applicant(
        "citizen",
        "cccd",
        " 051303000123 ",
        "Lê Thị Hoa",
        "Phường Cẩm Thành",
        phone="0912 345 678",
        email="hoa@example.vn",
    )
    d = intake.receive(store, actor, _request(store, entry), now=THU)
    row = _row(store, d.code)
    assert row.citizen_id == citizen_id_for(actor.unit_id, "051303000123")
    assert (row.applicant_cccd, row.applicant_id_type, row.applicant_id_number) == (
        "051303000123",
        "cccd",
        "051303000123",
    )
    assert (row.applicant_phone, row.applicant_email) == ("0912345678", "hoa@example.vn")
    with store.session() as s:
        citizen = s.get(Citizen, row.citizen_id)
        assert citizen is not None and citizen.full_name == "Lê Thị Hoa" and citizen.phone == "0912345678"


def test_open_typed_logs_the_view_and_finds_the_same_record_again(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    entry = check_applicant("citizen", "cccd", "051303000123", "Lê Thị Hoa")
    first = citizens.open_typed(store, actor, entry, purpose="Tiếp nhận hồ sơ", now=THU)
    again = citizens.open_typed(store, actor, entry, purpose="Tiếp nhận hồ sơ", now=THU)
    assert first.citizen.id == again.citizen.id == citizen_id_for(actor.unit_id, "051303000123")
    assert first.log is not None


@pytest.mark.parametrize(
    ("id_type", "number", "stored"),
    [
        ("cmnd", "212345678", "212345678"),
        ("passport", "c1234567", "C1234567"),
        ("passport", "X12345AB", "X12345AB"),
    ],
)
def test_a_person_without_a_chip_card_is_taken_in(seeded_store, id_type, number, stored):
    store, actor = seeded_store, clerk(seeded_store)
    entry = check_applicant(
        "citizen", id_type, number, "John Smith", "Khách sạn Mường Thanh", phone="+84 912 345 678"
    )
    d = intake.receive(store, actor, _request(store, entry), now=THU)
    row = _row(store, d.code)
    assert row.citizen_id is None and row.applicant_cccd == ""
    assert (row.applicant_kind, row.applicant_id_type, row.applicant_id_number) == (
        "citizen",
        id_type,
        stored,
    )
    assert row.applicant_name == "John Smith" and row.applicant_phone == "+84912345678"


def test_an_organisation_with_its_representative(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    entry = check_applicant(
        "organisation",
        "tax_code",
        "4300123456-001",
        "Công ty TNHH Sông Trà",
        "12 Quang Trung, Quảng Ngãi",
        representative_name="Nguyễn Văn Tâm",
        representative_id="051085000456",
        email="lienhe@songtra.vn",
    )
    d = intake.receive(store, actor, _request(store, entry), now=THU)
    assert (d.applicant_kind, d.representative_name) == ("organisation", "Nguyễn Văn Tâm")  # the view too
    row = _row(store, d.code)
    assert (row.applicant_kind, row.applicant_id_type, row.applicant_id_number) == (
        "organisation",
        "tax_code",
        "4300123456-001",
    )
    assert (row.representative_name, row.representative_id) == ("Nguyễn Văn Tâm", "051085000456")
    assert row.applicant_name == "Công ty TNHH Sông Trà" and row.citizen_id is None
    # the row is a projection of its events: replaying them gives the same applicant
    with store.session() as s:
        events = s.exec(select(DossierEvent).where(DossierEvent.dossier_id == row.id)).all()
        assert events[0].payload["set"]["representative_name"] == "Nguyễn Văn Tâm"
        replay(s, row.id)
        again = s.get(Dossier, row.id)
        assert again is not None and again.applicant_id_number == "4300123456-001"


def test_someone_acting_for_a_person(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    entry = check_applicant(
        "citizen",
        "cmnd",
        "212345678",
        "Phạm Văn Bình",
        representative_name="Phạm Thị Lan",
        representative_id="B7654321",
    )
    d = intake.receive(store, actor, _request(store, entry), now=THU)
    row = _row(store, d.code)
    assert (row.representative_name, row.representative_id) == ("Phạm Thị Lan", "B7654321")


REFUSED = [
    (("citizen", "cccd", "05130300012"), {}, "12 chữ số"),
    (("citizen", "cmnd", "21234567"), {}, "9 chữ số"),
    (("citizen", "passport", "Hà123456"), {}, "hộ chiếu"),
    (("citizen", "tax_code", "4300123456"), {}, "mã số thuế"),
    (("organisation", "cccd", "051303000123"), {}, "mã số thuế"),
    (("organisation", "tax_code", "43001234"), {"representative_name": "A"}, "Mã số thuế «43001234»"),
    (("organisation", "tax_code", "4300123456"), {}, "người đại diện"),
    (("citizen", "cmnd", "212345678"), {"representative_id": "12"}, "người đại diện «12»"),
    (("citizen", "cmnd", "212345678"), {"representative_id": "051085000456"}, "người đại diện"),
    (("citizen", "cmnd", "212345678"), {"phone": "12345"}, "Số điện thoại «12345»"),
    (("citizen", "cmnd", "212345678"), {"email": "hoa@"}, "Thư điện tử «hoa@»"),
    (("citizen", "cmnd", "212345678\x1b"), {}, "U+001B"),
    (("someone", "cmnd", "212345678"), {}, "Loại người nộp"),
]


@pytest.mark.parametrize(("args", "extra", "words"), REFUSED)
def test_bad_input_is_one_vietnamese_line_naming_the_field(args, extra, words):
    with pytest.raises(ServiceError) as caught:
        check_applicant(*args, "Lê Văn Sáu", **extra)
    message = str(caught.value)
    assert words in message and "\n" not in message and "Traceback" not in message


def test_a_refused_applicant_changes_nothing(seeded_store):
    store, actor = seeded_store, clerk(seeded_store)
    with store.session() as s:
        before = len(s.exec(select(Dossier.id)).all())
    bad = intake.ApplicantEntry("citizen", "cmnd", "12", "Lê Văn Sáu")
    with pytest.raises(ServiceError):
        intake.receive(store, actor, _request(store, bad), now=THU)
    with store.session() as s:
        assert len(s.exec(select(Dossier.id)).all()) == before


def test_a_unit_without_its_identifier_cannot_issue_codes(seeded_store):
    """Identifiers are configured, never derived: an actor whose counter has no identifier is told to run
    setup (one line), and nothing is written."""
    store = seeded_store
    actor = clerk(store)
    unset = type(actor)(actor.officer_id, actor.name, actor.role, actor.unit_id, f"?{actor.unit_id}#2")
    entry = check_applicant("citizen", "cmnd", "212345678", "Phạm Văn Bình")
    with pytest.raises(ServiceError) as caught:
        intake.receive(store, unset, _request(store, entry), now=THU)
    assert caught.value.key == "applicants.no_identifier"
    assert "--identifier" in str(caught.value) and "\n" not in str(caught.value)


def test_the_receipt_names_an_organisation_by_its_tax_code_and_its_representative(seeded_store):
    """Mẫu 01 says who the applicant is when there is no card: the number they were identified by and who
    handed the dossier in for them (read back from the printed PDF)."""
    import io

    from pypdf import PdfReader

    from counter_app.services import printing_service

    store, actor = seeded_store, clerk(seeded_store)
    entry = check_applicant(
        "organisation",
        "tax_code",
        "4300123456",
        "Công ty TNHH Sông Trà",
        "12 Quang Trung, Quảng Ngãi",
        representative_name="Nguyễn Văn Tâm",
        representative_id="051085000456",
    )
    d = intake.receive(store, actor, _request(store, entry), now=THU)
    pdf = printing_service.render(store, "receipt", d.code)
    text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Mã số thuế: 4300123456" in text
    assert "Người nộp thay (đại diện theo ủy quyền): Nguyễn Văn Tâm (051085000456)" in text
