"""Receiving dossiers at the counter: intake, refusal, supplement request and supplement received."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from counter_app.db.models import (
    Citizen,
    CodeSequence,
    Dossier,
    DossierDocument,
    DossierEvent,
    QueueTicket,
)
from counter_app.domain import applicants
from counter_app.domain.applicants import InvalidApplicant
from counter_app.domain.cccd import CccdData
from counter_app.domain.codes import dossier_code
from counter_app.domain.file_ref import FileRef
from counter_app.domain.identifiers import InvalidIdentifier, require_identifier
from counter_app.domain.states import Channel, Status
from counter_app.domain.vntext import fold, nfc
from counter_app.locale import t
from counter_app.services import dossier_files, lookup
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import ServiceError
from counter_app.services.events import append_event
from counter_app.services.ids import citizen_id_for, new_id
from counter_app.services.text_input import clean
from counter_app.services.views import DossierView, view
from counter_app.services.workflow import ensure_custodian, transition

_T = TypeVar("_T")
RETURN_METHODS = ("counter", "other_unit", "post")
FEE_STATUSES = ("paid", "exempt", "unpaid")
LIMITS = {
    "applicant_name": 120,
    "applicant_address": 300,
    "applicant_phone": 20,
    "applicant_email": 120,
    "summary": 500,
    "return_address": 300,
    "reason": 500,
}


@dataclass(frozen=True)
class DocumentChoice:
    """One component of the dossier as ticked at the counter."""

    name: str
    copy_kind: str = "original"
    quantity: int = 1
    received: bool = True
    reused: bool = False
    citizen_document_id: str | None = None
    #: the component's digitised file (scanned or imported at the counter, or the reused document's file)
    file: FileRef | None = None

    def as_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "name": self.name,
            "copy_kind": self.copy_kind,
            "quantity": self.quantity,
            "received": self.received,
            "reused": self.reused,
            "citizen_document_id": self.citizen_document_id,
        }
        if self.file is not None:  # absent rather than null: earlier events' hashes stay as they were
            payload["file"] = self.file.as_payload()
        return payload

    @classmethod
    def from_row(cls, row: DossierDocument, *, received: bool | None = None) -> DocumentChoice:
        """A component as the store holds it (``received`` overrides the row's)."""
        return cls(
            row.name,
            row.copy_kind,
            row.quantity,
            row.received if received is None else received,
            row.reused,
            row.citizen_document_id,
            FileRef.from_columns(row.file_hash, row.file_size, row.file_pages),
        )

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> DocumentChoice:
        return cls(
            data["name"],
            data.get("copy_kind", "original"),
            data.get("quantity", 1),
            data.get("received", True),
            data.get("reused", False),
            data.get("citizen_document_id"),
            FileRef.from_payload(data.get("file")),
        )


@dataclass(frozen=True)
class ApplicantEntry:
    """An applicant entered by hand at the counter (no card scanned), checked by :func:`check_applicant`.

    ``kind`` is ``citizen`` or ``organisation``; ``id_type``/``id_number`` the number they are identified by
    (:mod:`counter_app.domain.applicants`: a 12-digit personal number, an old CMND, a passport, an
    organisation's tax code); ``representative_*`` who submits for them (an organisation's representative,
    or a person's authorised representative: Decree 118/2025/NĐ-CP lets either submit the dossier).
    """

    kind: str
    id_type: str
    id_number: str
    name: str
    address: str = ""
    representative_name: str = ""
    representative_id: str = ""
    phone: str = ""
    email: str = ""


def _domain(check: Callable[[], _T]) -> _T:
    """Run a domain check, its refusal as the officer's one-line :class:`ServiceError`."""
    try:
        return check()
    except InvalidApplicant as error:
        raise ServiceError("applicants.invalid", message=str(error)) from None


def check_contact(phone: str, email: str) -> tuple[str, str]:
    """The applicant's phone and e-mail checked (each may be empty), as they are stored."""
    phone = _domain(lambda: applicants.normalise_phone(clean(t("field.applicant_phone"), phone)))
    email = _domain(lambda: applicants.normalise_email(clean(t("field.applicant_email"), email)))
    _check_length("applicant_phone", phone)
    return phone, email


def check_applicant(
    kind: str,
    id_type: str,
    id_number: str,
    name: str,
    address: str = "",
    *,
    representative_name: str = "",
    representative_id: str = "",
    phone: str = "",
    email: str = "",
) -> ApplicantEntry:
    """An applicant typed at the counter, every field checked (one Vietnamese line naming the field for
    anything wrong; nothing is written). A person is identified by a personal number, an old CMND or a
    passport, an organisation by its tax code and needs its representative; a representative's number is a
    personal number, a CMND or a passport."""
    if kind not in applicants.APPLICANT_KINDS:
        raise ServiceError("applicants.bad_kind", kind=kind[:20])
    if kind == "organisation" and id_type != "tax_code":
        raise ServiceError("applicants.organisation_needs_tax_code")
    if kind == "citizen" and id_type == "tax_code":
        raise ServiceError("applicants.citizen_id_type")
    number = _domain(lambda: applicants.parse_id(id_type, clean(t("applicants.field.id_number"), id_number)))
    name = _clean("applicant_name", name)
    if not name:
        raise ServiceError("intake.applicant_name_required")
    address = _clean("applicant_address", address)
    rep_name = clean(t("applicants.field.representative_name"), representative_name, limit=120)
    rep_raw = clean(t("applicants.field.representative_id"), representative_id, limit=20)
    rep_id = ""
    if rep_raw:
        rep_type = applicants.guess_id_type(rep_raw)
        if rep_type is None:
            raise ServiceError("applicants.representative_id", value=rep_raw)
        rep_id = _domain(lambda: applicants.parse_id(rep_type, rep_raw)).number
    if (rep_id or kind == "organisation") and not rep_name:
        raise ServiceError("applicants.representative_name_required")
    phone, email = check_contact(phone, email)
    return ApplicantEntry(kind, number.id_type, number.number, name, address, rep_name, rep_id, phone, email)


def citizen_from_entry(session: Session, entry: ApplicantEntry, *, unit_id: str, now: datetime) -> Citizen:
    """``unit_id``'s record of the person with the 12-digit personal number typed in ``entry``
    (``services.ids.citizen_id_for``): created from what was typed when the unit has none; an existing
    record keeps its card data (the card is authoritative), its phone and e-mail updated when given."""
    if entry.id_type != "cccd":
        raise ServiceError("applicants.not_a_personal_number")
    citizen_id = citizen_id_for(unit_id, entry.id_number)
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        citizen = Citizen(
            id=citizen_id,
            cccd=entry.id_number,
            full_name=entry.name,
            name_folded=fold(entry.name),
            address=entry.address,
            phone=entry.phone,
            email=entry.email,
            home_unit_id=unit_id,
            created_at=now,
            updated_at=now,
        )
    else:
        citizen.phone = entry.phone or citizen.phone
        citizen.email = entry.email or citizen.email
        citizen.updated_at = now
    session.add(citizen)
    session.flush()
    return citizen


@dataclass
class IntakeRequest:
    procedure_code: str
    documents: list[DocumentChoice]
    citizen_id: str | None = None
    applicant_name: str = ""
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    applicant_cccd: str = ""
    #: a hand-entered applicant (:class:`ApplicantEntry`): their kind, number and representative
    applicant: ApplicantEntry | None = None
    summary: str = ""
    channel: int = Channel.COUNTER
    return_method: str = "counter"
    return_unit_id: str | None = None
    return_address: str = ""
    fee_status: str = "paid"
    sets: int = 1
    ticket_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


#: a component's name is stored in up to 400 characters
DOCUMENT_NAME_LIMIT = 400


def _check_length(name: str, value: str) -> None:
    limit = LIMITS.get(name)
    if limit is not None and len(value) > limit:
        raise ServiceError("intake.too_long", field=t(f"field.{name}"), limit=limit)


def _clean(name: str, value: str) -> str:
    """A typed field ``name`` (a key of :data:`LIMITS`) checked: characters, NFC, stripped, its limit."""
    return clean(t(f"field.{name}"), value, limit=LIMITS.get(name))


def _clean_documents(documents: list[DocumentChoice]) -> list[DocumentChoice]:
    """The components with their names checked (characters, NFC, stripped, 400 characters)."""
    label = t("input.field.document_name")
    return [replace(d, name=clean(label, d.name, limit=DOCUMENT_NAME_LIMIT)) for d in documents]


def next_sequence(session: Session, counter_id: str, scope: str, *, maximum: int | None = None) -> int:
    """Hand out the next number of ``scope`` for a counter, inside the caller's transaction."""
    row = session.exec(
        select(CodeSequence)
        .where(CodeSequence.counter_id == counter_id, CodeSequence.scope == scope)
        .with_for_update()
    ).first()
    if row is None:
        row = CodeSequence(counter_id=counter_id, scope=scope, last=0)
    row.last += 1
    if maximum is not None and row.last > maximum:
        raise ServiceError("intake.sequence_exhausted", counter=counter_id, day=scope.split(":")[-1])
    session.add(row)
    session.flush()
    return row.last


def _counter_of(actor: Actor) -> str:
    """The counter ``actor`` works at: dossier codes and ledger lines are numbered per counter."""
    if not actor.counter_id:
        raise ServiceError("intake.not_at_counter", name=actor.name)
    return actor.counter_id


def _new_code(session: Session, actor: Actor, at: datetime) -> str:
    """The next dossier code of the actor's counter for the day of ``at``.

    A number already taken (a store restored from a backup older than its last receipts, then
    synced back) is skipped: a code is never handed out twice.
    """
    counter_id = _counter_of(actor)
    unit_code, counter_no = actor.counter_parts
    try:  # configured at setup, never derived (Decision 20/2020/QĐ-TTg, amended by Decision 09/2025/QĐ-TTg)
        require_identifier(unit_code)
    except InvalidIdentifier as error:
        raise ServiceError("applicants.no_identifier", unit=unit_code or "—") from error
    while True:
        seq = next_sequence(session, counter_id, f"dossier:{at:%y%m%d}", maximum=999)
        code = dossier_code(unit_code, at.date(), counter=counter_no, seq=seq)
        if session.exec(select(Dossier.id).where(Dossier.code == code)).first() is None:
            return code


def _new_dossier(actor: Actor, code: str, procedure_code: str, name: str, at: datetime) -> Dossier:
    """The row of a dossier this unit starts, before its first event fills it (the unit receives and holds
    it: the central store's rules require the first event to come from the receiving unit)."""
    return Dossier(
        id=new_id(),
        code=code,
        procedure_code=procedure_code,
        status=0,
        applicant_name=name,
        received_unit_id=actor.unit_id,
        custodian_unit_id=actor.unit_id,
        return_unit_id=actor.unit_id,
        updated_at=at,
    )


def upsert_citizen_from_card(
    session: Session, card: CccdData, *, unit_id: str, now: datetime | None = None
) -> Citizen:
    """``unit_id``'s record of the citizen of a scanned card, created from the card's data when the unit has
    none (``services.ids.citizen_id_for``)."""
    now = now or local_now()
    clean(t("input.field.card_name"), card.full_name)
    clean(t("input.field.card_address"), card.address)
    clean(t("input.field.card_number"), card.number)
    if len(card.full_name) > 120:
        raise ServiceError("citizen.name_too_long", limit=120)
    if len(card.address) > 300:
        raise ServiceError("citizen.address_too_long", limit=300)
    citizen_id = citizen_id_for(unit_id, card.number)
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        citizen = Citizen(
            id=citizen_id,
            cccd=card.number,
            old_id=card.old_id,
            full_name=card.full_name,
            name_folded=fold(card.full_name),
            birth_date=card.birth_date,
            gender=card.gender,
            address=card.address,
            issued_on=card.issued_on,
            created_at=now,
            updated_at=now,
        )
    else:  # the card is authoritative for what it carries
        citizen.full_name, citizen.name_folded = card.full_name, fold(card.full_name)
        citizen.birth_date, citizen.gender, citizen.address = card.birth_date, card.gender, card.address
        citizen.old_id, citizen.issued_on, citizen.updated_at = (
            card.old_id or citizen.old_id,
            card.issued_on,
            now,
        )
    session.add(citizen)
    session.flush()
    return citizen


def receive(
    store: Store, actor: Actor, request: IntakeRequest, *, now: datetime | None = None
) -> DossierView:
    """Take a dossier in: one transaction writes the dossier, its documents, its event and the outbox entry."""
    return _take_in(store, actor, request, now or local_now(), refusal=None)


def refuse(
    store: Store, actor: Actor, request: IntakeRequest, reason: str, *, now: datetime | None = None
) -> DossierView:
    """Refuse to receive (Mẫu 03): recorded with status 3 and the reason, so the refusal is traceable."""
    reason = _clean("reason", reason)
    if not reason:
        raise ServiceError("intake.reason_required")
    return _take_in(store, actor, request, now or local_now(), refusal=reason)


def _take_in(
    store: Store, actor: Actor, request: IntakeRequest, now: datetime, *, refusal: str | None
) -> DossierView:
    if not request.documents:
        raise ServiceError("intake.no_documents")
    if request.return_method not in RETURN_METHODS:
        raise ServiceError("intake.bad_return_method", method=request.return_method)
    if request.return_method == "post" and not request.return_address.strip():
        raise ServiceError("intake.post_needs_address")
    if request.fee_status not in FEE_STATUSES:
        raise ServiceError("intake.bad_return_method", method=request.fee_status)
    typed = _typed_fields(request)
    entry = request.applicant
    if entry is not None:  # checked again: the request may come from anywhere
        entry = check_applicant(
            entry.kind,
            entry.id_type,
            entry.id_number,
            entry.name,
            entry.address,
            representative_name=entry.representative_name,
            representative_id=entry.representative_id,
            phone=entry.phone,
            email=entry.email,
        )
        typed["applicant_name"] = typed["applicant_name"] or entry.name
        typed["applicant_address"] = typed["applicant_address"] or entry.address
        typed["applicant_phone"] = typed["applicant_phone"] or entry.phone
        typed["applicant_email"] = typed["applicant_email"] or entry.email
    documents = _clean_documents(request.documents)
    with store.session() as session:
        procedure = lookup.procedure(session, request.procedure_code)
        citizen = session.get(Citizen, request.citizen_id) if request.citizen_id else None
        if citizen is None and entry is not None and entry.id_type == "cccd":
            citizen = citizen_from_entry(session, entry, unit_id=actor.unit_id, now=now)
        documents = dossier_files.resolve_components(
            session, store, citizen.id if citizen else None, documents, now
        )
        name = typed["applicant_name"] or (citizen.full_name if citizen else "")
        if not name:
            raise ServiceError("intake.applicant_name_required")
        fields = {
            "applicant_name": name,
            "applicant_address": typed["applicant_address"] or (citizen.address if citizen else ""),
            "applicant_phone": typed["applicant_phone"] or (citizen.phone if citizen else ""),
            "applicant_email": typed["applicant_email"] or (citizen.email if citizen else ""),
            "summary": typed["summary"],
            "return_address": typed["return_address"],
        }
        for key, value in fields.items():
            _check_length(key, value)
        received_at = store.calendar.next_opening(now)
        code = _new_code(session, actor, now)
        unit_code, counter_no = actor.counter_parts
        ledger_line = next_sequence(session, _counter_of(actor), f"ledger:{now:%Y}")
        due_at = None if refusal else store.calendar.due_at(now, procedure.working_days)
        reused = any(d.reused for d in documents)
        dossier = _new_dossier(actor, code, procedure.code, name, now)
        append_event(
            session,
            dossier,
            "refused" if refusal else "received",
            {
                "set": {
                    "code": code,
                    "procedure_code": procedure.code,
                    "citizen_id": citizen.id if citizen else None,
                    "applicant_cccd": request.applicant_cccd or (citizen.cccd if citizen else ""),
                    **fields,
                    **_applicant_fields(entry),
                    "channel": int(request.channel),
                    "status": int(Status.REFUSED if refusal else Status.RECEIVED),
                    "received_unit_id": actor.unit_id,
                    "received_counter_id": actor.counter_id,
                    "received_by": actor.officer_id,
                    "custodian_unit_id": actor.unit_id,
                    "return_unit_id": request.return_unit_id or actor.unit_id,
                    "return_method": request.return_method,
                    "received_at": received_at,
                    "due_at": due_at,
                    "original_due_at": due_at,
                    "working_days": procedure.working_days,
                    "sets": request.sets,
                    "fee": procedure.fee,
                    "fee_status": request.fee_status,
                    "ledger_book": f"{now:%Y}-Q{counter_no}",
                    "ledger_line": ledger_line,
                    "reused_data": reused,
                },
                **({"reason": refusal} if refusal else {}),
                "documents": [d.as_payload() for d in documents],
                "procedure_name": procedure.name,
            },
            actor,
            now,
        )
        if citizen is not None and not refusal:
            dossier_files.keep_in_citizen_store(session, procedure.code, citizen.id, code, documents, now)
        if request.ticket_id:
            ticket = session.get(QueueTicket, request.ticket_id)
            if ticket is not None:
                ticket.dossier_id = dossier.id
                session.add(ticket)
        return view(DossierView, dossier)


def _applicant_fields(entry: ApplicantEntry | None) -> dict[str, str]:
    """The dossier columns of a hand-entered applicant (none for a scanned card: the defaults hold)."""
    if entry is None:
        return {}
    return {
        "applicant_kind": entry.kind,
        "applicant_id_type": entry.id_type,
        "applicant_id_number": entry.id_number,
        "representative_name": entry.representative_name,
        "representative_id": entry.representative_id,
    }


def _typed_fields(request: IntakeRequest) -> dict[str, str]:
    """The officer-typed (or imported) texts of ``request``, each checked: characters, NFC, limit."""
    return {
        name: _clean(name, getattr(request, name))
        for name in (
            "applicant_name",
            "applicant_address",
            "applicant_phone",
            "applicant_email",
            "summary",
            "return_address",
        )
    }


def nfc_doc(doc: DocumentChoice) -> DocumentChoice:
    return replace(doc, name=nfc(doc.name))


def request_supplement(
    store: Store,
    actor: Actor,
    code: str,
    missing: list[DocumentChoice],
    reason: str,
    *,
    now: datetime | None = None,
) -> DossierView:
    """Ask for missing documents (Mẫu 02): status 5, the processing clock stops."""
    now = now or local_now()
    reason = _clean("reason", reason)
    if not reason:
        raise ServiceError("intake.reason_required")
    if not missing:
        raise ServiceError("intake.nothing_missing")
    missing = _clean_documents(missing)
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        transition(
            session,
            dossier,
            Status.SUPPLEMENT_REQUESTED,
            "supplement_requested",
            actor,
            now,
            {
                "reason": reason,
                "missing": [nfc_doc(d).as_payload() for d in missing],
                "resume_status": dossier.status
                if dossier.status != Status.REGISTERED_ONLINE
                else int(Status.RECEIVED),
                "set": {"clock_stopped_at": now, "supplement_rounds": dossier.supplement_rounds + 1},
            },
        )
        return view(DossierView, dossier)


def supplement_received(
    store: Store,
    actor: Actor,
    code: str,
    documents: list[DocumentChoice] | None = None,
    *,
    now: datetime | None = None,
) -> DossierView:
    """The missing documents are back: a new due date counted from now, and a new receipt to print."""
    now = now or local_now()
    documents = _clean_documents(documents) if documents else documents
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        if dossier.status != Status.SUPPLEMENT_REQUESTED:
            raise ServiceError("intake.not_supplement", code=dossier.code)
        request_event = _last_event(session, dossier, "supplement_requested")
        if request_event is None:  # the status says so, but the store lacks the request (its missing list)
            raise ServiceError("intake.not_supplement", code=dossier.code)
        resume = Status(request_event.payload.get("resume_status", int(Status.RECEIVED)))
        current = session.exec(
            select(DossierDocument)
            .where(DossierDocument.dossier_id == dossier.id)
            .order_by(col(DossierDocument.position))
        ).all()
        merged = [DocumentChoice.from_row(d, received=True) for d in current]
        known = {d.name for d in merged}
        added = documents or [
            DocumentChoice.from_payload(m) for m in request_event.payload.get("missing", [])
        ]
        supplied = dossier_files.resolve_components(
            session, store, dossier.citizen_id, [d for d in added if d.name not in known], now
        )
        merged.extend(replace(doc, name=nfc(doc.name), received=True) for doc in supplied)
        due_at = store.calendar.due_at(now, dossier.working_days)
        transition(
            session,
            dossier,
            resume,
            "supplement_received",
            actor,
            now,
            {
                "old_due_at": dossier.due_at,
                "documents": [d.as_payload() for d in merged],
                "set": {
                    "received_at": store.calendar.next_opening(now),
                    "due_at": due_at,
                    "clock_stopped_at": None,
                },
            },
        )
        return view(DossierView, dossier)


def _last_event(session: Session, dossier: Dossier, type_: str) -> DossierEvent | None:
    return session.exec(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == dossier.id, DossierEvent.type == type_)
        .order_by(col(DossierEvent.seq).desc())
    ).first()


