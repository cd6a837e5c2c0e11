"""SQLModel tables of the counter's store (the same schema on SQLite and PostgreSQL).

Times are naive local time (Asia/Ho_Chi_Minh), as the counter shows and prints them.
Identifiers that travel between stores (citizens, dossiers, events, handovers) are UUID strings,
so that counters can create them offline without a central sequence.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import NaiveDatetime
from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    FetchedValue,
    Index,
    String,
    Table,
    UniqueConstraint,
    inspect,
)
from sqlmodel import Field, SQLModel

#: naive local time (Asia/Ho_Chi_Minh), as the counter shows and prints it
LocalTime = NaiveDatetime


def folded_column(length: int) -> Column[str]:
    """An indexed column of folded text, compared byte-wise so prefix ranges use the index.

    PostgreSQL's default locale collation would order "nguyen van" and "nguyenvan" by letters only,
    breaking ``>= prefix AND < prefix-successor`` scans; collation "C" (SQLite's BINARY) does not.
    """
    return Column(
        String(length).with_variant(String(length, collation="C"), "postgresql"), nullable=False, index=True
    )


def new_id() -> str:
    return str(uuid.uuid4())


def table_of(model: type[SQLModel]) -> Table:
    """The table of a table model: its ``__table__``, which SQLModel sets but does not declare to type checkers."""
    table = inspect(model).local_table
    assert isinstance(table, Table), model
    return table


class Unit(SQLModel, table=True):
    """An administrative unit that receives or handles dossiers (a ward/commune, or a provincial centre)."""

    __tablename__ = "unit"
    id: str = Field(primary_key=True, max_length=16)  # ward code from vietnam-provinces, e.g. "21025"
    name: str = Field(max_length=200)
    name_folded: str = Field(sa_column=folded_column(200))
    kind: str = Field(max_length=16)  # "ward" | "commune" | "special" | "province"
    province_code: int
    province_name: str = Field(max_length=100)
    one_stop_code: str = Field(max_length=40, unique=True)
    head_title: str = Field(default="Chủ tịch", max_length=100)


class Counter(SQLModel, table=True):
    """A workstation of a unit; its number is the first digit of the dossier codes it issues."""

    __tablename__ = "counter"
    id: str = Field(primary_key=True, max_length=48)  # "<one_stop_code>#<number>"
    unit_id: str = Field(foreign_key="unit.id", index=True, max_length=16)
    number: int
    name: str = Field(max_length=100)
    key_id: str | None = Field(default=None, max_length=32)
    __table_args__ = (UniqueConstraint("unit_id", "number"),)


class Officer(SQLModel, table=True):
    __tablename__ = "officer"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    username: str = Field(max_length=64, unique=True)
    full_name: str = Field(max_length=120)
    title: str = Field(default="Công chức Bộ phận Một cửa", max_length=120)
    role: str = Field(max_length=16)  # officer | supervisor | admin
    unit_id: str = Field(foreign_key="unit.id", index=True, max_length=16)
    pin_hash: str = Field(max_length=300)
    failed_attempts: int = 0
    locked_until: LocalTime | None = Field(default=None, sa_type=DateTime)
    active: bool = True
    #: the PIN was set by an administrator (a new account, a reset): the officer chooses their own at log-in
    must_change_pin: bool = False


class Procedure(SQLModel, table=True):
    """An administrative procedure (TTHC) of the catalogue."""

    __tablename__ = "procedure"
    code: str = Field(primary_key=True, max_length=32)  # national code, e.g. "1.001193"
    name: str = Field(max_length=400)
    name_folded: str = Field(sa_column=folded_column(400))
    field_code: str = Field(max_length=32)
    field_name: str = Field(max_length=200)
    working_days: int  # statutory processing time; 0 = same day
    fee: int = 0  # VND
    fee_note: str = Field(default="", max_length=300)
    level: str = Field(default="commune", max_length=16)  # commune | province
    boundless: bool = True  # may be received regardless of administrative boundary
    land: bool = False  # land-related: on-time target 96% instead of 98%
    queue_service: str = Field(default="A", max_length=4)
    public_url: str = Field(default="", max_length=300)
    #: False once retired: the catalogue no longer lists it (old dossiers keep it), see ``retired_at``
    active: bool = True
    retired_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    #: when the catalogue last changed this row (an import, an administrator's edit): counters pull by it
    updated_at: LocalTime | None = Field(default=None, sa_type=DateTime, index=True)


class ProcedureDocument(SQLModel, table=True):
    """A component of the dossier a procedure requires."""

    __tablename__ = "procedure_document"
    id: int | None = Field(default=None, primary_key=True)
    procedure_code: str = Field(foreign_key="procedure.code", index=True, max_length=32)
    position: int
    name: str = Field(max_length=400)
    copy_kind: str = Field(default="original", max_length=16)  # original | certified | copy
    quantity: int = 1
    doc_kind: str | None = Field(default=None, max_length=40)  # matches CitizenDocument.kind for reuse
    required: bool = True


class Citizen(SQLModel, table=True):
    __tablename__ = "citizen"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    #: not unique: each unit keeps its own record of a citizen (``services.ids.citizen_id_for``), and a
    #: dossier handed over brings the sending unit's record along
    cccd: str = Field(max_length=12, index=True)
    old_id: str | None = Field(default=None, max_length=12)
    full_name: str = Field(max_length=120)
    name_folded: str = Field(sa_column=folded_column(120))
    birth_date: date | None = None
    gender: str | None = Field(default=None, max_length=8)
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=120)
    issued_on: date | None = None
    home_unit_id: str | None = Field(default=None, max_length=16, index=True)
    created_at: LocalTime = Field(sa_type=DateTime)
    updated_at: LocalTime = Field(sa_type=DateTime)


class CitizenDocument(SQLModel, table=True):
    """A digitised document of a citizen, reusable at intake ("only provide information once")."""

    __tablename__ = "citizen_document"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    citizen_id: str = Field(foreign_key="citizen.id", index=True, max_length=36)
    kind: str = Field(max_length=40)
    title: str = Field(max_length=300)
    number: str = Field(default="", max_length=60)
    issuer: str = Field(default="", max_length=200)
    issued_on: date | None = None
    #: the last day the document is valid (None: no expiry); an expired document is not offered for reuse
    expires_on: date | None = None
    #: the digitised file (``services.file_store``: SHA-256 of its bytes), "" when none is held
    file_hash: str = Field(default="", max_length=64)
    file_size: int = 0
    file_pages: int = 0
    source: str = Field(max_length=16)  # counter | result | national
    #: provenance: the dossier whose component (source "counter") or result (source "result") this is
    dossier_code: str = Field(default="", max_length=64)
    created_at: LocalTime = Field(sa_type=DateTime)


class Dossier(SQLModel, table=True):
    """The current state of a dossier: a projection of its events (see db.projection)."""

    __tablename__ = "dossier"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    code: str = Field(max_length=64, unique=True)
    procedure_code: str = Field(foreign_key="procedure.code", index=True, max_length=32)
    citizen_id: str | None = Field(default=None, foreign_key="citizen.id", index=True, max_length=36)
    applicant_name: str = Field(max_length=120)
    applicant_address: str = Field(default="", max_length=300)
    applicant_phone: str = Field(default="", max_length=20)
    applicant_email: str = Field(default="", max_length=120)
    applicant_cccd: str = Field(default="", max_length=12)
    #: who the applicant is when not (only) a scanned card: "citizen" or "organisation"; the number they
    #: were identified by and its kind (domain.applicants: cccd, cmnd, passport, tax_code); who submitted
    #: for them (an organisation's representative, or a person's authorised representative) and their number
    applicant_kind: str = Field(default="citizen", max_length=16)
    applicant_id_type: str = Field(default="", max_length=16)
    applicant_id_number: str = Field(default="", max_length=20)
    representative_name: str = Field(default="", max_length=120)
    representative_id: str = Field(default="", max_length=20)
    summary: str = Field(default="", max_length=500)
    channel: int = 1  # 1 counter, 2 online, 3 post
    status: int
    received_unit_id: str = Field(foreign_key="unit.id", index=True, max_length=16)
    received_counter_id: str | None = Field(default=None, max_length=48)
    received_by: str | None = Field(default=None, max_length=36)
    custodian_unit_id: str = Field(foreign_key="unit.id", index=True, max_length=16)
    return_unit_id: str = Field(foreign_key="unit.id", max_length=16)
    return_method: str = Field(default="counter", max_length=16)  # counter | other_unit | post
    return_address: str = Field(default="", max_length=300)
    submitted_at: LocalTime | None = Field(
        default=None, sa_type=DateTime
    )  # online: when the citizen submitted
    received_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    due_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    original_due_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    finished_at: LocalTime | None = Field(default=None, sa_type=DateTime)  # result ready
    returned_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    #: a result returned by post (services.workflow.hand_to_post): the item's UPU S10 code and when it was
    #: handed to the post office; ``returned_at`` is the day the post confirms delivery
    post_item_code: str = Field(default="", max_length=13)
    posted_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    clock_stopped_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    working_days: int = 0
    sets: int = 1
    fee: int = 0
    fee_status: str = Field(default="paid", max_length=16)  # paid | exempt | unpaid
    ledger_book: str = Field(default="", max_length=20)
    ledger_line: int = 0
    reused_data: bool = False
    satisfaction: int | None = None  # 1 very satisfied, 2 satisfied, 3 not satisfied
    #: who gave ``satisfaction``: "citizen" (on the counter's rating tablet, services.rating), "not_rated"
    #: (no answer in time); "" before issue 16, when the officer keyed it in (not counted by the indicators)
    satisfaction_by: str = Field(default="", max_length=12)
    #: the digitised result (decision, certificate, extract): SHA-256 of its file, "" when not digitised
    result_file_hash: str = Field(default="", max_length=64)
    result_file_size: int = 0
    result_file_pages: int = 0
    supplement_rounds: int = 0
    needs_attention: str | None = Field(default=None, max_length=300)
    last_event_hash: str = Field(default="", max_length=64)
    event_count: int = 0
    updated_at: LocalTime = Field(sa_type=DateTime)

    __table_args__ = (
        Index("ix_dossier_status_due", "status", "due_at"),
        Index("ix_dossier_received_at", "received_at"),
        Index("ix_dossier_finished_at", "finished_at"),  # indicators: results of a period
        Index("ix_dossier_returned_at", "returned_at"),  # indicators: returns and ratings of a period
    )


class DossierDocument(SQLModel, table=True):
    __tablename__ = "dossier_document"
    id: int | None = Field(default=None, primary_key=True)
    dossier_id: str = Field(foreign_key="dossier.id", index=True, max_length=36)
    position: int
    name: str = Field(max_length=400)
    copy_kind: str = Field(default="original", max_length=16)
    quantity: int = 1
    received: bool = True
    reused: bool = False
    citizen_document_id: str | None = Field(default=None, max_length=36)
    #: the component's digitised file (one PDF, ``services.file_store``), "" when not digitised
    file_hash: str = Field(default="", max_length=64)
    file_size: int = 0
    file_pages: int = 0


class DossierEvent(SQLModel, table=True):
    """Append-only history of a dossier; each event carries the hash of the dossier's previous one."""

    __tablename__ = "dossier_event"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    dossier_id: str = Field(index=True, max_length=36)
    dossier_code: str = Field(max_length=64, index=True)
    seq: int  # 1, 2, ... within the dossier
    type: str = Field(max_length=40)
    officer_id: str | None = Field(default=None, max_length=36)
    officer_name: str = Field(default="", max_length=120)
    unit_id: str = Field(max_length=16)
    counter_id: str | None = Field(default=None, max_length=48)
    device_time: LocalTime = Field(sa_type=DateTime)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(max_length=64)
    #: position in the central store's log (assigned there by a sequence); pulls page by it
    central_seq: int | None = Field(
        default=None, sa_column=Column(BigInteger, server_default=FetchedValue(), nullable=True, index=True)
    )

    __table_args__ = (UniqueConstraint("dossier_id", "seq", name="uq_dossier_event_seq"),)


class Handover(SQLModel, table=True):
    """One move of custody between units: a row of the processing control sheet (Mẫu 05)."""

    __tablename__ = "handover"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    dossier_id: str = Field(foreign_key="dossier.id", index=True, max_length=36)
    from_unit_id: str = Field(max_length=16)
    to_unit_id: str = Field(max_length=16, index=True)
    reason: str = Field(default="", max_length=500)
    documents: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sent_at: LocalTime = Field(sa_type=DateTime)
    sent_by: str = Field(default="", max_length=120)
    state: str = Field(default="sent", max_length=16)  # sent | accepted | returned
    answered_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    answered_by: str = Field(default="", max_length=120)
    answer_reason: str = Field(default="", max_length=500)


class QueueService(SQLModel, table=True):
    """A queue line (e.g. "A" civil status): tickets are numbered per service and per day."""

    __tablename__ = "queue_service"
    code: str = Field(primary_key=True, max_length=4)
    name: str = Field(max_length=120)


class QueueTicket(SQLModel, table=True):
    __tablename__ = "queue_ticket"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    unit_id: str = Field(foreign_key="unit.id", index=True, max_length=16)
    day: date = Field(index=True)
    number: str = Field(max_length=8)  # "A007", priority "UA003"
    service: str = Field(foreign_key="queue_service.code", max_length=4)
    priority: bool = False
    priority_reason: str = Field(default="", max_length=60)
    issued_at: LocalTime = Field(sa_type=DateTime)
    status: str = Field(default="waiting", max_length=16)  # waiting | serving | done | no_show
    counter_id: str | None = Field(default=None, max_length=48)
    officer_id: str | None = Field(default=None, max_length=36)
    called_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    recalls: int = 0
    finished_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    dossier_id: str | None = Field(default=None, max_length=36)

    __table_args__ = (
        UniqueConstraint("unit_id", "day", "number", name="uq_ticket_number"),
        Index("ix_ticket_waiting", "unit_id", "status", "priority", "issued_at"),
    )


class CodeSequence(SQLModel, table=True):
    """Last number handed out per counter and day (dossier codes) or per counter and year (ledger lines)."""

    __tablename__ = "code_sequence"
    counter_id: str = Field(primary_key=True, max_length=48)
    scope: str = Field(primary_key=True, max_length=16)  # "dossier:251122", "ledger:2025", "ticket:A:251122"
    last: int = 0


class Outbox(SQLModel, table=True):
    """Events waiting to be pushed to the central store (at least once; the central side dedupes by id)."""

    __tablename__ = "outbox"
    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=36, unique=True)
    created_at: LocalTime = Field(sa_type=DateTime)
    sent_at: LocalTime | None = Field(default=None, index=True, sa_type=DateTime)
    attempts: int = 0
    last_error: str = Field(default="", max_length=500)
    #: the central store refused the event (stale custodian, broken chain); kept, never retried
    rejected_at: LocalTime | None = Field(default=None, sa_type=DateTime)


