"""What the printed forms show: plain frozen dataclasses, filled by the services from the store.

Every renderer in :mod:`counter_app.printing` takes one of these and nothing else, so it needs
no database and no session.  Conventions:

* datetimes are naive local time (Asia/Ho_Chi_Minh), as the store keeps them;
* text is printed as given (NFC-normalised when drawn); names of units are given in normal
  case and put in capitals where the form wants capitals;
* sequence fields accept any sequence (a list is fine) and are stored as tuples;
* ``*_kind``/``status``/``result`` fields take one of the literal values listed in their type,
  anything else raises :class:`ValueError` at construction time.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Literal, get_args

CopyKind = Literal["original", "certified", "copy"]
"""Form of a document: bản chính, bản sao có chứng thực, bản sao (chụp)."""

FeeStatus = Literal["none", "paid", "unpaid", "exempt"]
"""``none``: the procedure has no fee; ``paid``: paid at reception; ``unpaid``: to be paid when
the result is collected; ``exempt``: the applicant is exempt."""

ReturnKind = Literal["counter", "other_unit", "post"]
"""Where the result is collected: at this counter, at another unit, or delivered by post."""

ProcessingResult = Literal["early", "on_time", "late"]
"""How a step of a dossier finished against its deadline: trước hạn, đúng hạn, quá hạn."""


def _check_literal(obj: object, name: str, allowed: object) -> None:
    value = getattr(obj, name)
    options = get_args(allowed)
    if value not in options:
        raise ValueError(f"{type(obj).__name__}.{name} must be one of {options}, not {value!r}")


def _freeze_sequences(obj: object) -> None:
    """Store every list given for a ``tuple[...]`` field as a tuple (frozen, hashable)."""
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if isinstance(value, list):
            object.__setattr__(obj, f.name, tuple(value))


def _check_positive(obj: object, name: str, *, minimum: int = 1) -> None:
    value = getattr(obj, name)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{type(obj).__name__}.{name} must be an integer >= {minimum}, not {value!r}")


@dataclass(frozen=True)
class UnitInfo:
    """The unit that issues a form; its names make the left block of the national header."""

    name: str
    """The unit, e.g. "Ủy ban nhân dân xã Tịnh Khê" (printed in capitals, bold)."""
    superior: str
    """Its superior body, e.g. "Ủy ban nhân dân tỉnh Quảng Ngãi" (capitals, above the name); "" for none."""
    one_stop_code: str
    """One-stop identifier code of the receiving unit (QCVN 102:2016 style), e.g. "000.00.53.H48"."""
    place_name: str
    """Place written before the date: "Quảng Ngãi" → "Quảng Ngãi, ngày 22 tháng 11 năm 2026"."""
    office_name: str = ""
    """Name of its one-stop desk, e.g. "Bộ phận Một cửa xã Tịnh Khê"; "" → "Bộ phận Một cửa <name>"."""
    address: str = ""
    phone: str = ""
    centre: bool = False
    """True when the unit's one-stop desk is a «Trung tâm Phục vụ hành chính công» (Decree 118/2025/NĐ-CP):
    the forms of Circular 03/2025 then name it in their header."""


@dataclass(frozen=True)
class Applicant:
    """The person or organisation a dossier belongs to (chủ hồ sơ)."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    #: the number a hand-entered applicant was identified by, and its kind (``domain.applicants.ID_TYPES``)
    id_type: str = ""
    id_number: str = ""
    #: who handed the dossier in for the applicant (authorised representative), with their number
    representative: str = ""


@dataclass(frozen=True)
class DocumentLine:
    """One component of a dossier (thành phần hồ sơ)."""

    name: str
    copy_kind: CopyKind = "original"
    quantity: int = 1
    reused: bool = False
    """True when taken from the citizen's data store instead of paper: printed as reused «(Tái sử dụng dữ
    liệu số)», its form «Dữ liệu số hóa» rather than a paper original or copy."""
    digitised: bool = False
    """True when the component received carries its digitised file (scanned or imported at the counter):
    printed «(Đã số hóa)».  A reused component brings its file too, but is marked as reused only."""

    def __post_init__(self) -> None:
        _check_literal(self, "copy_kind", CopyKind)
        _check_positive(self, "quantity")


@dataclass(frozen=True)
class Fee:
    """Fee and charge of a dossier (phí, lệ phí)."""

    amount: int = 0
    """In đồng; 0 with status "none" when the procedure has no fee."""
    status: FeeStatus = "none"

    def __post_init__(self) -> None:
        _check_literal(self, "status", FeeStatus)
        _check_positive(self, "amount", minimum=0)