def register_online(
    store: Store, actor: Actor, request: IntakeRequest, *, submitted_at: datetime, code: str | None = None
) -> DossierView:
    """A dossier submitted online (status 1): the 8-working-hour reception clock runs from ``submitted_at``."""
    with store.session() as session:
        return register_online_in(session, store, actor, request, submitted_at=submitted_at, code=code)


def register_online_in(
    session: Session,
    store: Store,
    actor: Actor,
    request: IntakeRequest,
    *,
    submitted_at: datetime,
    code: str | None = None,
) -> DossierView:
    """:func:`register_online` inside the caller's transaction (an import writes a whole file in one)."""
    typed = _typed_fields(request)
    documents = _clean_documents(request.documents)
    procedure = lookup.procedure(session, request.procedure_code)
    citizen = session.get(Citizen, request.citizen_id) if request.citizen_id else None
    name = typed["applicant_name"] or (citizen.full_name if citizen else "")
    if not name:
        raise ServiceError("intake.applicant_name_required")
    if code is None:
        code = _new_code(session, actor, submitted_at)
    dossier = _new_dossier(actor, code, procedure.code, name, submitted_at)
    append_event(
        session,
        dossier,
        "registered_online",
        {
            "set": {
                "code": code,
                "procedure_code": procedure.code,
                "citizen_id": citizen.id if citizen else None,
                "applicant_name": name,
                "applicant_address": typed["applicant_address"] or (citizen.address if citizen else ""),
                "applicant_phone": typed["applicant_phone"] or (citizen.phone if citizen else ""),
                "applicant_email": typed["applicant_email"] or (citizen.email if citizen else ""),
                "applicant_cccd": request.applicant_cccd or (citizen.cccd if citizen else ""),
                "summary": typed["summary"],
                "channel": int(Channel.ONLINE),
                "status": int(Status.REGISTERED_ONLINE),
                "received_unit_id": actor.unit_id,
                "custodian_unit_id": actor.unit_id,
                "return_unit_id": request.return_unit_id or actor.unit_id,
                "return_method": request.return_method,
                "return_address": typed["return_address"],
                "submitted_at": submitted_at,
                "working_days": procedure.working_days,
                "fee": procedure.fee,
                "fee_status": request.fee_status,
                "reused_data": any(d.reused for d in documents),
            },
            "documents": [d.as_payload() for d in documents],
            "procedure_name": procedure.name,
        },
        actor,
        submitted_at,
    )
    return view(DossierView, dossier)


def accept_online(store: Store, actor: Actor, code: str, *, now: datetime | None = None) -> DossierView:
    """Take in a dossier submitted online (status 1 → 2): due date counted from now, ledger line given."""
    from counter_app.services.workflow import transition

    now = now or local_now()
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        ledger_line = next_sequence(session, _counter_of(actor), f"ledger:{now:%Y}")
        due_at = store.calendar.due_at(now, dossier.working_days)
        transition(
            session,
            dossier,
            Status.RECEIVED,
            "received_online",
            actor,
            now,
            {
                "set": {
                    "received_at": store.calendar.next_opening(now),
                    "due_at": due_at,
                    "original_due_at": due_at,
                    "received_by": actor.officer_id,
                    "received_counter_id": actor.counter_id,
                    "ledger_book": f"{now:%Y}-Q{actor.counter_parts[1]}",
                    "ledger_line": ledger_line,
                }
            },
        )
        return view(DossierView, dossier)
