"""The indicators report: A4 portrait, the embedded font, summary and Decision 766 points, two small charts
of the weekly series (reportlab graphics), tables by procedure and by officer, "Trang i/n" on every page.

Like every renderer here it takes plain data (:class:`IndicatorsReportData`, filled by
``counter_app.services.indicators.report.report_pdf``, the words included: :data:`TEXTS` names them) and
returns PDF bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from counter_app.locale.formats import day_month, moment, place_date

from .documents import UnitInfo
from .fonts import Style
from .form_parts import Column, Table, national_header, title
from .layout import Align, Flow, bold, draw_line, italic, new_canvas, page_flow, wrap

SIZE = 9.0
_MARGIN_LEFT = 20 * mm
_MARGIN = 15 * mm
_FOOTER = 7 * mm
CHART_HEIGHT = 52 * mm
_BLUE = colors.HexColor("#1f4e79")
_GREEN = colors.HexColor("#2e7d32")
_ORANGE = colors.HexColor("#e07b00")
_GREY = colors.HexColor("#7f7f7f")


@dataclass(frozen=True)
class ProcedureLine:
    name: str
    land: bool
    received: int
    finished: int
    early: int
    on_time: int
    late: int
    rate: str  # "98,5 %" or "—"
    returned: int


@dataclass(frozen=True)
class OfficerLine:
    name: str
    received: int
    returned: int
    tickets: int
    service_time: str  # "12 phút 05 giây" or "—"


@dataclass(frozen=True)
class WeekPoint:
    start: date
    received: int
    finished: int
    on_time: float | None  # shares 0..1; None when there is nothing to measure
    reuse: float | None
    satisfaction: float | None


#: the words the report prints, given in :attr:`IndicatorsReportData.texts` ("printed" takes ``{time}``,
#: "page" ``{page}`` and ``{pages}``; "col.*" are column titles)
TEXTS = (
    "title",
    "period",
    "unit",
    "as_of",
    "summary",
    "points",
    "points_note",
    "charts",
    "procedures",
    "officers",
    "chart_volume",
    "chart_rates",
    "legend.received",
    "legend.finished",
    "legend.on_time",
    "legend.reuse",
    "legend.satisfaction",
    "none",
    "note",
    "printed",
    "page",
    "land",
    "col.no",
    "col.indicator",
    "col.value",
    "col.target",
    "col.verdict",
    "col.part",
    "col.points",
    "col.max",
    "col.procedure",
    "col.received",
    "col.finished",
    "col.early",
    "col.on_time",
    "col.late",
    "col.rate",
    "col.returned",
    "col.officer",
    "col.tickets",
    "col.service",
)


@dataclass(frozen=True)
class IndicatorsReportData:
    unit: UnitInfo
    unit_label: str  # "Phường Cẩm Thành (21025)" or "Tất cả các đơn vị"
    period_label: str
    as_of: datetime
    printed_at: datetime
    summary: Sequence[tuple[str, str, str, str]]  # indicator, value, target, verdict
    points: Sequence[tuple[str, str, str]]  # part, points, maximum (the last line is the total)
    procedures: Sequence[ProcedureLine] = field(default_factory=tuple)
    officers: Sequence[OfficerLine] = field(default_factory=tuple)
    weeks: Sequence[WeekPoint] = field(default_factory=tuple)
    texts: Mapping[str, str] = field(default_factory=dict)
    definition: str = ""  # which dossiers count in the period (printed under it); "" to leave it out

    def __post_init__(self) -> None:
        missing = [key for key in TEXTS if key not in self.texts]
        if missing:
            raise ValueError(f"IndicatorsReportData.texts lacks {missing}")


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose default font is the embedded one (reportlab's default is Helvetica, without Vietnamese)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = Style.REGULAR.value
    drawing.initialFontSize = 7
    return drawing


def _font(obj, size: float = 7.0) -> None:
    obj.fontName = Style.REGULAR.value
    obj.fontSize = size


def _legend(x: float, y: float, pairs: list[tuple[colors.Color, str]]) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 62
    legend.dx = legend.dy = 6
    legend.boxAnchor = "nw"
    _font(legend, 7)
    legend.colorNamePairs = pairs
    return legend


def volume_chart(
    weeks: Sequence[WeekPoint], texts: Mapping[str, str], width: float, height: float = CHART_HEIGHT
) -> Drawing:
    """Bars: dossiers received and finished each week."""
    drawing = _drawing(width, height)
    drawing.add(String(0, height - 8, texts["chart_volume"], fontName=Style.BOLD.value, fontSize=8))
    chart = VerticalBarChart()
    chart.x, chart.y = 24, 22
    chart.width, chart.height = width - 34, height - 52
    chart.data = [[w.received for w in weeks] or [0], [w.finished for w in weeks] or [0]]
    chart.categoryAxis.categoryNames = [day_month(w.start) for w in weeks] or [""]
    _font(chart.categoryAxis.labels, 6.5)
    _font(chart.valueAxis.labels, 6.5)
    chart.valueAxis.valueMin = 0
    top = max([1, *chart.data[0], *chart.data[1]])
    chart.valueAxis.valueMax = top + max(1, top // 5)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.bars[0].fillColor = _BLUE
    chart.bars[1].fillColor = _GREEN
    chart.barSpacing = 1
    chart.groupSpacing = 6
    drawing.add(chart)
    drawing.add(
        _legend(24, height - 14, [(_BLUE, texts["legend.received"]), (_GREEN, texts["legend.finished"])])
    )
    return drawing


def rates_chart(
    weeks: Sequence[WeekPoint], texts: Mapping[str, str], width: float, height: float = CHART_HEIGHT
) -> Drawing:
    """Lines: on-time, reuse and satisfaction shares each week, in percent (a week with nothing to measure
    is left out of its line)."""
    drawing = _drawing(width, height)
    drawing.add(String(0, height - 8, texts["chart_rates"], fontName=Style.BOLD.value, fontSize=8))
    chart = HorizontalLineChart()
    chart.x, chart.y = 24, 22
    chart.width, chart.height = width - 34, height - 52

    def series(values: list[float | None]) -> list[float | None]:
        return [None if v is None else round(v * 100, 1) for v in values] or [None]

    chart.data = [
        series([w.on_time for w in weeks]),
        series([w.reuse for w in weeks]),
        series([w.satisfaction for w in weeks]),
    ]
    # reportlab cannot join a line of one point (a share measured in one week only, or a one-week period):
    # then every week's value is drawn as a dot instead of lines
    joined = all(sum(v is not None for v in line) != 1 for line in chart.data)
    chart.categoryAxis.categoryNames = [day_month(w.start) for w in weeks] or [""]
    _font(chart.categoryAxis.labels, 6.5)
    _font(chart.valueAxis.labels, 6.5)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    for i, colour in enumerate((_BLUE, _ORANGE, _GREEN)):
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 1.4
        if not joined:
            chart.lines[i].symbol = makeMarker("FilledCircle", size=3, fillColor=colour, strokeColor=colour)
    chart.joinedLines = int(joined)
    drawing.add(chart)
    drawing.add(
        _legend(
            24,
            height - 14,
            [
                (_BLUE, texts["legend.on_time"]),
                (_ORANGE, texts["legend.reuse"]),
                (_GREEN, texts["legend.satisfaction"]),
            ],
        )
    )
    return drawing


def _heading(flow: Flow, text: str, keep: float = 14 * mm) -> None:
    """A section heading, on a new page unless ``keep`` points of what follows fit under it."""
    flow.space(3 * mm)
    flow.ensure((SIZE + 1.5) * 1.4 + 1 * mm + keep)
    flow.paragraph(bold(text), size=SIZE + 1.5, leading=(SIZE + 1.5) * 1.4)
    flow.space(1 * mm)


def _table(
    flow: Flow, columns: list[Column], rows: list[list], none: str, *, bold_last: bool = False
) -> None:
    if not rows:
        flow.paragraph(italic(none), size=SIZE)
        return
    if bold_last:
        rows = [*rows[:-1], [bold(str(cell)) if isinstance(cell, str) else cell for cell in rows[-1]]]
    Table(columns, rows, size=SIZE, header_size=SIZE, pad=1.1 * mm).draw(flow)


def _columns(texts: Mapping[str, str], width: float, spec: list[tuple[str, float, Align]]) -> list[Column]:
    """Columns of ``spec`` (title key, width in mm or 0 for the rest, alignment) filling ``width``."""
    fixed = sum(w for _, w, _ in spec) * mm
    return [Column(texts[f"col.{key}"], w * mm if w else width - fixed, align) for key, w, align in spec]


def _render(data: IndicatorsReportData, total_pages: int) -> tuple[bytes, int]:
    subject = f"{data.unit_label} — {data.period_label}"
    texts = data.texts
    buffer, c = new_canvas(title=texts["title"].capitalize(), author=data.unit.name, subject=subject)
    page_w = A4[0]
    printed = texts["printed"].format(time=moment(data.printed_at))

    def footer(page: int) -> None:
        base = _MARGIN - 2 * mm
        box = page_w - _MARGIN_LEFT - _MARGIN
        lines: tuple[tuple[str, Align], ...] = (
            (printed, "left"),
            (texts["page"].format(page=page, pages=total_pages), "right"),
        )
        for text, align in lines:
            line = wrap(italic(text), box, SIZE - 1)[0]
            draw_line(c, line, _MARGIN_LEFT, base, SIZE - 1, align=align, box_width=box)

    flow = page_flow(
        c,
        left=_MARGIN_LEFT,
        right=_MARGIN,
        top=_MARGIN,
        bottom=_MARGIN + _FOOTER,
        on_new_page=lambda f: footer(f.page),
    )
    footer(1)
    national_header(
        flow,
        superior=data.unit.superior,
        name=data.unit.name,
        place_date=place_date(data.unit.place_name, data.printed_at.date()),
        size=11.0,
    )
    title(flow, texts["title"], size=13.0, space_before=4 * mm)
    flow.paragraph(italic(f"{texts['period']}: {data.period_label}"), size=SIZE + 1, align="center")
    flow.paragraph(
        italic(f"{texts['unit']}: {data.unit_label} · {texts['as_of']} {moment(data.as_of)}"),
        size=SIZE,
        align="center",
    )
    if data.definition:
        flow.paragraph(italic(data.definition), size=SIZE - 1, align="center")

    width = flow.width
    none = texts["none"]
    _heading(flow, texts["summary"])
    _table(
        flow,
        _columns(
            texts,
            width,
            [
                ("no", 10, "center"),
                ("indicator", 0, "left"),
                ("value", 36, "right"),
                ("target", 20, "center"),
                ("verdict", 22, "center"),
            ],
        ),
        [
            [str(i), name, value, target, verdict]
            for i, (name, value, target, verdict) in enumerate(data.summary, 1)
        ],
        none,
    )

    _heading(flow, texts["points"])
    _table(
        flow,
        _columns(texts, width, [("part", 0, "left"), ("points", 30, "right"), ("max", 30, "right")]),
        [list(row) for row in data.points],
        none,
        bold_last=True,
    )
    flow.space(1.5 * mm)
    flow.paragraph(italic(texts["points_note"]), size=SIZE - 1)

    _heading(flow, texts["charts"], keep=CHART_HEIGHT if data.weeks else 0)
    if data.weeks:
        half = (width - 6 * mm) / 2
        flow.ensure(CHART_HEIGHT)
        top = flow.y - CHART_HEIGHT
        renderPDF.draw(volume_chart(data.weeks, texts, half), c, flow.left, top)
        renderPDF.draw(rates_chart(data.weeks, texts, half), c, flow.left + half + 6 * mm, top)
        flow.y = top - 2 * mm
    else:
        flow.paragraph(italic(none), size=SIZE)

    _heading(flow, texts["procedures"])
    land = texts["land"]
    _table(
        flow,
        _columns(
            texts,
            width,
            [
                ("no", 11, "center"),
                ("procedure", 0, "left"),
                ("received", 15, "right"),
                ("finished", 17, "right"),
                ("early", 15, "right"),
                ("on_time", 15, "right"),
                ("late", 14, "right"),
                ("rate", 18, "right"),
                ("returned", 14, "right"),
            ],
        ),
        [
            [
                str(i),
                f"{p.name} {land}" if p.land else p.name,
                str(p.received),
                str(p.finished),
                str(p.early),
                str(p.on_time),
                str(p.late),
                p.rate,
                str(p.returned),
            ]
            for i, p in enumerate(data.procedures, 1)
        ],
        none,
    )

    _heading(flow, texts["officers"])
    _table(
        flow,
        _columns(
            texts,
            width,
            [
                ("no", 11, "center"),
                ("officer", 0, "left"),
                ("received", 18, "right"),
                ("returned", 18, "right"),
                ("tickets", 20, "right"),
                ("service", 38, "right"),
            ],
        ),
        [
            [str(i), o.name, str(o.received), str(o.returned), str(o.tickets), o.service_time]
            for i, o in enumerate(data.officers, 1)
        ],
        none,
    )

    flow.space(3 * mm)
    flow.paragraph(italic(texts["note"]), size=SIZE - 1)
    pages = flow.page
    c.showPage()
    c.save()
    return buffer.getvalue(), pages


def render_indicators_report(data: IndicatorsReportData) -> bytes:
    """The report as PDF bytes; laid out twice so that every page can say "Trang i/n"."""
    _, pages = _render(data, 1)
    pdf, again = _render(data, pages)
    assert again == pages
    return pdf
