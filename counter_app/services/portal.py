"""Dossiers exchanged with the national public service portal: ``import online`` (records and progress
steps in, new dossiers registered, re-sent ones updated) and ``export portal`` (the unit's dossiers of a
period out). The portal's format itself (envelopes, field names, dates, codes) lives in
:mod:`counter_app.services.portal_format` only; this module maps it onto the store.

What a record says that the dossier row has no column for (procedure and field names as the portal sent
them, ``LoaiDoiTuong``, ``MaDoiTuong``, ``NgayHenTra`` of a dossier not yet taken in, the attachments' ids,
component codes and links, the fees) is kept in the payload of a ``portal_record`` event, under
``portal``, and exported again from there. Nothing needs a new column.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from counter_app.db.models import Dossier, DossierDocument, DossierEvent, Procedure, Unit
from counter_app.domain.states import TRANSITIONS, Status
from counter_app.domain.vntext import one_line
from counter_app.locale import describe_error, has, t
from counter_app.services import lookup
from counter_app.services import portal_format as fmt
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import ServiceError
from counter_app.services.events import append_event
from counter_app.services.inbox import FEE_NO_DATA
from counter_app.services.intake import DocumentChoice, IntakeRequest, register_online_in
from counter_app.services.portal_format import (
    Batch,
    PortalRecord,
    ProgressRecord,
    RecordProblem,
    parse_portal_time,
    portal_time,
)
from counter_app.services.scope import dossier_visible_to
from counter_app.services.storage_errors import StorageError, translate

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_RECORDS",
    "EVENT_TYPE",
    "ImportReport",
    "PortalRecord",
    "RecordProblem",
    "check_records",
    "export_period",
    "import_batches",
    "import_online",
    "parse_portal_time",
    "portal_time",
    "read_batches",
    "read_records",
    "request_from_record",
]

#: at most this many records per import: a bigger export is split (reported, never cut)
MAX_RECORDS = 2000
#: at most this many bytes per file read
MAX_FILE_BYTES = 20 * 1024 * 1024
#: the event that keeps what the portal said of a dossier, and applies its status changes
EVENT_TYPE = "portal_record"
#: statuses in which the dossier had been taken in (the portal's NgayTiepNhan is then its reception)
_RECEIVED = frozenset(Status) - {Status.REGISTERED_ONLINE, Status.REFUSED, Status.WITHDRAWN}


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)  # new dossiers
    updated: list[str] = field(default_factory=list)  # re-sent ones whose status or details changed
    skipped: list[str] = field(default_factory=list)  # already in the store, nothing to change
    not_applied: list[tuple[str, str]] = field(default_factory=list)  # (code, Vietnamese reason)
    ignored_fields: set[str] = field(default_factory=set)  # fields the store has no place for

    def summary(self) -> str:
        """One line for the officer."""
        line = t("input.import_done", imported=len(self.imported), skipped=len(self.skipped))
        if self.updated:
            line += " " + t("portal2026.import_updated", count=len(self.updated))
        if self.not_applied:
            code, reason = self.not_applied[0]
            line += " " + t(
                "portal2026.import_not_applied", count=len(self.not_applied), code=code, reason=reason
            )
        if self.ignored_fields:
            line += " " + t("portal2026.import_ignored", fields=", ".join(sorted(self.ignored_fields)))
        return line


@dataclass(frozen=True)
class _Checked:
    batch: int
    item: PortalRecord | ProgressRecord
    procedure_code: str = ""  # the national code, for a record


# --- reading a file --------------------------------------------------------------------------------


def _load(path: Path) -> Any:
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            raise ServiceError("input.import_too_big", path=str(path), size=size, limit=MAX_FILE_BYTES)
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except RecursionError:  # nested deeper than the parser goes: not a portal export
        raise ServiceError("portal.bad_json", path=str(path), line=1) from None
    except OSError as exc:
        raise ServiceError("portal.unreadable", path=str(path), reason=exc.strerror or str(exc)) from None
    except json.JSONDecodeError as exc:
        raise ServiceError("portal.bad_json", path=str(path), line=exc.lineno) from None
    except UnicodeDecodeError:
        raise ServiceError("portal.not_utf8", path=str(path)) from None


def read_batches(path: Path) -> list[Batch]:
    """The envelopes of a portal file (see :func:`portal_format.batches`)."""
    return fmt.batches(_load(path))


def read_records(path: Path) -> list[Any]:
    """The ``DongBoHoSoMC`` records of a portal file, unchecked."""
    return [
        item for batch in read_batches(path) if batch.service == fmt.SERVICE_RECORDS for item in batch.items
    ]


# --- checking --------------------------------------------------------------------------------------


def _label(record: Any) -> str:
    code = record.get("MaHoSo") if isinstance(record, dict) else None
    return code if isinstance(code, str) else ""


def _refusal(problems: list[tuple[int, str, RecordProblem]]) -> ServiceError:
    position, code, problem = problems[0]
    return ServiceError(
        "input.import_refused",
        position=position,
        code=t("input.import_refused_code", code=fmt.quoted(code)) if code else "",
        field=problem.field,
        reason=problem.reason,
        others=t("input.import_refused_others", count=len(problems) - 1) if len(problems) > 1 else "",
    )


def _procedure_code(session: Session, code: str) -> str | None:
    """The catalogue's code for a procedure code as sent (a provincial one mapped to the national one)."""
    for candidate in dict.fromkeys([code, fmt.national_procedure_code(code)]):
        if len(candidate) <= 32 and session.get(Procedure, candidate) is not None:
            return candidate
    return None


