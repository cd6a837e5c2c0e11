"""A printed receipt's two codes open its dossier wherever the officer scans them (issue 15).

The codes are read from a real receipt: the PDF the app prints, rendered with pypdfium2 and decoded with
zxing-cpp, exactly as a handheld scanner reads the paper — the signed QR (``MC:`` and digits) and the Code 128
barcode of the dossier code. F5 checks the QR's signature before it shows the result to hand over.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp

from counter_app.domain.states import Status
from counter_app.screens.dossier import DossierScreen
from counter_app.screens.find import FindScreen
from counter_app.screens.handover_inbox import HandoverInboxScreen
from counter_app.screens.return_result import ReturnScreen
from counter_app.widgets.scan import CodeScan, classify, is_scan_like

from .helpers import SIZE, find_code, login, notices, type_text, wait_for


def printed_codes(store, code: str) -> dict[str, str]:
    """{"QRCode": …, "Code128": …} as zxing-cpp reads them off the first page of the receipt the app prints."""
    from counter_app.services.printing_service import render

    page = pdfium.PdfDocument(render(store, "receipt", code))[0].render(scale=300 / 72).to_pil()
    found = {r.format.name: r.text for r in zxingcpp.read_barcodes(page)}
    assert set(found) >= {"QRCode", "Code128"}, found
    return found


def _tampered(payload: str) -> str:
    """The payload with one digit of its signature changed (still readable, no longer genuine)."""
    last = payload[-20]
    return payload[:-20] + ("1" if last != "1" else "2") + payload[-19:]


def _on_dossier(app, code: str) -> bool:
    screen = app.screen
    return (
        isinstance(screen, DossierScreen) and screen.detail is not None and screen.detail.dossier.code == code
    )


def test_the_printed_qr_and_barcode_are_scans_of_the_dossier(store):
    from counter_app.widgets.scan import ReceiptScan

    code = find_code(store, status=Status.RECEIVED)
    codes = printed_codes(store, code)
    qr, barcode = codes["QRCode"], codes["Code128"]
    assert qr.startswith("MC:") and barcode == code
    assert is_scan_like(qr) and is_scan_like(barcode)
    scan = classify(qr + "\r\n")
    assert isinstance(scan, ReceiptScan) and scan.code == code and scan.payload == qr
    assert classify(barcode) == CodeScan(code)


@pytest.mark.parametrize("which", ["QRCode", "Code128"])
async def test_the_counter_screen_opens_the_receipts_dossier_whatever_has_focus(app, store, which):
    code = find_code(store, status=Status.RECEIVED)
    text = printed_codes(store, code)[which]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        home = app.screen
        # the scan field has focus: the scanner types into it
        await type_text(pilot, text, enter=True)
        await wait_for(pilot, lambda: _on_dossier(app, code), "dossier opened from the scan field")
        app.go_home()
        await wait_for(pilot, lambda: app.screen is home, "back home")
        # focus on the table of dossiers due: the burst of keys is a scan, Enter does not open its row
        table = home.query_one("#due-table")
        await wait_for(pilot, lambda: table.row_count > 0, "dossiers due listed")
        table.focus()
        await pilot.pause()
        await type_text(pilot, text, enter=True)
        await wait_for(pilot, lambda: _on_dossier(app, code), "dossier opened with the due table focused")
        await pilot.pause(0.2)
        assert _on_dossier(app, code)  # not replaced by the row Enter would have opened
        assert len(app.screen_stack) == 3


async def test_f4_f6_and_the_dossier_view_open_the_receipts_dossier(app, store):
    code = find_code(store, status=Status.RECEIVED)
    other = find_code(store, status=Status.PROCESSING)
    qr = printed_codes(store, code)["QRCode"]
    other_barcode = printed_codes(store, other)["Code128"]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, FindScreen), "find screen")
        await type_text(pilot, qr, enter=True)
        await wait_for(pilot, lambda: _on_dossier(app, code), "dossier opened from F4")
        # from the dossier view, another receipt's barcode opens the other dossier
        await type_text(pilot, other_barcode, enter=True)
        await wait_for(pilot, lambda: _on_dossier(app, other), "other dossier opened from the dossier view")
        # and the QR from there
        await type_text(pilot, qr, enter=True)
        await wait_for(pilot, lambda: _on_dossier(app, code), "dossier opened again by its QR")
        app.go_home()
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverInboxScreen), "handover inbox")
        await type_text(pilot, qr, enter=True)
        await wait_for(pilot, lambda: _on_dossier(app, code), "dossier opened from F6")
        assert not notices(app, "error")


async def test_f5_checks_the_signature_then_shows_the_result_to_hand_over(app, store):
    code = find_code(store, status=Status.RESULT_READY)
    qr = printed_codes(store, code)["QRCode"]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, ReturnScreen), "return screen")
        screen = app.screen
        # a forged QR (one digit of the signature changed) is refused, and nothing of the dossier shows
        await type_text(pilot, _tampered(qr), enter=True)
        await wait_for(pilot, lambda: notices(app, "error"), "the forged QR refused")
        said = notices(app, "error")[-1]
        assert said.startswith("Mã QR trên giấy tiếp nhận không hợp lệ") and code not in said
        assert screen.detail is None and "\n" not in said
        # the genuine QR shows the dossier, ready to hand over
        await type_text(pilot, qr, enter=True)
        await wait_for(pilot, lambda: screen.detail is not None, "result ready to hand over")
        assert screen.detail.dossier.code == code
        assert screen.query_one("#return-code").value == code
        assert len(notices(app, "error")) == 1
