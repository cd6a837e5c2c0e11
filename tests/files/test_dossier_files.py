"""A dossier's digitised files through the services, on SQLite and on PostgreSQL: components at intake and
later, reuse from the citizen's store, expiry, the e-result, and the files' outbox."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import select

from counter_app.db.models import CitizenDocument, Dossier, DossierDocument, DossierEvent, FileUpload
from counter_app.domain.file_ref import FileRef
from counter_app.domain.states import Status
from counter_app.services import dossier_files, intake, lookup, workflow
from counter_app.services.errors import NotFound, ServiceError
from counter_app.services.intake import DocumentChoice, IntakeRequest
from tests.services.test_dossier_flow import THU, clerk

PROCEDURE = "1.004873"


def pdf(text: str, pages: int = 1) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for n in range(pages):
        page.drawString(72, 720, f"{text} {n + 1}")
        page.showPage()
    page.save()
    return out.getvalue()


def stored(store, text: str, pages: int = 1) -> FileRef:
    kept = dossier_files.files_of(store).put_bytes(pdf(text, pages))
    return FileRef(kept.sha256, kept.size, pages)


def citizen_without_documents(store) -> str:
    with store.session() as s:
        return next(
            c.id for c in lookup.search_citizens(s, "0", limit=80) if not lookup.citizen_documents(s, c.id)
        )


def components(store) -> list:
    with store.session() as s:
        return [d for d in lookup.procedure_documents(s, PROCEDURE)]


def take_in(store, citizen_id: str, files: dict[int, FileRef], **reuse) -> Dossier:
    docs = []
    for position, d in enumerate(components(store), start=1):
        held = reuse.get(d.doc_kind or "")
        docs.append(
            DocumentChoice(d.name, d.copy_kind, d.quantity, True, held is not None, held, files.get(position))
        )
    request = IntakeRequest(procedure_code=PROCEDURE, documents=docs, citizen_id=citizen_id)
    return intake.receive(store, clerk(store), request, now=THU)


def rows(store, dossier_id: str) -> list[DossierDocument]:
    with store.session() as s:
        return list(
            s.exec(
                select(DossierDocument)
                .where(DossierDocument.dossier_id == dossier_id)
                .order_by(DossierDocument.position)
            ).all()
        )


def test_a_component_scanned_at_intake_is_attached_kept_for_the_citizen_and_queued(seeded_store):
    store = seeded_store
    kinds = [d.doc_kind for d in components(store)]
    position = next(i for i, k in enumerate(kinds, start=1) if k)  # a component a later dossier can reuse
    citizen = citizen_without_documents(store)
    file = stored(store, "giấy khai sinh", pages=2)
    dossier = take_in(store, citizen, {position: file})
    attached = rows(store, dossier.id)[position - 1]
    assert (attached.file_hash, attached.file_size, attached.file_pages) == (file.sha256, file.size, 2)
    assert all(r.file_hash == "" for r in rows(store, dossier.id) if r.position != position)
    with store.session() as s:
        event = s.exec(select(DossierEvent).where(DossierEvent.dossier_id == dossier.id)).one()
        assert event.payload["documents"][position - 1]["file"] == file.as_payload()
        assert "file" not in event.payload["documents"][0 if position != 1 else 1]
        held = lookup.citizen_documents(s, citizen)
        assert [(d.kind, d.file_hash, d.source, d.dossier_code) for d in held] == [
            (kinds[position - 1], file.sha256, "counter", dossier.code)
        ]
        upload = s.get(FileUpload, file.sha256)
        assert upload is not None and upload.size == file.size and upload.uploaded_at is None


def test_reuse_attaches_the_held_file_once_and_stores_no_copy(seeded_store):
    store = seeded_store
    kinds = [d.doc_kind for d in components(store)]
    position = next(i for i, k in enumerate(kinds, start=1) if k)
    kind = kinds[position - 1]
    citizen = citizen_without_documents(store)
    file = stored(store, "bản gốc")
    take_in(store, citizen, {position: file})
    with store.session() as s:
        (held,) = lookup.citizen_documents(s, citizen)
    before = sorted(dossier_files.files_of(store).hashes())
    second = take_in(store, citizen, {}, **{kind: held.id})
    row = rows(store, second.id)[position - 1]
    assert row.reused and row.citizen_document_id == held.id and row.file_hash == file.sha256
    assert sorted(dossier_files.files_of(store).hashes()) == before  # no second copy
    with store.session() as s:
        assert len(lookup.citizen_documents(s, citizen)) == 1  # a reused document is not saved again
        assert len(s.exec(select(FileUpload).where(FileUpload.sha256 == file.sha256)).all()) == 1


def test_an_expired_or_foreign_document_is_not_reused_and_nothing_is_written(seeded_store):
    store = seeded_store
    kinds = [d.doc_kind for d in components(store)]
    kind = next(k for k in kinds if k)
    citizen, other = citizen_without_documents(store), None
    with store.session() as s:
        other = next(c.id for c in lookup.search_citizens(s, "0", limit=80) if c.id != citizen)
        expired = CitizenDocument(
            citizen_id=citizen,
            kind=kind,
            title="Giấy cũ",
            source="national",
            expires_on=THU.date() - timedelta(days=1),
            created_at=THU,
        )
        foreign = CitizenDocument(
            citizen_id=other, kind=kind, title="Của người khác", source="national", created_at=THU
        )
        s.add(expired)
        s.add(foreign)
        s.flush()
        expired_id, foreign_id = expired.id, foreign.id
    with store.session() as s:
        count = len(s.exec(select(Dossier)).all())
    with pytest.raises(ServiceError, match="hết hiệu lực ngày 18/11/2026"):
        take_in(store, citizen, {}, **{kind: expired_id})
    with pytest.raises(ServiceError, match="không có trong kho dữ liệu của công dân này"):
        take_in(store, citizen, {}, **{kind: foreign_id})
    missing = FileRef("0" * 64, 10, 1)
    with pytest.raises(ServiceError, match="Chưa có tệp số hóa"):
        take_in(store, citizen, {1: missing})
    with store.session() as s:
        assert len(s.exec(select(Dossier)).all()) == count
        assert s.get(FileUpload, missing.sha256) is None


def test_a_component_digitised_later_and_the_result_as_an_e_result(seeded_store):
    store = seeded_store
    citizen = citizen_without_documents(store)
    dossier = take_in(store, citizen, {})
    actor = clerk(store)
    later = stored(store, "bổ sung sau", pages=3)
    dossier_files.attach_component_file(store, actor, dossier.code, 1, later, now=THU + timedelta(hours=1))
    first = rows(store, dossier.id)[0]
    assert (first.file_hash, first.file_pages) == (later.sha256, 3)
    with pytest.raises(ServiceError, match="Không có thành phần số 99"):
        dossier_files.attach_component_file(store, actor, dossier.code, 99, later, now=THU)
    other_unit = replace(actor, unit_id="99999")
    with pytest.raises(NotFound):  # a unit that may not see the dossier: «not found», as for any code
        dossier_files.attach_component_file(store, other_unit, dossier.code, 1, later, now=THU)
    with pytest.raises(ServiceError, match="chưa có kết quả"):
        dossier_files.digitise_result(store, actor, dossier.code, later, now=THU)
    workflow.start_processing(store, actor, dossier.code, now=THU + timedelta(hours=2))
    workflow.mark_result_ready(store, actor, dossier.code, now=THU + timedelta(hours=3))
    with pytest.raises(ServiceError, match="đã có kết quả"):
        dossier_files.attach_component_file(store, actor, dossier.code, 1, later, now=THU)
    result = stored(store, "giấy chứng nhận", pages=1)
    workflow.return_result(
        store,
        actor,
        dossier.code,
        receiver_name="",
        id_checked=True,
        result_file=result,
        now=THU + timedelta(hours=4),
    )
    with store.session() as s:
        row = s.get(Dossier, dossier.id)
        assert row.status == Status.RETURNED and row.result_file_hash == result.sha256
        e_results = [d for d in lookup.citizen_documents(s, citizen) if d.source == "result"]
        assert [(d.file_hash, d.dossier_code) for d in e_results] == [(result.sha256, dossier.code)]
        assert e_results[0].title.startswith("Kết quả: ")
        assert s.get(FileUpload, result.sha256) is not None


def test_usable_on_is_inclusive_of_the_last_day():
    from counter_app.domain.document_validity import usable_on

    assert usable_on(None, date(2030, 1, 1))
    assert usable_on(date(2026, 12, 1), date(2026, 12, 1))
    assert not usable_on(date(2026, 12, 1), date(2026, 12, 2))


def test_a_file_reference_refuses_what_is_not_a_file():
    with pytest.raises(ValueError):
        FileRef("x" * 64, 10, 1)
    with pytest.raises(ValueError):
        FileRef("a" * 64, 0, 1)
    assert FileRef.from_columns("a" * 64, 0, 0) is None  # an old made-up hash without a file
    assert FileRef.from_payload({"sha256": "a" * 64, "size": 5, "pages": 2}) == FileRef("a" * 64, 5, 2)
    assert datetime  # imported for the module's times