def _check_batches(store: Store, batches: list[Batch]) -> list[_Checked]:
    """Every item of every envelope checked (types, lengths, characters, duplicates, known procedures)
    before anything is written; the first problem is raised as one :class:`ServiceError` naming the item
    (its position in the file) and the field."""
    total = sum(len(b.items) for b in batches)
    if total > MAX_RECORDS:
        raise ServiceError("input.import_too_many", count=total, limit=MAX_RECORDS)
    problems: list[tuple[int, str, RecordProblem]] = []
    checked: list[_Checked] = []
    position = 0
    for number, batch in enumerate(batches):
        first_of: dict[str, int] = {}
        for raw in batch.items:
            position += 1
            try:
                if batch.service == fmt.SERVICE_RECORDS:
                    item: PortalRecord | ProgressRecord = fmt.check_record(position, raw)
                else:
                    item = fmt.check_progress(position, raw)
            except RecordProblem as refused:
                problems.append((position, _label(raw), refused))
                continue
            if item.code in first_of:
                problem = RecordProblem("MaHoSo", t("input.duplicate_code", first=first_of[item.code]))
                problems.append((position, item.code, problem))
                continue
            first_of[item.code] = position
            checked.append(_Checked(number, item))
    out: list[_Checked] = []
    with store.session() as session:
        for entry in checked:
            if isinstance(entry.item, PortalRecord):
                code = _procedure_code(session, entry.item.procedure_code)
                if code is None:
                    problem = RecordProblem(
                        "MaTTHC", t("input.unknown_procedure", code=entry.item.procedure_code)
                    )
                    problems.append((entry.item.position, entry.item.code, problem))
                    continue
                entry = _Checked(entry.batch, entry.item, code)
            out.append(entry)
    if problems:
        raise _refusal(sorted(problems, key=lambda p: p[0]))
    return out


def check_records(store: Store, records: list[Any]) -> list[PortalRecord]:
    """The ``DongBoHoSoMC`` records checked as :func:`import_online` checks them."""
    checked = _check_batches(store, [Batch(fmt.SERVICE_RECORDS, False, records)])
    return [c.item for c in checked if isinstance(c.item, PortalRecord)]


# --- a new dossier ---------------------------------------------------------------------------------


def _applicant_name(item: PortalRecord) -> str:
    """The applicant's name; a record without ``ChuHoSo`` (optional in the format) gets a placeholder."""
    return item.applicant_name or t("portal2026.no_applicant")


def _request(session: Session, item: PortalRecord, procedure_code: str) -> IntakeRequest:
    known = lookup.procedure_documents(session, procedure_code)
    documents = []
    for index, attachment in enumerate(item.documents):
        name = attachment.name or (known[index].name if index < len(known) else "")
        label = name or attachment.component or t("input.attachment", number=index + 1)
        documents.append(DocumentChoice(label, "copy", 1, True, False, None))
    if not documents:
        documents = [DocumentChoice(d.name, "copy", d.quantity, True, False, None) for d in known]
    return IntakeRequest(
        procedure_code=procedure_code,
        documents=documents,
        citizen_id=None,  # MaDoiTuong is the portal's account id, not a CCCD number: no citizen is linked
        applicant_name=_applicant_name(item),
        applicant_address=item.address,
        applicant_phone=item.phone,
        applicant_email=item.email,
        applicant_cccd="",
        summary=item.summary,
        fee_status=FEE_NO_DATA,  # a portal record carries no payment data (DanhSachLePhi has amounts only)
    )


