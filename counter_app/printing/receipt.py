"""Mẫu 01 — "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (Circular 03/2025/TT-VPCP; Circular 01/2018 for older
dossiers: the form set is the data's ``forms``, :mod:`.formsets`), two copies.

Each component says whether it was digitised («Đã số hóa») or reused from the citizen's data store
(«Tái sử dụng dữ liệu số», its form «Dữ liệu số hóa» instead of a paper copy): the marks are the app's, not
the forms' wording, and are printed on either set.

The dossier code is printed large under the title: it is what the citizen looks the dossier up with on the
national public service portal (Decree 309/2026/NĐ-CP, as the issue states it).

Each copy is one A4 page; both carry the Code 128 barcode of the dossier code (the return
counter scans it) and the QR code whose payload is signed with the counter's key
(:mod:`counter_app.printing.payload`).  The two copies differ only in their "Liên" line, so
the page is drawn once as a PDF form XObject and placed twice.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app.locale import t
from counter_app.locale.formats import ledger_book, long_time, money, place_date, processing_time, two_digits

from . import formsets
from .codes_drawing import RANDOM_DATA_MASK, code128_width, draw_code128, draw_qr, qr_matrix
from .documents import Applicant, DocumentLine, Fee, ReceiptData, ReturnPlace, UnitInfo
from .form_parts import (
    Column,
    Signature,
    Table,
    form_mark,
    labelled,
    national_header,
    signatures,
    title,
    value_or_dots,
)
from .formsets import FormSet
from .layout import (
    Content,
    Flow,
    PageFull,
    Span,
    baseline_offset,
    bold,
    draw_line,
    italic,
    new_canvas,
    pair,
    wrap,
)
from .payload import ReceiptClaims, Signer, sign_receipt

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 25 * mm, PAGE_WIDTH - 15 * mm, PAGE_HEIGHT - 12 * mm, 12 * mm
SIZES = (12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0)
"""Body text sizes tried in turn until the copy fits on one page."""
QR_SIZE = 27 * mm
BARCODE_MODULE = 0.25 * mm
BARCODE_HEIGHT = 10 * mm
COPY_LABELS = ("printing.receipt.copy_archive", "printing.receipt.copy_applicant")


def office_name(unit: UnitInfo, form_set: FormSet | None = None) -> str:
    """The unit's one-stop desk: its configured name; on the 2025 forms, the commune's «Trung tâm Phục vụ hành
    chính công» where it has one; else "Bộ phận Một cửa <unit>"."""
    if unit.office_name:
        return unit.office_name
    if form_set is not None and form_set.centre_header and unit.centre:
        return t("forms2025.office.centre", name=unit.name.removeprefix("Ủy ban nhân dân ").strip())
    return t("printing.unit.office", name=unit.name)


def header_names(unit: UnitInfo, form_set: FormSet) -> tuple[str, str]:
    """The two names of the header's left block: the superior body and the issuing unit.  On the 2025 forms a
    commune with a «Trung tâm Phục vụ hành chính công» issues them from the centre, under its People's
    Committee (Decree 118/2025/NĐ-CP)."""
    if form_set.centre_header and unit.centre and not unit.office_name:
        return unit.name, t("forms2025.header.centre")
    return unit.superior, unit.name


def form_header(
    flow: Flow, unit: UnitInfo, form_set: FormSet, kind: str, *, place_date: str | None, size: float
) -> None:
    """The form's number in its set (small, top right), then the national header."""
    form_mark(flow, form_set.mark(kind), size=max(size - 3.5, 7.5))
    superior, name = header_names(unit, form_set)
    national_header(flow, superior=superior, name=name, place_date=place_date, size=size)


def copy_kind_label(line: DocumentLine) -> str:
    """The «Hình thức» cell: the paper form handed in, or «Dữ liệu số hóa» for a component reused from the
    citizen's data store (no paper was received for it)."""
    if line.reused:
        return t("printing.doc.electronic")
    return t(f"printing.copy_kind.{line.copy_kind}")


def document_name(line: DocumentLine) -> list[Span]:
    """The component's name with its mark: «(Tái sử dụng dữ liệu số)» when reused from the citizen's data
    store, else «(Đã số hóa)» when its digitised file is attached; nothing for paper alone."""
    spans = [Span(line.name)]
    if line.reused:
        spans.append(italic(" " + t("printing.doc.reused")))
    elif line.digitised:
        spans.append(italic(" " + t("printing.doc.digitised")))
    return spans


