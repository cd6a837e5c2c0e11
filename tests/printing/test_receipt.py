"""Mẫu 01: two one-page copies, Vietnamese text that reads back, a barcode and a signed QR that decode."""

from __future__ import annotations

import io

import pypdf
import pytest

from counter_app.printing.documents import DocumentLine, Fee, ReturnPlace
from counter_app.printing.payload import VerificationError, verify_payload
from counter_app.printing.receipt import render_receipt
from counter_app.printing.signing import KeyRing, public_key_text

from .helpers import APPLICANT, DOSSIER_CODE, decode, make_receipt, nfc, page_texts, render_page


@pytest.fixture(scope="module")
def receipt_pdf(signer) -> bytes:
    return render_receipt(make_receipt(), signer)


def test_two_copies_one_page_each_with_the_vietnamese_text(receipt_pdf):
    pages = page_texts(receipt_pdf)
    assert len(pages) == 2
    for page, label in zip(pages, ("(Liên 1: Lưu)", "(Liên 2: Giao người nộp)"), strict=True):
        assert nfc("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ") in page
        assert nfc(APPLICANT.name) in page
        assert nfc(label) in page
        assert nfc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") in page
        assert nfc("Độc lập - Tự do - Hạnh phúc") in page
        assert nfc("Quảng Ngãi, ngày 22 tháng 11 năm 2026") in page
        assert f"Mã hồ sơ: {DOSSIER_CODE}" in page
        assert nfc("4. Thời gian nhận hồ sơ: 08 giờ 37 phút, ngày 22 tháng 11 năm 2026") in page
        assert (
            nfc("5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 37 phút, ngày 25 tháng 11 năm 2026")
            in page
        )
        assert nfc("3 ngày làm việc") in page
        assert nfc("(Tái sử dụng dữ liệu số)") in page
        assert nfc("Bản sao có chứng thực") in page
        assert nfc("Vào Sổ theo dõi hồ sơ, Quyển số: 03/2026, Số thứ tự: 125") in page
        assert nfc("NGƯỜI NỘP HỒ SƠ") in page and nfc("NGƯỜI TIẾP NHẬN HỒ SƠ") in page
        assert nfc("Trần Văn Bình") in page
        assert nfc("8.000 đồng (đã nộp)") in page
    assert nfc("Liên 2") not in pages[0] and nfc("Liên 1") not in pages[1]


def test_the_shipped_font_is_embedded_and_nothing_else_is_used(receipt_pdf):
    reader = pypdf.PdfReader(io.BytesIO(receipt_pdf))
    page = reader.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4
    fonts = {}
    for resources in [page["/Resources"]] + [
        x.get_object()["/Resources"] for x in page["/Resources"]["/XObject"].values()
    ]:
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"]).split("+")[-1]] = font
    assert set(fonts) == {"DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"}
    for font in fonts.values():
        assert "/FontFile2" in font["/FontDescriptor"]  # the TrueType program is in the file


def test_barcode_and_signed_qr_decode_from_a_300_dpi_render(receipt_pdf, signer):
    codes = decode(render_page(receipt_pdf, 0, dpi=300))
    assert codes["Code128"] == DOSSIER_CODE
    keyring = KeyRing()
    keyring.import_public_key(public_key_text(signer.public_key, signer.counter_id).encode())
    verified = verify_payload(codes["QRCode"], keyring)
    assert verified.dossier_code == DOSSIER_CODE
    assert verified.unit_code == "000.00.53.H48"
    assert verified.procedure_code == "1.001193"
    assert verified.received_at.isoformat() == "2026-11-22T08:37:12"
    assert verified.due_at.isoformat() == "2026-11-25T08:37:12"
    assert verified.key_id == signer.key_id
    assert verified.counter_id == signer.counter_id


def test_second_copy_carries_the_same_codes(receipt_pdf):
    first = decode(render_page(receipt_pdf, 0, dpi=200))
    second = decode(render_page(receipt_pdf, 1, dpi=200))
    assert second["Code128"] == DOSSIER_CODE
    assert second["QRCode"] == first["QRCode"]


def test_qr_is_rejected_without_the_counters_key(receipt_pdf):
    payload = decode(render_page(receipt_pdf, 0, dpi=200))["QRCode"]
    with pytest.raises(VerificationError) as error:
        verify_payload(payload, KeyRing())
    assert error.value.kind == "unknown_key"


def test_many_documents_still_fit_one_page_per_copy(signer):
    # More components than any commune procedure asks for: the text shrinks instead of overflowing.
    documents = [
        DocumentLine(f"Giấy tờ kèm theo số {i}: bản khai chi tiết về nhân thân", "copy") for i in range(1, 15)
    ]
    pdf = render_receipt(make_receipt(documents=documents), signer)
    pages = page_texts(pdf)
    assert len(pages) == 2
    assert nfc("Giấy tờ kèm theo số 14") in pages[0]
    assert nfc("NGƯỜI TIẾP NHẬN HỒ SƠ") in pages[0]


