"""The document viewer: a digitised PDF page by page inside the terminal, opened in the desktop's viewer
with one key, and a snapshot at 80x24 drawn with half-blocks (the rendering every terminal has)."""

from __future__ import annotations

import os
import stat
import threading

import pytest
from textual_image._terminal import CellSize, get_cell_size

from counter_app.locale import t
from counter_app.screens.document_viewer import DocumentViewer
from counter_app.services import desktop_viewer
from counter_app.services.file_store import FileCorrupt
from counter_app.widgets.document_page import fit_cells
from tests.files.sample_pdfs import sample_pdf

from .helpers import login, notices, wait_for

PDF = sample_pdf(3)
TITLE = "Giấy khai sinh — bản sao"


@pytest.fixture(autouse=True)
def fixed_cells(monkeypatch):
    """The cell size textual-image measured is the terminal's: fix it (VT340's 10x20) for the same layout
    everywhere."""
    monkeypatch.setattr(get_cell_size, "_result", CellSize(10, 20), raising=False)


@pytest.fixture
def no_desktop(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)


async def open_viewer(pilot, loader=lambda: PDF) -> DocumentViewer:
    app = pilot.app
    await login(pilot)
    viewer = DocumentViewer(TITLE, loader, rendering="halfcell")
    app.push_screen(viewer)
    await wait_for(pilot, lambda: viewer.shown == (0, 1.0), "first page drawn")
    return viewer


def indicator(viewer: DocumentViewer) -> str:
    return str(viewer.query_one("#viewer-indicator").render())


def test_a_page_fits_the_area_keeping_its_proportions():
    a4 = (210, 297)
    assert fit_cells(a4, (79, 22), (10, 20)) == (31, 22)  # 80x24: the height limits it
    assert fit_cells(a4, (40, 200), (10, 20)) == (40, 28)  # a tall area: the width does
    assert fit_cells(a4, (79, 22), (10, 20), 2.0) == (62, 44)  # zoomed: it overflows, the area scrolls
    assert fit_cells((0, 0), (79, 22), (10, 20)) == (1, 1) and fit_cells(a4, (0, 0), (10, 20)) == (1, 1)


async def test_paging_through_a_three_page_document(app, no_desktop):
    threads = []

    def loader() -> bytes:
        threads.append(threading.current_thread())
        return PDF

    async with app.run_test(size=(80, 24)) as pilot:
        counter = None
        await login(pilot)
        counter = app.screen
        viewer = DocumentViewer(TITLE, loader, rendering="halfcell")
        app.push_screen(viewer)
        await wait_for(pilot, lambda: viewer.shown == (0, 1.0), "first page drawn")
        assert threads and threads[0] is not threading.main_thread()  # read in a worker, not the UI
        assert indicator(viewer) == "Trang 1/3"
        assert str(viewer.query_one("#viewer-title").render()) == TITLE
        image = viewer.query_one(".page-image")
        assert (image.size.width, image.size.height) == (31, 22)  # the whole page in 80x24
        for key, page, text in [
            ("pagedown", 1, "Trang 2/3"),
            ("right", 2, "Trang 3/3"),
            ("pagedown", 2, "Trang 3/3"),  # the last page stays
            ("pageup", 1, "Trang 2/3"),
            ("left", 0, "Trang 1/3"),
            ("left", 0, "Trang 1/3"),  # and so does the first
            ("end", 2, "Trang 3/3"),
            ("home", 0, "Trang 1/3"),
        ]:
            await pilot.press(key)
            await wait_for(
                pilot, lambda page=page: viewer.shown == (page, 1.0), f"page {page + 1} after {key}"
            )
            assert indicator(viewer) == text, key
        await pilot.press("plus")
        await wait_for(pilot, lambda: viewer.shown == (0, 1.5), "zoomed in")
        assert indicator(viewer) == "Trang 1/3 · Cỡ 150 %"
        assert viewer.query_one(".page-image").size.width > 31  # wider than the area: it scrolls
        await pilot.press("minus")
        await wait_for(pilot, lambda: viewer.shown == (0, 1.0), "back to the whole page")
        assert indicator(viewer) == "Trang 1/3"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is counter, "viewer closed")
        assert viewer.data is None  # the bytes are not kept after closing


async def test_o_without_a_desktop_says_so_in_one_line(app, no_desktop, monkeypatch):
    launched = []
    monkeypatch.setattr(desktop_viewer, "_launch", launched.append)
    async with app.run_test(size=(80, 24)) as pilot:
        viewer = await open_viewer(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: t("viewer.no_desktop") in notices(app, "warning"), "no-desktop notice")
        assert launched == [] and app.screen is viewer


async def test_o_on_a_desktop_opens_a_private_copy_in_the_system_viewer(app, monkeypatch, tmp_path):
    opener = tmp_path / "bin" / "xdg-open"
    opener.parent.mkdir()
    opener.write_text("#!/bin/sh\nexit 0\n")
    opener.chmod(0o700)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("PATH", f"{opener.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(desktop_viewer, "_private_dir", None)
    launched: list[list[str]] = []
    monkeypatch.setattr(desktop_viewer, "_launch", launched.append)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_viewer(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: t("viewer.opened_outside") in notices(app), "opened notice")
    ((command, path),) = [(c[0], c[1]) for c in launched]
    assert command == str(opener)
    copy = os.path.realpath(path)
    assert copy.startswith(str(runtime)) and copy.endswith(".pdf")
    assert open(copy, "rb").read() == PDF
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(copy)).st_mode) == 0o700
    assert "0" * 8 not in os.path.basename(copy)


async def test_a_corrupt_file_is_said_and_nothing_is_shown(app, no_desktop):
    def loader() -> bytes:
        raise FileCorrupt("files.corrupt", sha256="ab" * 6)

    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        viewer = DocumentViewer(TITLE, loader, rendering="halfcell")
        app.push_screen(viewer)
        await wait_for(pilot, lambda: viewer.error is not None, "failure shown")
        message = str(viewer.query_one("#viewer-message").render())
        assert "đã bị hỏng" in message and viewer.data is None and viewer.shown is None
        assert indicator(viewer) == ""
        await pilot.press("pagedown", "o")
        await wait_for(pilot, lambda: any("đã bị hỏng" in n for n in notices(app, "warning")), "o says why")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is not viewer, "closed")


async def test_a_damaged_pdf_is_said_in_vietnamese(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        viewer = DocumentViewer(TITLE, lambda: b"%PDF-1.7 not really", rendering="halfcell")
        app.push_screen(viewer)
        await wait_for(pilot, lambda: viewer.error is not None, "failure shown")
        assert viewer.error == t("viewer.pdf_damaged")


def test_document_viewer_snapshot(snap_compare, app):
    async def run_before(pilot) -> None:
        viewer = await open_viewer(pilot)
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: viewer.shown == (1, 1.0), "second page drawn")
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
