"""Catalogue files as provinces publish them, built for the tests (no binary file is committed).

Two shapes, with the headers as the real ones spell them (see ``counter_app.domain.catalogue_table``):

* a province's decision announcing its commune-level list: title rows, then «STT | Mã số TTHC | Tên thủ tục
  hành chính | Thời hạn giải quyết | Địa điểm thực hiện | Phí, lệ phí (nếu có) | Thành phần hồ sơ | Căn cứ
  pháp lý», each field under a row of its own («I. Lĩnh vực Hộ tịch (6 thủ tục)»);
* the national procedure database's list export: title rows, a two-row header «STT | Mã TTHC | Tên TTHC |
  QĐ Công bố | Đối tượng | Lĩnh vực | Cơ quan công khai | Cấp thực hiện | Tình trạng | Thành phần hồ sơ»
  over «Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng», one component a row.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

PROVINCE_HEADER = [
    "STT",
    "Mã số TTHC",
    "Tên thủ tục hành chính",
    "Thời hạn giải quyết",
    "Địa điểm thực hiện",
    "Phí, lệ phí (nếu có)",
    "Thành phần hồ sơ",
    "Căn cứ pháp lý",
]
PLACE = "Bộ phận Một cửa UBND cấp xã"

#: (code, name, deadline, fee, components) by field
PROVINCE_ROWS: dict[str, list[tuple[str, str, str, str, str]]] = {
    "Hộ tịch": [
        (
            "1.001193",
            "Thủ tục đăng ký khai sinh",
            "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay "
            "thì trả kết quả trong ngày làm việc tiếp theo.",
            "Miễn lệ phí đăng ký khai sinh đúng hạn",
            "- Tờ khai đăng ký khai sinh theo mẫu (Bản chính: 1, Bản sao: 0);\n"
            "- Giấy chứng sinh (Bản chính: 1, Bản sao: 0);\n"
            "- Căn cước của người đi đăng ký (bản sao kèm bản chính để đối chiếu)",
        ),
        (
            "1.000894",
            "Thủ tục đăng ký kết hôn",
            "Ngay trong ngày tiếp nhận hồ sơ; trường hợp cần xác minh điều kiện kết hôn của hai bên nam, nữ "
            "thì thời hạn giải quyết không quá 05 ngày làm việc.",
            "Lệ phí : Miễn lệ phí",
            "1. Tờ khai đăng ký kết hôn; 2. Giấy xác nhận tình trạng hôn nhân (Bản chính: 1, Bản sao: 0)",
        ),
        (
            "1.004873",
            "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
            "03 ngày làm việc; trường hợp phải xác minh thì thời hạn giải quyết không quá 23 ngày.",
            "3.000 đồng",
            "Thành phần hồ sơ gồm:\n1. Tờ khai cấp Giấy xác nhận tình trạng hôn nhân\n"
            "2. Căn cước của người yêu cầu (bản sao)\nSố lượng hồ sơ: 01 bộ",
        ),
        (
            "2.000635",
            "Thủ tục cấp bản sao trích lục hộ tịch",
            "Trong ngày",
            "Lệ phí : 8.000 đồng/bản sao Trích lục; miễn lệ phí cho người thuộc hộ nghèo",
            "Tờ khai cấp bản sao trích lục hộ tịch",
        ),
        (
            "1.004946",
            "Thủ tục đăng ký lại khai sinh",
            "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "5.000 đồng",
            "- Tờ khai đăng ký lại khai sinh; - Bản sao có chứng thực Giấy khai sinh cũ (02 bản)",
        ),
        (
            "1.001022",
            "Thủ tục đăng ký nhận cha, mẹ, con",
            "Không quá 10 ngày",
            "15.000 đồng",
            "Tờ khai đăng ký nhận cha, mẹ, con; Văn bản xác nhận quan hệ cha, mẹ, con",
        ),
        (
            "1.000080",
            "Thủ tục đăng ký giám hộ",
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "Không",
            "a) Tờ khai đăng ký giám hộ; b) Văn bản cử người giám hộ",
        ),
        (
            "1.000419",
            "Thủ tục đăng ký khai sinh kết hợp nhận cha, mẹ, con",
            "15 ngày",
            "Theo mức thu do Hội đồng nhân dân cấp tỉnh quy định",
            "Tờ khai đăng ký khai sinh; Tờ khai đăng ký nhận cha, mẹ, con",
        ),
    ],
    "Chứng thực": [
        (
            "2.000815",
            "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản",
            "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận "
            "yêu cầu sau 15 giờ.",
            "2.000 đồng/trang; từ trang thứ ba trở lên thu 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản",
            "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao; Bản sao cần chứng thực",
        ),
        (
            "2.000884",
            "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản",
            "Trong ngày",
            "10.000 đồng/trường hợp",
            "Căn cước của người yêu cầu chứng thực (bản sao); Giấy tờ, văn bản cần chứng thực chữ ký",
        ),
    ],
    "Bảo trợ xã hội": [
        (
            "1.001776",
            "Thủ tục trợ cấp xã hội hàng tháng đối với đối tượng bảo trợ xã hội",
            "12 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            "Không thu phí",
            "Tờ khai thông tin của người đề nghị trợ cấp xã hội",
        ),
    ],
}

ROMAN = ["I", "II", "III", "IV", "V"]


def province_rows() -> list[list[object]]:
    """The sheet of a province's decision, title rows and field rows included."""
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"],
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA ỦY BAN NHÂN DÂN CẤP XÃ"],
        ["(Ban hành kèm theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 7 năm 2025 của Chủ tịch UBND tỉnh)"],
        [],
        PROVINCE_HEADER,
    ]
    number = 0
    for index, (field, procedures) in enumerate(PROVINCE_ROWS.items()):
        rows.append([f"{ROMAN[index]}. Lĩnh vực {field} ({len(procedures)} thủ tục)"])
        for code, name, deadline, fee, documents in procedures:
            number += 1
            rows.append([number, code, name, deadline, PLACE, fee, documents, "Luật Hộ tịch năm 2014"])
    return rows


