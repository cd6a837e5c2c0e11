"""A procedure's dossier components («Thành phần hồ sơ») as the catalogues write them, one cell for all.

The national procedure database lists each component with its count in the form «Tờ khai đăng ký khai sinh
theo mẫu (Bản chính: 1, Bản sao: 0)» (its list export has a «Số lượng» column «Bản chính: 1 - Bản sao: 0»);
provinces' spreadsheets put the whole list in one cell, one item a line, or on one line with bullets or
numbers («- Tờ khai…; - Bản sao Giấy khai sinh…», «1. Tờ khai…; 2. …», «a) …; b) …»), under headings such
as «Thành phần hồ sơ gồm:» and with a closing «Số lượng hồ sơ: 01 bộ». Our rules (no official grammar of the
field could be found):

* Items are separated by line breaks, by «;», and by an item number or a «•» that starts a new item inside
  a line («… 2. Giấy chứng sinh»; not by « - », which names use: «Mẫu HK02 - Phiếu báo…»). Their bullets
  and numbers are dropped.
* Headings (a line ending with «:»), «Số lượng (hồ sơ) …» and notes («Lưu ý: …», «Ghi chú: …») are not
  components.
* The copy wanted: with the database's counts, «Bản chính: n» and «Bản sao: m» (both, when both are
  asked: two rows); otherwise from the words: «bản sao có chứng thực» / «bản sao chứng thực» / «bản sao từ
  sổ gốc» → a certified copy, then «bản sao» / «bản chụp» / «bản photo» → a copy (a copy «kèm bản chính để
  đối chiếu» is still a copy: the original is only shown), then an original.
* The quantity: the database's count, or «02 bản» (a bracketed «(02 bản)» leaves the name), or
  «Số lượng: 02»; otherwise one.
* A name longer than the store keeps is cut with «…».

Also, which of the citizen's digitised documents a component can reuse (``doc_kind``): the project's own
kinds (the identity card, birth certificate, marital status certificate, land-use certificate, disability
certificate), recognised by their names — never a form to fill in («Tờ khai…», «Đơn…»).

Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vntext import fold, tidy

__all__ = ["NAME_LENGTH", "DocumentItem", "citizen_document_kind", "split_documents"]

NAME_LENGTH = 400
MAX_QUANTITY = 99
COPY_KINDS = ("original", "certified", "copy")


@dataclass(frozen=True)
class DocumentItem:
    """One component: its name, the copy wanted (``original`` | ``certified`` | ``copy``), how many."""

    name: str
    copy_kind: str = "original"
    quantity: int = 1


_BREAKS = re.compile(r"\r\n|[\r\n\v\f\u2028\u2029\x85]")
#: a bullet or an item number that starts a new item inside a line (preceded by a space)
_INLINE_ITEM = re.compile(r"\s+(?=(?:\d{1,2}[.)]|[a-zđ]\)|•)\s+\S)")
_LEAD = re.compile(r"^\s*(?:[-+•*–·●▪◦]+|\(?\d{1,2}[.)]|\(?[a-zđ]\))\s*", re.I)
_COUNTS = re.compile(
    r"[(\[,;\s-]*bản\s+chính\s*[:：]?\s*(\d+)\s*[,;\-–/]?\s*bản\s+sao\s*[:：]?\s*(\d+)\s*[)\]]?", re.I
)
_COUNTS_FOLDED = re.compile(r"ban chinh\s*:?\s*(\d+)\s*[,;\-–/]?\s*ban sao\s*:?\s*(\d+)")
_QUANTITY = re.compile(r"\b(\d{1,2})\s*(?:\(\s*[^)]*\)\s*)?ban\b|\bso luong\s*:?\s*(\d{1,2})\b")
_COUNT_NOTE = re.compile(r"\(\s*\d{1,2}\s*bản(?:\s+(?:chính|sao))?\s*\)", re.I)
_CERTIFIED = re.compile(r"\bban sao (?:co |duoc )?chung thuc\b|\bban sao tu so goc\b|\bban sao hop le\b")
_COPY = re.compile(r"\bban (?:sao|chup|photo)\b|\bphotocopy\b")
_SKIP = re.compile(r"^(so luong|luu y|ghi chu|chu y)\b")


def _items(text: str) -> list[str]:
    pieces: list[str] = []
    for line in _BREAKS.split(text):
        for part in line.split(";"):
            pieces.extend(_INLINE_ITEM.split(part))
    return pieces


def _clean(piece: str) -> str:
    name = tidy(piece)
    previous = None
    while previous != name:  # «- 1. Tờ khai»
        previous, name = name, _LEAD.sub("", name, count=1).strip()
    return name.strip(" ,;.").strip()


def _cut(name: str) -> str:
    return name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1].rstrip() + "…"


def _kind(folded: str) -> str:
    if _CERTIFIED.search(folded):
        return "certified"
    if _COPY.search(folded):
        return "copy"
    return "original"


def _item(piece: str) -> list[DocumentItem]:
    name = _clean(piece)
    folded = fold(name)
    if not name or not folded or name.endswith(":") or _SKIP.match(folded):
        return []
    counts = _COUNTS_FOLDED.search(folded)
    if counts is not None:
        name = _clean(_COUNTS.sub(" ", name)) or name
        originals, copies = (min(int(n), MAX_QUANTITY) for n in counts.groups())
        copy_kind = "certified" if _CERTIFIED.search(fold(name)) else "copy"
        items = []
        if originals or not copies:
            items.append(DocumentItem(_cut(name), "original", max(1, originals)))
        if copies:
            items.append(DocumentItem(_cut(name), copy_kind, copies))
        return items
    quantity = _QUANTITY.search(folded)
    count = int(quantity.group(1) or quantity.group(2)) if quantity else 1
    if quantity is not None:  # «(02 bản)»: the count is kept as a number, not in the name
        name = _clean(_COUNT_NOTE.sub(" ", name)) or name
    return [DocumentItem(_cut(name), _kind(folded), min(max(count, 1), MAX_QUANTITY))]


def split_documents(text: str, quantity: str = "") -> list[DocumentItem]:
    """The components listed in ``text`` (one cell), in order.

    ``quantity`` is a separate count cell («Bản chính: 1 - Bản sao: 0», the national export's «Số lượng»),
    applied when the cell holds exactly one component.
    """
    pieces = [piece for piece in _items(text) if piece.strip(" \t-+•*–·●▪◦;,.")]
    if quantity.strip() and len(pieces) == 1:
        pieces = [f"{pieces[0]} ({quantity.strip()})"]
    return [item for piece in pieces for item in _item(piece)]


_KINDS = (
    ("cccd", re.compile(r"\b(can cuoc|cccd|the can cuoc)\b")),
    ("birth_certificate", re.compile(r"\bgiay khai sinh\b")),
    ("marital_status", re.compile(r"\bxac nhan tinh trang hon nhan\b")),
    ("land_certificate", re.compile(r"\bgiay chung nhan quyen su dung dat\b")),
    ("disability", re.compile(r"\bxac nhan khuyet tat\b")),
)
_FORM = re.compile(r"^(to khai|don|phieu|mau)\b")


def citizen_document_kind(name: str) -> str | None:
    """The kind of digitised citizen document that can stand for the component ``name``, if any."""
    folded = fold(name)
    if _FORM.match(folded):
        return None
    for kind, pattern in _KINDS:
        if pattern.search(folded):
            return kind
    return None