def request_from_record(store: Store, record: Any) -> tuple[str, IntakeRequest, datetime]:
    """(dossier code, intake request, submission time) of one portal record; ServiceError if unusable."""
    checked = _check_batches(store, [Batch(fmt.SERVICE_RECORDS, False, [record])])[0]
    assert isinstance(checked.item, PortalRecord)
    with store.session() as session:
        return (
            checked.item.code,
            _request(session, checked.item, checked.procedure_code),
            checked.item.submitted_at,
        )


# --- status changes --------------------------------------------------------------------------------


def _reachable(source: Status, target: Status) -> bool:
    """True when the state machine leads from ``source`` to ``target`` in one or more steps: the portal is
    ahead of this store. Behind, or on another branch, it is not applied."""
    seen, todo = {source}, deque([source])
    while todo:
        for following in TRANSITIONS[todo.popleft()]:
            if following == target:
                return True
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return False


def _status_set(
    dossier: Dossier,
    target: int | None,
    *,
    received_at: datetime | None,
    due_at: datetime | None,
    finished_at: datetime | None,
    returned_at: datetime | None,
) -> tuple[dict[str, Any], str]:
    """The columns a portal status sets on ``dossier`` (and a reason when it cannot be applied)."""
    if target is None or target == dossier.status:
        return {}, ""
    source, wanted = Status(dossier.status), Status(target)
    if _reachable(wanted, source):
        return {}, ""  # the portal is behind this store (an older send): nothing to change, nothing to say
    if not _reachable(source, wanted):
        return {}, t(
            "portal2026.status_behind", local=int(source), local_label=source.label, portal=int(wanted)
        )
    out: dict[str, Any] = {"status": int(wanted)}
    if wanted in _RECEIVED and dossier.received_at is None and received_at is not None:
        out["received_at"] = received_at
    if wanted in _RECEIVED and dossier.due_at is None and due_at is not None:
        out["due_at"] = out["original_due_at"] = due_at
    if wanted in (Status.RESULT_READY, Status.RETURNED) and dossier.finished_at is None:
        done = finished_at or (returned_at if wanted == Status.RETURNED else None)
        if done is not None:
            out["finished_at"] = done
    if wanted == Status.RETURNED and dossier.returned_at is None and returned_at is not None:
        out["returned_at"] = returned_at
    return out, ""


def _latest_details(session: Session, dossier: Dossier) -> dict[str, Any] | None:
    """What the portal last said of the dossier (the ``portal`` payload of its latest ``portal_record``)."""
    events = session.exec(
        select(DossierEvent)
        .where(col(DossierEvent.dossier_id) == dossier.id, col(DossierEvent.type) == EVENT_TYPE)
        .order_by(col(DossierEvent.seq).desc())
    ).all()
    for event in events:
        details = (event.payload or {}).get("portal")
        if isinstance(details, dict):
            return details
    return None


def _record_changes(
    session: Session, dossier: Dossier, item: PortalRecord, *, new: bool
) -> tuple[dict[str, Any], str]:
    """The event payload a record calls for on ``dossier`` (empty when nothing changes), and the reason a
    status it carries was not applied."""
    changes, reason = _status_set(
        dossier,
        item.status,
        received_at=item.submitted_at,
        due_at=item.due_at,
        finished_at=item.finished_at,
        returned_at=item.returned_at,
    )
    if item.fees is not None and sum(f.price for f in item.fees) != dossier.fee:
        changes["fee"] = sum(f.price for f in item.fees)
    if item.return_form == fmt.RETURN_BY_POST and dossier.return_method != "post":
        changes["return_method"] = "post"
    payload: dict[str, Any] = {}
    if not new and dossier.status == Status.REGISTERED_ONLINE:  # not taken in yet: the portal's data rules
        wanted = {
            "applicant_name": item.applicant_name,  # a send without ChuHoSo keeps the name known
            "applicant_phone": item.phone,
            "applicant_email": item.email,
            "summary": item.summary,
        }
        changes.update({k: v for k, v in wanted.items() if v and getattr(dossier, k) != v})
        current = [d.name for d in _documents(session, dossier)]
        names = [d.name for d in _request(session, item, dossier.procedure_code).documents]
        if item.attachments and names != current:
            payload["documents"] = [DocumentChoice(n, "copy").as_payload() for n in names]
    details = item.portal_details()
    own = not new and details == _own_details(session, dossier)  # this store's own export read back
    names = [d.name for d in _request(session, item, dossier.procedure_code).documents]
    for attachment, name in zip(details["TaiLieuNop"], names, strict=False):
        attachment["document"] = name  # the dossier's document it became (ours, not a portal field)
    previous = _latest_details(session, dossier)
    if (new or previous is not None) and not own and details != previous:  # a dossier made here keeps its own
        payload["portal"] = details
    if changes:
        payload["set"] = changes
        if "status" in changes:
            payload["from_status"] = int(dossier.status)
    return payload, reason


