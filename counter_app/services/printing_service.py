"""Printing from the store: fill the forms' data from a dossier, render, keep the PDF, send it to a printer.

A print never changes a dossier: forms are printed only from committed rows, and a failed print
raises :class:`counter_app.printing.output.PrintError` with the PDF still saved for a reprint.

The form set (:mod:`counter_app.printing.formsets`) is the one configured (``[legal] forms``, Circular
03/2025/TT-VPCP by default) for a dossier received on or after that set's first day; a dossier received before
15/9/2025 (re)prints on the Circular 01/2018/TT-VPCP forms it was issued on, decided by its ``received_at``.  A
document the older set does not have (the stop notice) is printed on the set in force when it is issued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlmodel import Session, col, select

from counter_app.db.models import Dossier, DossierDocument, DossierEvent, Officer, Procedure, Unit
from counter_app.domain import states
from counter_app.domain.file_ref import FileRef
from counter_app.domain.vntext import fold
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.services import lookup
from counter_app.services.context import Actor, Store, local_now
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
        StopData,
        SupplementData,
        TicketData,
        UnitInfo,
    )
    from counter_app.printing.payload import VerifiedReceipt
    from counter_app.printing.signing import CounterSigner
    from counter_app.services.queue import IssuedTicket

FORMS = ("receipt", "supplement", "refusal", "apology", "stop", "control")
#: the events that issue a receipt (Mẫu 01): the dossier taken in at the counter or from the portal, and taken
#: in again complete after a supplement request (a new due date, a new receipt)
RECEIPT_EVENTS = ("received", "received_online", "supplement_received")
#: fee statuses a form prints; anything else stored prints as paid. An online dossier whose import had no
#: payment data (``services.inbox.FEE_NO_DATA``) prints as to be paid with the result, never as paid
_FEE_STATUSES: dict[str, FeeStatus] = {
    "paid": "paid",
    "unpaid": "unpaid",
    "exempt": "exempt",
    "unknown": "unpaid",
}


@dataclass(frozen=True)
class FormOptions:
    """The settings printing follows: the form set configured for new documents, and whether the unit's one-stop
    desk is a «Trung tâm Phục vụ hành chính công» (``[legal] forms``, ``[legal] centre``)."""

    forms: str = "TT03/2025"
    centre: bool = True

    @classmethod
    def of(cls, store: Store) -> FormOptions:
        settings = store.settings
        return cls(getattr(settings, "forms", cls.forms), getattr(settings, "one_stop_centre", cls.centre))

    def basis(self, received_at: datetime | None, kind: str, issued_at: datetime | None = None) -> str:
        """The set a dossier received at ``received_at`` prints form ``kind`` on (issued at ``issued_at``)."""
        from counter_app.printing import formsets

        chosen = formsets.for_date(received_at, self.forms)
        if not chosen.has(kind):
            chosen = formsets.for_date(issued_at, self.forms)
        return chosen.basis


DEFAULT_OPTIONS = FormOptions()


@dataclass(frozen=True)
class Printed:
    path: Path
    sent_to: str | None = None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def unit_info(unit: Unit, *, centre: bool = False) -> UnitInfo:
    """The unit as the forms name it; ``centre``: a commune whose one-stop desk is a «Trung tâm Phục vụ hành
    chính công» (a provincial unit is named by its own name)."""
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
        centre=centre,
    )


def _head_title(unit: Unit) -> str:
    """The signature of a letter the unit's head signs for it: «TM. Ủy ban nhân dân» / «Chủ tịch».

    Decree 30/2020/NĐ-CP on clerical work (Appendix I, the signature of a collective body: «TM.» and the
    body's name, then the signer's position) writes the position alone under the body's name: «CHỦ TỊCH»,
    not «CHỦ TỊCH ỦY BAN NHÂN DÂN». A head title that repeats the body's name is shortened to its position.
    """
    body = unit.name if unit.kind == "province" else "Ủy ban nhân dân"
    return f"TM. {body}\n{signer_position(unit.head_title, body)}"


def signer_position(head_title: str, body: str) -> str:
    """``head_title`` without a trailing repetition of ``body`` («Chủ tịch Ủy ban nhân dân» → «Chủ tịch»)."""
    title = head_title.strip()
    if fold(title).endswith(" " + fold(body)):
        title = title[: len(title) - len(body)].strip()
    return title or head_title


def _applicant(d: Dossier) -> Applicant:
    from counter_app.printing.documents import Applicant

    representative = ""
    if d.representative_name:
        representative = d.representative_name + (f" ({d.representative_id})" if d.representative_id else "")
    return Applicant(
        name=d.applicant_name,
        address=d.applicant_address,
        phone=d.applicant_phone,
        email=d.applicant_email,
        id_type=(d.applicant_id_type or "cccd") if d.applicant_id_number else "",
        id_number=d.applicant_id_number,
        representative=representative,
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


def issued_receipt_times(session: Session, d: Dossier) -> tuple[datetime | None, datetime | None]:
    """(received, due) as the dossier's latest receipt printed them: the dossier's times right after the last
    event that issued a receipt (:data:`RECEIPT_EVENTS`). Later events — an apology's new due date, a stop —
    issue documents of their own and never change the receipt the citizen holds. A dossier with no such event
    in the store (its history arrived without it) prints its current times."""
    events = list(
        session.exec(
            select(DossierEvent).where(DossierEvent.dossier_id == d.id).order_by(col(DossierEvent.seq))
        )
    )
    last = max((i for i, e in enumerate(events) if e.type in RECEIPT_EVENTS), default=None)
    if last is None:
        return d.received_at, d.due_at
    received: datetime | None = None
    due: datetime | None = None
    for event in events[: last + 1]:
        changed = (event.payload or {}).get("set") or {}
        if changed.get("received_at"):
            received = _as_datetime(changed["received_at"])
        if "due_at" in changed:
            due = _as_datetime(changed["due_at"]) if changed["due_at"] else None
    return received or d.received_at, due or d.due_at


def receipt_data(
    session: Session,
    code: str,
    *,
    unit_id: str | None = None,
    options: FormOptions = DEFAULT_OPTIONS,
    reprint: bool = False,
) -> ReceiptData:
    """Mẫu 01 as issued (:func:`issued_receipt_times`); ``reprint`` marks it «Bản in lại»."""
    from counter_app.printing.documents import DocumentLine, ReceiptData

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    received_at, due_at = issued_receipt_times(session, d)
    if received_at is None or due_at is None:
        raise ServiceError("print.not_received", code=d.code, status=states.label(d.status))
    procedure = session.get_one(Procedure, d.procedure_code)
    docs = session.exec(
        select(DossierDocument)
        .where(DossierDocument.dossier_id == d.id)
        .order_by(col(DossierDocument.position))
    ).all()
    return ReceiptData(
        unit=unit_info(session.get_one(Unit, d.received_unit_id), centre=options.centre),
        dossier_code=d.code,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        applicant=_applicant(d),
        documents=tuple(
            DocumentLine(
                x.name,
                cast("CopyKind", x.copy_kind),
                max(1, x.quantity),
                x.reused,
                digitised=FileRef.from_columns(x.file_hash, x.file_size, x.file_pages) is not None,
            )
            for x in docs
            if x.received
        ),
        received_at=received_at,
        due_at=due_at,
        processing_days=d.working_days,
        officer_name=_officer_name(session, d.received_by),
        sets=max(1, d.sets),
        return_place=_return_place(session, d),
        fee=_fee(d),
        ledger_book=d.ledger_book,
        ledger_number=d.ledger_line or None,
        forms=options.basis(d.received_at, "receipt"),
        reprint=reprint,
    )


def supplement_data(
    session: Session,
    code: str,
    *,
    unit_id: str | None = None,
    options: FormOptions = DEFAULT_OPTIONS,
    reprint: bool = False,
) -> SupplementData:
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
        unit=unit_info(session.get_one(Unit, event.unit_id), centre=options.centre),
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant=_applicant(d),
        missing_documents=tuple(missing),
        reason=event.payload.get("reason", ""),
        officer_name=event.officer_name,
        issued_at=event.device_time,
        forms=options.basis(d.received_at, "supplement", event.device_time),
        reprint=reprint,
    )


def refusal_data(
    session: Session,
    code: str,
    *,
    unit_id: str | None = None,
    options: FormOptions = DEFAULT_OPTIONS,
    reprint: bool = False,
) -> RefusalData:
    from counter_app.printing.documents import RefusalData

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    event = _last_event(session, d, "refused")
    if event is None:
        raise ServiceError("print.no_such_event", code=d.code)
    return RefusalData(
        unit=unit_info(session.get_one(Unit, event.unit_id), centre=options.centre),
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant=_applicant(d),
        reason=event.payload.get("reason", ""),
        officer_name=event.officer_name,
        issued_at=event.device_time,
        # a refused dossier was never received: the day it was refused decides
        forms=options.basis(d.received_at or event.device_time, "refusal", event.device_time),
        reprint=reprint,
    )


def apology_data(
    session: Session, code: str, *, unit_id: str | None = None, options: FormOptions = DEFAULT_OPTIONS
) -> ApologyData:
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
        unit=unit_info(unit, centre=options.centre),
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant=_applicant(d),
        received_at=d.received_at,
        original_due_at=original_due,
        new_due_at=datetime.fromisoformat(event.payload["set"]["due_at"]),
        reason=event.payload.get("reason", ""),
        head_title=_head_title(unit),
        head_name="",
        issued_at=event.device_time,
        return_place=_return_place(session, d),
        forms=options.basis(d.received_at, "apology", event.device_time),
    )


def stop_data(
    session: Session,
    code: str,
    *,
    unit_id: str | None = None,
    options: FormOptions = DEFAULT_OPTIONS,
    reprint: bool = False,
) -> StopData:
    """Mẫu 05 of Circular 03/2025: the notice of the dossier's last «stopped» event."""
    from counter_app.printing.documents import StopData

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    event = _last_event(session, d, "stopped")
    if event is None or d.received_at is None:
        raise ServiceError("print.no_such_event", code=d.code)
    unit = session.get_one(Unit, event.unit_id)
    return StopData(
        unit=unit_info(unit, centre=options.centre),
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant=_applicant(d),
        received_at=d.received_at,
        reason=event.payload.get("reason", ""),
        head_title=_head_title(unit),
        head_name="",
        issued_at=event.device_time,
        officer_name=event.officer_name,
        forms=options.basis(d.received_at, "stop", event.device_time),
        reprint=reprint,
    )


