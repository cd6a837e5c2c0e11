"""Dossier components written in one cell, split into rows with the copy wanted and the quantity."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.documents_text import (
    NAME_LENGTH,
    DocumentItem,
    citizen_document_kind,
    split_documents,
)


def rows(text: str, quantity: str = "") -> list[tuple[str, str, int]]:
    return [(d.name, d.copy_kind, d.quantity) for d in split_documents(text, quantity)]


def test_items_on_lines_with_the_databases_counts():
    text = (
        "Thành phần hồ sơ gồm:\n"
        "1. Tờ khai đăng ký kết hôn (Bản chính: 1, Bản sao: 0)\n"
        "2. Giấy xác nhận tình trạng hôn nhân (Bản chính: 1, Bản sao: 1)\n"
        "Số lượng hồ sơ: 01 bộ"
    )
    assert rows(text) == [
        ("Tờ khai đăng ký kết hôn", "original", 1),
        ("Giấy xác nhận tình trạng hôn nhân", "original", 1),
        ("Giấy xác nhận tình trạng hôn nhân", "copy", 1),  # both asked: two rows
    ]


def test_items_on_one_line_with_bullets_and_semicolons():
    text = "- Tờ khai đăng ký khai sinh theo mẫu; - Bản sao Giấy chứng sinh; - Căn cước (bản sao kèm bản chính để đối chiếu)"
    assert rows(text) == [
        ("Tờ khai đăng ký khai sinh theo mẫu", "original", 1),
        ("Bản sao Giấy chứng sinh", "copy", 1),
        ("Căn cước (bản sao kèm bản chính để đối chiếu)", "copy", 1),
    ]


def test_numbered_items_on_one_line_and_lettered_items():
    assert rows("1. Tờ khai; 2. Giấy chứng sinh 3. Bản sao có chứng thực Giấy khai sinh (02 bản)") == [
        ("Tờ khai", "original", 1),
        ("Giấy chứng sinh", "original", 1),
        ("Bản sao có chứng thực Giấy khai sinh", "certified", 2),
    ]
    assert rows("a) Đơn đề nghị; b) Bản chụp sổ hộ khẩu") == [
        ("Đơn đề nghị", "original", 1),
        ("Bản chụp sổ hộ khẩu", "copy", 1),
    ]


def test_a_dash_inside_a_name_does_not_split_it():
    assert rows("Mẫu HK02 - Phiếu báo thay đổi hộ khẩu, nhân khẩu") == [
        ("Mẫu HK02 - Phiếu báo thay đổi hộ khẩu, nhân khẩu", "original", 1)
    ]


def test_word_line_breaks_and_windows_line_ends_separate_items():
    assert [r[0] for r in rows("Tờ khai\vGiấy chứng sinh\r\nCăn cước")] == [
        "Tờ khai",
        "Giấy chứng sinh",
        "Căn cước",
    ]


def test_the_count_cell_of_the_national_export_applies_to_its_one_component():
    assert rows("Bản sao cần chứng thực", "Bản chính: 0 - Bản sao: 1") == [
        ("Bản sao cần chứng thực", "copy", 1)
    ]
    assert rows("Giấy chứng sinh", "Bản chính: 2 - Bản sao: 0") == [("Giấy chứng sinh", "original", 2)]


def test_headings_notes_and_empty_items_are_not_components():
    assert rows("Giấy tờ phải nộp:\n\n- \n;;Lưu ý: mang theo bản chính\nGhi chú: không") == []


def test_a_long_name_is_cut():
    (item,) = split_documents("Giấy tờ " + "rất dài " * 100)
    assert len(item.name) == NAME_LENGTH and item.name.endswith("…")


def test_which_digitised_citizen_document_a_component_can_reuse():
    assert citizen_document_kind("Căn cước của người đi đăng ký") == "cccd"
    assert citizen_document_kind("Bản sao Giấy khai sinh") == "birth_certificate"
    assert citizen_document_kind("Giấy xác nhận tình trạng hôn nhân") == "marital_status"
    assert citizen_document_kind("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân") is None  # a form to fill
    assert citizen_document_kind("Văn bản ủy quyền") is None


names = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạ ", min_size=3, max_size=40).filter(
    lambda s: s.strip() and not s.strip().endswith(":")
)


@given(st.lists(names, min_size=1, max_size=8), st.sampled_from(["\n", "; ", ";\n- ", "\n- "]))
def test_every_listed_item_comes_back_in_order(items, separator):
    text = separator.join(f"Giấy {item}" for item in items)
    assert [d.name for d in split_documents(text)] == [" ".join(f"Giấy {item}".split()) for item in items]


@given(st.text(max_size=500))
def test_any_text_splits_into_valid_rows(text):
    for item in split_documents(text):
        assert isinstance(item, DocumentItem)
        assert item.name and len(item.name) <= NAME_LENGTH and "\n" not in item.name
        assert item.copy_kind in ("original", "certified", "copy") and 1 <= item.quantity <= 99