def _own_details(session: Session, dossier: Dossier) -> dict[str, Any]:
    """What this store's export of ``dossier`` would say, read back as a record says it."""
    units = {u.id: u.name for u in session.exec(select(Unit).where(Unit.id == dossier.custodian_unit_id))}
    try:
        return fmt.check_record(0, fmt.record(_export_dossier(session, dossier, units))).portal_details()
    except RecordProblem:  # a dossier made here whose data the format cannot carry: never "the same"
        return {}


def _documents(session: Session, dossier: Dossier) -> list[DossierDocument]:
    return list(
        session.exec(
            select(DossierDocument)
            .where(col(DossierDocument.dossier_id) == dossier.id)
            .order_by(col(DossierDocument.position))
        ).all()
    )


def _progress_changes(dossier: Dossier, item: ProgressRecord) -> tuple[dict[str, Any], str]:
    changes, reason = _status_set(
        dossier,
        item.status,
        received_at=item.at,
        due_at=None,
        finished_at=item.at,
        returned_at=item.at if item.status == Status.RETURNED else None,
    )
    if not changes:
        return {}, reason
    step = {"TrangThai": item.status, "NguoiXuLy": item.officer, "NoiDungXuLy": item.content}
    step["ThoiDiemXuLy"] = portal_time(item.at)
    return {"set": changes, "from_status": int(dossier.status), "portal_progress": step}, ""


# --- import ----------------------------------------------------------------------------------------


def import_online(
    store: Store, actor: Actor, records: list[Any], *, updating: bool = False, now: datetime | None = None
) -> ImportReport:
    """Import ``DongBoHoSoMC`` records (``updating``: the envelope's ``isUpdating``, kept for callers; see
    :func:`import_batches`)."""
    return import_batches(store, actor, [Batch(fmt.SERVICE_RECORDS, updating, records)], now=now)


def _dossier(session: Session, code: str) -> Dossier | None:
    return session.exec(select(Dossier).where(Dossier.code == code)).first()


def _apply(
    session: Session,
    store: Store,
    actor: Actor,
    entry: _Checked,
    now: datetime,
    report: ImportReport,
) -> None:
    item = entry.item
    dossier = _dossier(session, item.code)
    if isinstance(item, ProgressRecord):
        if dossier is None:
            report.not_applied.append((item.code, t("portal2026.not_in_store")))
            return
        if dossier.custodian_unit_id != actor.unit_id:
            report.not_applied.append(
                (item.code, t("portal2026.held_elsewhere", unit=dossier.custodian_unit_id))
            )
            return
        payload, reason = _progress_changes(dossier, item)
        if reason:
            report.not_applied.append((item.code, reason))
        elif payload:
            append_event(session, dossier, EVENT_TYPE, payload, actor, now)
            report.updated.append(item.code)
        else:
            report.skipped.append(item.code)
        return
    report.ignored_fields.update(item.ignored)
    if dossier is None:
        view = register_online_in(
            session,
            store,
            actor,
            _request(session, item, entry.procedure_code),
            submitted_at=item.submitted_at,
            code=item.code,
        )
        session.flush()
        dossier = session.get(Dossier, view.id)
        assert dossier is not None
        payload, reason = _record_changes(session, dossier, item, new=True)
        if reason:  # a new dossier starts at status 1: every portal status is ahead of it
            report.not_applied.append((item.code, reason))
        append_event(session, dossier, EVENT_TYPE, payload, actor, now)
        report.imported.append(item.code)
        return
    if dossier.custodian_unit_id != actor.unit_id:
        report.not_applied.append((item.code, t("portal2026.held_elsewhere", unit=dossier.custodian_unit_id)))
        return
    payload, reason = _record_changes(session, dossier, item, new=False)
    if reason:
        report.not_applied.append((item.code, reason))
    if payload:
        append_event(session, dossier, EVENT_TYPE, payload, actor, now)
        report.updated.append(item.code)
    elif not reason:
        report.skipped.append(item.code)


