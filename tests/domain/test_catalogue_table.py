"""The table's shape: headers matched by their Vietnamese names, the header row found under title rows,
field rows, and the cells whose words stand for a value."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.catalogue_table import (
    ALIASES,
    code_text,
    column_for,
    field_code_for,
    find_header,
    is_land,
    read_boundless,
    read_level,
    read_status,
    section_heading,
)


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Mã TTHC", "code"),
        ("MÃ TTHC", "code"),
        ("Mã số TTHC", "code"),
        ("Mã thủ tục", "code"),
        ("  mã   thủ tục ", "code"),
        ("Ma thu tuc", "code"),
        ("Mã TTHC (mã số trên CSDLQG)", "code"),
        ("Tên TTHC", "name"),
        ("Tên thủ tục", "name"),
        ("Tên thủ tục hành chính", "name"),
        ("TÊN THỦ TỤC HÀNH CHÍNH", "name"),
        ("Lĩnh vực", "field"),
        ("Mã lĩnh vực", "field_code"),
        ("Cấp thực hiện", "level"),
        ("Thời hạn giải quyết", "deadline"),
        ("Thời hạn giải quyết (ngày làm việc)", "deadline"),
        ("Thời hạn giải quyết theo quy định", "deadline"),
        ("Thời gian giải quyết", "deadline"),
        ("Ngày thụ lý", "deadline"),
        ("Phí, lệ phí", "fee"),
        ("Phí, lệ phí (nếu có)", "fee"),
        ("Phí/Lệ phí", "fee"),
        ("Lệ phí", "fee"),
        ("Thành phần hồ sơ", "documents"),
        ("Thành phần, số lượng hồ sơ", "documents"),
        ("Tên giấy tờ", "documents"),
        ("Số lượng", "quantity"),
        ("Tình trạng", "status"),
        ("Phi địa giới", "boundless"),
        ("STT", None),
        ("Căn cứ pháp lý", None),
        ("Địa điểm thực hiện", None),
        ("QĐ Công bố", None),
        ("", None),
    ],
)
def test_headers_are_matched_accents_case_and_spacing_ignored(header, target):
    assert column_for(header) == target


def test_every_alias_names_its_column():
    for target, aliases in ALIASES.items():
        for alias in aliases:
            assert column_for(alias) == target, alias


def test_the_header_is_found_under_title_rows_and_unmapped_columns_are_named():
    rows = [
        ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"],
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH"],
        [],
        [
            "STT",
            "Mã số TTHC",
            "Tên thủ tục hành chính",
            "Thời hạn giải quyết (ngày làm việc)",
            "Căn cứ pháp lý",
        ],
        ["1", "1.001193", "Đăng ký khai sinh", "0", "Luật Hộ tịch"],
    ]
    header = find_header(rows)
    assert header is not None and header.row == 3
    assert header.columns == {"code": 1, "name": 2, "deadline": 3}
    assert header.unmapped == ("Căn cứ pháp lý",) and header.working_days_unit


def test_a_two_row_header_is_read_as_one():
    rows = [
        ["STT", "Mã TTHC", "Tên TTHC", "Lĩnh vực", "Thành phần hồ sơ", "", ""],
        ["", "", "", "", "Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng"],
        ["1", "1.001193", "Đăng ký khai sinh", "Hộ tịch", "Tờ khai", "TK.docx", "Bản chính: 1 - Bản sao: 0"],
    ]
    header = find_header(rows)
    assert header is not None and header.row == 1
    assert header.columns == {"code": 1, "name": 2, "field": 3, "documents": 4, "quantity": 6}
    assert header.unmapped == ("Mẫu đơn, tờ khai",)


def test_without_a_code_or_name_column_the_best_row_is_given_so_the_caller_can_say_what_is_missing():
    header = find_header([["Tiêu đề"], ["STT", "Tên thủ tục", "Lĩnh vực"]])
    assert header is not None and "code" not in header.columns and header.columns["name"] == 1
    assert find_header([["a", "b"], ["c"]]) is None


def test_field_and_level_rows():
    assert section_heading(["I. Lĩnh vực Hộ tịch (8 thủ tục)", "", ""]) == ("field", "Hộ tịch")
    assert section_heading(["Lĩnh vực Tổ chức phi chính phủ (7 thủ tục)"]) == (
        "field",
        "Tổ chức phi chính phủ",
    )
    assert section_heading(["2. Lĩnh vực: Chứng thực"]) == ("field", "Chứng thực")
    assert section_heading(["A. THỦ TỤC HÀNH CHÍNH CẤP XÃ"]) == ("level", "commune")
    assert section_heading(["B. Thủ tục hành chính cấp tỉnh"]) == ("level", "province")
    assert section_heading(["1.001193"]) is None
    assert section_heading(["Lĩnh vực", "Hộ tịch"]) is None  # two cells: a row of the table


def test_a_code_excel_kept_as_a_number_gets_its_zeros_back():
    assert code_text(1.00119) == "1.001190"
    assert code_text(2.000635) == "2.000635"
    assert code_text(" 1.001193\n") == "1.001193"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Cấp Xã", "commune"),
        ("Cấp Tỉnh, Cấp Xã", "commune"),
        ("Cấp Tỉnh", "province"),
        ("Cấp Huyện", "province"),
        ("Cấp Bộ", "province"),
        ("", None),
        ("khác", None),
    ],
)
def test_level(text, level):
    assert read_level(text) == level


@pytest.mark.parametrize(
    ("text", "in_force"),
    [
        ("Còn hiệu lực", True),
        ("", True),
        ("Đang hiệu lực", True),
        ("Hết hiệu lực", False),
        ("Chưa có hiệu lực", False),
        ("Bãi bỏ", False),
        ("Hủy", False),
        ("Đang sửa", None),
    ],
)
def test_status(text, in_force):
    assert read_status(text) is in_force


def test_boundary_marks_field_codes_and_land():
    assert [read_boundless(t) for t in ("x", "Có", "", "Không", "?")] == [True, True, False, False, None]
    assert [field_code_for(f) for f in ("Hộ tịch", "Chứng thực", "Bảo trợ xã hội", "Đất đai")] == [
        "HT",
        "CT",
        "BTXH",
        "DD",
    ]
    assert is_land("Đất đai") and not is_land("Hộ tịch")


@given(st.lists(st.lists(st.text(max_size=30), max_size=8), max_size=40))
def test_any_table_gives_a_header_within_it_or_none(rows):
    header = find_header(rows)
    if header is not None:
        assert 0 <= header.row < len(rows)
        assert len(set(header.columns.values())) == len(header.columns)
