"""Mẫu 02 (supplement request), Mẫu 03 (refusal) and Mẫu 04 (apology with a new date).

One A4 portrait page each in the usual case; a very long reason continues on a second page.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.locale import t
from counter_app.locale.formats import long_date, long_time, place_date

from .documents import ApologyData, Applicant, RefusalData, SupplementData
from .form_parts import Signature, labelled, national_header, signatures, title, value_or_dots
from .layout import Content, Flow, Span, bold, new_canvas, page_flow
from .receipt import applicant_lines, documents_table, office_name, return_place_text

SIZE = 13.0
LEADING = SIZE * 1.35
INDENT = 10 * mm


def _begin(
    data: SupplementData | RefusalData | ApologyData, title_key: str
) -> tuple[io.BytesIO, Canvas, Flow]:
    """A new document with the national header, the date of issue, the title and the dossier code."""
    heading = t(title_key)
    buffer, c = new_canvas(title=heading.capitalize(), author=data.unit.name, subject=data.dossier_code)
    flow = page_flow(c)
    national_header(
        flow,
        superior=data.unit.superior,
        name=data.unit.name,
        place_date=place_date(data.unit.place_name, data.issued_at.date()),
        size=12.0,
    )
    title(flow, heading, size=14.0, space_before=7 * mm)
    flow.paragraph([Span(t("printing.field.code")), bold(data.dossier_code)], size=SIZE, align="center")
    flow.space(5 * mm)
    return buffer, c, flow


def _end(buffer: io.BytesIO, c: Canvas) -> bytes:
    c.showPage()
    c.save()
    return buffer.getvalue()


def _line(flow: Flow, label: str, value: str, *, strong: bool = False) -> None:
    labelled(flow, label, value, size=SIZE, leading=LEADING, strong=strong)


def _applicant(flow: Flow, label: str, applicant: Applicant) -> None:
    applicant_lines(flow, label, applicant, size=SIZE, leading=LEADING)


def _body(flow: Flow, content: Content, *, space_after: float = 1.5 * mm) -> None:
    flow.paragraph(content, size=SIZE, leading=LEADING, space_after=space_after)


def render_supplement_request(data: SupplementData) -> bytes:
    """Mẫu 02 — "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"."""
    buffer, c, flow = _begin(data, "printing.supplement.title")
    _applicant(flow, t("printing.field.applicant"), data.applicant)
    _line(flow, t("printing.field.request"), data.procedure_name, strong=True)
    flow.space(2 * mm)
    _body(flow, t("printing.supplement.intro"))
    if data.missing_documents:
        _body(flow, t("printing.supplement.documents"), space_after=1 * mm)
        documents_table(data.missing_documents, width=flow.width, size=SIZE - 1.5).draw(flow)
        flow.space(2 * mm)
    if data.other_requests:
        _body(flow, t("printing.supplement.other"), space_after=0)
        for item in data.other_requests:
            flow.paragraph(f"- {item}", size=SIZE, leading=LEADING, indent=INDENT / 2, hanging=3 * mm)
        flow.space(1.5 * mm)
    _body(flow, [Span(t("printing.field.reason")), Span(value_or_dots(data.reason))])
    phone = data.officer_phone or data.unit.phone
    _body(
        flow,
        t(
            "printing.supplement.contact",
            officer=data.officer_name,
            phone=t("printing.supplement.contact_phone", phone=phone) if phone else "",
        ),
    )
    flow.space(4 * mm)
    signatures(flow, [Signature(t("printing.supplement.sign"), data.officer_name)], size=SIZE)
    return _end(buffer, c)


def render_refusal(data: RefusalData) -> bytes:
    """Mẫu 03 — "Phiếu từ chối tiếp nhận giải quyết hồ sơ"."""
    buffer, c, flow = _begin(data, "printing.refusal.title")
    office = office_name(data.unit)
    _line(flow, t("printing.receipt.office"), office)
    _applicant(flow, t("printing.receipt.applicant"), data.applicant)
    _line(flow, t("printing.field.request"), data.procedure_name, strong=True)
    flow.space(2 * mm)
    _body(flow, t("printing.refusal.body", office=office))
    flow.paragraph(
        bold(value_or_dots(data.reason)), size=SIZE, leading=LEADING, indent=INDENT, space_after=2 * mm
    )
    _body(flow, t("printing.refusal.closing"))
    flow.space(4 * mm)
    signatures(flow, [Signature(t("printing.refusal.sign"), data.officer_name)], size=SIZE)
    return _end(buffer, c)


def render_apology(data: ApologyData) -> bytes:
    """Mẫu 04 — "Phiếu xin lỗi và hẹn lại ngày trả kết quả", signed by the head of the unit."""
    buffer, c, flow = _begin(data, "printing.apology.title")
    unit_name = data.unit.name
    flow.paragraph(
        [Span(t("printing.apology.to")), bold(data.applicant.name)],
        size=SIZE,
        leading=LEADING,
        align="center",
    )
    if data.applicant.address:
        flow.paragraph(
            f"({t('printing.field.address')}{data.applicant.address})",
            size=SIZE - 1,
            leading=LEADING,
            align="center",
        )
    flow.space(4 * mm)
    _body(
        flow,
        t(
            "printing.apology.received",
            date=long_date(data.received_at.date()).capitalize(),
            office=office_name(data.unit),
            code=data.dossier_code,
        ),
    )
    _body(flow, [Span(t("printing.field.request")), bold(data.procedure_name)])
    _body(flow, [Span(t("printing.apology.due")), bold(long_time(data.original_due_at))])
    _body(flow, t("printing.apology.late", unit=unit_name))
    _body(flow, [Span(t("printing.field.reason")), Span(value_or_dots(data.reason))])
    _body(
        flow,
        [
            Span(t("printing.apology.sorry", unit=unit_name)),
            bold(long_time(data.new_due_at)),
            Span(t("printing.apology.place", place=return_place_text(data.return_place, data.unit))),
        ],
    )
    _body(flow, t("printing.apology.thanks"))
    flow.space(4 * mm)
    signatures(
        flow,
        [Signature(data.head_title, data.head_name, note=t("printing.sign.note_seal"))],
        size=SIZE,
        space=24 * mm,
    )
    return _end(buffer, c)
