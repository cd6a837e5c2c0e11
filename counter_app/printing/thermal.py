"""The 80 mm roll: queue tickets and a short receipt slip.

ESC/POS code pages are unreliable for Vietnamese, so the text is rendered as an image with the
shipped font (576 dots wide: the printable width of an 80 mm printer at 203 dpi) and the printer
receives pixels.  The same layout also renders to a PDF page 80 mm wide for printers driven by
CUPS.  One layout pass positions everything in printer dots; two painters (Pillow, reportlab)
draw it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw
from reportlab.lib.units import mm

from counter_app.locale import t
from counter_app.locale.formats import moment

from .codes_drawing import QR_QUIET_ZONE, RANDOM_DATA_MASK, draw_qr, paint_qr, qr_matrix
from .documents import ReceiptData, TicketData
from .fonts import Style, pil_font, string_width
from .layout import Align, Content, Line, Span, bold, draw_line, italic, new_canvas, wrap, wrap_balanced
from .payload import Signer, sign_receipt
from .receipt import claims_of, fee_text, office_name, return_place_text

DOTS_WIDTH = 576
"""Printable width of an 80 mm thermal printer at 203 dpi (72 mm)."""
DPI = 203
MARGIN = 12
PT_PER_DOT = 72 / DPI
PDF_PAGE_WIDTH = 80 * mm
PDF_SIDE = (PDF_PAGE_WIDTH - DOTS_WIDTH * PT_PER_DOT) / 2


@dataclass(frozen=True)
class _Text:
    content: Content
    size: int
    """Font size in dots."""
    align: Align = "center"
    after: int = 6
    balanced: bool = False


@dataclass(frozen=True)
class _Rule:
    pass


@dataclass(frozen=True)
class _Qr:
    matrix: list[list[bool]]
    module: int
    """Dots per module."""


@dataclass(frozen=True)
class _Placed:
    kind: str  # "line", "rule", "qr"
    y: int  # baseline for lines, top for the others
    line: Line | None = None
    size: int = 0
    align: Align = "left"
    qr: _Qr | None = None


def _layout(items: Sequence[_Text | _Rule | _Qr]) -> tuple[list[_Placed], int]:
    """Positions in dots from the top; returns them and the total height."""
    width = DOTS_WIDTH - 2 * MARGIN
    # FreeType hinting can make small text a little wider than the outline metrics: keep 2% spare.
    wrap_width = width * 0.98
    placed: list[_Placed] = []
    y = MARGIN
    for item in items:
        if isinstance(item, _Text):
            leading = round(item.size * 1.22)
            lines = (wrap_balanced if item.balanced else wrap)(item.content, wrap_width, item.size)
            for line in lines:
                y += leading
                placed.append(_Placed("line", y - round(item.size * 0.25), line, item.size, item.align))
            y += item.after
        elif isinstance(item, _Rule):
            y += 10
            placed.append(_Placed("rule", y))
            y += 14
        else:
            side = len(item.matrix) * item.module
            y += QR_QUIET_ZONE * item.module // 2
            placed.append(_Placed("qr", y, qr=item))
            y += side + QR_QUIET_ZONE * item.module // 2
    return placed, y + 2 * MARGIN


def _x(line: Line, align: Align) -> float:
    width = DOTS_WIDTH - 2 * MARGIN
    if align == "center":
        return MARGIN + (width - line.width) / 2
    if align == "right":
        return MARGIN + width - line.width
    return MARGIN


def _paint_image(placed: list[_Placed], height: int) -> Image.Image:
    image = Image.new("L", (DOTS_WIDTH, height), 255)
    draw = ImageDraw.Draw(image)
    for item in placed:
        if item.kind == "line":
            assert item.line is not None
            x = _x(item.line, item.align)
            for text, style in item.line.frags:
                font = pil_font(style, item.size)
                draw.text((x, item.y), text, font=font, fill=0, anchor="ls")
                x += string_width(text, style, item.size)
        elif item.kind == "rule":
            for x in range(MARGIN, DOTS_WIDTH - MARGIN, 12):
                draw.line((x, item.y, x + 6, item.y), fill=0, width=2)
        else:
            assert item.qr is not None
            side = len(item.qr.matrix) * item.qr.module
            paint_qr(draw, item.qr.matrix, (DOTS_WIDTH - side) // 2, item.y, item.qr.module)
    # Thermal heads print dots, not greys: threshold once here, without dithering, for crisp text.
    return image.point(lambda v: 255 if v >= 128 else 0, mode="1")


def _paint_pdf(placed: list[_Placed], height: int, *, title: str, author: str) -> bytes:
    page_height = height * PT_PER_DOT
    buffer, c = new_canvas(title=title, author=author, pagesize=(PDF_PAGE_WIDTH, page_height))

    def y_of(dots: float) -> float:
        return page_height - dots * PT_PER_DOT

    for item in placed:
        if item.kind == "line":
            assert item.line is not None
            x = _x(item.line, item.align)
            draw_line(c, item.line, PDF_SIDE + x * PT_PER_DOT, y_of(item.y), item.size * PT_PER_DOT)
        elif item.kind == "rule":
            c.setDash(6 * PT_PER_DOT, 6 * PT_PER_DOT)
            c.setLineWidth(2 * PT_PER_DOT)
            c.line(
                PDF_SIDE + MARGIN * PT_PER_DOT,
                y_of(item.y),
                PDF_PAGE_WIDTH - PDF_SIDE - MARGIN * PT_PER_DOT,
                y_of(item.y),
            )
            c.setDash()
        else:
            assert item.qr is not None
            side = len(item.qr.matrix) * item.qr.module * PT_PER_DOT
            draw_qr(c, item.qr.matrix, (PDF_PAGE_WIDTH - side) / 2, y_of(item.y) - side, side)
    c.showPage()
    c.save()
    return buffer.getvalue()


# --- queue ticket ------------------------------------------------------------------------------------------


def _number_size(number: str) -> int:
    """As large as fits: 150 dots (19 mm) tall for "A015", smaller for long numbers."""
    width = string_width(number, Style.BOLD, 100) / 100
    return int(min(150, (DOTS_WIDTH - 2 * MARGIN) * 0.95 / max(width, 0.01)))


def _ticket_items(data: TicketData) -> list[_Text | _Rule | _Qr]:
    items: list[_Text | _Rule | _Qr] = [_Text(bold(data.unit_name.upper()), 26, after=2, balanced=True)]
    items.append(_Text(data.counter_name or t("printing.ticket.any_counter"), 24))
    items.append(_Rule())
    items.append(_Text(t("printing.ticket.heading"), 26, after=0))
    items.append(_Text(bold(data.number), _number_size(data.number), after=10))
    items.append(_Text(bold(data.service_name), 30, after=10))
    items.append(_Text(t("printing.ticket.waiting", count=data.waiting_ahead), 26, after=4))
    items.append(_Text(t("printing.ticket.time", time=moment(data.issued_at)), 24))
    items.append(_Rule())
    items.append(_Text(italic(t("printing.ticket.footer")), 22))
    return items


def render_ticket_image(data: TicketData) -> Image.Image:
    """The ticket as a 1-bit image, 576 dots wide, for an ESC/POS printer."""
    return _paint_image(*_layout(_ticket_items(data)))


def render_ticket_pdf(data: TicketData) -> bytes:
    """The ticket as a PDF page 80 mm wide (as tall as its content)."""
    return _paint_pdf(
        *_layout(_ticket_items(data)), title=f"{data.number} — {data.service_name}", author=data.unit_name
    )


# --- short receipt slip -------------------------------------------------------------------------------------


def _slip_items(data: ReceiptData, signer: Signer) -> list[_Text | _Rule | _Qr]:
    payload = sign_receipt(claims_of(data), signer)
    size = 23

    def field(label: str, value: str, strong: bool = False) -> _Text:
        return _Text([Span(label), bold(value) if strong else Span(value)], size, align="left", after=4)

    return [
        _Text(bold(data.unit.name.upper()), 24, after=0, balanced=True),
        _Text(office_name(data.unit), 22),
        _Rule(),
        _Text(bold(t("printing.receipt.title")), 27, after=4, balanced=True),
        _Text([Span(t("printing.receipt.code")), bold(data.dossier_code)], 25),
        _Rule(),
        field(t("printing.receipt.applicant"), data.applicant.name, True),
        field(t("printing.receipt.request"), data.procedure_name),
        _Text(t("printing.slip.received", time=moment(data.received_at)), size, align="left", after=4),
        _Text(bold(t("printing.slip.due", time=moment(data.due_at))), size + 2, align="left", after=4),
        _Text(
            t("printing.slip.return", place=return_place_text(data.return_place, data.unit)),
            size,
            align="left",
            after=4,
        ),
        _Text(t("printing.slip.fee", fee=fee_text(data.fee)), size, align="left", after=4),
        _Text(t("printing.slip.officer", name=data.officer_name), size, align="left"),
        _Rule(),
        _Qr(qr_matrix(payload, mask_pattern=RANDOM_DATA_MASK), 5),
        _Text(italic(t("printing.slip.scan", key_id=signer.key_id)), 20),
    ]


def render_receipt_slip_image(data: ReceiptData, signer: Signer) -> Image.Image:
    """A short receipt for the thermal printer: code, applicant, times, place, fee and the signed QR.

    The Code 128 barcode stays on the A4 receipt: the 25-character code needs about 300 modules,
    which at 576 dots leaves 1 dot (0.125 mm) per module, too thin to scan reliably; the
    signed QR carries the dossier code instead.
    """
    return _paint_image(*_layout(_slip_items(data, signer)))
