"""80 mm roll: the ticket and the receipt slip as 576-dot images and as 80 mm PDF pages; ESC/POS output."""

from __future__ import annotations

import io
from datetime import datetime

import pypdf
import pytest

from counter_app.printing.documents import TicketData
from counter_app.printing.output import print_escpos_image
from counter_app.printing.payload import verify_payload
from counter_app.printing.signing import KeyRing, raw_public_bytes
from counter_app.printing.thermal import (
    DOTS_WIDTH,
    render_receipt_slip_image,
    render_ticket_image,
    render_ticket_pdf,
)

from .helpers import DOSSIER_CODE, decode, make_receipt, nfc, page_texts

TICKET = TicketData(
    "A015", "Hộ tịch - Chứng thực", datetime(2026, 11, 22, 8, 37), 5, "UBND xã Tịnh Khê", "Quầy số 2"
)


def dark_share(image) -> float:
    grey = image.convert("L")
    return sum(grey.histogram()[:128]) / (grey.width * grey.height)


def test_ticket_image_is_576_dots_wide_one_bit_and_inked():
    image = render_ticket_image(TICKET)
    assert image.width == DOTS_WIDTH == 576
    assert image.mode == "1"
    assert 150 < image.height < 1200
    assert 0.03 < dark_share(image) < 0.5


def test_the_ticket_number_is_the_biggest_thing_on_it():
    image = render_ticket_image(TICKET).convert("L")
    ink_rows = [
        sum(1 for x in range(image.width) if image.getpixel((x, y)) < 128) for y in range(image.height)
    ]
    runs, run = [], 0
    for count in ink_rows:  # heights of the bands of text
        run = run + 1 if count else 0
        runs.append(run)
    assert max(runs) > 100  # about 19 mm tall at 203 dpi


def test_long_numbers_shrink_to_fit():
    wide = render_ticket_image(TicketData("B1234567", "Đất đai", TICKET.issued_at, 0, "UBND xã Tịnh Khê"))
    assert wide.width == 576


def test_ticket_pdf_is_80_mm_wide_with_the_vietnamese_text():
    pdf = render_ticket_pdf(TICKET)
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 80
    [text] = page_texts(pdf)
    for part in (
        "A015",
        "Hộ tịch - Chứng thực",
        "Số người đang chờ trước bạn: 5",
        "Quầy số 2",
        "UBND XÃ TỊNH KHÊ",
        "08:37 22/11/2026",
    ):
        assert nfc(part) in text


def test_receipt_slip_carries_a_verifiable_qr(signer):
    image = render_receipt_slip_image(make_receipt(), signer)
    assert image.width == 576 and image.mode == "1"
    ring = KeyRing()
    ring.import_public_key(raw_public_bytes(signer.public_key), persist=False)
    assert verify_payload(decode(image)["QRCode"], ring).dossier_code == DOSSIER_CODE


def test_escpos_dummy_printer_receives_a_raster_image_and_a_cut():
    printer_module = pytest.importorskip("escpos.printer")
    printer = printer_module.Dummy()
    print_escpos_image(render_ticket_image(TICKET), printer)
    output = printer.output
    assert b"\x1dv0\x00\x48\x00" in output  # GS v 0, raster image 72 bytes = 576 dots wide
    cut = printer_module.Dummy()
    cut.cut()
    assert output.endswith(cut.output)