@dataclass(frozen=True)
class ReturnPlace:
    """Where the applicant collects the result."""

    kind: ReturnKind = "counter"
    unit_name: str = ""
    """``other_unit``: the unit that returns the result (required).  ``counter``: "" for this
    unit's one-stop desk."""
    address: str = ""
    """``post``: the delivery address (required).  ``other_unit``: its address (optional)."""

    def __post_init__(self) -> None:
        _check_literal(self, "kind", ReturnKind)
        if self.kind == "other_unit" and not self.unit_name.strip():
            raise ValueError("ReturnPlace(kind='other_unit') needs unit_name")
        if self.kind == "post" and not self.address.strip():
            raise ValueError("ReturnPlace(kind='post') needs address")


@dataclass(frozen=True)
class ReceiptData:
    """Mẫu 01 — receipt of a dossier and appointment to return the result (two copies)."""

    unit: UnitInfo
    dossier_code: str
    procedure_code: str
    """National procedure code, e.g. "1.001193"."""
    procedure_name: str
    applicant: Applicant
    documents: tuple[DocumentLine, ...]
    received_at: datetime
    due_at: datetime
    processing_days: int
    """Statutory processing time in working days; 0 = same day."""
    officer_name: str
    """The receiving officer (NGƯỜI TIẾP NHẬN HỒ SƠ)."""
    sets: int = 1
    """Number of sets of the dossier (số lượng hồ sơ, bộ)."""
    return_place: ReturnPlace = field(default_factory=ReturnPlace)
    fee: Fee = field(default_factory=Fee)
    ledger_book: str = ""
    """Tracking ledger book (Quyển số); "" leaves a dotted blank."""
    ledger_number: int | None = None
    """Line of the dossier in that book (Số thứ tự); None leaves a dotted blank."""
    forms: str = "TT03/2025"
    """Legal basis of the form set it is printed with (:mod:`counter_app.printing.formsets`)."""
    reprint: bool = False
    """A copy of the document already issued, printed again: marked «Bản in lại», the rest unchanged."""

    def __post_init__(self) -> None:
        _freeze_sequences(self)
        _check_positive(self, "sets")
        _check_positive(self, "processing_days", minimum=0)


@dataclass(frozen=True)
class SupplementData:
    """Mẫu 02 — request to supplement and complete a dossier."""

    unit: UnitInfo
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    missing_documents: tuple[DocumentLine, ...]
    """What to bring: each with its form (original/certified/copy) and quantity."""
    reason: str
    officer_name: str
    """The officer who guides the applicant (NGƯỜI HƯỚNG DẪN)."""
    issued_at: datetime
    officer_phone: str = ""
    """Phone the applicant may call with questions; "" → the unit's phone, if any."""
    other_requests: tuple[str, ...] = ()
    """Further things to complete that are not documents (free text, one per item)."""
    forms: str = "TT03/2025"
    """Legal basis of the form set it is printed with (:mod:`counter_app.printing.formsets`)."""
    reprint: bool = False
    """A copy of the document already issued, printed again: marked «Bản in lại», the rest unchanged."""

    def __post_init__(self) -> None:
        _freeze_sequences(self)


@dataclass(frozen=True)
class RefusalData:
    """Mẫu 03 — refusal to receive a dossier for processing."""

    unit: UnitInfo
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    reason: str
    officer_name: str
    issued_at: datetime
    forms: str = "TT03/2025"
    """Legal basis of the form set it is printed with (:mod:`counter_app.printing.formsets`)."""
    reprint: bool = False
    """A copy of the document already issued, printed again: marked «Bản in lại», the rest unchanged."""


@dataclass(frozen=True)
class ApologyData:
    """Mẫu 04 — apology for a late result, with a new date; signed by the head of the unit."""

    unit: UnitInfo
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    received_at: datetime
    original_due_at: datetime
    new_due_at: datetime
    reason: str
    """Why the result is late."""
    head_title: str
    """Signature title, one line per ``\\n``, e.g. "TM. ỦY BAN NHÂN DÂN\\nCHỦ TỊCH"."""
    head_name: str
    issued_at: datetime
    return_place: ReturnPlace = field(default_factory=ReturnPlace)
    forms: str = "TT03/2025"
    """Legal basis of the form set it is printed with (:mod:`counter_app.printing.formsets`)."""


@dataclass(frozen=True)
class StopData:
    """Mẫu 05 of Circular 03/2025 — notice that processing of a dossier stops, with the reason."""

    unit: UnitInfo
    dossier_code: str
    procedure_name: str
    applicant: Applicant
    received_at: datetime
    reason: str
    head_title: str
    """Signature title, one line per ``\\n``, e.g. "TM. ỦY BAN NHÂN DÂN\\nCHỦ TỊCH"."""
    head_name: str
    issued_at: datetime
    officer_name: str = ""
    """The officer who recorded the stop."""
    forms: str = "TT03/2025"
    """Legal basis of the form set; only sets that have a stop notice (2025 on) print it."""
    reprint: bool = False
    """A copy of the document already issued, printed again: marked «Bản in lại», the rest unchanged."""


