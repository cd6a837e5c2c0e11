"""Dossiers submitted online, in the record shape of the national public service portal."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from counter_app.db.models import Dossier, Procedure
from counter_app.domain.cccd import is_cccd_number
from counter_app.domain.text_rules import describe_char, first_unsafe
from counter_app.domain.vntext import nfc, one_line
from counter_app.locale import describe_error, t
from counter_app.services import lookup
from counter_app.services.context import Actor, Store
from counter_app.services.errors import ServiceError
from counter_app.services.intake import DocumentChoice, IntakeRequest, register_online_in
from counter_app.services.storage_errors import StorageError, translate

PORTAL_TIME = "%Y%m%d%H%M%S"
_PORTAL_TIME_SHAPE = re.compile(r"[0-9]{14}")

#: at most this many records per import: a bigger export is split (reported, never cut)
MAX_RECORDS = 2000
#: at most this many bytes per file read
MAX_FILE_BYTES = 20 * 1024 * 1024
#: at most this many attachments per record
MAX_ATTACHMENTS = 100
#: the portal's text fields this import reads: (limit in characters: the store's column, required)
TEXT_FIELDS: dict[str, tuple[int, bool]] = {
    "MaHoSo": (64, True),
    "MaTTHC": (32, True),
    "ChuHoSo": (120, True),
    "MaDoiTuong": (20, False),
    "DiaChi": (300, False),
    "SoDienThoai": (20, False),
    "Email": (120, False),
    "TrichYeuHoSo": (500, False),
}
#: the attachments' text fields (a component's name is stored in up to 400 characters)
ATTACHMENT_FIELDS: dict[str, int] = {"MaThanhPhanHoSo": 40, "TenThanhPhanHoSo": 400, "TenTepDinhKem": 400}


def parse_portal_time(value: Any, field_name: str) -> datetime:
    if not isinstance(value, str) or _PORTAL_TIME_SHAPE.fullmatch(value.strip()) is None:
        raise ServiceError("portal.bad_time", field=field_name, value=_quoted(value))
    try:
        return datetime.strptime(value.strip(), PORTAL_TIME)
    except ValueError:
        raise ServiceError("portal.bad_time", field=field_name, value=_quoted(value)) from None


def portal_time(value: datetime | None) -> str:
    return value.strftime(PORTAL_TIME) if value else ""


def _quoted(value: Any) -> str:
    """A value made safe to quote in a one-line message: control characters escaped, cut to 40."""
    text = value if isinstance(value, str) else repr(value)
    cleaned = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    return cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the store


class RecordProblem(Exception):
    """What is wrong with one field of one record (``reason`` is a Vietnamese fragment)."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


@dataclass(frozen=True)
class PortalRecord:
    """One record of a portal export, every field checked by type, length and character."""

    position: int
    code: str
    procedure_code: str
    submitted_at: datetime
    cccd: str
    applicant_name: str
    address: str
    phone: str
    email: str
    summary: str
    attachments: tuple[tuple[str, str], ...]  # (component code, name)


def _kind(value: Any) -> str:
    if value is None:
        return t("input.kind.null")
    if isinstance(value, bool):
        return t("input.kind.boolean")
    if isinstance(value, int | float):
        return t("input.kind.number")
    if isinstance(value, list):
        return t("input.kind.list")
    if isinstance(value, dict):
        return t("input.kind.object")
    return t("input.kind.text")


def _checked_text(name: str, value: Any, *, limit: int, required: bool) -> str:
    """``value`` as text: a string, clean by the character policy, within ``limit`` once stripped."""
    if value is None:
        if required:
            raise RecordProblem(name, t("input.required"))
        return ""
    if not isinstance(value, str):  # a number, a list, an object or a boolean is refused, not str()-ed
        raise RecordProblem(name, t("input.not_text", kind=_kind(value)))
    text = value.strip()  # whitespace around a value (a trailing line break) is dropped, not refused
    index = first_unsafe(text)
    if index is not None:
        raise RecordProblem(name, t("input.bad_char", char=describe_char(text[index]), position=index + 1))
    text = nfc(text)
    if required and not text:
        raise RecordProblem(name, t("input.required"))
    if len(text) > limit:
        raise RecordProblem(name, t("input.too_long", length=len(text), limit=limit))
    return text