def documents_table(lines: Sequence[DocumentLine], *, width: float, size: float) -> Table:
    """STT | Tên giấy tờ | Hình thức | Số lượng — shared by Mẫu 01 and Mẫu 02."""
    fixed = [12 * mm, 38 * mm, 19 * mm]
    columns = [
        Column(t("printing.table.no"), fixed[0], "center"),
        Column(t("printing.table.document"), width - sum(fixed)),
        Column(t("printing.table.copy_kind"), fixed[1], "center"),
        Column(t("printing.table.quantity"), fixed[2], "center"),
    ]
    rows: list[list[Content]] = [
        [str(i), document_name(line), copy_kind_label(line), two_digits(line.quantity)]
        for i, line in enumerate(lines, 1)
    ]
    return Table(columns, rows, size=size, header_size=size - 0.5, pad=1.2 * mm)


def return_place_text(place: ReturnPlace, unit: UnitInfo, form_set: FormSet | None = None) -> str:
    if place.kind == "post":
        return t("printing.return.post", address=place.address)
    if place.kind == "other_unit":
        text = t("printing.return.other_unit", unit=place.unit_name)
        return text + (t("printing.return.address", address=place.address) if place.address else "")
    return t("printing.return.counter", office=place.unit_name or office_name(unit, form_set))


def fee_text(fee: Fee) -> str:
    if fee.status == "none" or (fee.status == "exempt" and not fee.amount):
        return t(f"printing.fee.{fee.status}")
    return t(f"printing.fee.{fee.status}", amount=money(fee.amount))


def claims_of(data: ReceiptData) -> ReceiptClaims:
    return ReceiptClaims(
        dossier_code=data.dossier_code,
        unit_code=data.unit.one_stop_code,
        procedure_code=data.procedure_code,
        received_at=data.received_at,
        due_at=data.due_at,
    )


def applicant_lines(flow: Flow, label: str, applicant: Applicant, *, size: float, leading: float) -> None:
    """Name (bold), address, then phone and e-mail side by side — Mẫu 01, 02, 03."""
    labelled(flow, label, applicant.name, size=size, leading=leading, strong=True)
    if applicant.id_number:  # an applicant entered by hand: the number they were identified by
        line = t(f"printing.field.id.{applicant.id_type}", number=applicant.id_number)
        labelled(flow, "", line, size=size, leading=leading)
    if applicant.representative:
        labelled(
            flow, t("printing.field.representative"), applicant.representative, size=size, leading=leading
        )
    labelled(flow, t("printing.field.address"), applicant.address, size=size, leading=leading)
    pair(
        flow,
        t("printing.field.phone") + value_or_dots(applicant.phone),
        t("printing.field.email") + value_or_dots(applicant.email),
        size=size,
        leading=leading,
    )


