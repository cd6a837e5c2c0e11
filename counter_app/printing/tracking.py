"""The processing control sheet (Mẫu 06 of Circular 03/2025/TT-VPCP, Mẫu 05 of 2018) and the tracking ledger
(Mẫu 07 of 2025, Mẫu 06 of 2018; landscape, paginated); titles from the document's form set (:mod:`.formsets`)."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.locale import t
from counter_app.locale.formats import clock, day, long_time, moment, time_cell, two_digits

from . import formsets
from .documents import ControlSheetData, HandoverRow, LedgerData, LedgerRow
from .fonts import Style, string_width
from .form_parts import Block, Column, Table, form_mark, labelled, title
from .layout import (
    Align,
    Flow,
    Span,
    baseline_offset,
    bold,
    draw_line,
    italic,
    new_canvas,
    page_flow,
    wrap,
)
from .receipt import form_header

# --- Mẫu 05 -------------------------------------------------------------------------------------------

CONTROL_SIZE = 12.0


def _handover_cells(row: HandoverRow) -> list:
    when: list[Span] = [Span(time_cell(row.handed_at))]
    if row.taken_at is not None and row.taken_at != row.handed_at:
        when += [Span("\n"), Span(t("printing.control.receive")), Span(time_cell(row.taken_at))]
    return [
        [
            Span(t("printing.control.give")),
            bold(row.from_unit),
            Span("\n"),
            Span(t("printing.control.receive")),
            bold(row.to_unit),
        ],
        when,
        row.giver_name,
        row.receiver_name,
        t(f"printing.result.{row.result}") if row.result else "",
        row.note,
    ]


def render_control_sheet(data: ControlSheetData) -> bytes:
    """ "Phiếu kiểm soát quá trình giải quyết hồ sơ": one row per handover between steps or units."""
    form_set = formsets.get(data.forms)
    buffer, c = new_canvas(
        title=form_set.title("control").capitalize(), author=data.unit.name, subject=data.dossier_code
    )
    flow = page_flow(c, left=20 * mm, right=15 * mm, top=15 * mm, bottom=15 * mm)
    form_header(flow, data.unit, form_set, "control", place_date=None, size=12.0)
    title(flow, form_set.title("control"), size=14.0, space_before=6 * mm)
    flow.paragraph(
        [Span(t("printing.field.code")), bold(data.dossier_code)], size=CONTROL_SIZE, align="center"
    )
    flow.space(4 * mm)
    leading = CONTROL_SIZE * 1.35

    def line(label: str, value: str, strong: bool = False) -> None:
        labelled(flow, label, value, size=CONTROL_SIZE, leading=leading, strong=strong)

    line(t("printing.field.applicant"), data.applicant_name, True)
    line(t("printing.field.request"), data.procedure_name)
    line(t("printing.control.received"), long_time(data.received_at))
    line(t("printing.control.due"), long_time(data.due_at), True)
    line(t("printing.control.lead"), data.lead_unit)
    line(t("printing.control.cooperating"), "; ".join(data.cooperating_units) or t("printing.control.none"))
    flow.space(3 * mm)

    fixed = [11 * mm, 40 * mm, 29 * mm, 25 * mm, 25 * mm, 25 * mm]
    columns = [
        Column(t("printing.table.no"), fixed[0], "center"),
        Column(t("printing.control.col.unit"), fixed[1]),
        Column(t("printing.control.col.time"), fixed[2], "center"),
        Column(t("printing.control.col.giver"), fixed[3], "center", valign="bottom"),
        Column(t("printing.control.col.receiver"), fixed[4], "center", valign="bottom"),
        Column(t("printing.control.col.result"), fixed[5], "center"),
        Column(t("printing.control.col.note"), flow.width - sum(fixed)),
    ]
    rows = [[str(i), *_handover_cells(handover)] for i, handover in enumerate(data.handovers, 1)]
    size, row_height = CONTROL_SIZE - 2, 24 * mm
    table = Table(columns, rows, size=size, header_size=size - 0.5, min_row_height=row_height)
    # The sheet travels with the paper dossier and later handovers are often written in by hand:
    # fill the rest of the last page with numbered blank rows.
    pages = table.split(flow.room(), flow.top - flow.bottom)
    spare = int(table.room_left(pages, flow.room(), flow.top - flow.bottom) // row_height)
    if spare:
        rows += [[str(n)] + [""] * (len(columns) - 1) for n in range(len(rows) + 1, len(rows) + spare + 1)]
        table = Table(columns, rows, size=size, header_size=size - 0.5, min_row_height=row_height)
    table.draw(flow)
    c.showPage()
    c.save()
    return buffer.getvalue()


# --- Mẫu 06 -------------------------------------------------------------------------------------------

LEDGER_PAGE = landscape(A4)
LEDGER_SIZE = 8.0
_MARGIN = 10 * mm
_FOOTER = 7 * mm
_RUNNING_HEADER = 8 * mm


#: the code column fits a code of this app (``000.00.53.H48-261122-2007``) at :data:`CODE_SIZE`
CODE_COLUMN = 37 * mm
#: codes are printed a point smaller than the rest of the row, on one line; a longer one (another system's)
#: is set smaller still, to the column's width (:func:`_code_cell`)
CODE_SIZE = LEDGER_SIZE - 1.0
_CELL_PAD = 1.1 * mm


def _ledger_columns(width: float) -> list[Column]:
    spec: list[tuple[str, int, Align]] = [
        ("no", 9, "center"),
        ("code", round(CODE_COLUMN / mm), "left"),
        ("procedure", 36, "left"),
        ("sets", 13, "center"),
        ("applicant", 25, "left"),
        ("address", 27, "left"),
        ("lead_unit", 26, "left"),
        ("received", 19, "center"),
        ("due", 19, "center"),
        ("transferred", 19, "center"),
        ("returned", 19, "center"),
        ("signature", 12, "center"),
    ]
    columns = [Column(t(f"printing.ledger.col.{key}"), w * mm, align) for key, w, align in spec]
    columns.append(Column(t("printing.ledger.col.note"), width - sum(col.width for col in columns)))
    return columns


def _when(dt: datetime | None) -> str:
    return "" if dt is None else f"{day(dt)}\n{clock(dt)}"


def _code_cell(code: str) -> Block:
    """A dossier code on one line, never wrapped: the citizen reads it out and the portal looks it up whole
    (issue 15).  Set at :data:`CODE_SIZE`, or smaller when it is wider than the column."""
    room = CODE_COLUMN - 2 * _CELL_PAD
    size = min(CODE_SIZE, CODE_SIZE * room / string_width(code, Style.REGULAR, CODE_SIZE))
    line = wrap(code, float("inf"), size)[0]
    leading = LEDGER_SIZE * 1.22

    def draw(c: Canvas, x: float, top: float, width: float) -> None:
        draw_line(c, line, x, top - baseline_offset(leading), size)

    return Block(leading, draw)


def _ledger_cells(row: LedgerRow) -> list:
    code = _code_cell(row.dossier_code)
    contact = "\n".join(part for part in (row.address, row.phone) if part)
    return [
        str(row.number),
        code,
        row.procedure_name,
        two_digits(row.sets),
        row.applicant_name,
        contact,
        row.lead_unit,
        _when(row.received_at),
        _when(row.due_at),
        _when(row.transferred_at),
        _when(row.returned_at),
        "",
        row.note,
    ]


def render_ledger(data: LedgerData) -> bytes:
    """ "Sổ theo dõi hồ sơ" for ``date_from``..``date_to``, landscape A4; the column
    header repeats on every page and each page is numbered "Trang i/n"."""
    form_set = formsets.get(data.forms)
    ledger_title = form_set.title("ledger")
    period = t("printing.ledger.period", start=day(data.date_from), end=day(data.date_to))
    buffer, c = new_canvas(
        title=f"{ledger_title.capitalize()} {period}",
        author=data.unit.name,
        subject=period,
        pagesize=LEDGER_PAGE,
    )
    page_w = LEDGER_PAGE[0]
    printed = t("printing.ledger.printed", time=moment(data.printed_at))
    running = t(
        "printing.ledger.running",
        title=ledger_title.capitalize(),
        unit=data.unit.name,
        period=period,
    )
    total_pages = 1

    def footer(page: int) -> None:
        base = _MARGIN - 1 * mm
        lines: tuple[tuple[str, Align], ...] = (
            (printed, "left"),
            (t("printing.ledger.page", page=page, pages=total_pages), "right"),
        )
        for text, align in lines:
            line = wrap(italic(text), page_w - 2 * _MARGIN, LEDGER_SIZE)[0]
            draw_line(c, line, _MARGIN, base, LEDGER_SIZE, align=align, box_width=page_w - 2 * _MARGIN)

    def next_page(flow: Flow) -> None:
        footer(flow.page)
        flow.paragraph(italic(running), size=LEDGER_SIZE + 1, leading=_RUNNING_HEADER)

    flow = page_flow(
        c,
        LEDGER_PAGE,
        left=_MARGIN,
        right=_MARGIN,
        top=_MARGIN,
        bottom=_MARGIN + _FOOTER,
        on_new_page=next_page,
    )
    form_mark(flow, form_set.mark("ledger"), size=LEDGER_SIZE)
    unit = Flow(c, left=flow.left, right=flow.left + flow.width * 0.35, top=flow.y, bottom=flow.bottom)
    if data.unit.superior:
        unit.paragraph(data.unit.superior.upper(), size=10, align="center")
    unit.paragraph(bold(data.unit.name.upper()), size=10, align="center")
    title(flow, ledger_title, size=15.0, space_before=max(0.0, flow.y - unit.y) + 2 * mm)
    flow.paragraph(italic(period), size=11, align="center")
    if data.book:
        flow.paragraph(t("printing.ledger.book", book=data.book), size=11, align="center")
    if data.definition:
        flow.paragraph(italic(data.definition), size=LEDGER_SIZE, align="center")
    flow.space(3 * mm)

    table = Table(
        _ledger_columns(flow.width),
        [_ledger_cells(row) for row in data.rows],
        size=LEDGER_SIZE,
        header_size=LEDGER_SIZE,
        pad=_CELL_PAD,
        min_row_height=9 * mm,
        numbered_columns=True,
    )
    first_room, page_room = flow.room(), flow.top - flow.bottom - _RUNNING_HEADER
    pages = table.split(first_room, page_room)
    closing = t("printing.ledger.total", count=len(data.rows)) if data.rows else t("printing.ledger.empty")
    if data.rows and data.totals:
        closing = f"{closing} {data.totals}"
    closing_lines = len(wrap(italic(closing), flow.width, LEDGER_SIZE + 2))
    closing_height = 2 * mm + (LEDGER_SIZE + 2) * 1.25 * closing_lines
    total_pages = len(pages) + (table.room_left(pages, first_room, page_room) < closing_height)
    footer(1)
    if data.rows:
        table.draw(flow, pages)
    else:
        table.draw_head(flow)
    flow.space(2 * mm)
    flow.paragraph(italic(closing), size=LEDGER_SIZE + 2, align="left" if data.rows else "center")
    c.showPage()
    c.save()
    return buffer.getvalue()