@dataclass
class _Row:
    """A control sheet row while the events are read (frozen into a ``HandoverRow`` at the end)."""

    from_unit: str
    to_unit: str
    handed_at: datetime
    giver_name: str
    due_at: datetime | None
    receiver_name: str = ""
    taken_at: datetime | None = None
    notes: list[str] = field(default_factory=list)


def control_rows(
    events: list[DossierEvent], units: dict[str, str], office: str, applicant: str
) -> list[_Row]:
    """One row per handover of the dossier between steps or units, read from its event history in order.

    The one-stop desk (``office``) hands the received dossier to the unit that processes it; a unit hands it to
    another (sent, then accepted or sent back); the processing unit hands the result back to the desk; the desk
    hands the result to the applicant.  A supplement request hands the dossier back to the applicant and its
    return hands it in again; an extension and a stop are noted on the row in progress.  Each row keeps the due
    time in force when it was handed, to classify it early / on time / late (the control sheet's «Kết quả»
    column: Mẫu 06 of Circular 03/2025/TT-VPCP, Mẫu 05 of Circular 01/2018/TT-VPCP)."""
    rows: list[_Row] = []
    sent: dict[str, _Row] = {}
    due: datetime | None = None
    received_by = ""
    person = t("forms2025.control.applicant", name=applicant)

    def name(unit_id: str | None) -> str:
        return units.get(unit_id or "", unit_id or "")

    def add(row: _Row) -> None:
        rows.append(row)

    for event in events:
        payload: dict[str, Any] = event.payload or {}
        at, who, kind = event.device_time, event.officer_name, event.type
        reason = str(payload.get("reason", ""))
        if kind in ("received", "received_online"):
            received_by = who
        elif kind == "processing" and not rows:  # the desk hands the dossier to its own unit's processing
            add(_Row(office, name(event.unit_id), at, received_by, due, who, at))
        elif kind == "handover_sent":
            handover = payload.get("handover") or {}
            row = _Row(name(handover.get("from_unit_id")), name(handover.get("to_unit_id")), at, who, due)
            row.notes.append(str(handover.get("reason", "")))
            sent[str(handover.get("id"))] = row
            add(row)
        elif kind in ("handover_accepted", "handover_returned"):
            handover = payload.get("handover") or {}
            row_or_none = sent.pop(str(handover.get("id")), None)
            if row_or_none is not None:
                row_or_none.receiver_name, row_or_none.taken_at = who, at
                if kind == "handover_returned":
                    back = str(handover.get("answer_reason", ""))
                    row_or_none.notes.append(t("forms2025.control.note.sent_back", reason=back))
        elif kind == "handover_recalled":  # taken back by the sender before the other unit answered
            handover = payload.get("handover") or {}
            recalled = sent.pop(str(handover.get("id")), None)
            if recalled is not None:
                back = str(handover.get("answer_reason", ""))
                recalled.notes.append(t("leaving.control.recalled", when=fmt.moment(at), reason=back))
        elif kind == "posted":  # the result handed to the post office (services.workflow.hand_to_post)
            posted = payload.get("set") or {}
            posted_at = _as_datetime(posted.get("posted_at") or at)
            post = t("leaving.control.post", item=str(posted.get("post_item_code", "")))
            add(_Row(office, post, posted_at, who, due, taken_at=posted_at))
        elif kind == "returned" and payload.get("by_post"):  # the post delivered it: the return date
            delivered = _as_datetime((payload.get("set") or {}).get("returned_at") or at)
            post = t("leaving.control.post", item=str(payload.get("post_item_code", "")))
            row = _Row(
                post, t("forms2025.control.applicant", name=applicant), delivered, "", due, "", delivered
            )
            row.notes.append(t("leaving.control.delivered", day=fmt.day(delivered), who=who))
            add(row)
        elif kind == "supplement_requested":
            row = _Row(name(event.unit_id), person, at, who, due)
            row.notes.append(t("forms2025.control.note.supplement", reason=reason))
            add(row)
        elif kind == "supplement_received":
            add(_Row(person, name(event.unit_id), at, "", due, who, at))
        elif kind == "result_ready":
            row = _Row(name(event.unit_id), office, at, who, due)
            row.notes.append(t("forms2025.control.note.result"))
            add(row)
        elif kind == "returned":
            receiver = str(payload.get("receiver_name", "")) or applicant
            row = _Row(office, t("forms2025.control.applicant", name=receiver), at, who, due, receiver, at)
            row.notes.append(t("forms2025.control.note.returned"))
            add(row)
        elif kind in ("apology", "stopped") and rows:
            new_due = (payload.get("set") or {}).get("due_at")
            note = (
                t("forms2025.control.note.stopped", reason=reason)
                if kind == "stopped"
                else t(
                    "forms2025.control.note.extended",
                    due=fmt.moment(_as_datetime(new_due)) if new_due else fmt.NONE,
                    reason=reason,
                )
            )
            rows[-1].notes.append(note)
        new_due = (payload.get("set") or {}).get("due_at")
        if new_due:
            due = _as_datetime(new_due)
    for row in sent.values():  # still waiting for the receiving unit
        row.notes.append(t("forms2025.control.note.waiting"))
    return rows


