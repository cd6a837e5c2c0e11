"""Reading a digitised document for display: only through the access rules, every read logged like a record
view, a corrupt file refused, and nothing about the file in the application log."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import col, select

from counter_app.db.models import AccessLog, CitizenDocument, Dossier, DossierDocument, Unit
from counter_app.services import intake
from counter_app.services.context import Actor
from counter_app.services.document_files import file_belongs_to_dossier, read_for_view
from counter_app.services.errors import NotFound, ServiceError
from counter_app.services.file_store import FileCorrupt, FileStore
from tests.hardening.conftest import officer_actor
from tests.services.test_dossier_flow import THU, request_for

from .sample_pdfs import sample_pdf


def _log_lines(store) -> list[AccessLog]:
    with store.session() as s:
        return list(s.exec(select(AccessLog).order_by(col(AccessLog.seq))).all())


@pytest.fixture
def case(seeded_store):
    """A dossier received at the demo unit whose first reused component's citizen document has a stored PDF."""
    store = seeded_store
    actor = officer_actor(store)
    files = FileStore(store.settings.files_dir, reserve_bytes=0)
    pdf = sample_pdf(3)
    stored = files.put_bytes(pdf)
    receipt = intake.receive(store, actor, request_for(store), now=THU)
    with store.session() as s:
        dossier = s.exec(select(Dossier).where(Dossier.code == receipt.code)).one()
        component = s.exec(
            select(DossierDocument)
            .where(
                DossierDocument.dossier_id == dossier.id,
                col(DossierDocument.citizen_document_id).is_not(None),
            )
            .order_by(col(DossierDocument.position))
        ).first()
        document = s.get(CitizenDocument, component.citizen_document_id)
        document.file_hash = stored.sha256
        s.add(document)
        other_unit = s.exec(
            select(Unit.id).where(Unit.id != dossier.received_unit_id).order_by(Unit.id)
        ).first()
        citizen_id, dossier_id = dossier.citizen_id, dossier.id
    stranger = Actor(None, "Cán bộ đơn vị khác", "officer", other_unit, "000.00.00.X99#1")
    return {
        "store": store,
        "actor": actor,
        "stranger": stranger,
        "files": files,
        "pdf": pdf,
        "sha256": stored.sha256,
        "code": receipt.code,
        "dossier_id": dossier_id,
        "citizen_id": citizen_id,
    }


def test_a_dossiers_file_is_read_checked_and_the_view_logged(case):
    store, actor = case["store"], case["actor"]
    before = _log_lines(store)
    data = read_for_view(
        store, actor, sha256=case["sha256"], dossier_code=case["code"], purpose="Kiểm tra thành phần hồ sơ"
    )
    assert data == case["pdf"]
    (line,) = _log_lines(store)[len(before) :]
    assert (line.officer_id, line.unit_id, line.counter_id) == (
        actor.officer_id,
        actor.unit_id,
        actor.counter_id,
    )
    assert (line.dossier_id, line.citizen_id) == (case["dossier_id"], case["citizen_id"])
    assert line.purpose == "Kiểm tra thành phần hồ sơ"
    # without a purpose, the view is logged with the viewer's own
    read_for_view(store, actor, sha256=case["sha256"].upper(), dossier_code=case["code"])
    assert _log_lines(store)[-1].purpose == "Xem tài liệu số hóa của hồ sơ"


def test_a_unit_that_may_not_see_the_dossier_is_refused_and_nothing_is_logged(case):
    store = case["store"]
    before = len(_log_lines(store))
    with pytest.raises(NotFound) as caught:
        read_for_view(
            store, case["stranger"], sha256=case["sha256"], dossier_code=case["code"], purpose="Tò mò"
        )
    assert caught.value.key == "lookup.dossier_not_found"  # said exactly like a code nobody issued
    assert len(_log_lines(store)) == before


def test_a_file_that_is_not_the_dossiers_is_refused_and_nothing_is_logged(case):
    store, actor = case["store"], case["actor"]
    other = case["files"].put_bytes(sample_pdf(1)).sha256  # stored, but no component of this dossier
    before = len(_log_lines(store))
    with pytest.raises(NotFound) as caught:
        read_for_view(store, actor, sha256=other, dossier_code=case["code"], purpose="Kiểm tra")
    assert caught.value.key == "viewer.not_in_dossier" and other not in str(caught.value)
    with pytest.raises(ServiceError) as caught:
        read_for_view(store, actor, sha256="../../etc/passwd", dossier_code=case["code"], purpose="Kiểm tra")
    assert caught.value.key == "viewer.bad_reference"
    assert len(_log_lines(store)) == before