def import_batches(
    store: Store, actor: Actor, batches: list[Batch], *, now: datetime | None = None
) -> ImportReport:
    """Apply a portal file, all or none, idempotently.

    ``DongBoHoSoMC`` records of dossiers the store lacks are registered as online dossiers (status 1,
    waiting in the inbox); one the portal sends with a further status (received, withdrawn, returned, …) is
    registered and moved to that status at once, so a withdrawn one does not wait in the inbox. A record of a
    dossier the store has (a re-send, ``isUpdating`` "True", or the same dossier sent again) applies what is
    new: a status the portal is ahead with (one it is behind with is an older send, and changes nothing; one
    on another branch of the state machine is reported, not applied), the fee, and, while the dossier is not
    yet taken in, the contact details and the attachments (those marked ``IsDeleted`` are not documents
    received). ``isUpdating`` is read (and refused when it is not a boolean) but does not gate the update:
    the store's own state tells a new dossier from a known one, so a re-send marked "False" loses nothing. ``CapNhatTienDoHoSoMC`` steps
    apply their status the same way. Applying the same file twice changes nothing the second time.

    Any faulty item refuses the whole file before anything is written, and a write that fails part-way
    rolls the whole import back, which the message says."""
    now = now or local_now()
    checked = _check_batches(store, batches)
    report = ImportReport()
    current: _Checked | None = None
    try:
        with store.session() as session:  # one transaction: every dossier of the file, or none
            for current in checked:
                _apply(session, store, actor, current, now, report)
                session.flush()  # a failing write shows at its own record, not at the next one's query
            current = None  # what fails now is the commit of the whole file
    except Exception as exc:
        if isinstance(translate(exc), StorageError):
            raise  # the storage error says itself that nothing was half-written, which holds here
        reason = one_line(describe_error(getattr(exc, "orig", None) or exc))[:200]
        if current is None:
            raise ServiceError("input.import_failed_commit", count=len(checked), reason=reason) from exc
        raise ServiceError(
            "input.import_failed",
            position=current.item.position,
            code=fmt.quoted(current.item.code),
            reason=reason,
        ) from exc
    return report


# --- export ----------------------------------------------------------------------------------------


def _day_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    if date_to < date_from:
        raise ServiceError(
            "portal2026.bad_period", date_from=date_from.isoformat(), date_to=date_to.isoformat()
        )
    return datetime.combine(date_from, time.min), datetime.combine(date_to + timedelta(days=1), time.min)


def _export_dossier(session: Session, dossier: Dossier, units: dict[str, str]) -> fmt.ExportDossier:
    procedure = lookup.procedure(session, dossier.procedure_code)
    details = _latest_details(session, dossier) or {}
    sent = {
        a.get("document") or a.get("TenTepDinhKem", ""): a
        for a in details.get("TaiLieuNop", [])
        if isinstance(a, dict)
    }
    attachments = []
    for document in _documents(session, dossier):
        known = sent.get(document.name, {})
        attachments.append(
            fmt.Attachment(
                file_id=str(known.get("TepDinhKemId", "")),
                name=document.name,
                component=str(
                    known.get("MaThanhPhanHoSo", "")
                ),  # the component's code, when the portal gave it
                url=str(known.get("DuongDanTaiTepTin", "")),
                deleted=False,
            )
        )
    fees = details.get("DanhSachLePhi")
    if isinstance(fees, list):
        fee_list = tuple(
            fmt.Fee(
                str(f.get("TenPhiLePhi", "")),
                str(f.get("MaPhiLePhi", "")),
                str(f.get("HinhThucThu", "")),
                int(f.get("Gia", 0)),
                str(f.get("LoaiPhiLePhi", "")),
            )
            for f in fees
            if isinstance(f, dict)
        )
    elif dossier.fee:
        fee_list = (fmt.Fee(procedure.fee_note or t("portal2026.fee_name"), "", "", dossier.fee, ""),)
    else:
        fee_list = ()
    placeholder = dossier.applicant_name == t("portal2026.no_applicant") and details.get("ChuHoSo") == ""
    return fmt.ExportDossier(
        code=dossier.code,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        field_code=procedure.field_code,
        field_name=procedure.field_name,
        applicant_name="" if placeholder else dossier.applicant_name,
        subject_kind=str(details.get("LoaiDoiTuong") or fmt.SUBJECT_CITIZEN),
        portal_user_id=str(details.get("MaDoiTuong", "")),
        other_info=str(details.get("ThongTinKhac", "")),
        email=dossier.applicant_email,
        fax=str(details.get("Fax", "")),
        phone=dossier.applicant_phone,
        summary=dossier.summary,  # as kept: the round trip gives the same dossier
        received_at=dossier.received_at or dossier.submitted_at,
        due_at=dossier.due_at or _portal_due(details),
        status=dossier.status,
        returned_at=dossier.returned_at,
        result_info=str(details.get("ThongTinTra", "")),
        by_post=dossier.return_method == "post",
        finished_at=dossier.finished_at,
        processing_unit=units.get(dossier.custodian_unit_id, dossier.custodian_unit_id),
        note=str(details.get("GhiChu", "")),
        attachments=tuple(attachments),
        fees=fee_list,
    )