class FileUpload(SQLModel, table=True):
    """A digitised file waiting to be copied to the central object store (the files' outbox).

    Queued in the same transaction as the event that first refers to the file; marked uploaded once the
    object store holds it. Files are content-addressed, so an upload repeated after a crash writes the
    same object again and is harmless; the mark keeps it from being repeated in normal running.
    """

    __tablename__ = "file_upload"
    sha256: str = Field(primary_key=True, max_length=64)
    size: int = 0
    queued_at: LocalTime = Field(sa_type=DateTime)
    uploaded_at: LocalTime | None = Field(default=None, index=True, sa_type=DateTime)
    attempts: int = 0
    last_error: str = Field(default="", max_length=500)


class SyncState(SQLModel, table=True):
    __tablename__ = "sync_state"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", max_length=500)


class SyncRejection(SQLModel, table=True):
    """Central side: an event refused because it breaks ownership or the dossier's chain."""

    __tablename__ = "sync_rejection"
    event_id: str = Field(primary_key=True, max_length=36)
    dossier_id: str = Field(max_length=36, index=True)
    dossier_code: str = Field(max_length=64)
    unit_id: str = Field(max_length=16)
    counter_id: str | None = Field(default=None, max_length=48)
    reason: str = Field(max_length=500)
    at: LocalTime = Field(sa_type=DateTime)
    #: the refused event itself, kept for the officer and the audit (the counter's copy)
    event: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class RatingRequest(SQLModel, table=True):
    """A returned dossier waiting for the citizen's rating on the counter's tablet (``services.rating``): open
    until the tablet answers, or closed as not rated when no answer comes in time. Local to the store the
    counter and its tablet share; the rating itself travels as the dossier's event."""

    __tablename__ = "rating_request"
    id: str = Field(primary_key=True, max_length=36)
    dossier_id: str = Field(foreign_key="dossier.id", index=True, max_length=36)
    dossier_code: str = Field(max_length=64)
    procedure_name: str = Field(default="", max_length=500)
    unit_id: str = Field(max_length=16)
    counter_id: str = Field(index=True, max_length=48)
    officer_id: str | None = Field(default=None, max_length=36)
    officer_name: str = Field(default="", max_length=120)
    opened_at: LocalTime = Field(sa_type=DateTime)
    expires_at: LocalTime = Field(sa_type=DateTime)
    state: str = Field(default="open", max_length=12, index=True)  # open | rated | not_rated
    closed_at: LocalTime | None = Field(default=None, sa_type=DateTime)
    level: int | None = None
    device: str = Field(default="", max_length=64)


