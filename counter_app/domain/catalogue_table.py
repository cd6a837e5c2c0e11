"""The shape of a published procedure catalogue as a table: which column is which, where the table starts,
and the few cells whose words stand for a value (level, status, boundary).

Sources of the headers (spellings as found in public copies; accents, case, spacing and punctuation are
ignored when matching, and so is a bracketed tail such as «(nếu có)»):

* The national procedure database's list export (``export_exel_list_tthc``, Excel): a few title rows, then
  the header «STT | Mã TTHC | Tên TTHC | QĐ Công bố | Đối tượng | Lĩnh vực | Cơ quan công khai | Cấp thực
  hiện | Tình trạng», with «Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng» for the components, which then take one
  row each under their procedure (its code and name cells left empty).
* Provinces' decisions announcing their lists (Quyết định công bố danh mục TTHC) and their portals: «STT |
  Mã số TTHC | Tên thủ tục hành chính | Thời hạn giải quyết | Địa điểm thực hiện | Phí, lệ phí (nếu có) |
  Căn cứ pháp lý», the field given by a row of its own above its procedures («I. Lĩnh vực Hộ tịch», «Lĩnh
  vực Tổ chức phi chính phủ (7 thủ tục)»), the deadline column sometimes «Ngày thụ lý» or «Thời gian giải
  quyết».
* The detail pages of the database: «Thành phần hồ sơ», «Phí, lệ phí», «Cơ quan thực hiện».
* Provinces' own working lists: «Mã thủ tục», «Tên thủ tục», «Mã lĩnh vực», «Phi địa giới».

Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .vntext import fold, nfc

__all__ = [
    "ALIASES",
    "HEADER_SCAN",
    "Header",
    "code_text",
    "field_code_for",
    "find_header",
    "header_key",
    "read_boundless",
    "read_level",
    "read_status",
    "section_heading",
]

#: rows searched for the header (title rows come first in exports)
HEADER_SCAN = 30

#: what a column holds → the headers that name it (folded, punctuation as spaces)
ALIASES: dict[str, tuple[str, ...]] = {
    "code": (
        "ma tthc",
        "ma so tthc",
        "ma thu tuc",
        "ma so thu tuc",
        "ma thu tuc hanh chinh",
        "ma so thu tuc hanh chinh",
        "ma ttsc",
        "ma tt",
        "ma so",
        "ma",
        "matthc",
        "ma tthc tren csdlqg",
    ),
    "name": (
        "ten tthc",
        "ten thu tuc",
        "ten thu tuc hanh chinh",
        "thu tuc hanh chinh",
        "ten thu tuc hanh chinh tthc",
        "tentthc",
        "ten",
    ),
    "field": ("linh vuc", "ten linh vuc", "linh vuc thuc hien", "linhvuc"),
    "field_code": ("ma linh vuc", "malinhvuc"),
    "level": ("cap thuc hien", "cap giai quyet", "cap co tham quyen", "cap"),
    "deadline": (
        "thoi han giai quyet",
        "thoi gian giai quyet",
        "thoi han xu ly",
        "thoi gian xu ly",
        "thoi han",
        "ngay thu ly",
        "thoi gian thuc hien",
        "thoihangiaiquyet",
    ),
    "fee": (
        "phi le phi",
        "phi va le phi",
        "le phi",
        "phi",
        "muc phi le phi",
        "cac khoan phi va le phi",
        "muc thu phi le phi",
        "phile phi",
    ),
    "documents": (
        "thanh phan ho so",
        "thanh phan so luong ho so",
        "thanh phan ho so gom",
        "ho so",
        "ten giay to",
        "giay to",
        "ho so gom",
    ),
    "quantity": ("so luong",),
    "status": ("tinh trang", "trang thai", "tinh trang hieu luc", "hieu luc"),
    "boundless": (
        "phi dia gioi",
        "khong phu thuoc dia gioi hanh chinh",
        "tiep nhan khong phu thuoc dia gioi hanh chinh",
        "thuc hien khong phu thuoc dia gioi hanh chinh",
    ),
}
#: columns that number the rows: never reported as columns that could not be read
NUMBERING = ("stt", "tt", "so tt", "so thu tu")

_BRACKET = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_PUNCT = re.compile(r"[^0-9a-z]+")


def header_key(text: str) -> str:
    """A header as it is compared: folded, without a bracketed tail, punctuation as single spaces."""
    return " ".join(_PUNCT.sub(" ", fold(_BRACKET.sub(" ", text))).split())


_EXACT = {alias: target for target, aliases in ALIASES.items() for alias in aliases}
#: longer headers may add words after an alias of two words or more («Thời hạn giải quyết theo quy định»)
_PREFIXES = sorted(((a, t) for a, t in _EXACT.items() if " " in a), key=lambda item: -len(item[0]))


def column_for(header: str) -> str | None:
    """What the column named ``header`` holds (a key of :data:`ALIASES`), or None."""
    key = header_key(header)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for alias, target in _PREFIXES:
        if key.startswith(alias + " "):
            return target
    return None


@dataclass(frozen=True)
class Header:
    """Where the table's header is and what its columns hold.

    ``row`` is the index (0-based) of the last header row among the rows given; ``columns`` maps what a
    column holds to its index; ``unmapped`` are the headers that name nothing we read (numbering columns
    left out); ``working_days_unit``: the deadline header says its numbers are working days.
    """

    row: int
    columns: dict[str, int]
    headers: dict[int, str] = field(default_factory=dict)
    unmapped: tuple[str, ...] = ()
    working_days_unit: bool = False


def _mapping(cells: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        target = column_for(cell)
        if target is not None and target not in found:
            found[target] = index
    return found


def find_header(rows: Sequence[Sequence[str]]) -> Header | None:
    """The header among the first :data:`HEADER_SCAN` ``rows``: the first row that names both a code and
    a name column; or, when none does, the row that names the most columns, so that the caller can say
    which is missing. None when no row names any.

    A row right below the header with no code and no name, whose cells name columns (the second row of a
    two-row header: «Thành phần hồ sơ» over «Tên giấy tờ | Mẫu đơn, tờ khai»), is part of it.
    """
    best: tuple[int, dict[str, int]] | None = None
    for index, cells in enumerate(rows[:HEADER_SCAN]):
        found = _mapping(cells)
        if not found:
            continue
        if best is None or len(found) > len(best[1]):
            best = (index, found)
        if "code" in found and "name" in found:
            best = (index, found)
            break
    if best is None:
        return None
    index, found = best
    cells = list(rows[index])
    headers = {i: cell.strip() for i, cell in enumerate(cells) if cell.strip()}
    if "code" in found and "name" in found and index + 1 < len(rows):
        below = list(rows[index + 1])
        code_cell = below[found["code"]] if found["code"] < len(below) else ""
        name_cell = below[found["name"]] if found["name"] < len(below) else ""
        sub = _mapping(below)
        if sub and not code_cell.strip() and not name_cell.strip():
            for target, column in sub.items():  # the lower row is the more precise name of its column
                for other in [t for t, c in found.items() if c == column and t != target]:
                    del found[other]
                found.setdefault(target, column)
            for i, cell in enumerate(below):
                if cell.strip():
                    headers[i] = cell.strip()
            index += 1
    taken = set(found.values())
    unmapped = tuple(
        text for i, text in sorted(headers.items()) if i not in taken and header_key(text) not in NUMBERING
    )
    deadline = found.get("deadline")
    unit = deadline is not None and "ngay lam viec" in fold(headers.get(deadline, ""))
    return Header(index, found, headers, unmapped, unit)


_SECTION_FIELD = re.compile(r"^(?:[ivxlcdm]+|[a-z]|\d+)?[.)\-\s]*linh vuc\b")
_FIELD_WORDS = re.compile(r"l[iíìỉĩị]nh\s+v[ựưuúùủũụ]c\s*[:\-–]?\s*", re.I)
_COUNT_TAIL = re.compile(r"\s*\(\s*\d+\s*(?:thủ tục|thu tuc|TTHC)\s*\)\s*$", re.I)
_SECTION_LEVEL = re.compile(r"\bcap (xa|tinh|huyen|trung uong)\b")


def section_heading(cells: Sequence[str]) -> tuple[str, str] | None:
    """A row standing for a heading above its procedures: («field», name) for «I. Lĩnh vực Hộ tịch (7 thủ
    tục)», («level», ``commune``/``province``) for «A. Thủ tục hành chính cấp xã»; None otherwise."""
    texts = [cell.strip() for cell in cells if cell.strip()]
    if len(texts) != 1 or len(texts[0]) > 200:
        return None
    text = nfc(texts[0])
    folded = fold(text)
    words = _FIELD_WORDS.search(text)
    if _SECTION_FIELD.match(folded) and words is not None:
        name = _COUNT_TAIL.sub("", text[words.end() :]).strip(" :-–.")
        return ("field", name) if name else None
    level = _SECTION_LEVEL.search(folded)
    if level and ("thu tuc" in folded or "tthc" in folded):
        return ("level", "commune" if level.group(1) == "xa" else "province")
    return None


def code_text(value: object) -> str:
    """A procedure code as written. A code Excel stored as a number (it turns «1.001190» into 1.00119) is
    written back with the six decimals of the national codes («1.001190»)."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, float):
        return f"{value:.6f}"
    if isinstance(value, int):
        return str(value)
    return " ".join(str(value).split())