def _as_datetime(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def control_sheet_data(
    session: Session, code: str, *, unit_id: str | None = None, options: FormOptions = DEFAULT_OPTIONS
) -> ControlSheetData:
    """The control sheet filled from the dossier's event history (:func:`control_rows`)."""
    from counter_app.printing import formsets
    from counter_app.printing.documents import ControlSheetData, HandoverRow
    from counter_app.printing.receipt import office_name

    d = lookup.dossier_by_code(session, code, unit_id=unit_id)
    if d.received_at is None or d.due_at is None:
        raise ServiceError("print.not_received", code=d.code, status=states.label(d.status))
    events = list(
        session.exec(
            select(DossierEvent).where(DossierEvent.dossier_id == d.id).order_by(col(DossierEvent.seq))
        )
    )
    unit_ids = {e.unit_id for e in events} | {d.custodian_unit_id, d.received_unit_id}
    for e in events:
        handover = (e.payload or {}).get("handover") or {}
        unit_ids |= {str(handover.get(k)) for k in ("from_unit_id", "to_unit_id") if handover.get(k)}
    units = {u.id: u.name for u in session.exec(select(Unit).where(col(Unit.id).in_(unit_ids)))}
    forms = options.basis(d.received_at, "control")
    info = unit_info(session.get_one(Unit, d.received_unit_id), centre=options.centre)
    office = office_name(info, formsets.get(forms))
    rows = []
    for row in control_rows(events, units, office, d.applicant_name):
        result: ProcessingResult | None = (
            states.timeliness(row.handed_at, row.due_at).value if row.due_at is not None else None
        )
        rows.append(
            HandoverRow(
                from_unit=row.from_unit,
                to_unit=row.to_unit,
                handed_at=row.handed_at,
                giver_name=row.giver_name,
                receiver_name=row.receiver_name,
                result=result,
                note="; ".join(n for n in row.notes if n),
                taken_at=row.taken_at,
            )
        )
    return ControlSheetData(
        unit=info,
        dossier_code=d.code,
        procedure_name=session.get_one(Procedure, d.procedure_code).name,
        applicant_name=d.applicant_name,
        received_at=d.received_at,
        due_at=d.due_at,
        lead_unit=units.get(d.custodian_unit_id, d.custodian_unit_id),
        handovers=tuple(rows),
        forms=forms,
    )


def render(store: Store, form: str, code: str, *, reprint: bool = False) -> bytes:
    """The PDF of ``form`` for dossier ``code``, from the committed store: only a dossier the store's unit may
    see (``services.scope``); any other is «not found», like a code nobody issued. ``reprint``: the document
    as issued, marked «Bản in lại» (the receipt with the times it was issued with; a notice from its event)."""
    from counter_app.printing import notices, receipt, tracking

    unit, options = store.unit_id, FormOptions.of(store)
    with store.session() as session:
        if form == "receipt":
            data = receipt_data(session, code, unit_id=unit, options=options, reprint=reprint)
            return receipt.render_receipt(data, signer(store))
        if form == "supplement":
            return notices.render_supplement_request(
                supplement_data(session, code, unit_id=unit, options=options, reprint=reprint)
            )
        if form == "refusal":
            return notices.render_refusal(
                refusal_data(session, code, unit_id=unit, options=options, reprint=reprint)
            )
        if form == "apology":
            return notices.render_apology(apology_data(session, code, unit_id=unit, options=options))
        if form == "stop":
            return notices.render_stop_notice(
                stop_data(session, code, unit_id=unit, options=options, reprint=reprint)
            )
        if form == "control":
            return tracking.render_control_sheet(
                control_sheet_data(session, code, unit_id=unit, options=options)
            )
    raise ServiceError("print.unknown_form", form=form, forms=", ".join(FORMS))


def signer(store: Store) -> CounterSigner:
    from counter_app.printing.signing import CounterSigner

    return CounterSigner.load_or_create(store.settings.keys_dir, store.settings.counter_id)


def verify_receipt(store: Store, payload: str) -> VerifiedReceipt:
    """The claims of a receipt's QR ``payload`` when its signature checks out against a key this counter trusts:
    the key files under ``keys_dir/public`` (its own among them), else the keys the counters publish through the
    central store (``services.counter_keys``). Raises :class:`counter_app.printing.payload.VerificationError`
    (its ``str()`` one Vietnamese sentence) for anything else."""
    from counter_app.printing.payload import VerificationError, verify_payload
    from counter_app.printing.signing import KeyRing
    from counter_app.services.counter_keys import trust_published

    ring = KeyRing(Path(store.settings.keys_dir))
    try:
        return verify_payload(payload, ring)
    except VerificationError as exc:
        if exc.kind != "unknown_key" or not trust_published(store, ring):
            raise
    return verify_payload(payload, ring)


FORM_FILES = {
    "receipt": "FORM_RECEIPT",
    "supplement": "FORM_SUPPLEMENT",
    "refusal": "FORM_REFUSAL",
    "apology": "FORM_APOLOGY",
    "stop": "FORM_STOP",
    "control": "FORM_CONTROL_SHEET",
}


def print_form(
    store: Store,
    code: str,
    form: str = "receipt",
    *,
    out: Path | None = None,
    send: bool = True,
    reprint: bool = False,
) -> Printed:
    """Render, keep under ``printed/``, copy to ``out``, and send to the CUPS printer when one is configured."""
    from counter_app.printing import output

    if form not in FORMS:
        raise ServiceError("print.unknown_form", form=form, forms=", ".join(FORMS))
    pdf = render(store, form, code, reprint=reprint)
    return _keep(store, pdf, code.strip(), getattr(output, FORM_FILES[form]), out=out, send=send)


def _keep(store: Store, pdf: bytes, code: str, form: str, *, out: Path | None, send: bool) -> Printed:
    """Keep ``pdf`` under ``printed/`` (and copy it to ``out``); send it to the CUPS printer when one is
    configured and ``send``."""
    from counter_app.printing import output

    saved = output.save_pdf(
        pdf, printed_dir=store.settings.printed_dir, code=code, form=form, when=local_now().date(), out=out
    )
    printer = store.settings.printer if send else None
    if printer:
        output.send_to_cups(saved.path, printer, copies=1)
    return Printed(path=saved.out or saved.path, sent_to=printer)


def print_catalogue(store: Store, *, out: Path | None = None, send: bool = True) -> Printed:
    """The catalogue poster (:func:`catalogue_pdf`), kept under ``printed/`` and sent to the printer: public
    information, so no officer is needed and no view is logged."""
    from counter_app.printing import output

    return _keep(
        store, catalogue_pdf(store), store.settings.one_stop_code, output.FORM_CATALOGUE, out=out, send=send
    )


def print_ledger(
    store: Store, actor: Actor, start: date, end: date, *, unit_id: str | None = None, send: bool = True
) -> Printed:
    """The tracking ledger of ``start``..``end`` (:func:`ledger_pdf`), kept under ``printed/`` and sent to the
    printer. It lists applicants' names, addresses and phones, so printing it is a view of their data and is
    logged (one access-log line for the printout, naming the period)."""
    from counter_app.printing import output
    from counter_app.services.access import record_view

    pdf = ledger_pdf(store, start, end, unit_id=unit_id)
    with store.session() as session:
        purpose = t("reachable.purpose.ledger", start=fmt.day(start), end=fmt.day(end))
        record_view(session, actor, None, purpose)
    return _keep(store, pdf, f"{start:%Y%m%d}-{end:%Y%m%d}", output.FORM_LEDGER, out=None, send=send)


def catalogue_pdf(store: Store, *, today: date | None = None) -> bytes:
    """The catalogue poster of the procedures this unit's counters take in, grouped by field, each with the QR
    of its public description (the procedure's own page, else the national portal's page for its code)."""
    from counter_app.printing.catalogue import render_catalogue
    from counter_app.printing.documents import CatalogueData, CatalogueEntry
    from counter_app.services.catalogue_import import PUBLIC_URL

    options = FormOptions.of(store)
    with store.session() as session:
        unit = session.get_one(Unit, store.unit_id)
        procedures = sorted(
            lookup.offered_procedures(session, store.unit_id), key=lambda p: (p.field_name, p.name, p.code)
        )
        entries = tuple(
            CatalogueEntry(
                procedure_code=p.code,
                name=p.name,
                processing_days=p.working_days,
                url=p.public_url or PUBLIC_URL.format(code=p.code),
                field_name=p.field_name,
                fee_amount=p.fee,
                fee_note=p.fee_note,
            )
            for p in procedures
        )
        info = unit_info(unit, centre=options.centre)
    if not entries:
        raise ServiceError("queue_fixes.catalogue_empty")
    return render_catalogue(CatalogueData(info, entries, today or local_now().date()))


def ledger_pdf(store: Store, start: date, end: date, *, unit_id: str | None = None) -> bytes:
    from counter_app.printing import formsets
    from counter_app.printing.documents import LedgerData, LedgerRow
    from counter_app.printing.tracking import render_ledger
    from counter_app.services.indicators.counted import definition
    from counter_app.services.reports import ledger_rows, ledger_totals

    rows = ledger_rows(store, start, end, unit_id=unit_id)
    options = FormOptions.of(store)
    with store.session() as session:
        unit = session.get_one(Unit, unit_id if unit_id and unit_id != ALL_UNITS else store.unit_id)
        info = unit_info(unit, centre=options.centre)
    return render_ledger(
        LedgerData(
            forms=formsets.for_date(end, options.forms).basis,
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
            definition=definition(),
            totals=ledger_totals(rows, start, end).text,
        )
    )


# --- queue tickets ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TicketPrintout:
    """What became of a queue ticket's print: on the thermal printer, or kept as a PDF, or why it failed.

    ``message`` is one Vietnamese line for the officer; a failure never touches the ticket (issued and committed
    before anything is printed)."""

    ok: bool
    message: str
    path: Path | None = None
    printer: str | None = None


def ticket_data(store: Store, issued: IssuedTicket) -> TicketData:
    """The 80 mm ticket of ``issued``: any counter may call it, so no counter is printed on it."""
    from counter_app.printing.documents import TicketData

    ticket = issued.ticket
    with store.session() as session:
        unit = session.get(Unit, ticket.unit_id)
        unit_name = unit.name if unit is not None else ticket.unit_id
    return TicketData(ticket.number, issued.service_name, ticket.issued_at, issued.waiting_ahead, unit_name)


def print_ticket(store: Store, issued: IssuedTicket) -> TicketPrintout:
    """Print ``issued`` on the ESC/POS printer of ``[printing] escpos``; without one, keep it as an 80 mm PDF
    under ``printed/`` (``YYYY/MM/<YYMMDD>-<number>-phieu-so-thu-tu.pdf``).  Raises
    :class:`~counter_app.printing.output.PrintError` (the ticket stays issued)."""
    from counter_app.printing import output, thermal

    data = ticket_data(store, issued)
    number = issued.ticket.number
    target = store.settings.escpos
    if target:
        try:
            printer = output.open_escpos_printer(target)
        except output.PrintError:
            raise
        except Exception as exc:  # python-escpos opens the device here: USB, serial and socket errors
            raise output.PrintError("printing.output.escpos_failed", detail=exc) from exc
        try:
            output.print_escpos_image(thermal.render_ticket_image(data), printer)
        finally:
            close = getattr(printer, "close", None)
            if callable(close):
                try:
                    close()
                except Exception:  # the ticket is printed, or the error above says why not
                    pass
        return TicketPrintout(True, t("queue_fixes.ticket_printed", number=number), printer=target)
    saved = output.save_pdf(
        thermal.render_ticket_pdf(data),
        printed_dir=store.settings.printed_dir,
        code=f"{data.issued_at:%y%m%d}-{number}",
        form=output.FORM_TICKET,
        when=data.issued_at.date(),
    )
    return TicketPrintout(True, t("queue_fixes.ticket_saved", number=number, path=saved.path), saved.path)


def print_ticket_safely(store: Store, issued: IssuedTicket) -> TicketPrintout:
    """:func:`print_ticket`, never raising: a failure comes back as one Vietnamese line (the ticket stands)."""
    import logging

    from counter_app.domain.vntext import one_line
    from counter_app.locale import describe_error

    try:
        return print_ticket(store, issued)
    except Exception as exc:  # a printer unplugged, out of paper, a full disk: the citizen still has a number
        from counter_app.services.redact import failure_kind

        logging.getLogger("counter_app.printing").error("printing ticket failed: %s", failure_kind(exc))
        error = one_line(describe_error(exc))
        return TicketPrintout(
            False, one_line(t("queue_fixes.ticket_print_failed", number=issued.ticket.number, error=error))
        )