def _draw_copy(
    flow: Flow, data: ReceiptData, matrix: list[list[bool]], key_id: str, size: float, label: str | None
) -> float:
    """One copy of the receipt from the top of the page; returns the baseline of the "Liên" line
    (drawn here when ``label`` is given, else left blank for the caller)."""
    unit = data.unit
    form_set = formsets.get(data.forms)
    form_header(
        flow,
        unit,
        form_set,
        "receipt",
        place_date=place_date(unit.place_name, data.received_at.date()),
        size=min(size, 12.0),
    )
    title(flow, form_set.title("receipt"), size=size + 2, space_before=3 * mm)
    # The code large: the citizen's key to the dossier (Decree 309/2026/NĐ-CP, per the issue).
    flow.paragraph([Span(t("printing.receipt.code")), bold(data.dossier_code)], size=size + 4, align="center")
    lookup = form_set.spec("receipt").texts.get("lookup")
    if lookup:
        flow.paragraph(italic(t(lookup)), size=max(size - 1.5, 8.0), align="center")
    if data.reprint:  # the same receipt again: its dates and its signed QR are those first issued
        flow.paragraph(bold(t("fixes.print.reprint")), size=size, align="center")

    flow.space(1.5 * mm)
    module = min(BARCODE_MODULE, flow.width * 0.8 / code128_width(data.dossier_code, 1.0))
    flow.ensure(BARCODE_HEIGHT)
    bar_w = code128_width(data.dossier_code, module)
    draw_code128(
        flow.c,
        data.dossier_code,
        flow.left + (flow.width - bar_w) / 2,
        flow.y - BARCODE_HEIGHT,
        module=module,
        height=BARCODE_HEIGHT,
    )
    flow.space(BARCODE_HEIGHT + 1 * mm)
    label_leading = size * 1.3
    flow.ensure(label_leading)
    label_baseline = flow.y - baseline_offset(label_leading)
    if label is not None:
        flow.paragraph(italic(label), size=size, leading=label_leading, align="center")
    else:
        flow.space(label_leading)
    flow.space(2 * mm)

    leading = size * 1.32

    def field(label: str, value: str, strong: bool = False) -> None:
        labelled(flow, label, value, size=size, leading=leading, strong=strong)

    field(t("printing.receipt.office"), office_name(unit, form_set))
    applicant_lines(flow, t("printing.receipt.applicant"), data.applicant, size=size, leading=leading)
    field(t("printing.receipt.request"), data.procedure_name, True)
    flow.paragraph(t("printing.receipt.item1"), size=size, leading=leading)
    flow.space(0.8 * mm)
    table = documents_table(data.documents, width=flow.width, size=size - 1)
    table.draw(flow)
    flow.space(1.2 * mm)
    field(t("printing.receipt.item2"), t("printing.receipt.sets", sets=two_digits(data.sets)))
    field(t("printing.receipt.item3"), processing_time(data.processing_days), True)
    field(t("printing.receipt.item4"), long_time(data.received_at), True)
    field(t("printing.receipt.item5"), long_time(data.due_at), True)
    field(t("printing.receipt.item6"), return_place_text(data.return_place, unit, form_set))
    field(t("printing.receipt.fee"), fee_text(data.fee))
    number = str(data.ledger_number) if data.ledger_number is not None else ""
    flow.paragraph(
        t(
            "printing.receipt.ledger",
            book=value_or_dots(ledger_book(data.ledger_book)),
            number=value_or_dots(number),
        ),
        size=size,
        leading=leading,
    )

    flow.space(3 * mm)
    signatures(
        flow,
        [
            Signature(t("printing.receipt.applicant_sign"), data.applicant.name),
            Signature(t("printing.receipt.officer_sign"), data.officer_name),
        ],
        size=size,
        space=min(22 * mm, 2 * size * mm),
    )

    # The verification QR sits on the bottom margin, its caption beside it.
    flow.space(3 * mm)
    flow.ensure(QR_SIZE)
    draw_qr(flow.c, matrix, flow.left, flow.bottom, QR_SIZE)
    caption = Flow(
        flow.c,
        left=flow.left + QR_SIZE + 5 * mm,
        right=flow.right,
        top=flow.bottom + QR_SIZE * 0.72,
        bottom=flow.bottom,
    )
    caption.paragraph(italic(t("printing.receipt.qr_caption", key_id=key_id)), size=max(size - 2.5, 8.0))
    flow.y = flow.bottom
    return label_baseline


def _new_canvas(data: ReceiptData) -> tuple[io.BytesIO, Canvas]:
    return new_canvas(
        title=f"{formsets.get(data.forms).title('receipt').capitalize()} {data.dossier_code}",
        author=data.unit.name,
        subject=data.dossier_code,
    )


def _flow(c: Canvas, on_new_page: Callable[[Flow], None] | None = None) -> Flow:
    return Flow(c, left=LEFT, right=RIGHT, top=TOP, bottom=BOTTOM, on_new_page=on_new_page)


def render_receipt(data: ReceiptData, signer: Signer) -> bytes:
    """The two-copy receipt as PDF bytes; each copy fits on one page (the text shrinks if needed)."""
    matrix = qr_matrix(sign_receipt(claims_of(data), signer), mask_pattern=RANDOM_DATA_MASK)
    for size in SIZES:
        buffer, c = _new_canvas(data)
        c.beginForm("receipt")
        try:
            label_baseline = _draw_copy(_flow(c), data, matrix, signer.key_id, size, None)
        except PageFull:
            continue
        c.endForm()
        for key in COPY_LABELS:
            c.doForm("receipt")
            label = wrap(italic(t(key)), RIGHT - LEFT, size)[0]
            draw_line(c, label, LEFT, label_baseline, size, align="center", box_width=RIGHT - LEFT)
            c.showPage()
        c.save()
        return buffer.getvalue()
    # Dozens of documents: even the smallest text overflows, so each copy runs onto a second page.
    buffer, c = _new_canvas(data)
    for key in COPY_LABELS:
        _draw_copy(_flow(c, on_new_page=lambda flow: None), data, matrix, signer.key_id, SIZES[-1], t(key))
        c.showPage()
    c.save()
    return buffer.getvalue()
