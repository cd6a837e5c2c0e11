"""A small layout engine on a reportlab canvas, shared by every form.

Text is given as :class:`Span` runs (text + face), wrapped to a width with the shipped font's
metrics and drawn line by line.  A :class:`Flow` keeps the vertical cursor of a page and
either breaks to a new page (multi-page documents such as the ledger) or raises
:class:`PageFull` (single-page forms, which then retry at a smaller size).  The national
header, titles, signature blocks and bordered tables of Circular 01/2018/TT-VPCP are built on it.

Direct canvas drawing (no platypus) keeps a receipt to a few milliseconds.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.domain.vntext import nfc
from counter_app.locale import t

from .fonts import Style, register_pdf_fonts, string_width

Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text in one face."""

    text: str
    style: Style = Style.REGULAR


Content = str | Span | Sequence[Span]
"""What a paragraph or a cell holds: plain text (regular face) or runs."""


def bold(text: str) -> Span:
    return Span(text, Style.BOLD)


def italic(text: str) -> Span:
    return Span(text, Style.ITALIC)


def _spans(content: Content) -> Sequence[Span]:
    if isinstance(content, str):
        return (Span(content),)
    if isinstance(content, Span):
        return (content,)
    return content


@dataclass(frozen=True, slots=True)
class Line:
    """A wrapped line: fragments of text with their face, and its width in points."""

    frags: tuple[tuple[str, Style], ...]
    width: float


_TOKEN = re.compile(r"\n|[^\S\n]+|\S+")


class _Wrapper:
    """Greedy word wrap over runs; a word may span several runs and only breaks if longer than a line."""

    def __init__(self, width: float, size: float, next_width: float) -> None:
        self.size = size
        self.width = width
        self.next_width = next_width
        self.lines: list[Line] = []
        self.frags: list[list] = []  # [text, style] pairs of the current line
        self.line_w = 0.0
        self.space: Style | None = None  # a pending space before the next word
        self.word: list[tuple[str, Style]] = []

    def _append(self, text: str, style: Style, w: float) -> None:
        if self.frags and self.frags[-1][1] is style:
            self.frags[-1][0] += text
        else:
            self.frags.append([text, style])
        self.line_w += w

    def newline(self) -> None:
        self.lines.append(Line(tuple((text, style) for text, style in self.frags), self.line_w))
        self.frags = []
        self.line_w = 0.0
        self.width = self.next_width

    def flush_word(self) -> None:
        if not self.word:
            return
        size = self.size
        widths = [string_width(text, style, size) for text, style in self.word]
        word_w = sum(widths)
        space_w = string_width(" ", self.space, size) if self.space and self.frags else 0.0
        if self.frags and self.line_w + space_w + word_w > self.width:
            self.newline()
            space_w = 0.0
        if not self.frags and word_w > self.width:
            for text, style in self.word:  # longer than a whole line: break between letters
                for ch in text:
                    cw = string_width(ch, style, size)
                    if self.frags and self.line_w + cw > self.width:
                        self.newline()
                    self._append(ch, style, cw)
        else:
            if space_w:
                assert self.space is not None
                self._append(" ", self.space, space_w)
            for (text, style), w in zip(self.word, widths, strict=True):
                self._append(text, style, w)
        self.word = []
        self.space = None

    def feed(self, span: Span) -> None:
        for token in _TOKEN.findall(nfc(span.text)):
            if token == "\n":
                self.flush_word()
                self.newline()
                self.space = None
            elif token[0].isspace():
                self.flush_word()
                self.space = span.style
            else:
                self.word.append((token, span.style))

    def finish(self) -> list[Line]:
        self.flush_word()
        if self.frags or not self.lines:
            self.newline()
        return self.lines


def wrap(content: Content, width: float, size: float, *, next_width: float | None = None) -> list[Line]:
    """Break ``content`` into lines no wider than ``width`` (``next_width`` after the first)."""
    wrapper = _Wrapper(width, size, width if next_width is None else next_width)
    for span in _spans(content):
        wrapper.feed(span)
    return wrapper.finish()


def wrap_balanced(content: Content, width: float, size: float) -> list[Line]:
    """As many lines as :func:`wrap` needs, but as even as possible: "ỦY BAN NHÂN DÂN" /
    "XÃ TỊNH KHÊ" rather than "ỦY BAN NHÂN DÂN XÃ" / "TỊNH KHÊ" (headers, titles)."""
    lines = wrap(content, width, size)
    if len(lines) < 2:
        return lines
    low, high = 0.0, width
    for _ in range(12):  # bisect the narrowest width that still needs no more lines
        mid = (low + high) / 2
        if len(wrap(content, mid, size)) > len(lines):
            low = mid
        else:
            high = mid
    return wrap(content, high, size)