def test_a_corrupt_file_is_refused_never_shown_and_not_logged_as_viewed(case):
    store, actor, files = case["store"], case["actor"], case["files"]
    path = files.path_of(case["sha256"])
    damaged = bytearray(case["pdf"])
    damaged[len(damaged) // 2] ^= 0xFF  # one byte flipped by a failing disk
    path.write_bytes(bytes(damaged))
    before = len(_log_lines(store))
    with pytest.raises(FileCorrupt) as caught:
        read_for_view(store, actor, sha256=case["sha256"], dossier_code=case["code"], purpose="Kiểm tra")
    assert "đã bị hỏng" in str(caught.value) and "\n" not in str(caught.value)
    assert len(_log_lines(store)) == before
    path.unlink()
    with pytest.raises(ServiceError) as caught:
        read_for_view(store, actor, sha256=case["sha256"], dossier_code=case["code"], purpose="Kiểm tra")
    assert caught.value.key == "files.missing"
    assert len(_log_lines(store)) == before


def test_a_citizens_file_is_read_for_that_citizen_only(case):
    store, actor = case["store"], case["actor"]
    before = len(_log_lines(store))
    data = read_for_view(
        store, actor, sha256=case["sha256"], citizen_id=case["citizen_id"], purpose="Tra cứu"
    )
    assert data == case["pdf"]
    line = _log_lines(store)[-1]
    assert (line.citizen_id, line.dossier_id, line.purpose) == (case["citizen_id"], None, "Tra cứu")
    with store.session() as s:
        someone_else = s.exec(
            select(CitizenDocument.citizen_id).where(CitizenDocument.citizen_id != case["citizen_id"])
        ).first()
    with pytest.raises(NotFound) as caught:
        read_for_view(store, actor, sha256=case["sha256"], citizen_id=someone_else, purpose="Tra cứu")
    assert caught.value.key == "viewer.not_the_citizens"
    assert len(_log_lines(store)) == before + 1


def test_a_read_names_one_owner_and_needs_a_purpose(case):
    store, actor = case["store"], case["actor"]
    for owners in ({}, {"dossier_code": case["code"], "citizen_id": case["citizen_id"]}):
        with pytest.raises(ServiceError) as caught:
            read_for_view(store, actor, sha256=case["sha256"], **owners)
        assert caught.value.key == "viewer.owner_required"
    with pytest.raises(ServiceError) as caught:
        read_for_view(store, actor, sha256=case["sha256"], dossier_code=case["code"], purpose="   ")
    assert caught.value.key == "access.purpose_required"


def test_nothing_about_the_file_goes_to_the_application_log(case, caplog):
    store, actor = case["store"], case["actor"]
    with caplog.at_level(logging.DEBUG):
        read_for_view(store, actor, sha256=case["sha256"], dossier_code=case["code"], purpose="Kiểm tra")
        case["files"].path_of(case["sha256"]).write_bytes(b"%PDF-1.7 damaged")
        with pytest.raises(FileCorrupt):
            read_for_view(store, actor, sha256=case["sha256"], dossier_code=case["code"], purpose="Kiểm tra")
    logged = caplog.text
    assert case["sha256"] not in logged and case["sha256"][:12] not in logged
    assert "Page 1" not in logged and "damaged" not in logged


def test_file_belongs_to_dossier_through_reuse_and_the_new_columns(case):
    store = case["store"]
    with store.session() as s:
        assert file_belongs_to_dossier(s, case["dossier_id"], case["sha256"])
        assert not file_belongs_to_dossier(s, case["dossier_id"], "0" * 64)
    own, result = "1" * 64, "2" * 64
    with store.session() as s:
        component = s.exec(
            select(DossierDocument).where(DossierDocument.dossier_id == case["dossier_id"])
        ).first()
        component.file_hash = own
        dossier = s.get(Dossier, case["dossier_id"])
        dossier.result_file_hash = result
        s.add_all([component, dossier])
    with store.session() as s:
        assert file_belongs_to_dossier(s, case["dossier_id"], own)
        assert file_belongs_to_dossier(s, case["dossier_id"], result)