def write_xlsx(path: Path, rows: list[list[object]], *, title: str = "Danh mục") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def province_xlsx(path: Path) -> Path:
    """The province's list as a spreadsheet, its title merged across the columns as in the decisions."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    for row in province_rows():
        sheet.append(row)
    sheet.merge_cells("A1:H1")
    sheet.merge_cells("A2:H2")
    workbook.save(path)
    return path


NATIONAL_TOP = [
    "STT",
    "Mã TTHC",
    "Tên TTHC",
    "QĐ Công bố",
    "Đối tượng",
    "Lĩnh vực",
    "Cơ quan công khai",
    "Cấp thực hiện",
    "Tình trạng",
    "Thành phần hồ sơ",
    None,
    None,
]
NATIONAL_SUB = [None] * 9 + ["Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng"]
AGENCY = "Ủy ban nhân dân tỉnh Quảng Ngãi"


def national_xlsx(path: Path) -> Path:
    """The national database's list export: one procedure row, its components on the rows below."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "DanhSachTTHC"
    sheet.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH"])
    sheet.append(["Cơ quan: Ủy ban nhân dân tỉnh Quảng Ngãi"])
    sheet.append([])
    sheet.append(NATIONAL_TOP)
    sheet.append(NATIONAL_SUB)
    sheet.merge_cells("J4:L4")
    rows = [
        (
            1,
            "1.001193",
            "Đăng ký khai sinh",
            "Hộ tịch",
            "Cấp Xã",
            "Còn hiệu lực",
            [
                ("Tờ khai đăng ký khai sinh theo mẫu", "TK_KS.docx", "Bản chính: 1 - Bản sao: 0"),
                ("Giấy chứng sinh", "", "Bản chính: 1 - Bản sao: 0"),
            ],
        ),
        (
            2,
            "2.000815",
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
            "Chứng thực",
            "Cấp Xã, Cấp Tỉnh",
            "Còn hiệu lực",
            [
                (
                    "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao",
                    "",
                    "Bản chính: 1 - Bản sao: 0",
                ),
                ("Bản sao cần chứng thực", "", "Bản chính: 0 - Bản sao: 1"),
            ],
        ),
        (3, "1.000656", "Đăng ký khai tử", "Hộ tịch", "Cấp Xã", "Hết hiệu lực", []),
        (4, "1.001612", "Cấp giấy phép kinh doanh karaoke", "Văn hóa", "Cấp Tỉnh", "Còn hiệu lực", []),
    ]
    for number, code, name, field, level, status, documents in rows:
        first = documents[0] if documents else (None, None, None)
        sheet.append(
            [number, code, name, "1234/QĐ-UBND", "Công dân Việt Nam", field, AGENCY, level, status, *first]
        )
        for document in documents[1:]:
            sheet.append([None] * 9 + list(document))
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], *, bom: bool = True, delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def province_csv(path: Path, **options: object) -> Path:
    return write_csv(path, province_rows(), **options)  # type: ignore[arg-type]