def draw_line(
    c: Canvas,
    line: Line,
    x: float,
    baseline: float,
    size: float,
    *,
    align: Align = "left",
    box_width: float = 0.0,
) -> None:
    if align == "center":
        x += (box_width - line.width) / 2
    elif align == "right":
        x += box_width - line.width
    text = c.beginText(x, baseline)
    for frag, style in line.frags:
        text.setFont(style.value, size)
        text.textOut(frag)
    c.drawText(text)


def baseline_offset(leading: float) -> float:
    """From the top of a line box down to its baseline."""
    return leading * 0.78


class PageFull(Exception):
    """The content does not fit on a single-page form."""


class Flow:
    """The vertical cursor of the current page, between the margins.

    ``on_new_page`` is called after each page break (to draw running headers); without it,
    running out of room raises :class:`PageFull`.
    """

    def __init__(
        self,
        canvas: Canvas,
        *,
        left: float,
        right: float,
        top: float,
        bottom: float,
        on_new_page: Callable[[Flow], None] | None = None,
    ) -> None:
        self.c = canvas
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
        self.y = top
        self.page = 1
        self.on_new_page = on_new_page

    @property
    def width(self) -> float:
        return self.right - self.left

    def room(self) -> float:
        return self.y - self.bottom

    def ensure(self, height: float) -> None:
        if self.y - height < self.bottom - 0.01:
            if self.on_new_page is None:
                raise PageFull
            self.break_page()

    def break_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = self.top
        if self.on_new_page is not None:
            self.on_new_page(self)

    def space(self, height: float) -> None:
        self.y -= height

    def lines(
        self,
        lines: Sequence[Line],
        *,
        size: float,
        leading: float | None = None,
        align: Align = "left",
        indent: float = 0.0,
        hanging: float = 0.0,
    ) -> None:
        leading = leading or size * 1.25
        for i, line in enumerate(lines):
            self.ensure(leading)
            x = self.left + indent + (hanging if i else 0.0)
            draw_line(
                self.c,
                line,
                x,
                self.y - baseline_offset(leading),
                size,
                align=align,
                box_width=self.width - indent,
            )
            self.y -= leading

    def paragraph(
        self,
        content: Content,
        *,
        size: float,
        leading: float | None = None,
        align: Align = "left",
        indent: float = 0.0,
        hanging: float = 0.0,
        space_after: float = 0.0,
        balanced: bool = False,
    ) -> None:
        """Wrapped text; ``hanging`` indents the lines after the first (numbered items);
        ``balanced`` evens out the lines (centred headings)."""
        width = self.width - indent
        lines = (
            wrap_balanced(content, width, size)
            if balanced
            else wrap(content, width, size, next_width=width - hanging)
        )
        self.lines(lines, size=size, leading=leading, align=align, indent=indent, hanging=hanging)
        self.y -= space_after

    def rule(self, x0: float, x1: float, *, width: float = 0.5) -> None:
        """A horizontal line at the cursor."""
        self.c.setLineWidth(width)
        self.c.line(x0, self.y, x1, self.y)


def new_canvas(
    *, title: str, author: str, subject: str = "", pagesize: tuple[float, float] = A4
) -> tuple[io.BytesIO, Canvas]:
    """A canvas writing into a fresh buffer, fonts registered, document properties set."""
    register_pdf_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=pagesize, pageCompression=1, initialFontName=Style.REGULAR.value)
    c.setTitle(nfc(title))
    c.setAuthor(nfc(author))
    c.setSubject(nfc(subject))
    c.setCreator("counter-app")
    return buffer, c


def page_flow(
    c: Canvas,
    pagesize: tuple[float, float] = A4,
    *,
    left: float = 30 * mm,
    right: float = 15 * mm,
    top: float = 20 * mm,
    bottom: float = 20 * mm,
    on_new_page: Callable[[Flow], None] | None = lambda flow: None,
) -> Flow:
    """A flow within the page margins (Decree 30/2020/ND-CP: 30/15/20/20 mm by default) that
    continues on a new page when full, unless ``on_new_page`` is None."""
    width, height = pagesize
    return Flow(c, left=left, right=width - right, top=height - top, bottom=bottom, on_new_page=on_new_page)


def pair(flow: Flow, first: Content, second: Content, *, size: float, leading: float | None = None) -> None:
    """Two short fields on one line, the second starting at the middle; one per line if too long."""
    leading = leading or size * 1.25
    half = flow.width / 2
    a = wrap(first, flow.width, size)
    b = wrap(second, flow.width, size)
    if len(a) == 1 and len(b) == 1 and a[0].width < half - 3 * mm and b[0].width <= half:
        flow.ensure(leading)
        base = flow.y - baseline_offset(leading)
        draw_line(flow.c, a[0], flow.left, base, size)
        draw_line(flow.c, b[0], flow.left + half, base, size)
        flow.y -= leading
    else:
        flow.lines(a, size=size, leading=leading)
        flow.lines(b, size=size, leading=leading)


# --- pieces of the forms --------------------------------------------------------------------------------

DOTS = "…………………"


def value_or_dots(value: str | None) -> str:
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
            cells = [
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