class CalendarDay(SQLModel, table=True):
    """A day off or make-up working day decided by the province, shared through the central store."""

    __tablename__ = "calendar_day"
    day: date = Field(primary_key=True)
    working: bool
    note: str = Field(default="", max_length=200)


class AccessLog(SQLModel, table=True):
    """Who opened a citizen's personal data, when, from where and why (Decree 13/2023/NĐ-CP).

    Written in the same transaction as the read it records (see ``services.access``); never updated.
    ``citizen_id`` is empty only when a dossier without a citizen record was opened.
    """

    __tablename__ = "access_log"
    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    officer_id: str | None = Field(default=None, max_length=36)
    officer_name: str = Field(default="", max_length=120)
    unit_id: str = Field(max_length=16, index=True)
    counter_id: str | None = Field(default=None, max_length=48)
    citizen_id: str | None = Field(default=None, max_length=36, index=True)
    dossier_id: str | None = Field(default=None, max_length=36)
    purpose: str = Field(max_length=300)
    at: LocalTime = Field(sa_type=DateTime, index=True)
    #: the view log is a hash chain too (``domain.chain.access_hash``): an entry removed or edited breaks it
    seq: int | None = Field(default=None, unique=True)
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)


class StoreInfo(SQLModel, table=True):
    """What this store is: ``kind`` (``demo``, ``unit`` for a real unit's counters, ``central``), the unit it
    serves (``unit_id``) and that unit's official one-stop identifier (``identifier``), written by
    ``counter-app setup`` / ``central init``; read when the store opens, so that they live in the store and
    not only in one PC's ``config.toml``."""

    __tablename__ = "store_info"

    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(default="", max_length=300)