def test_an_absurd_number_of_documents_overflows_onto_a_second_page_per_copy(signer):
    documents = [DocumentLine(f"Giấy tờ số {i}", "original") for i in range(1, 70)]
    pdf = render_receipt(make_receipt(documents=documents), signer)
    pages = page_texts(pdf)
    per_copy = len(pages) // 2
    assert len(pages) % 2 == 0 and per_copy >= 2
    assert nfc("(Liên 1: Lưu)") in pages[0]
    assert nfc("(Liên 2: Giao người nộp)") in pages[per_copy]
    for copy in (pages[:per_copy], pages[per_copy:]):
        text = " ".join(copy)
        assert nfc("Giấy tờ số 69") in text and nfc("NGƯỜI TIẾP NHẬN HỒ SƠ") in text


@pytest.mark.parametrize(
    ("place", "fee", "expected"),
    [
        (
            ReturnPlace("post", address="12 Lê Lợi, phường Cẩm Thành"),
            Fee(0, "none"),
            ["12 Lê Lợi, phường Cẩm Thành (nhận qua dịch vụ bưu chính công ích)", "Phí, lệ phí: Không thu"],
        ),
        (
            ReturnPlace("other_unit", unit_name="Bộ phận Một cửa phường Cẩm Thành", address="1 Hùng Vương"),
            Fee(50000, "unpaid"),
            ["Bộ phận Một cửa phường Cẩm Thành, địa chỉ: 1 Hùng Vương", "50.000 đồng (nộp khi nhận kết quả)"],
        ),
        (
            ReturnPlace(),
            Fee(0, "exempt"),
            ["6. Đăng ký nhận kết quả tại: Bộ phận Một cửa xã Tịnh Khê", "Phí, lệ phí: Được miễn"],
        ),
    ],
)
def test_return_place_and_fee_wording(signer, place, fee, expected):
    page = page_texts(render_receipt(make_receipt(return_place=place, fee=fee), signer))[0]
    for text in expected:
        assert nfc(text) in page


def test_blank_ledger_fields_print_dots_and_same_day_procedures_say_so(signer):
    page = page_texts(
        render_receipt(make_receipt(ledger_book="", ledger_number=None, processing_days=0), signer)
    )[0]
    assert nfc("Quyển số: …………………, Số thứ tự: …………………") in page
    assert nfc("theo quy định là: Trong ngày") in page


def test_decomposed_input_is_printed_composed(signer):
    import unicodedata

    applicant = APPLICANT.__class__(unicodedata.normalize("NFD", APPLICANT.name))
    page = page_texts(render_receipt(make_receipt(applicant=applicant), signer))[0]
    assert nfc(APPLICANT.name) in page


def test_each_component_says_whether_it_was_digitised_or_reused(receipt_pdf):
    """«(Đã số hóa)» follows the component whose file is attached, «(Tái sử dụng dữ liệu số)» the one taken
    from the citizen's data store (its form «Dữ liệu số hóa», not a paper copy); paper alone has no mark."""
    for page in page_texts(receipt_pdf):
        assert page.count(nfc("(Đã số hóa)")) == 1  # the reused line brings a file too, but says reused
        assert page.count(nfc("(Tái sử dụng dữ liệu số)")) == 1
        assert page.count(nfc("Dữ liệu số hóa")) == 1
        order = [
            "Tờ khai đăng ký khai sinh",
            "Giấy chứng sinh",
            "(Đã số hóa)",
            "Bản sao có chứng thực",
            "Giấy chứng nhận kết hôn",
            "(Tái sử dụng dữ liệu số)",
            "Dữ liệu số hóa",
            "Căn cước của người đi đăng ký khai sinh",
        ]
        places = [page.index(nfc(words)) for words in order]
        assert places == sorted(places), list(zip(order, places, strict=True))
        # the reused marriage certificate is not printed as a certified paper copy: one «Bản sao có chứng
        # thực», the birth certificate's
        assert page.count(nfc("Bản sao có chứng thực")) == 1


def test_paper_only_components_carry_no_mark(signer):
    pdf = render_receipt(
        make_receipt(documents=[DocumentLine("Tờ khai"), DocumentLine("Bản sao", "copy")]), signer
    )
    for page in page_texts(pdf):
        assert (
            nfc("Đã số hóa") not in page
            and nfc("Tái sử dụng") not in page
            and nfc("Dữ liệu số hóa") not in page
        )


def test_the_counters_ledger_book_does_not_read_as_a_quarter(signer):
    """The store names counter 1's book of 2026 «2026-Q1»: a receipt printed in December read «Quyển số:
    2026-Q1», the first quarter (issue 15). It prints «2026-Quầy 1»; a book named otherwise prints as it is."""
    page = page_texts(render_receipt(make_receipt(ledger_book="2026-Q1", ledger_number=17), signer))[0]
    assert nfc("Quyển số: 2026-Quầy 1, Số thứ tự: 17") in page
    page = page_texts(render_receipt(make_receipt(ledger_book="03/2026", ledger_number=17), signer))[0]
    assert nfc("Quyển số: 03/2026, Số thứ tự: 17") in page
