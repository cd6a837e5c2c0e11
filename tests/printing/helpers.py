"""Sample data and PDF/image helpers for the printing tests: a commune one-stop desk in Quảng Ngãi."""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime

import pypdf
import pypdfium2 as pdfium
import zxingcpp
from PIL import Image

from counter_app.printing.documents import Applicant, DocumentLine, Fee, ReceiptData, ReturnPlace, UnitInfo

UNIT = UnitInfo(
    name="Ủy ban nhân dân xã Tịnh Khê",
    superior="Ủy ban nhân dân tỉnh Quảng Ngãi",
    one_stop_code="000.00.53.H48",
    place_name="Quảng Ngãi",
    office_name="Bộ phận Một cửa xã Tịnh Khê",
    phone="0255 3822 111",
)
APPLICANT = Applicant(
    name="Nguyễn Thị Ánh Tuyết",
    address="Thôn Trường Thọ, xã Tịnh Khê, tỉnh Quảng Ngãi",
    phone="0905 123 456",
    email="tuyet.nguyen@example.vn",
)
DOSSIER_CODE = "000.00.53.H48-261122-2007"


def make_receipt(**changes) -> ReceiptData:
    fields = dict(
        unit=UNIT,
        dossier_code=DOSSIER_CODE,
        procedure_code="1.001193",
        procedure_name="Thủ tục đăng ký khai sinh",
        applicant=APPLICANT,
        documents=[
            DocumentLine("Tờ khai đăng ký khai sinh theo mẫu"),
            DocumentLine("Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp", "certified", digitised=True),
            DocumentLine("Giấy chứng nhận kết hôn của cha, mẹ trẻ", "certified", reused=True, digitised=True),
            DocumentLine("Căn cước của người đi đăng ký khai sinh", "copy", 2),
        ],
        received_at=datetime(2026, 11, 22, 8, 37, 12),
        due_at=datetime(2026, 11, 25, 8, 37, 12),
        processing_days=3,
        officer_name="Trần Văn Bình",
        return_place=ReturnPlace(),
        fee=Fee(8000, "paid"),
        ledger_book="03/2026",
        ledger_number=125,
    )
    fields.update(changes)
    return ReceiptData(**fields)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page as pypdf extracts it, NFC, line breaks turned into spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(nfc(page.extract_text()).split()) for page in reader.pages]


def render_page(pdf: bytes, index: int = 0, dpi: int = 300) -> Image.Image:
    return pdfium.PdfDocument(pdf)[index].render(scale=dpi / 72).to_pil()


def decode(image: Image.Image) -> dict[str, str]:
    """The codes zxing-cpp finds in ``image``, by format name (one per format)."""
    return {result.format.name: result.text for result in zxingcpp.read_barcodes(image)}


def decode_all(image: Image.Image, format_name: str) -> list[str]:
    """Every code of one format zxing-cpp finds in ``image``."""
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format.name == format_name]