class UnitProcedure(SQLModel, table=True):
    """A procedure a unit receives, enabled (or disabled) by its administrator; once a unit has enabled any,
    its counters offer only those."""

    __tablename__ = "unit_procedure"

    unit_id: str = Field(primary_key=True, foreign_key="unit.id", max_length=16)
    procedure_code: str = Field(primary_key=True, foreign_key="procedure.code", max_length=32)
    enabled: bool = True
    updated_at: LocalTime = Field(sa_type=DateTime)


class CounterKey(SQLModel, table=True):
    """The public key a counter signs its receipts with, published through the central store so that any unit
    can verify any receipt without exchanging key files."""

    __tablename__ = "counter_key"

    key_id: str = Field(primary_key=True, max_length=32)
    counter_id: str = Field(max_length=48, index=True)
    unit_id: str = Field(max_length=16, index=True)
    #: the raw 32-byte Ed25519 public key, base64
    public_key: str = Field(max_length=64)
    published_at: LocalTime = Field(sa_type=DateTime)


class ChainAnchor(SQLModel, table=True):
    """A counter's signed statement of the heads of the chains it pushed in one batch (``domain.anchors``).

    Written by the counter when it pushes, kept by the counter and by the central store, which checks the
    signature once per batch against the counter's published key (``counter_key``). ``audit verify`` checks
    that every chain still holds the heads its counters signed: history deleted or rewritten after it was
    pushed no longer matches a signature nobody else can make.
    """

    __tablename__ = "chain_anchor"

    id: str = Field(primary_key=True, max_length=36)
    unit_id: str = Field(max_length=16, index=True)
    counter_id: str = Field(max_length=48, index=True)
    key_id: str = Field(max_length=32)
    signed_at: LocalTime = Field(sa_type=DateTime)
    #: the digest of this counter's previous anchor ("" for its first): anchors are chained too
    prev_digest: str = Field(default="", max_length=64)
    #: ``[[dossier_id, dossier_code, seq, event_id, hash], ...]``, the last event of each dossier in the batch
    heads: list[list[Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    digest: str = Field(max_length=64)
    #: Ed25519 signature of ``digest``, base64
    signature: str = Field(max_length=100)


class OfficerPreference(SQLModel, table=True):
    """A setting an officer chose for themselves (``typing``: how text fields turn keys into Vietnamese),
    kept in this counter's store and read at log-in. Local to the store: never pushed, never pulled."""

    __tablename__ = "officer_preference"
    officer_id: str = Field(primary_key=True, max_length=36)
    name: str = Field(primary_key=True, max_length=40)
    value: str = Field(default="", max_length=200)