def _portal_due(details: dict[str, Any]) -> datetime | None:
    value = details.get("NgayHenTra")
    try:
        return parse_portal_time(value, "NgayHenTra") if value else None
    except ServiceError:
        return None


def _event_label(event_type: str) -> str:
    key = f"event.{event_type}"
    return t(key) if has(key) else event_type


def export_period(
    store: Store, actor: Actor, date_from: date, date_to: date, *, updates: bool = False
) -> dict[str, Any] | list[dict[str, Any]]:
    """The unit's dossiers of a period in the portal's shape.

    Without ``updates``: one ``DongBoHoSoMC`` envelope (``isUpdating`` "False") with the dossiers the unit
    may see that were received (or submitted online) in the period. With ``updates``: the dossiers that
    changed in the period, re-sent (``isUpdating`` "True"), followed by a ``CapNhatTienDoHoSoMC`` envelope
    with one step per status change in the period. ``actor`` is the officer who asked (checked by the
    command); only dossiers visible to the actor's unit are written."""
    start, end = _day_bounds(date_from, date_to)
    with store.session() as session:
        visible = select(Dossier).where(dossier_visible_to(actor.unit_id))
        if updates:
            changed = select(DossierEvent.dossier_id).where(
                col(DossierEvent.device_time) >= start, col(DossierEvent.device_time) < end
            )
            query = visible.where(col(Dossier.id).in_(changed))
        else:
            query = visible.where(
                ((col(Dossier.received_at) >= start) & (col(Dossier.received_at) < end))
                | (
                    col(Dossier.received_at).is_(None)
                    & (col(Dossier.submitted_at) >= start)
                    & (col(Dossier.submitted_at) < end)
                )
            )
        dossiers = list(session.exec(query.order_by(col(Dossier.code))).all())
        units = {u.id: u.name for u in session.exec(select(Unit)).all()}
        records = [fmt.record(_export_dossier(session, d, units)) for d in dossiers]
        if not updates:
            return fmt.envelope(fmt.SERVICE_RECORDS, records, updating=False)
        by_id = {d.id: d for d in dossiers}
        events = session.exec(
            select(DossierEvent)
            .where(
                col(DossierEvent.dossier_id).in_(list(by_id)),
                col(DossierEvent.device_time) >= start,
                col(DossierEvent.device_time) < end,
            )
            .order_by(col(DossierEvent.device_time), col(DossierEvent.seq))
        ).all()
        steps = []
        for event in events:
            status = ((event.payload or {}).get("set") or {}).get("status")
            if status is None:
                continue
            dossier = by_id[event.dossier_id]
            steps.append(
                fmt.step(
                    fmt.ExportStep(
                        code=dossier.code,
                        officer=event.officer_name,
                        at=event.device_time,
                        department=units.get(event.unit_id, event.unit_id),
                        content=_event_label(event.type),
                        status=int(status),
                        started_at=dossier.received_at,
                        due_at=dossier.due_at,
                    )
                )
            )
    return [
        fmt.envelope(fmt.SERVICE_RECORDS, records, updating=True),
        fmt.envelope(fmt.SERVICE_PROGRESS, steps),
    ]
