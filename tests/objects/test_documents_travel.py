# ruff: noqa: F811  (the fixtures imported from tests.sync.conftest are named again as arguments)
"""Issue 14's end-to-end check: a counter of Quảng Ngãi scans two components at intake with SANE's test backend,
prints the receipt, and hands the dossier to a ward of Hà Nội; both counters sync through a real PostgreSQL
(one role per counter, row-level security) and a real SeaweedFS; the receiving counter accepts the dossier and
opens the same pages (same hashes, same page counts). Nothing is mocked."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlmodel import select

from counter_app.config import ScannerSettings
from counter_app.db.models import Dossier, FileUpload, Officer
from counter_app.domain.file_ref import FileRef
from counter_app.services import capture, dossier_files, handover, intake, lookup
from counter_app.services.context import Actor
from counter_app.services.document_files import read_for_view
from counter_app.services.document_pages import page_count
from counter_app.services.intake import DocumentChoice, IntakeRequest
from counter_app.services.printouts import print_safely
from counter_app.sync.file_push import fetch_dossier_files
from counter_app.sync.runner import store_round
from tests.sync.conftest import (  # noqa: F401  (fixtures: two counters of two provinces, one central store)
    UNIT_B,
    central,
    central_url,
    counter_a,
    counter_b,
    counter_templates,
    locked_down,
)

pytestmark = [pytest.mark.pg, pytest.mark.needs_command("scanimage")]
DAY = __import__("datetime").datetime(2026, 11, 24, 9, 0)  # a Tuesday
FEEDER = "Automatic Document Feeder"


def officer(store) -> Actor:
    with store.session() as s:
        o = s.exec(
            select(Officer)
            .where(Officer.role == "officer", Officer.unit_id == store.unit_id)
            .order_by(Officer.username)
        ).first()
    return Actor(o.id, o.full_name, o.role, o.unit_id, store.settings.counter_id)


def test_scanned_pages_travel_with_the_handover_to_another_province(counter_a, counter_b, locked_down, s3):
    for store in (counter_a, counter_b):
        store.settings = replace(
            store.settings,
            files=s3.settings(),
            scanner=ScannerSettings(device="test", source=FEEDER, resolution=75, mode="Gray"),
        )
    a, b = officer(counter_a), officer(counter_b)
    files_a = dossier_files.files_of(counter_a)
    with counter_a.session() as s:
        names = [d.name for d in lookup.procedure_documents(s, "1.004873")]
        citizen = lookup.search_citizens(s, "0", limit=1)[0].id
    scans = [capture.scan_component(counter_a.settings, files_a, max_pages=n) for n in (2, 1)]
    refs = [FileRef(c.sha256, c.size, c.pages) for c in scans]
    assert [r.pages for r in refs] == [2, 1] and refs[0].sha256 != refs[1].sha256
    documents = [DocumentChoice(name, file=refs[i] if i < 2 else None) for i, name in enumerate(names)]
    dossier = intake.receive(counter_a, a, IntakeRequest("1.004873", documents, citizen_id=citizen), now=DAY)
    printed = print_safely(counter_a, dossier.code, "receipt")
    assert printed.ok, printed.message
    text = "".join(page.extract_text() for page in PdfReader(str(printed.path)).pages)
    copies = text.count("(Liên ")  # the slip is printed twice: one for the unit, one for the citizen
    assert copies == 2 and text.count("Đã số hóa") == 2 * copies  # the two scanned components, not the third
    handover.send(
        counter_a, a, dossier.code, UNIT_B, "Chuyển theo thẩm quyền", now=DAY + timedelta(minutes=5)
    )

    report = store_round(counter_a, now_source=lambda: DAY + timedelta(minutes=6))()
    assert report.files is not None and report.files.uploaded == 2, report
    with counter_a.session() as s:
        assert all(u.uploaded_at is not None for u in s.exec(select(FileUpload)).all())

    store_round(counter_b, now_source=lambda: DAY + timedelta(minutes=7))()
    handover.answer(counter_b, b, dossier.code, accept=True, now=DAY + timedelta(minutes=8))
    files_b = dossier_files.files_of(counter_b)
    assert not any(files_b.has(r.sha256) for r in refs)  # nothing until the dossier is opened
    fetched = fetch_dossier_files(counter_b, b, dossier.code)
    assert sorted(f.sha256 for f in fetched) == sorted(r.sha256 for r in refs)
    for ref in refs:
        opened = read_for_view(counter_b, b, sha256=ref.sha256, dossier_code=dossier.code)
        assert opened == files_a.read(ref.sha256)  # the same bytes, so the same pages
        assert page_count(opened) == ref.pages
    with counter_b.session() as s:
        row = s.exec(select(Dossier).where(Dossier.code == dossier.code)).one()
        assert row.custodian_unit_id == UNIT_B
