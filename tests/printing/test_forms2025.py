"""The form sets: every form of Circular 03/2025/TT-VPCP renders and reads back with its Vietnamese title and
number; the 2018 set stays for old dossiers; a set is chosen by date and setting; snapshots a person can look at."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from counter_app import config
from counter_app.printing import formsets
from counter_app.printing.formsets import UnknownFormSet
from counter_app.printing.notices import render_stop_notice
from counter_app.printing.receipt import render_receipt

from .forms2025_samples import CENTRE_UNIT, png, render_all, write_snapshots
from .helpers import APPLICANT, DOSSIER_CODE, UNIT, decode_all, make_receipt, nfc, page_texts, render_page

TITLES_2025 = {
    "receipt": ("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    "supplement": ("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    "refusal": ("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    "apology": ("04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),
    "stop": ("05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
    "control": ("06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    "ledger": ("07", "SỔ THEO DÕI HỒ SƠ"),
}


def test_every_form_of_circular_03_2025_renders_and_reads_back_with_its_title_and_number(signer):
    pdfs = render_all(signer)
    assert set(pdfs) == set(TITLES_2025)  # all seven
    for kind, (number, title) in TITLES_2025.items():
        text = page_texts(pdfs[kind])[0]
        assert nfc(title) in text, kind
        assert nfc(f"Mẫu số {number} — Thông tư số 03/2025/TT-VPCP") in text, kind
        assert nfc(APPLICANT.name) in text, kind


def test_the_2025_header_names_the_communes_public_service_centre(signer):
    pdfs = render_all(signer)
    for kind in ("receipt", "supplement", "stop", "control"):
        text = page_texts(pdfs[kind])[0]
        assert nfc("ỦY BAN NHÂN DÂN XÃ TỊNH KHÊ TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") in text, kind
    receipt = page_texts(pdfs["receipt"])[0]
    assert nfc("Bộ phận tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công xã Tịnh Khê") in receipt
    # without a centre, the one-stop desk under the province as in 2018
    plain = page_texts(render_receipt(make_receipt(unit=replace(UNIT, office_name="")), signer))[0]
    assert "TRUNG TÂM" not in plain
    assert nfc("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI ỦY BAN NHÂN DÂN XÃ TỊNH KHÊ") in plain
    assert nfc("Bộ phận Một cửa Ủy ban nhân dân xã Tịnh Khê") in plain


def test_the_receipt_shows_the_code_large_with_the_portal_look_up_line_and_the_phone_and_email(signer):
    pdf = render_receipt(make_receipt(unit=CENTRE_UNIT), signer)
    first, second = page_texts(pdf)
    for text in (first, second):
        assert f"Mã hồ sơ: {DOSSIER_CODE}" in text
        assert nfc("tra cứu tình trạng giải quyết hồ sơ trên Cổng Dịch vụ công quốc gia") in text
        assert nfc(f"Số điện thoại: {APPLICANT.phone}") in text and f"Email: {APPLICANT.email}" in text
    assert DOSSIER_CODE in decode_all(render_page(pdf), "Code128")
    # the 2018 receipt has no look-up line; an applicant without phone or e-mail gets dotted blanks
    old = page_texts(
        render_receipt(
            make_receipt(forms="TT01/2018", applicant=replace(APPLICANT, phone="", email="")), signer
        )
    )[0]
    assert "Cổng Dịch vụ công" not in old and nfc("Mẫu số 01 — Thông tư số 01/2018/TT-VPCP") in old
    assert nfc("Số điện thoại: …………………") in old


def test_the_2018_set_keeps_its_own_numbers_and_titles_and_has_no_stop_notice(signer):
    pdfs = render_all(signer, forms="TT01/2018", unit=UNIT)
    assert "stop" not in pdfs
    numbers = {"receipt": "01", "apology": "04", "control": "05", "ledger": "06"}
    for kind, number in numbers.items():
        assert nfc(f"Mẫu số {number} — Thông tư số 01/2018/TT-VPCP") in page_texts(pdfs[kind])[0], kind
    assert nfc("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ") in page_texts(pdfs["apology"])[0]
    from counter_app.printing.documents import StopData

    with pytest.raises(UnknownFormSet):
        render_stop_notice(
            StopData(
                UNIT,
                DOSSIER_CODE,
                "X",
                APPLICANT,
                datetime(2025, 1, 2),
                "Lý do",
                "TM",
                "",
                datetime(2025, 1, 3),
                forms="TT01/2018",
            )
        )


@pytest.mark.parametrize(
    ("when", "configured", "basis"),
    [
        (date(2025, 9, 14), "TT03/2025", "TT01/2018"),  # received before the Circular's day: the 2018 forms
        (datetime(2025, 9, 15, 7, 30), "TT03/2025", "TT03/2025"),
        (date(2026, 12, 1), "TT03/2025", "TT03/2025"),
        (date(2026, 12, 1), "TT01/2018", "TT01/2018"),  # configured explicitly
        (date(2010, 1, 1), "TT03/2025", "TT01/2018"),  # older than every set: the oldest
        (None, "TT03/2025", "TT03/2025"),
    ],
)
def test_the_set_is_chosen_by_the_documents_date_and_the_setting(when, configured, basis):
    assert formsets.for_date(when, configured).basis == basis


def test_an_unknown_set_is_one_clear_line_and_the_settings_know_every_set():
    with pytest.raises(UnknownFormSet) as info:
        formsets.get("TT99/2030")
    assert "TT99/2030" in str(info.value) and "TT03/2025" in str(info.value)
    assert set(config.FORM_SETS) == set(formsets.REGISTRY)
    assert config.FORM_SETS[0] == formsets.DEFAULT
    for form_set in formsets.REGISTRY.values():  # every set says which form of which text a page is
        for kind in form_set.forms:
            assert form_set.mark(kind) and form_set.title(kind)


def test_snapshots_of_the_2025_forms_are_written_for_a_person_to_look_at(signer, tmp_path):
    written = write_snapshots(tmp_path, signer)
    assert [p.name for p in written] == [
        f"tt03-2025-mau{number}-{kind}.png" for kind, (number, _) in TITLES_2025.items()
    ]
    for path in written:
        assert path.stat().st_size > 10_000
    # the same files are committed in docs/forms (refresh: python -m tests.printing.forms2025_samples)
    from pathlib import Path

    docs = Path(__file__).parents[2] / "docs" / "forms"
    assert sorted(p.name for p in docs.glob("tt03-2025-*.png")) == sorted(p.name for p in written)


def test_png_helper_renders_page_one(signer, tmp_path):
    png(render_all(signer)["stop"], tmp_path / "stop.png")
    assert (tmp_path / "stop.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
