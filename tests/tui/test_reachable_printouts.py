"""The control sheet, the ledger and the catalogue poster are reachable from the screens (issue 15): P on the
dossier view prints the dossier's control sheet; on the supervisor screen S prints the tracking ledger of the
period the indicators show (and logs the view: it lists applicants' data) and D the catalogue poster with the
QR code of each procedure. Each test reads the PDF back."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from sqlmodel import col, select

from counter_app.db.models import AccessLog
from counter_app.domain.states import Status
from counter_app.screens.supervisor_live import SupervisorScreen

from .helpers import SIZE, find_code, login, notices, open_dossier_screen, open_supervisor_screen, wait_for


def _text(path: Path) -> str:
    pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(unicodedata.normalize("NFC", " ".join(p.extract_text().split())) for p in pages)


async def _printed(pilot, what: str) -> Path:
    """The PDF of the «Đã tạo <what> (PDF): <path>» notice, once it comes."""
    app = pilot.app
    await wait_for(pilot, lambda: any(n.startswith(f"Đã tạo {what}") for n in notices(app)), what)
    said = [n for n in notices(app) if n.startswith(f"Đã tạo {what}")][-1]
    return Path(re.search(r"\(PDF\): (\S+\.pdf)", said).group(1))


async def _as_supervisor(pilot) -> SupervisorScreen:
    screen = await open_supervisor_screen(pilot)
    await wait_for(pilot, lambda: screen.refreshes > 0, "supervisor screen loaded")
    return screen


async def test_p_on_the_dossier_view_prints_its_control_sheet(app, store):
    code = find_code(store, status=Status.PROCESSING)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await open_dossier_screen(pilot, code)
        await pilot.press("p")
        path = await _printed(pilot, "phiếu kiểm soát")
    text = _text(path)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text.upper()
    assert code in text.replace(" ", "")
    assert not notices(app, "error")


@pytest.mark.parametrize("status", [Status.REGISTERED_ONLINE, Status.REFUSED])
async def test_the_control_sheet_key_is_not_offered_for_a_dossier_not_received(app, store, status):
    code = find_code(store, status=status)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        assert screen.check_action("control_sheet", ()) is False


async def test_s_on_the_supervisor_screen_prints_the_ledger_of_the_period_and_logs_it(app, store):
    async with app.run_test(size=SIZE) as pilot:
        screen = await _as_supervisor(pilot)
        await pilot.press("t")  # this month
        await wait_for(pilot, lambda: screen.period == "month", "month chosen")
        await pilot.press("s")
        path = await _printed(pilot, "sổ theo dõi")
        start = app.now().date().replace(day=1)
    text = _text(path)
    assert "SỔ THEO DÕI HỒ SƠ" in text.upper()
    assert f"{start:%d/%m/%Y}" in text
    with store.session() as session:
        last = session.exec(select(AccessLog).order_by(col(AccessLog.seq).desc())).first()
    assert last is not None and last.purpose.startswith("In sổ theo dõi hồ sơ từ 01/")
    assert last.officer_name and last.citizen_id is None
    assert not notices(app, "error")


async def test_d_on_the_supervisor_screen_prints_the_catalogue_poster(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await _as_supervisor(pilot)
        await pilot.press("d")
        path = await _printed(pilot, "danh mục thủ tục")
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH" in _text(path)
    page = pdfium.PdfDocument(path.read_bytes())[0].render(scale=200 / 72).to_pil()
    codes = [r.text for r in zxingcpp.read_barcodes(page) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert codes and all(c.startswith("https://") for c in codes)
