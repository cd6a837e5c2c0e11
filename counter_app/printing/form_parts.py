"""The parts the forms are built of, on the layout engine (:mod:`.layout`): the national header, titles,
labelled fields, signature blocks and bordered tables of Circular 01/2018/TT-VPCP and its successors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.domain.vntext import nfc
from counter_app.locale import t

from .fonts import Style, string_width
from .layout import (
    Align,
    Content,
    Flow,
    Line,
    PageFull,
    Span,
    baseline_offset,
    bold,
    draw_line,
    italic,
    wrap,
    wrap_balanced,
)

DOTS = "…………………"


def value_or_dots(value: str | None) -> str:
    """``value``, or a line of dots to fill in by hand when it is empty."""
    return value if value and value.strip() else DOTS


def labelled(
    flow: Flow,
    label: str,
    value: str,
    *,
    size: float,
    leading: float,
    strong: bool = False,
    indent: float = 0.0,
) -> None:
    """ "Label: value" — the value in bold when ``strong``, dots when empty."""
    value = value_or_dots(value)
    flow.paragraph(
        [Span(label), bold(value) if strong else Span(value)], size=size, leading=leading, indent=indent
    )


_LEVEL_WORDS = ("THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "ĐẶC KHU", "TỈNH", "XÃ", "PHƯỜNG", "HUYỆN", "QUẬN")


def header_lines(text: str, width: float, size: float, style: Style) -> list[Line]:
    """A header name in capitals on as few, as even lines as fit, breaking before the level of the
    unit when it can: "ỦY BAN NHÂN DÂN" / "XÃ TỊNH KHÊ", "SỞ TƯ PHÁP" / "TỈNH QUẢNG NGÃI"."""
    text = nfc(text.upper())
    lines = wrap(Span(text, style), width, size)
    if len(lines) == 2:
        for word in _LEVEL_WORDS:
            head, sep, tail = text.rpartition(f" {word} ")
            if (
                sep
                and string_width(head, style, size) <= width
                and string_width(sep + tail, style, size) <= width
            ):
                return wrap(Span(f"{head}\n{word} {tail}", style), width, size)
    return wrap_balanced(Span(text, style), width, size) if len(lines) > 1 else lines


def national_header(
    flow: Flow,
    *,
    superior: str,
    name: str,
    place_date: str | None,
    size: float = 12.0,
    left_share: float = 0.40,
) -> None:
    """Left: superior body and unit name in capitals, a short rule below.  Right: the national
    title, the motto underlined, and the place and date in italics (none when ``place_date`` is None).
    """
    gap = 4 * mm
    left_w = flow.width * left_share
    right_x = flow.left + left_w + gap
    right_w = flow.right - right_x
    leading = size * 1.22
    top = flow.y

    title = t("printing.header.nation")
    motto = t("printing.header.motto")
    # DejaVu is wider than the Times New Roman the circular assumes: shrink the title to its column.
    title_size = min(size, size * right_w / string_width(title, Style.BOLD, size))
    motto_size = min(size + 1, title_size + 1)

    left = Flow(flow.c, left=flow.left, right=flow.left + left_w, top=top, bottom=flow.bottom)
    if superior.strip():
        left.lines(
            header_lines(superior, left_w, size, Style.REGULAR), size=size, leading=leading, align="center"
        )
    left.lines(header_lines(name, left_w, size, Style.BOLD), size=size, leading=leading, align="center")
    left.space(1.2 * mm)
    rule_w = left_w / 3
    left.rule(flow.left + (left_w - rule_w) / 2, flow.left + (left_w + rule_w) / 2)

    right = Flow(flow.c, left=right_x, right=flow.right, top=top, bottom=flow.bottom)
    right.paragraph(bold(title), size=title_size, leading=leading, align="center")
    right.paragraph(bold(motto), size=motto_size, leading=leading, align="center")
    right.space(1.2 * mm)
    motto_w = string_width(motto, Style.BOLD, motto_size)
    mid = right_x + right_w / 2
    right.rule(mid - motto_w / 2, mid + motto_w / 2)
    if place_date is not None:
        date_size = min(size + 1, size * right_w / string_width(place_date, Style.ITALIC, size))
        right.space(3.5 * mm)
        right.paragraph(italic(place_date), size=date_size, leading=leading, align="center")
    flow.y = min(left.y, right.y) - 2 * mm


def form_mark(flow: Flow, text: str, *, size: float = 8.5) -> None:
    """The form's number in its legal text («Mẫu số 01 — Thông tư số 03/2025/TT-VPCP»), small, top right."""
    flow.paragraph(italic(text), size=size, leading=size * 1.2, align="right")


def title(flow: Flow, text: str, *, size: float = 14.0, space_before: float = 5 * mm) -> None:
    flow.space(space_before)
    flow.paragraph(bold(text.upper()), size=size, leading=size * 1.25, align="center", balanced=True)


@dataclass(frozen=True)
class Signature:
    """A signature block: title in capitals (one line per ``\\n``), a note in italics, the name."""

    title: str
    name: str = ""
    note: str | None = None
    """None → "(Ký và ghi rõ họ tên)"; "" for no note."""


