"""The catalogue poster: every procedure with its processing time, fee and a QR code to its
public description, grouped by field (lĩnh vực); A4 portrait, as many pages as needed."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.locale import t
from counter_app.locale.formats import long_date, money, processing_time

from .codes_drawing import draw_qr, qr_matrix
from .documents import CatalogueData, CatalogueEntry
from .form_parts import Block, Column, Table
from .layout import Content, Span, bold, italic, new_canvas, page_flow

SIZE = 11.0
QR_SIDE = 24 * mm
QUIET = 1.5 * mm
"""Extra light margin above and below each code, on top of the cell padding (quiet zone)."""


def _qr_block(url: str) -> Block:
    matrix = qr_matrix(url)  # structured text: let qrcode pick the best mask

    def draw(c: Canvas, x: float, top: float, width: float) -> None:
        draw_qr(c, matrix, x + (width - QR_SIDE) / 2, top - QUIET - QR_SIDE, QR_SIDE)

    return Block(QR_SIDE + 2 * QUIET, draw)


def _fee(entry: CatalogueEntry) -> str:
    parts = [money(entry.fee_amount)] if entry.fee_amount else []
    if entry.fee_note:
        parts.append(entry.fee_note)
    return "\n".join(parts) or t("printing.catalogue.no_fee")


def _groups(entries: tuple[CatalogueEntry, ...]) -> list[tuple[str, list[CatalogueEntry]]]:
    """Entries grouped by field in order of first appearance."""
    groups: dict[str, list[CatalogueEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.field_name, []).append(entry)
    return list(groups.items())


def render_catalogue(data: CatalogueData) -> bytes:
    """The poster as PDF bytes."""
    heading = data.title or t("printing.catalogue.title")
    buffer, c = new_canvas(title=heading.capitalize(), author=data.unit.name)
    flow = page_flow(c, left=15 * mm, right=15 * mm, top=15 * mm, bottom=15 * mm)
    office = data.unit.office_name or t("printing.unit.office", name=data.unit.name)
    flow.paragraph(bold(heading.upper()), size=18, leading=23, align="center")
    flow.paragraph(bold(t("printing.catalogue.subtitle", office=office)), size=13, leading=17, align="center")
    flow.paragraph(
        italic(t("printing.catalogue.updated", date=long_date(data.issued_on))),
        size=11,
        leading=15,
        align="center",
    )
    flow.space(2 * mm)
    flow.paragraph(italic(t("printing.catalogue.scan")), size=10.5, align="center")
    flow.space(4 * mm)

    fixed = [12 * mm, 30 * mm, 32 * mm, QR_SIDE + 6 * mm]
    columns = [
        Column(t("printing.catalogue.col.no"), fixed[0], "center"),
        Column(t("printing.catalogue.col.procedure"), flow.width - sum(fixed)),
        Column(t("printing.catalogue.col.time"), fixed[1], "center"),
        Column(t("printing.catalogue.col.fee"), fixed[2], "center"),
        Column(t("printing.catalogue.col.qr"), fixed[3], "center"),
    ]
    number = 0
    for field_name, entries in _groups(data.entries):
        rows: list[list[Content | Block]] = []
        for entry in entries:
            number += 1
            name = [
                bold(entry.name),
                Span("\n"),
                italic(t("printing.catalogue.code", code=entry.procedure_code)),
            ]
            rows.append(
                [str(number), name, processing_time(entry.processing_days), _fee(entry), _qr_block(entry.url)]
            )
        # TODO(issue 10): layout.Table draws Block cells, but its ``rows`` annotation omits Block
        # (``Sequence[Sequence[Content | Block]]``); drop this ignore when layout.py says so.
        table = Table(columns, rows, size=SIZE - 1, header_size=SIZE - 1.5, pad=1.5 * mm)  # type: ignore[arg-type]
        if field_name:
            # Keep the field's heading with its table's header and first row.
            flow.ensure(SIZE * 1.4 + table.head_height + table.heights[0] + 2 * mm)
            flow.paragraph(
                bold(t("printing.catalogue.field", name=field_name)), size=SIZE + 1, leading=SIZE * 1.6
            )
        table.draw(flow)
        flow.space(4 * mm)
    c.showPage()
    c.save()
    return buffer.getvalue()