@dataclass(frozen=True)
class HandoverRow:
    """One handover of a dossier between units: a row of the control sheet (Mẫu 05)."""

    from_unit: str
    to_unit: str
    handed_at: datetime
    giver_name: str = ""
    receiver_name: str = ""
    result: ProcessingResult | None = None
    """How the giving unit finished its step against its deadline; None while not known."""
    note: str = ""
    taken_at: datetime | None = None
    """When the receiving side took the dossier (a handover accepted later than sent); None: at ``handed_at``."""

    def __post_init__(self) -> None:
        if self.result is not None:
            _check_literal(self, "result", ProcessingResult)


@dataclass(frozen=True)
class ControlSheetData:
    """Mẫu 05 — processing control sheet: who held the dossier, from when, with what result."""

    unit: UnitInfo
    dossier_code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    due_at: datetime
    lead_unit: str
    """Competent unit in charge of processing (cơ quan chủ trì giải quyết)."""
    handovers: tuple[HandoverRow, ...]
    cooperating_units: tuple[str, ...] = ()
    forms: str = "TT03/2025"
    """Legal basis of the form set it is printed with (:mod:`counter_app.printing.formsets`)."""

    def __post_init__(self) -> None:
        _freeze_sequences(self)


@dataclass(frozen=True)
class LedgerRow:
    """One dossier in the tracking ledger (Mẫu 06)."""

    number: int
    """Line number in the book (Số thứ tự), the one printed on the receipt."""
    dossier_code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    due_at: datetime
    lead_unit: str
    sets: int = 1
    address: str = ""
    phone: str = ""
    transferred_at: datetime | None = None
    """When the dossier was handed to the competent unit; None if not (yet)."""
    returned_at: datetime | None = None
    """When the result was returned to the applicant; None if not (yet)."""
    note: str = ""


@dataclass(frozen=True)
class LedgerData:
    """Mẫu 06 — tracking ledger of the dossiers received in a date range (landscape, paginated)."""

    unit: UnitInfo
    date_from: date
    date_to: date
    rows: tuple[LedgerRow, ...]
    printed_at: datetime
    book: str = ""
    """Book number (Quyển số); "" to leave it out."""
    forms: str = "TT03/2025"
    """Legal basis of the form set it is printed with (:mod:`counter_app.printing.formsets`)."""
    definition: str = ""
    """Which dossiers the ledger counts in its period (printed under the period); "" to leave it out."""
    totals: str = ""
    """The period's figures, kind by kind (printed after the rows); "" to leave them out."""

    def __post_init__(self) -> None:
        _freeze_sequences(self)
        if self.date_to < self.date_from:
            raise ValueError("LedgerData.date_to is before date_from")


@dataclass(frozen=True)
class TicketData:
    """A queue ticket for the 80 mm roll."""

    number: str
    """As called out and displayed, e.g. "A015"."""
    service_name: str
    issued_at: datetime
    waiting_ahead: int
    """People waiting before this ticket when it was issued."""
    unit_name: str
    counter_name: str = ""
    """e.g. "Quầy số 2"; "" when any counter may call the ticket."""

    def __post_init__(self) -> None:
        _check_positive(self, "waiting_ahead", minimum=0)


@dataclass(frozen=True)
class CatalogueEntry:
    """One procedure on the catalogue poster."""

    procedure_code: str
    name: str
    processing_days: int
    """Working days; 0 = same day."""
    url: str
    """Public description of the procedure (national portal page); the poster prints its QR."""
    field_name: str = ""
    """Lĩnh vực, e.g. "Hộ tịch"; entries are grouped by it in the given order."""
    fee_amount: int = 0
    """In đồng; 0 = no fee."""
    fee_note: str = ""
    """Printed instead of/after the amount, e.g. "Miễn lệ phí đăng ký khai sinh đúng hạn"."""

    def __post_init__(self) -> None:
        _check_positive(self, "processing_days", minimum=0)
        _check_positive(self, "fee_amount", minimum=0)


@dataclass(frozen=True)
class CatalogueData:
    """The catalogue poster: the procedures received at this unit's counters."""

    unit: UnitInfo
    entries: tuple[CatalogueEntry, ...]
    issued_on: date
    title: str = ""
    """"" → "DANH MỤC THỦ TỤC HÀNH CHÍNH"."""

    def __post_init__(self) -> None:
        _freeze_sequences(self)
