"""Printing from the store: fill the forms' data from a dossier, render, keep the PDF, send it to a printer.

A print never changes a dossier: forms are printed only from committed rows, and a failed print
raises :class:`counter_app.printing.output.PrintError` with the PDF still saved for a reprint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlmodel import Session, col, select

from counter_app.db.models import Dossier, DossierDocument, DossierEvent, Handover, Officer, Procedure, Unit
from counter_app.domain import states
from counter_app.services import lookup
from counter_app.services.context import Store, local_now
from counter_app.services.errors import ServiceError
from counter_app.services.scope import ALL_UNITS

if TYPE_CHECKING:
    from counter_app.printing.documents import (
        ApologyData,
        Applicant,
        ControlSheetData,
        CopyKind,
        Fee,
        FeeStatus,
        ProcessingResult,
        ReceiptData,
        RefusalData,
        ReturnPlace,
        SupplementData,
        UnitInfo,
    )
    from counter_app.printing.signing import CounterSigner

FORMS = ("receipt", "supplement", "refusal", "apology", "control")
#: fee statuses a form prints; anything else stored prints as paid
_FEE_STATUSES: dict[str, FeeStatus] = {"paid": "paid", "unpaid": "unpaid", "exempt": "exempt"}


@dataclass(frozen=True)
class Printed:
    path: Path
    sent_to: str | None = None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def unit_info(unit: Unit) -> UnitInfo:
    from counter_app.printing.documents import UnitInfo

    province = unit.province_name
    province_body = _lower_first(province) if province.startswith("Thành phố") else f"tỉnh {province}"
    superior = f"Ủy ban nhân dân {province_body}"
    if unit.kind == "province":
        return UnitInfo(
            name=unit.name.replace(f" {province_body}", "").replace(f" {province}", ""),
            superior=superior,
            one_stop_code=unit.one_stop_code,
            place_name=province.removeprefix("Thành phố ").strip(),
            office_name=unit.name,
        )
    return UnitInfo(
        name=f"Ủy ban nhân dân {_lower_first(unit.name)}",
        superior=superior,
        one_stop_code=unit.one_stop_code,
        place_name=province.removeprefix("Thành phố ").strip(),
    )


def _applicant(d: Dossier) -> Applicant:
    from counter_app.printing.documents import Applicant

    return Applicant(
        name=d.applicant_name, address=d.applicant_address, phone=d.applicant_phone, email=d.applicant_email
    )


def _return_place(session: Session, d: Dossier) -> ReturnPlace:
    from counter_app.printing.documents import ReturnPlace

    if d.return_method == "post":
        return ReturnPlace(kind="post", address=d.return_address or d.applicant_address or "…")
    if d.return_method == "other_unit" or d.return_unit_id != d.received_unit_id:
        unit = session.get(Unit, d.return_unit_id)
        return ReturnPlace(kind="other_unit", unit_name=unit.name if unit else d.return_unit_id)
    return ReturnPlace(kind="counter")


def _fee(d: Dossier) -> Fee:
    from counter_app.printing.documents import Fee

    if d.fee == 0:
        return Fee(amount=0, status="none")
    return Fee(amount=d.fee, status=_FEE_STATUSES.get(d.fee_status, "paid"))


def _officer_name(session: Session, officer_id: str | None) -> str:
    officer = session.get(Officer, officer_id) if officer_id else None
    return officer.full_name if officer else ""


def _last_event(session: Session, d: Dossier, *types: str) -> DossierEvent | None:
    return session.exec(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == d.id, col(DossierEvent.type).in_(types))
        .order_by(col(DossierEvent.seq).desc())
    ).first()


def receipt_data(session: Session, code: str, *, unit_id: str | None = None) -> ReceiptData:
    from counter_app.printing.documents import DocumentLine, ReceiptData

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    if d.received_at is None or d.due_at is None:
        raise ServiceError("print.not_received", code=d.code, status=states.label(d.status))
    procedure = session.get_one(Procedure, d.procedure_code)
    docs = session.exec(
        select(DossierDocument)
        .where(DossierDocument.dossier_id == d.id)
        .order_by(col(DossierDocument.position))
    ).all()
    return ReceiptData(
        unit=unit_info(session.get_one(Unit, d.received_unit_id)),
        dossier_code=d.code,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        applicant=_applicant(d),
        documents=tuple(
            DocumentLine(x.name, cast("CopyKind", x.copy_kind), max(1, x.quantity), x.reused)
            for x in docs
            if x.received
        ),
        received_at=d.received_at,
        due_at=d.due_at,
        processing_days=d.working_days,
        officer_name=_officer_name(session, d.received_by),
        sets=max(1, d.sets),
        return_place=_return_place(session, d),
        fee=_fee(d),
        ledger_book=d.ledger_book,
        ledger_number=d.ledger_line or None,
    )


def supplement_data(session: Session, code: str, *, unit_id: str | None = None) -> SupplementData:
    from counter_app.printing.documents import DocumentLine, SupplementData

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    event = _last_event(session, d, "supplement_requested")
    if event is None:
        raise ServiceError("print.no_such_event", code=d.code)
    missing = [
        DocumentLine(m["name"], m.get("copy_kind", "original"), max(1, m.get("quantity", 1)))
        for m in event.payload.get("missing", [])
    ]
    return SupplementData(
        unit=unit_info(session.get_one(Unit, event.unit_id)),
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant=_applicant(d),
        missing_documents=tuple(missing),
        reason=event.payload.get("reason", ""),
        officer_name=event.officer_name,
        issued_at=event.device_time,
    )


def refusal_data(session: Session, code: str, *, unit_id: str | None = None) -> RefusalData:
    from counter_app.printing.documents import RefusalData

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    event = _last_event(session, d, "refused")
    if event is None:
        raise ServiceError("print.no_such_event", code=d.code)
    return RefusalData(
        unit=unit_info(session.get_one(Unit, event.unit_id)),
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant=_applicant(d),
        reason=event.payload.get("reason", ""),
        officer_name=event.officer_name,
        issued_at=event.device_time,
    )


def apology_data(session: Session, code: str, *, unit_id: str | None = None) -> ApologyData:
    from counter_app.printing.documents import ApologyData

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    event = _last_event(session, d, "apology")
    if event is None or d.received_at is None:
        raise ServiceError("print.no_such_event", code=d.code)
    old_due = event.payload.get("old_due_at")
    original_due = datetime.fromisoformat(old_due) if old_due else d.original_due_at or d.due_at
    if original_due is None:  # an apology extends a due date: a dossier without one has none to print
        raise ServiceError("print.no_such_event", code=d.code)
    unit = session.get_one(Unit, event.unit_id)
    return ApologyData(
        unit=unit_info(unit),
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant=_applicant(d),
        received_at=d.received_at,
        original_due_at=original_due,
        new_due_at=datetime.fromisoformat(event.payload["set"]["due_at"]),
        reason=event.payload.get("reason", ""),
        head_title=f"TM. {unit.name if unit.kind == 'province' else 'Ủy ban nhân dân'}\n{unit.head_title}",
        head_name="",
        issued_at=event.device_time,
        return_place=_return_place(session, d),
    )


def control_sheet_data(session: Session, code: str, *, unit_id: str | None = None) -> ControlSheetData:
    from counter_app.printing.documents import ControlSheetData, HandoverRow

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    if d.received_at is None or d.due_at is None:
        raise ServiceError("print.not_received", code=d.code, status=states.label(d.status))
    handovers = session.exec(
        select(Handover).where(Handover.dossier_id == d.id).order_by(col(Handover.sent_at))
    ).all()
    units = {
        u.id: u.name
        for u in session.exec(
            select(Unit).where(
                col(Unit.id).in_(
                    {h.from_unit_id for h in handovers}
                    | {h.to_unit_id for h in handovers}
                    | {d.custodian_unit_id}
                )
            )
        )
    }
    rows = []
    for h in handovers:
        result: ProcessingResult = states.timeliness(h.sent_at, d.due_at).value
        rows.append(
            HandoverRow(
                from_unit=units.get(h.from_unit_id, h.from_unit_id),
                to_unit=units.get(h.to_unit_id, h.to_unit_id),
                handed_at=h.sent_at,
                giver_name=h.sent_by,
                receiver_name=h.answered_by,
                result=result,
                note={"returned": "Trả lại: " + h.answer_reason}.get(h.state, ""),
            )
        )
    return ControlSheetData(
        unit=unit_info(session.get_one(Unit, d.received_unit_id)),
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant_name=d.applicant_name,
        received_at=d.received_at,
        due_at=d.due_at,
        lead_unit=units.get(d.custodian_unit_id, d.custodian_unit_id),
        handovers=tuple(rows),
    )


def render(store: Store, form: str, code: str) -> bytes:
    """The PDF of ``form`` for dossier ``code``, from the committed store: only a dossier the store's unit may
    see (``services.scope``); any other is «not found», like a code nobody issued."""
    from counter_app.printing import notices, receipt, tracking

    unit = store.unit_id
    with store.session() as session:
        if form == "receipt":
            return receipt.render_receipt(receipt_data(session, code, unit_id=unit), signer(store))
        if form == "supplement":
            return notices.render_supplement_request(supplement_data(session, code, unit_id=unit))
        if form == "refusal":
            return notices.render_refusal(refusal_data(session, code, unit_id=unit))
        if form == "apology":
            return notices.render_apology(apology_data(session, code, unit_id=unit))
        if form == "control":
            return tracking.render_control_sheet(control_sheet_data(session, code, unit_id=unit))
    raise ServiceError("print.unknown_form", form=form, forms=", ".join(FORMS))


def signer(store: Store) -> CounterSigner:
    from counter_app.printing.signing import CounterSigner

    return CounterSigner.load_or_create(store.settings.keys_dir, store.settings.counter_id)


FORM_FILES = {
    "receipt": "FORM_RECEIPT",
    "supplement": "FORM_SUPPLEMENT",
    "refusal": "FORM_REFUSAL",
    "apology": "FORM_APOLOGY",
    "control": "FORM_CONTROL_SHEET",
}


def print_form(
    store: Store, code: str, form: str = "receipt", *, out: Path | None = None, send: bool = True
) -> Printed:
    """Render, keep under ``printed/``, copy to ``out``, and send to the CUPS printer when one is configured."""
    from counter_app.printing import output

    if form not in FORMS:
        raise ServiceError("print.unknown_form", form=form, forms=", ".join(FORMS))
    pdf = render(store, form, code)
    saved = output.save_pdf(
        pdf,
        printed_dir=store.settings.printed_dir,
        code=code.strip(),
        form=getattr(output, FORM_FILES[form]),
        when=local_now().date(),
        out=out,
    )
    printer = store.settings.printer if send else None
    if printer:
        output.send_to_cups(saved.path, printer, copies=1)
    return Printed(path=saved.out or saved.path, sent_to=printer)


def ledger_pdf(store: Store, start: date, end: date, *, unit_id: str | None = None) -> bytes:
    from counter_app.printing.documents import LedgerData, LedgerRow
    from counter_app.printing.tracking import render_ledger
    from counter_app.services.reports import ledger_rows

    rows = ledger_rows(store, start, end, unit_id=unit_id)
    with store.session() as session:
        unit = session.get_one(Unit, unit_id if unit_id and unit_id != ALL_UNITS else store.unit_id)
        info = unit_info(unit)
    return render_ledger(
        LedgerData(
            unit=info,
            date_from=start,
            date_to=end,
            printed_at=local_now(),
            rows=tuple(
                LedgerRow(
                    number=r.index,
                    dossier_code=r.code,
                    procedure_name=r.procedure_name,
                    applicant_name=r.applicant_name,
                    received_at=r.received_at,
                    due_at=r.due_at or r.received_at,
                    lead_unit=r.handling_unit,
                    sets=max(1, r.sets),
                    address=r.address_phone,
                    transferred_at=r.handed_over_at,
                    returned_at=r.returned_at,
                    note=", ".join(x for x in (r.status, r.note) if x),
                )
                for r in rows
            ),
        )
    )
