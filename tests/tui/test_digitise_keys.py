"""Digitising by keys: at intake S scans the highlighted component with SANE's test backend (in a worker, the
screen stays live), F imports a file, V shows it; F10 saves the dossier with its files. In the dossier view,
the result's row is digitised the same way once the result exists."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.pdfgen import canvas

from counter_app.config import ScannerSettings
from counter_app.domain.states import Status
from counter_app.services import lookup
from counter_app.services.demo import demo_card_payloads

from .helpers import SIZE, find_code, login, open_dossier_screen, start_intake, type_text, wait_for

pytestmark = pytest.mark.needs_command("scanimage")


def with_test_scanner(store, resolution: int = 75) -> None:
    store.settings = replace(
        store.settings,
        scanner=ScannerSettings(
            device="test", source="Automatic Document Feeder", resolution=resolution, mode="Gray"
        ),
    )


def a_pdf(path, pages: int) -> None:
    page = canvas.Canvas(str(path))
    for n in range(pages):
        page.drawString(72, 720, f"Trang {n + 1}")
        page.showPage()
    page.save()


async def test_scan_import_view_and_save_at_intake(app, store, tmp_path):
    with_test_scanner(store)
    payload = demo_card_payloads(store, limit=1)[0]
    citizen_file = tmp_path / "giay-to.pdf"
    a_pdf(citizen_file, 2)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await start_intake(pilot, payload)
        checklist = screen.query_one("#checklist")
        checklist.focus()
        await pilot.press("s")  # scan into row 1
        await wait_for(pilot, lambda: checklist.rows_data[0].file is not None, "row 1 scanned", timeout=30)
        scanned = checklist.rows_data[0].file
        assert scanned.pages >= 1 and checklist.rows_data[0].received
        assert "tr ·" in str(checklist.get_cell("0", "file"))
        await pilot.press("down", "f")  # import a file into row 2
        await pilot.pause()
        field = app.screen.query_one("#path")
        field.value = ""
        await type_text(pilot, str(citizen_file), enter=True)
        await wait_for(pilot, lambda: checklist.rows_data[1].file is not None, "row 2 imported", timeout=20)
        assert checklist.rows_data[1].file.pages == 2
        await pilot.press("v")  # the viewer opens on row 2's file
        from counter_app.screens.document_viewer import DocumentViewer

        await wait_for(pilot, lambda: isinstance(app.screen, DocumentViewer), "viewer open")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back to the intake")
        await pilot.press("f10")
        await wait_for(pilot, lambda: screen.outcome is not None, "dossier saved")
        code = screen.outcome.code
    with store.session() as s:
        detail = lookup.dossier_detail(s, code)
    files = [(d.file_hash, d.file_pages) for d in detail.documents]
    assert files[0] == (scanned.sha256, scanned.pages)
    assert files[1][1] == 2 and files[1][0] != scanned.sha256


async def test_a_scan_is_stopped_by_escape_and_nothing_is_attached(app, store):
    with_test_scanner(store, resolution=600)  # ten large pages: long enough to be stopped half-way
    payload = demo_card_payloads(store, limit=1)[0]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await start_intake(pilot, payload)
        checklist = screen.query_one("#checklist")
        checklist.focus()
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.capturing, "scan started")
        await pilot.press("escape")  # stops the scan, does not leave the screen
        await wait_for(pilot, lambda: not screen.capturing, "scan stopped", timeout=20)
        assert app.screen is screen
        assert checklist.rows_data[0].file is None


async def test_the_result_row_is_digitised_in_the_dossier_view(app, store, tmp_path):
    code = find_code(store, status=int(Status.RESULT_READY), custodian=store.unit_id)
    result = tmp_path / "ket-qua.pdf"
    a_pdf(result, 1)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        table = screen.query_one("#dossier-docs")
        assert table.row_keys[-1] == "result"
        table.focus()
        table.move_cursor(row=len(table.row_keys) - 1)
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#path").value = str(result)
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: screen.detail is not None and screen.detail.dossier.result_file_hash != "",
            "result digitised",
            timeout=20,
        )
    with store.session() as s:
        citizen = screen.detail.dossier.citizen_id
        held = [d for d in lookup.citizen_documents(s, citizen or "") if d.source == "result"]
    if screen.detail.dossier.citizen_id:  # the citizen's store keeps it as an e-result
        mine = [d for d in held if d.dossier_code == code]
        assert [d.file_hash for d in mine] == [screen.detail.dossier.result_file_hash]


async def test_the_result_is_digitised_at_the_hand_over(app, store, tmp_path):
    from counter_app.screens.return_result import ReturnScreen

    code = find_code(store, status=int(Status.RESULT_READY), custodian=store.unit_id)
    result = tmp_path / "quyet-dinh.pdf"
    a_pdf(result, 2)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = ReturnScreen(code)
        app.push_screen(screen)
        await wait_for(pilot, lambda: screen.detail is not None, "dossier loaded on the return screen")
        await pilot.press("f9")
        await pilot.pause()
        app.screen.query_one("#path").value = str(result)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.result_file is not None, "result imported", timeout=20)
        assert "2 trang" in str(screen.query_one("#return-result-file").render())
        await pilot.press("f10")
        await wait_for(pilot, lambda: not screen.saving and screen.detail is not None, "returned")
        await pilot.pause(0.5)
    with store.session() as s:
        detail = lookup.dossier_detail(s, code)
        assert detail.dossier.status == Status.RETURNED
        assert detail.dossier.result_file_hash == screen.result_file.sha256
        if detail.dossier.citizen_id:
            kept = [
                d for d in lookup.citizen_documents(s, detail.dossier.citizen_id) if d.dossier_code == code
            ]
            assert [(d.source, d.file_hash) for d in kept] == [("result", screen.result_file.sha256)]