def _attachments(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RecordProblem("TaiLieuNop", t("input.not_a_list", kind=_kind(value)))
    if len(value) > MAX_ATTACHMENTS:
        raise RecordProblem("TaiLieuNop", t("input.too_many_items", count=len(value), limit=MAX_ATTACHMENTS))
    out = []
    for number, item in enumerate(value, start=1):
        where = f"TaiLieuNop[{number}]"
        if not isinstance(item, dict):
            raise RecordProblem(where, t("input.not_a_record", kind=_kind(item)))
        texts = {
            key: _checked_text(f"{where}.{key}", item.get(key), limit=limit, required=False)
            for key, limit in ATTACHMENT_FIELDS.items()
        }
        out.append((texts["MaThanhPhanHoSo"], texts["TenThanhPhanHoSo"] or texts["TenTepDinhKem"]))
    return tuple(out)


def check_record(position: int, record: Any) -> PortalRecord:
    """One record checked without the store: :class:`RecordProblem` naming the first faulty field."""
    if not isinstance(record, dict):
        raise RecordProblem(t("input.field.record"), t("input.not_a_record", kind=_kind(record)))
    texts = {
        key: _checked_text(key, record.get(key), limit=limit, required=required)
        for key, (limit, required) in TEXT_FIELDS.items()
    }
    time_field = "NgayTiepNhan" if record.get("NgayTiepNhan") not in (None, "") else "NgayNopHoSo"
    raw_time = record.get(time_field)
    if raw_time is None or raw_time == "":
        raise RecordProblem("NgayTiepNhan", t("input.required"))
    if not isinstance(raw_time, str):
        raise RecordProblem(time_field, t("input.not_text", kind=_kind(raw_time)))
    try:
        submitted_at = parse_portal_time(raw_time, time_field)
    except ServiceError:
        raise RecordProblem(time_field, t("input.bad_time")) from None
    return PortalRecord(
        position=position,
        code=texts["MaHoSo"],
        procedure_code=texts["MaTTHC"],
        submitted_at=submitted_at,
        cccd=texts["MaDoiTuong"],
        applicant_name=texts["ChuHoSo"],
        address=texts["DiaChi"],
        phone=texts["SoDienThoai"],
        email=texts["Email"],
        summary=texts["TrichYeuHoSo"],
        attachments=_attachments(record.get("TaiLieuNop")),
    )


def _refusal(problems: list[tuple[int, str, RecordProblem]]) -> ServiceError:
    position, code, problem = problems[0]
    return ServiceError(
        "input.import_refused",
        position=position,
        code=t("input.import_refused_code", code=_quoted(code)) if code else "",
        field=problem.field,
        reason=problem.reason,
        others=t("input.import_refused_others", count=len(problems) - 1) if len(problems) > 1 else "",
    )


def _label(record: Any) -> str:
    code = record.get("MaHoSo") if isinstance(record, dict) else None
    return code if isinstance(code, str) else ""


def check_records(store: Store, records: list[Any]) -> list[PortalRecord]:
    """Every record checked (types, lengths, characters, duplicates, known procedures) before anything
    is written; the first problem is raised as one :class:`ServiceError` naming the record and field."""
    if len(records) > MAX_RECORDS:
        raise ServiceError("input.import_too_many", count=len(records), limit=MAX_RECORDS)
    problems: list[tuple[int, str, RecordProblem]] = []
    checked: list[PortalRecord] = []
    first_of: dict[str, int] = {}
    for position, record in enumerate(records, start=1):
        try:
            item = check_record(position, record)
        except RecordProblem as refused:
            problems.append((position, _label(record), refused))
            continue
        if item.code in first_of:
            problem = RecordProblem("MaHoSo", t("input.duplicate_code", first=first_of[item.code]))
            problems.append((position, item.code, problem))
            continue
        first_of[item.code] = position
        checked.append(item)
    with store.session() as session:
        for item in checked:
            if session.get(Procedure, item.procedure_code) is None:
                problem = RecordProblem("MaTTHC", t("input.unknown_procedure", code=item.procedure_code))
                problems.append((item.position, item.code, problem))
    if problems:
        raise _refusal(sorted(problems, key=lambda p: p[0]))
    return checked


def _request(session: Session, item: PortalRecord) -> IntakeRequest:
    known = lookup.procedure_documents(session, item.procedure_code)
    citizen = lookup.citizen_by_cccd(session, item.cccd) if is_cccd_number(item.cccd) else None
    documents = []
    for index, (component, name) in enumerate(item.attachments):
        if not name and index < len(known):
            name = known[index].name
        label = name or component or t("input.attachment", number=index + 1)
        documents.append(DocumentChoice(label, "copy", 1, True, False, None))
    if not documents:
        documents = [DocumentChoice(d.name, "copy", d.quantity, True, False, None) for d in known]
    return IntakeRequest(
        procedure_code=item.procedure_code,
        documents=documents,
        citizen_id=citizen.id if citizen else None,
        applicant_name=item.applicant_name,
        applicant_address=item.address,
        applicant_phone=item.phone,
        applicant_email=item.email,
        applicant_cccd=item.cccd if is_cccd_number(item.cccd) else "",
        summary=item.summary,
    )


def request_from_record(store: Store, record: Any) -> tuple[str, IntakeRequest, datetime]:
    """(dossier code, intake request, submission time) of one portal record; ServiceError if unusable."""
    item = check_records(store, [record])[0]
    with store.session() as session:
        return item.code, _request(session, item), item.submitted_at


def import_online(store: Store, actor: Actor, records: list[Any]) -> ImportReport:
    """Register the records as online dossiers (status 1), all or none: records already in the store are
    skipped; any faulty record refuses the whole file before anything is written (:func:`check_records`),
    and a write that fails part-way rolls the whole import back, which the message says."""
    checked = check_records(store, records)
    report = ImportReport()
    current: PortalRecord | None = None
    try:
        with store.session() as session:  # one transaction: every dossier of the file, or none
            for current in checked:
                if session.exec(select(Dossier.id).where(Dossier.code == current.code)).first():
                    report.skipped.append(current.code)
                    continue
                request = _request(session, current)
                register_online_in(
                    session, store, actor, request, submitted_at=current.submitted_at, code=current.code
                )
                session.flush()  # a failing write shows at its own record, not at the next one's query
                report.imported.append(current.code)
            current = None  # what fails now is the commit of the whole file
    except Exception as exc:
        if isinstance(translate(exc), StorageError):
            raise  # the storage error says itself that nothing was half-written, which holds here
        reason = one_line(describe_error(getattr(exc, "orig", None) or exc))[:200]
        if current is None:
            raise ServiceError("input.import_failed_commit", count=len(checked), reason=reason) from exc
        raise ServiceError(
            "input.import_failed", position=current.position, code=_quoted(current.code), reason=reason
        ) from exc
    return report


def read_records(path: Path) -> list[Any]:
    """The records of a portal export: a JSON list, or an object with the list under ``data``/``HoSo``."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            raise ServiceError("input.import_too_big", path=str(path), size=size, limit=MAX_FILE_BYTES)
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except RecursionError:  # nested deeper than the parser goes: not a portal export
        raise ServiceError("portal.bad_json", path=str(path), line=1) from None
    except OSError as exc:
        raise ServiceError("portal.unreadable", path=str(path), reason=exc.strerror or str(exc)) from None
    except json.JSONDecodeError as exc:
        raise ServiceError("portal.bad_json", path=str(path), line=exc.lineno) from None
    except UnicodeDecodeError:
        raise ServiceError("portal.not_utf8", path=str(path)) from None
    if isinstance(data, dict):
        data = data.get("data") or data.get("HoSo") or [data]
    if not isinstance(data, list):
        raise ServiceError("portal.bad_json", path=str(path), line=1)
    return data


def to_portal_record(session: Session, dossier: Dossier) -> dict[str, Any]:
    """The dossier in the portal's record shape (for reporting back)."""
    procedure = lookup.procedure(session, dossier.procedure_code)
    documents = lookup.dossier_detail(session, dossier.code).documents
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field_code,
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": "1",
        "MaDoiTuong": dossier.applicant_cccd,
        "SoDienThoai": dossier.applicant_phone,
        "Email": dossier.applicant_email,
        "TrichYeuHoSo": dossier.summary or procedure.name,
        "NgayTiepNhan": portal_time(dossier.received_at),
        "NgayHenTra": portal_time(dossier.due_at),
        "NgayTra": portal_time(dossier.returned_at),
        "TrangThaiHoSo": dossier.status,
        "KenhThucHien": dossier.channel,
        "TaiLieuNop": [
            {"TepDinhKemId": str(d.id), "MaThanhPhanHoSo": str(d.position), "DuongDanTaiTepTin": ""}
            for d in documents
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "MucPhi": dossier.fee}] if dossier.fee else [],
    }
