"""A small layout engine on a reportlab canvas, shared by every form.

Text is given as :class:`Span` runs (text + face), wrapped to a width with the shipped font's
metrics and drawn line by line.  A :class:`Flow` keeps the vertical cursor of a page and
either breaks to a new page (multi-page documents such as the ledger) or raises
:class:`PageFull` (single-page forms, which then retry at a smaller size).  The national
header, titles, signature blocks and bordered tables of Circular 01/2018/TT-VPCP are built on it
(:mod:`.form_parts`).

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
