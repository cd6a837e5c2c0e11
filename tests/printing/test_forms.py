"""Mẫu 02-06 and the catalogue poster read back with their Vietnamese titles and names."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta

import pypdf
import pytest

from counter_app.printing.catalogue import render_catalogue
from counter_app.printing.documents import (
    ApologyData,
    CatalogueData,
    CatalogueEntry,
    ControlSheetData,
    DocumentLine,
    HandoverRow,
    LedgerData,
    LedgerRow,
    RefusalData,
    ReturnPlace,
    SupplementData,
)
from counter_app.printing.notices import render_apology, render_refusal, render_supplement_request
from counter_app.printing.tracking import render_control_sheet, render_ledger

from .helpers import APPLICANT, DOSSIER_CODE, UNIT, decode_all, nfc, page_texts, render_page

ISSUED = datetime(2026, 11, 23, 9, 15)
HEADER = [
    nfc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    nfc("Độc lập - Tự do - Hạnh phúc"),
    nfc("ỦY BAN NHÂN DÂN XÃ TỊNH KHÊ"),
]


def assert_has(text: str, *parts: str) -> None:
    for part in parts:
        assert nfc(part) in text, part


def test_supplement_request_mau_02():
    pdf = render_supplement_request(
        SupplementData(
            UNIT,
            DOSSIER_CODE,
            "Thủ tục đăng ký khai sinh",
            APPLICANT,
            [
                DocumentLine("Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp", "original", 1),
                DocumentLine("Văn bản ủy quyền", "certified", 2),
            ],
            "Tờ khai ghi sai ngày sinh của trẻ.",
            "Trần Văn Bình",
            ISSUED,
            other_requests=["Ghi lại ngày sinh trên tờ khai"],
        )
    )
    [page] = page_texts(pdf)
    assert_has(
        page,
        *HEADER,
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        APPLICANT.name,
        DOSSIER_CODE,
        "Quảng Ngãi, ngày 23 tháng 11 năm 2026",
        "Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp",
        "Bản chính",
        "Bản sao có chứng thực",
        "02",
        "Lý do: Tờ khai ghi sai ngày sinh của trẻ.",
        "- Ghi lại ngày sinh trên tờ khai",
        "NGƯỜI HƯỚNG DẪN",
        "Trần Văn Bình",
        "số điện thoại 0255 3822 111",
    )  # the unit's phone when the officer has none


def test_refusal_mau_03():
    [page] = page_texts(
        render_refusal(
            RefusalData(
                UNIT,
                DOSSIER_CODE,
                "Thủ tục đăng ký kết hôn",
                APPLICANT,
                "Hai bên nam, nữ không cư trú tại xã Tịnh Khê.",
                "Trần Văn Bình",
                ISSUED,
            )
        )
    )
    assert_has(
        page,
        *HEADER,
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        APPLICANT.name,
        "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
        "Hai bên nam, nữ không cư trú tại xã Tịnh Khê.",
        "Xin thông báo để Ông/Bà được biết và thực hiện./.",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    )


def apology(**changes) -> ApologyData:
    """Mẫu 04 of a dossier received 22/11 08:37, due 25/11 08:37, moved to 27/11 14:00."""
    values = {
        "received_at": datetime(2026, 11, 22, 8, 37),
        "original_due_at": datetime(2026, 11, 25, 8, 37),
        "new_due_at": datetime(2026, 11, 27, 14, 0),
        "reason": "Cần xác minh thông tin với nơi thường trú trước đây.",
        "head_title": "TM. Ủy ban nhân dân\nChủ tịch",
        "head_name": "Lê Văn Cường",
        "issued_at": ISSUED,
        **changes,
    }
    return ApologyData(UNIT, DOSSIER_CODE, "Thủ tục đăng ký khai sinh", APPLICANT, **values)


def test_apology_mau_04_of_2018_signed_by_the_head():
    """The 2018 set (kept to reprint dossiers issued before 15/9/2025) still prints its own title."""
    [page] = page_texts(
        render_apology(
            apology(
                issued_at=ISSUED,
                return_place=ReturnPlace("post", address="12 Lê Lợi, phường Cẩm Thành"),
                forms="TT01/2018",
            )
        )
    )
    assert_has(
        page,
        *HEADER,
        "Mẫu số 04 — Thông tư số 01/2018/TT-VPCP",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: " + APPLICANT.name,
        "Ngày 22 tháng 11 năm 2026",
        "08 giờ 37 phút, ngày 25 tháng 11 năm 2026",
        "Lý do: Cần xác minh thông tin với nơi thường trú trước đây.",
        "14 giờ 00 phút, ngày 27 tháng 11 năm 2026",
        "12 Lê Lợi, phường Cẩm Thành",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Lê Văn Cường",
        "Xin trân trọng cảm ơn./.",
    )


def test_control_sheet_mau_05_one_row_per_handover_then_blank_rows():
    pdf = render_control_sheet(
        ControlSheetData(
            UNIT,
            DOSSIER_CODE,
            "Thủ tục đăng ký khai sinh",
            APPLICANT.name,
            received_at=datetime(2026, 11, 22, 8, 37),
            due_at=datetime(2026, 11, 25, 8, 37),
            lead_unit="Công chức Tư pháp - Hộ tịch",
            cooperating_units=["Công an xã Tịnh Khê"],
            handovers=[
                HandoverRow(
                    "Bộ phận Một cửa",
                    "Công chức Tư pháp - Hộ tịch",
                    datetime(2026, 11, 22, 9, 5),
                    "Trần Văn Bình",
                    "Phạm Thị Dung",
                    "early",
                ),
                HandoverRow(
                    "Công chức Tư pháp - Hộ tịch",
                    "Lãnh đạo xã",
                    datetime(2026, 11, 24, 10, 30),
                    "Phạm Thị Dung",
                    "Lê Văn Cường",
                    "late",
                    "Chờ xác minh",
                ),
            ],
        )
    )
    [page] = page_texts(pdf)
    assert_has(
        page,
        *HEADER[:2],
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        APPLICANT.name,
        DOSSIER_CODE,
        "Giao: Bộ phận Một cửa",
        "Nhận: Công chức Tư pháp - Hộ tịch",
        "09 giờ 05 phút 22/11/2026",
        "Trước hạn",
        "Quá hạn",
        "Phạm Thị Dung",
        "Chờ xác minh",
        "Công an xã Tịnh Khê",
        "Người giao (ký, ghi rõ họ tên)",
        "Kết quả (trước hạn/ đúng hạn/ quá hạn)",
    )
    # Room left on the page is ruled into numbered rows for the next handovers, written by hand.
    assert re.search(r"\b3 4 5\b", page)


def ledger_rows(n: int) -> list[LedgerRow]:
    start = datetime(2026, 11, 2, 7, 30)
    return [
        LedgerRow(
            number=i,
            dossier_code=f"000.00.53.H48-2611{(i - 1) // 20 + 2:02d}-{1000 + i:04d}",
            procedure_name=[
                "Thủ tục đăng ký khai sinh",
                "Đăng ký kết hôn",
                "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
            ][i % 3],
            applicant_name=["Nguyễn Thị Ánh Tuyết", "Trần Văn Ơn", "Lê Thị Hồng Nhung"][i % 3],
            received_at=start + timedelta(hours=3 * i),
            due_at=start + timedelta(days=3, hours=3 * i),
            lead_unit="Công chức Tư pháp - Hộ tịch",
            address="Thôn Trường Thọ",
            phone="0905 123 456",
            returned_at=start + timedelta(days=2, hours=3 * i) if i % 4 == 0 else None,
        )
        for i in range(1, n + 1)
    ]


def test_ledger_mau_06_with_120_rows_paginates_with_the_header_on_every_page():
    pdf = render_ledger(
        LedgerData(UNIT, date(2026, 11, 1), date(2026, 11, 30), ledger_rows(120), ISSUED, book="03/2026")
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    pages = page_texts(pdf)
    assert len(pages) > 3
    assert_has(pages[0], "SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/11/2026 đến ngày 30/11/2026", "Quyển số: 03/2026")
    for n, text in enumerate(pages, 1):
        assert_has(
            text,
            "Mã hồ sơ",
            "Tên thủ tục hành chính",
            "Cơ quan chủ trì giải quyết",
            "Ngày hẹn trả kết quả",
            "Ký nhận",
            "Ghi chú",
            "(13)",
            f"Trang {n}/{len(pages)}",
        )
    everything = " ".join(pages)
    for i in range(1, 121):  # every dossier exactly once, in order
        assert everything.count(f"-{1000 + i:04d}") == 1, i
    positions = [everything.index(f"-{1000 + i:04d}") for i in range(1, 121)]
    assert positions == sorted(positions)
    assert_has(pages[-1], "Tổng số: 120 hồ sơ.")
    assert_has(everything, "Nguyễn Thị Ánh Tuyết", "Lê Thị Hồng Nhung")


def test_empty_ledger_says_so():
    [page] = page_texts(render_ledger(LedgerData(UNIT, date(2026, 11, 1), date(2026, 11, 1), [], ISSUED)))
    assert_has(page, "SỔ THEO DÕI HỒ SƠ", "Mã hồ sơ", "Không có hồ sơ nào", "Trang 1/1")


def test_catalogue_poster_with_a_qr_per_procedure():
    url = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"
    entries = [
        CatalogueEntry(
            "1.001193",
            "Thủ tục đăng ký khai sinh",
            0,
            url,
            "Hộ tịch",
            0,
            "Miễn lệ phí đăng ký khai sinh đúng hạn",
        ),
        CatalogueEntry("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", 3, url + "x", "Hộ tịch", 3000),
        CatalogueEntry(
            "2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", 0, url + "y", "Chứng thực", 10000
        ),
    ]
    pdf = render_catalogue(CatalogueData(UNIT, entries, date(2026, 11, 22)))
    [page] = page_texts(pdf)
    assert_has(
        page,
        "DANH MỤC THỦ TỤC HÀNH CHÍNH",
        "Lĩnh vực: Hộ tịch",
        "Lĩnh vực: Chứng thực",
        "Thủ tục đăng ký khai sinh",
        "Mã thủ tục: 1.001193",
        "Trong ngày",
        "3 ngày làm việc",
        "3.000 đồng",
        "10.000 đồng",
        "Miễn lệ phí đăng ký khai sinh đúng hạn",
        "ngày 22 tháng 11 năm 2026",
    )
    assert page.index(nfc("Lĩnh vực: Hộ tịch")) < page.index(nfc("Lĩnh vực: Chứng thực"))
    # Each procedure's code leads to its own page.
    assert sorted(decode_all(render_page(pdf, 0, dpi=200), "QRCode")) == [url, url + "x", url + "y"]


def test_catalogue_with_many_procedures_runs_onto_more_pages():
    entries = [
        CatalogueEntry(f"1.{i:06d}", f"Thủ tục số {i}", i % 5, f"https://example.vn/{i}", "Hộ tịch")
        for i in range(1, 16)
    ]
    pages = page_texts(render_catalogue(CatalogueData(UNIT, entries, date(2026, 11, 22))))
    assert len(pages) >= 2
    assert_has(pages[-1], "Thủ tục số 15")
    assert_has(pages[1], "Tên thủ tục hành chính")  # header repeated


@pytest.mark.parametrize(
    "bad",
    [
        lambda: DocumentLine("x", "photocopy"),  # type: ignore[arg-type]
        lambda: DocumentLine("x", quantity=0),
        lambda: ReturnPlace("post"),
        lambda: ReturnPlace("other_unit"),
        lambda: HandoverRow("a", "b", ISSUED, result="soon"),  # type: ignore[arg-type]
        lambda: LedgerData(UNIT, date(2026, 11, 2), date(2026, 11, 1), [], ISSUED),
    ],
)
def test_documents_refuse_values_they_cannot_print(bad):
    with pytest.raises(ValueError):
        bad()


def test_lists_are_stored_as_tuples():
    data = SupplementData(UNIT, "c", "p", APPLICANT, [DocumentLine("x")], "r", "o", ISSUED)
    assert isinstance(data.missing_documents, tuple)
    hash(data)


@pytest.mark.parametrize(
    ("issued", "says", "not_says"),
    [
        (datetime(2026, 11, 24, 10, 0), "không thể trả kết quả giải quyết hồ sơ", "Tuy nhiên đến nay"),
        (datetime(2026, 11, 26, 10, 0), "Tuy nhiên đến nay", "không thể trả kết quả giải quyết hồ sơ"),
    ],
)
def test_an_apology_before_the_due_date_does_not_say_the_result_is_late(issued, says, not_says):
    """Issue 15: Mẫu 04 said «đến nay … chưa trả kết quả» even when written before the promised date."""
    [page] = page_texts(render_apology(apology(issued_at=issued)))
    flat = " ".join(page.split())
    assert says in flat and not_says not in flat


def test_the_head_signs_with_the_position_alone_under_the_body():
    """Issue 15: «TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH ỦY BAN NHÂN DÂN» repeated the body (Decree 30/2020/NĐ-CP)."""
    from counter_app.services.printing_service import signer_position

    assert signer_position("Chủ tịch Ủy ban nhân dân", "Ủy ban nhân dân") == "Chủ tịch"
    assert signer_position("Chủ tịch UBND", "Ủy ban nhân dân") == "Chủ tịch UBND"
    assert signer_position("Giám đốc", "Trung tâm Phục vụ hành chính công") == "Giám đốc"


@pytest.mark.parametrize(
    "shares",
    [
        [(0.9, 0.5, 1.0)],  # a one-week period (`report indicators --from D --to D --format pdf` failed)
        [(0.9, None, None), (0.8, 0.4, None), (1.0, None, None)],  # reuse measured in one week only
    ],
)
def test_the_rates_chart_draws_a_share_measured_in_one_week_only(shares):
    from reportlab.graphics import renderPDF

    from counter_app.printing.indicators_report import WeekPoint, rates_chart
    from counter_app.printing.layout import new_canvas  # registers the fonts the chart draws with

    weeks = [WeekPoint(date(2026, 11, 2) + timedelta(days=7 * n), 1, 1, *s) for n, s in enumerate(shares)]
    texts = {k: k for k in ("chart_rates", "legend.on_time", "legend.reuse", "legend.satisfaction")}
    _buffer, canvas = new_canvas(title="t", author="t")
    renderPDF.draw(rates_chart(weeks, texts, 300), canvas, 0, 0)
    canvas.save()