def signatures(
    flow: Flow, blocks: Sequence[Signature], *, size: float = 12.0, space: float = 20 * mm
) -> None:
    """Blocks side by side in equal columns; a single block sits in the right half."""
    leading = size * 1.25
    if len(blocks) == 1:
        columns = [(flow.left + flow.width / 2, flow.right)]
    else:
        w = flow.width / len(blocks)
        columns = [(flow.left + i * w, flow.left + (i + 1) * w) for i in range(len(blocks))]
    measured = []
    for block, (x0, x1) in zip(blocks, columns, strict=True):
        note = t("printing.sign.note") if block.note is None else block.note
        head = wrap(bold(block.title.upper()), x1 - x0, size)
        if note:
            head += wrap(italic(note), x1 - x0, size)
        name = wrap(bold(block.name), x1 - x0, size) if block.name else []
        measured.append((head, name))
    height = max(len(h) + len(n) for h, n in measured) * leading + space
    flow.ensure(height)
    top = flow.y
    for (head, name), (x0, x1) in zip(measured, columns, strict=True):
        col = Flow(flow.c, left=x0, right=x1, top=top, bottom=flow.bottom)
        col.lines(head, size=size, leading=leading, align="center")
        col.space(space)
        col.lines(name, size=size, leading=leading, align="center")
    flow.y = top - height


# --- tables ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    """In points; the columns of a table should add up to the flow's width."""
    align: Align = "left"
    valign: Literal["top", "bottom"] = "top"
    """"bottom" for signature columns: room to sign above the printed name."""


@dataclass(frozen=True)
class Block:
    """A table cell that draws itself (a QR code...): ``draw(canvas, x, top, width)``."""

    height: float
    draw: Callable[[Canvas, float, float, float], None]


class Table:
    """A bordered table whose header row repeats on every page; cells wrap."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Content]],
        *,
        size: float,
        header_size: float | None = None,
        pad: float = 1.4 * mm,
        min_row_height: float = 0.0,
        numbered_columns: bool = False,
    ) -> None:
        self.columns = list(columns)
        self.size = size
        self.header_size = header_size or size
        self.pad = pad
        self.leading = size * 1.22
        self.header_leading = self.header_size * 1.2
        self.header = [wrap(bold(col.title), col.width - 2 * pad, self.header_size) for col in self.columns]
        self.header_height = max(len(cell) for cell in self.header) * self.header_leading + 2 * pad
        # Circular forms number the columns under the header: (1), (2), ...
        self.numbered_columns = numbered_columns
        self.number_height = self.header_size * 1.2 + pad if numbered_columns else 0.0
        self.rows: list[list[list[Line] | Block]] = []
        self.heights: list[float] = []
        for row in rows:
            cells: list[list[Line] | Block] = [
                cell if isinstance(cell, Block) else wrap(cell, col.width - 2 * pad, size)
                for cell, col in zip(row, self.columns, strict=True)
            ]
            self.rows.append(cells)
            content = max(c.height if isinstance(c, Block) else len(c) * self.leading for c in cells)
            self.heights.append(max(content + 2 * pad, min_row_height))

    @property
    def head_height(self) -> float:
        return self.header_height + self.number_height

    def split(self, first_room: float, page_room: float) -> list[list[int]]:
        """Row indices per page: the first page has ``first_room`` points, the next ``page_room``."""
        pages: list[list[int]] = [[]]
        room = first_room - self.head_height
        for i, h in enumerate(self.heights):
            # A full page moves on; so does a first page too short for even one row.  A row
            # taller than a whole page goes alone on its page.
            if h > room and (pages[-1] or (len(pages) == 1 and first_room < page_room)):
                pages.append([])
                room = page_room - self.head_height
            pages[-1].append(i)
            room -= h
        return pages

    def room_left(self, pages: list[list[int]], first_room: float, page_room: float) -> float:
        """Room under the table on its last page, laid out as :meth:`split` returned."""
        room = first_room if len(pages) == 1 else page_room
        return room - self.head_height - sum(self.heights[i] for i in pages[-1])

    def _draw_cells(
        self,
        c: Canvas,
        x: float,
        top: float,
        height: float,
        cells: Sequence[Sequence[Line] | Block],
        size: float,
        leading: float,
        header: bool,
    ) -> None:
        c.setLineWidth(0.6)
        for col, cell in zip(self.columns, cells, strict=True):
            c.rect(x, top - height, col.width, height, stroke=1, fill=0)
            if isinstance(cell, Block):
                cell.draw(c, x + self.pad, top - self.pad, col.width - 2 * self.pad)
                x += col.width
                continue
            text_h = len(cell) * leading
            if header:
                y = top - (height - text_h) / 2
            elif col.valign == "bottom":
                y = top - height + self.pad + text_h
            else:
                y = top - self.pad
            align: Align = "center" if header else col.align
            for line in cell:
                draw_line(
                    c,
                    line,
                    x + self.pad,
                    y - baseline_offset(leading),
                    size,
                    align=align,
                    box_width=col.width - 2 * self.pad,
                )
                y -= leading
            x += col.width

    def draw_head(self, flow: Flow) -> None:
        self._draw_cells(
            flow.c,
            flow.left,
            flow.y,
            self.header_height,
            self.header,
            self.header_size,
            self.header_leading,
            True,
        )
        flow.y -= self.header_height
        if self.numbered_columns:
            numbers = [
                wrap(italic(f"({i})"), col.width, self.header_size) for i, col in enumerate(self.columns, 1)
            ]
            self._draw_cells(
                flow.c,
                flow.left,
                flow.y,
                self.number_height,
                numbers,
                self.header_size,
                self.header_size * 1.2,
                True,
            )
            flow.y -= self.number_height

    def draw(self, flow: Flow, pages: list[list[int]] | None = None) -> None:
        """Draw the rows from the cursor on, breaking pages as :meth:`split` decides."""
        if pages is None:
            pages = self.split(flow.room(), flow.top - flow.bottom)
        if len(pages) > 1 and flow.on_new_page is None:
            raise PageFull
        for n, page in enumerate(pages):
            if n:
                flow.break_page()
            if not page:
                continue
            self.draw_head(flow)
            for i in page:
                self._draw_cells(
                    flow.c, flow.left, flow.y, self.heights[i], self.rows[i], self.size, self.leading, False
                )
                flow.y -= self.heights[i]
