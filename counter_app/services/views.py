"""What the services hand to screens and commands: frozen copies of the store's rows.

A screen holds these, never an ORM row or a session: a view is read in the service's transaction and
stays valid (and immutable) after it ends, so a worker thread can pass it to the screen safely. Each
view names the fields the user interface and the command line read; :func:`view` copies them from a
row (or from any object with those attributes) by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, TypeVar

V = TypeVar("V")


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return dict(value)  # a copy: the row's JSON stays the store's
    return value


def view(cls: type[V], row: object) -> V:
    """A ``cls`` with the fields of the same names copied from ``row``."""
    return cls(**{f.name: _frozen(getattr(row, f.name)) for f in fields(cls)})  # type: ignore[arg-type]


def views(cls: type[V], rows: Iterable[object]) -> list[V]:
    return [view(cls, row) for row in rows]


@dataclass(frozen=True)
class UnitView:
    """An administrative unit (ward, commune, provincial centre)."""

    id: str
    name: str
    kind: str
    province_code: int
    province_name: str
    one_stop_code: str


@dataclass(frozen=True)
class CitizenView:
    """A citizen as the counter shows them (personal data: reading one is logged by the service)."""

    id: str
    cccd: str
    old_id: str | None
    full_name: str
    birth_date: date | None
    gender: str | None
    address: str
    phone: str
    email: str
    issued_on: date | None
    home_unit_id: str | None


@dataclass(frozen=True)
class CitizenDocumentView:
    """A document of the citizen's data store, reusable at intake."""

    id: str
    kind: str
    title: str
    number: str
    issuer: str
    issued_on: date | None
    expires_on: date | None
    file_hash: str
    file_size: int
    file_pages: int
    source: str  # counter | result | national
    dossier_code: str


@dataclass(frozen=True)
class ProcedureView:
    """A procedure of the catalogue."""

    code: str
    name: str
    field_code: str
    field_name: str
    working_days: int
    fee: int
    fee_note: str
    level: str
    boundless: bool
    land: bool
    queue_service: str


@dataclass(frozen=True)
class RequiredDocumentView:
    """A component of the dossier a procedure requires."""

    position: int
    name: str
    copy_kind: str
    quantity: int
    doc_kind: str | None
    required: bool


@dataclass(frozen=True)
class TicketView:
    """A queue ticket."""

    id: str
    unit_id: str
    day: date
    number: str
    service: str
    priority: bool
    priority_reason: str
    issued_at: datetime
    status: str
    counter_id: str | None
    officer_id: str | None
    called_at: datetime | None
    recalls: int
    finished_at: datetime | None
    dossier_id: str | None


@dataclass(frozen=True)
class DossierView:
    """A dossier's current state (the projection of its events)."""

    id: str
    code: str
    procedure_code: str
    citizen_id: str | None
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    applicant_email: str
    applicant_cccd: str
    summary: str
    channel: int
    status: int
    received_unit_id: str
    received_counter_id: str | None
    custodian_unit_id: str
    return_unit_id: str
    return_method: str
    return_address: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    original_due_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    clock_stopped_at: datetime | None
    working_days: int
    sets: int
    fee: int
    fee_status: str
    ledger_book: str
    ledger_line: int
    reused_data: bool
    satisfaction: int | None
    result_file_hash: str
    result_file_size: int
    result_file_pages: int
    supplement_rounds: int
    needs_attention: str | None
    event_count: int
    updated_at: datetime
    #: a hand-entered applicant (services.intake.ApplicantEntry): kind, number, who submitted for them
    applicant_kind: str = "citizen"
    applicant_id_type: str = ""
    applicant_id_number: str = ""
    representative_name: str = ""
    representative_id: str = ""
    #: a result returned by post: its UPU S10 item code and when it was handed to the post office
    post_item_code: str = ""
    posted_at: datetime | None = None
    #: who gave ``satisfaction``: "citizen" (the counter's tablet), "not_rated", "" (keyed in before issue 16)
    satisfaction_by: str = ""


@dataclass(frozen=True)
class DossierDocumentView:
    """A component of a dossier as received."""

    id: int | None
    position: int
    name: str
    copy_kind: str
    quantity: int
    received: bool
    reused: bool
    citizen_document_id: str | None
    file_hash: str
    file_size: int
    file_pages: int


@dataclass(frozen=True)
class EventView:
    """One entry of a dossier's history."""

    id: str
    seq: int
    type: str
    officer_name: str
    unit_id: str
    counter_id: str | None
    device_time: datetime
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class HandoverView:
    """One move of custody between units."""

    id: str
    from_unit_id: str
    to_unit_id: str
    reason: str
    documents: tuple[str, ...]
    sent_at: datetime
    sent_by: str
    state: str
    answered_at: datetime | None
    answered_by: str
    answer_reason: str


@dataclass(frozen=True)
class RejectedEventView:
    """An event this counter recorded that the central store refused (``sync_rejection``): what, when, why,
    by whom. The sync took it out of the dossier's history; it is kept aside, never sent again."""

    event_id: str
    dossier_id: str
    dossier_code: str
    #: the event's type (``withdrawn``, ``processing``...)
    type: str
    #: who recorded it, from which unit and counter, and when (the device's clock)
    officer_name: str
    unit_id: str
    counter_id: str | None
    recorded_at: datetime | None
    #: when the central store refused it, and why (its own sentence)
    at: datetime
    reason: str


@dataclass(frozen=True)
class DossierDetail:
    """Everything the dossier view shows: the dossier, its procedure, components, history and handovers,
    the units they name (by id), and the events of this dossier the central store refused."""

    dossier: DossierView
    procedure: ProcedureView
    documents: tuple[DossierDocumentView, ...]
    events: tuple[EventView, ...]
    handovers: tuple[HandoverView, ...]
    units: Mapping[str, UnitView]
    rejected: tuple[RejectedEventView, ...] = ()


@dataclass(frozen=True)
class AccessEntry:
    """One line of the view log: who (officer, unit, counter) looked at whose data, when and why."""

    id: str
    at: datetime
    officer_id: str | None
    officer_name: str
    unit_id: str
    counter_id: str | None
    citizen_id: str | None
    dossier_id: str | None
    purpose: str


@dataclass(frozen=True)
class CitizenRecord:
    """A citizen's record as shown to an officer, and the log line the viewing wrote."""

    citizen: CitizenView
    documents: tuple[CitizenDocumentView, ...]
    log: AccessEntry


@dataclass(frozen=True)
class OfficerView:
    """An officer's account as the administrator sees it (never the PIN's hash)."""

    id: str
    username: str
    full_name: str
    title: str
    role: str
    unit_id: str
    active: bool
    must_change_pin: bool
    locked_until: datetime | None