_LEVEL_COMMUNE = re.compile(r"\b(cap xa|xa|phuong|thi tran|dac khu)\b")
_LEVEL_PROVINCE = re.compile(r"\b(cap tinh|tinh|thanh pho|cap huyen|huyen|cap bo|bo|trung uong|quoc gia)\b")


def read_level(text: str) -> str | None:
    """``commune`` when the commune level carries out the procedure (alone or with others: the commune's
    counter receives it), ``province`` for the province, former district or central level, None if the
    text names no level. Since 1 July 2025 there is no district level; older lists still name it."""
    folded = fold(text)
    if _LEVEL_COMMUNE.search(folded):
        return "commune"
    if _LEVEL_PROVINCE.search(folded):
        return "province"
    return None


_NOT_IN_FORCE = re.compile(r"\b(het hieu luc|chua (?:co )?hieu luc|bai bo|huy bo|huy|ngung|dinh chi)\b")
_IN_FORCE = re.compile(
    r"\b(con hieu luc|dang hieu luc|co hieu luc|hieu luc|dang thuc hien|da cong bo|cong khai)\b"
)


def read_status(text: str) -> bool | None:
    """Whether the status cell says the procedure is in force: True for «Còn hiệu lực» (or an empty cell),
    False for «Hết hiệu lực», «Chưa có hiệu lực», «Bãi bỏ», «Hủy», None for words we do not know."""
    folded = fold(text)
    if not folded:
        return True
    if _NOT_IN_FORCE.search(folded):
        return False
    if _IN_FORCE.search(folded):
        return True
    return None


_YES = re.compile(r"^(x|co|yes|1|true|dung|v|✓|✔)$")
_NO = re.compile(r"^(khong|no|0|false|-)?$")


def read_boundless(text: str) -> bool | None:
    """A «Phi địa giới» mark: True for «x», «Có»; False for «Không» or an empty cell; None otherwise."""
    folded = fold(text)
    if _YES.match(folded):
        return True
    if _NO.match(folded):
        return False
    return None


def field_code_for(field_name: str) -> str:
    """A short code for a field when the catalogue gives none: the initials of its words («Hộ tịch» → HT,
    «Bảo trợ xã hội» → BTXH, «Đất đai» → DD), as the demo catalogue and the portals' short codes write
    them; at most 32 characters."""
    words = re.findall(r"[0-9a-z]+", fold(field_name))
    return "".join(word[0] for word in words).upper()[:32]


def is_land(field_name: str) -> bool:
    """A land field («Đất đai»): its dossiers count against the 96 % on-time target, not 98 %
    (Decision 766/QĐ-TTg, as DESIGN.md gives the targets)."""
    return "dat dai" in fold(field_name)
