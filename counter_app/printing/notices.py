"""Mẫu 02 (supplement request), Mẫu 03 (refusal), Mẫu 04 (apology: with a new date in 2018, with a request to
extend the time limit in 2025) and Mẫu 05 of Circular 03/2025/TT-VPCP (notice that processing stops).

Titles and the wording a set changes come from the document's form set (:mod:`.formsets`).  One A4 portrait
page each in the usual case; a very long reason continues on a second page.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.locale import t
from counter_app.locale.formats import long_date, long_time, place_date

from . import formsets
from .documents import ApologyData, Applicant, RefusalData, StopData, SupplementData
from .form_parts import Signature, labelled, signatures, title, value_or_dots
from .formsets import FormSet
from .layout import Content, Flow, Span, bold, new_canvas, page_flow
from .receipt import applicant_lines, documents_table, form_header, office_name, return_place_text

SIZE = 13.0
LEADING = SIZE * 1.35
INDENT = 10 * mm


def _begin(
    data: SupplementData | RefusalData | ApologyData | StopData, kind: str
) -> tuple[io.BytesIO, Canvas, Flow, FormSet]:
    """A new document with the form's number, the national header, the date of issue, the title and the
    dossier code."""
    form_set = formsets.get(data.forms)
    heading = form_set.title(kind)
    buffer, c = new_canvas(title=heading.capitalize(), author=data.unit.name, subject=data.dossier_code)
    flow = page_flow(c)
    form_header(
        flow,
        data.unit,
        form_set,
        kind,
        place_date=place_date(data.unit.place_name, data.issued_at.date()),
        size=12.0,
    )
    title(flow, heading, size=14.0, space_before=7 * mm)
    flow.paragraph([Span(t("printing.field.code")), bold(data.dossier_code)], size=SIZE, align="center")
    if getattr(data, "reprint", False):  # the same notice again, as it was issued
        flow.paragraph(bold(t("fixes.print.reprint")), size=SIZE, align="center")
    flow.space(5 * mm)
    return buffer, c, flow, form_set


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
    buffer, c, flow, _ = _begin(data, "supplement")
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
    buffer, c, flow, form_set = _begin(data, "refusal")
    office = office_name(data.unit, form_set)
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


def _addressee(flow: Flow, applicant: Applicant) -> None:
    """«Kính gửi: <name>» centred, the address below it."""
    flow.paragraph(
        [Span(t("printing.apology.to")), bold(applicant.name)], size=SIZE, leading=LEADING, align="center"
    )
    if applicant.address:
        flow.paragraph(
            f"({t('printing.field.address')}{applicant.address})",
            size=SIZE - 1,
            leading=LEADING,
            align="center",
        )
    flow.space(4 * mm)


def _received(flow: Flow, data: ApologyData | StopData, office: str) -> None:
    """The addressee, then when and where the dossier was received and what it asks (Mẫu 04, 05)."""
    _addressee(flow, data.applicant)
    _body(
        flow,
        t(
            "printing.apology.received",
            date=long_date(data.received_at.date()).capitalize(),
            office=office,
            code=data.dossier_code,
        ),
    )
    _body(flow, [Span(t("printing.field.request")), bold(data.procedure_name)])


def _head_signs(flow: Flow, data: ApologyData | StopData) -> None:
    """The head of the unit signs, under the seal (Mẫu 04, 05)."""
    flow.space(4 * mm)
    signatures(
        flow,
        [Signature(data.head_title, data.head_name, note=t("printing.sign.note_seal"))],
        size=SIZE,
        space=24 * mm,
    )


def render_apology(data: ApologyData) -> bytes:
    """Mẫu 04 — "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" (2025; "Phiếu xin lỗi và hẹn lại ngày
    trả kết quả" in 2018), signed by the head of the unit."""
    buffer, c, flow, form_set = _begin(data, "apology")
    unit_name = data.unit.name
    _received(flow, data, office_name(data.unit, form_set))
    _body(flow, [Span(t("printing.apology.due")), bold(long_time(data.original_due_at))])
    # written before the promised date, the letter asks for more time; after it, it owns the delay
    late = data.issued_at > data.original_due_at
    _body(flow, t("printing.apology.late" if late else "printing.apology.not_in_time", unit=unit_name))
    _body(flow, [Span(t("printing.field.reason")), Span(value_or_dots(data.reason))])
    _body(
        flow,
        [
            Span(form_set.text("apology", "sorry", "printing.apology.sorry", unit=unit_name)),
            bold(long_time(data.new_due_at)),
            Span(
                t(
                    "printing.apology.place",
                    place=return_place_text(data.return_place, data.unit, form_set),
                )
            ),
        ],
    )
    _body(flow, form_set.text("apology", "thanks", "printing.apology.thanks"))
    _head_signs(flow, data)
    return _end(buffer, c)


def render_stop_notice(data: StopData) -> bytes:
    """Mẫu 05 of Circular 03/2025/TT-VPCP — "Thông báo dừng giải quyết hồ sơ", with its reason, signed by the
    head of the unit that holds the dossier.  A set without this form (2018) raises
    :class:`~counter_app.printing.formsets.UnknownFormSet`."""
    buffer, c, flow, form_set = _begin(data, "stop")
    office = office_name(data.unit, form_set)
    _received(flow, data, office)
    _body(flow, t("forms2025.stop.body", unit=data.unit.name))
    _body(flow, [Span(t("printing.field.reason")), bold(value_or_dots(data.reason))])
    _body(flow, t("forms2025.stop.closing", office=office))
    _head_signs(flow, data)
    return _end(buffer, c)
