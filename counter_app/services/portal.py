"""Dossiers submitted online, in the record shape of the national public service portal."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from counter_app.db.models import Dossier
from counter_app.domain.cccd import is_cccd_number
from counter_app.domain.vntext import nfc
from counter_app.services import lookup
from counter_app.services.context import Actor, Store
from counter_app.services.errors import ServiceError
from counter_app.services.intake import DocumentChoice, IntakeRequest, register_online

PORTAL_TIME = "%Y%m%d%H%M%S"


def parse_portal_time(value: Any, field_name: str) -> datetime:
    try:
        return datetime.strptime(str(value).strip(), PORTAL_TIME)
    except ValueError:
        raise ServiceError("portal.bad_time", field=field_name, value=str(value)[:40]) from None


def portal_time(value: datetime | None) -> str:
    return value.strftime(PORTAL_TIME) if value else ""


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (MaHoSo or position, reason)


def _text(record: dict[str, Any], key: str, *, required: bool = False, limit: int = 300) -> str:
    value = record.get(key)
    if value is None or str(value).strip() == "":
        if required:
            raise ServiceError("portal.missing_field", field=key)
        return ""
    text = nfc(str(value).strip())
    if len(text) > limit:
        raise ServiceError("intake.too_long", field=key, limit=limit)
    return text


def request_from_record(store: Store, record: dict[str, Any]) -> tuple[str, IntakeRequest, datetime]:
    """(dossier code, intake request, submission time) of one portal record; ServiceError if unusable."""
    if not isinstance(record, dict):
        raise ServiceError("portal.not_a_record")
    code = _text(record, "MaHoSo", required=True, limit=64)
    procedure_code = _text(record, "MaTTHC", required=True, limit=32)
    submitted_at = parse_portal_time(
        record.get("NgayTiepNhan") or record.get("NgayNopHoSo", ""), "NgayTiepNhan"
    )
    cccd = _text(record, "MaDoiTuong", limit=20)
    with store.session() as session:
        lookup.procedure(session, procedure_code)
        known = lookup.procedure_documents(session, procedure_code)
        citizen = lookup.citizen_by_cccd(session, cccd) if is_cccd_number(cccd) else None
    attachments = record.get("TaiLieuNop") or []
    if not isinstance(attachments, list):
        raise ServiceError("portal.bad_list", field="TaiLieuNop")
    documents = []
    for index, item in enumerate(attachments):
        if not isinstance(item, dict):
            raise ServiceError("portal.bad_list", field="TaiLieuNop")
        component = str(item.get("MaThanhPhanHoSo", "")).strip()
        name = str(item.get("TenThanhPhanHoSo") or item.get("TenTepDinhKem") or "").strip()
        if not name and index < len(known):
            name = known[index].name
        documents.append(
            DocumentChoice(
                nfc(name or component or f"Tệp đính kèm {index + 1}")[:400], "copy", 1, True, False, None
            )
        )
    if not documents:
        documents = [DocumentChoice(d.name, "copy", d.quantity, True, False, None) for d in known]
    request = IntakeRequest(
        procedure_code=procedure_code,
        documents=documents,
        citizen_id=citizen.id if citizen else None,
        applicant_name=_text(record, "ChuHoSo", required=True, limit=120),
        applicant_address=_text(record, "DiaChi"),
        applicant_phone=_text(record, "SoDienThoai", limit=20),
        applicant_email=_text(record, "Email", limit=120),
        applicant_cccd=cccd if is_cccd_number(cccd) else "",
        summary=_text(record, "TrichYeuHoSo", limit=500),
    )
    return code, request, submitted_at


def import_online(store: Store, actor: Actor, records: list[Any]) -> ImportReport:
    """Register each record as an online dossier (status 1); records already in the store are skipped."""
    report = ImportReport()
    for position, record in enumerate(records, start=1):
        label = str(record.get("MaHoSo", f"#{position}")) if isinstance(record, dict) else f"#{position}"
        try:
            code, request, submitted_at = request_from_record(store, record)
            with store.session() as session:
                if session.exec(select(Dossier.id).where(Dossier.code == code)).first():
                    report.skipped.append(code)
                    continue
            register_online(store, actor, request, submitted_at=submitted_at, code=code)
            report.imported.append(code)
        except ServiceError as exc:
            report.failed.append((label, str(exc)))
    return report


def read_records(path: Path) -> list[Any]:
    """The records of a portal export: a JSON list, or an object with the list under ``data``/``HoSo``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
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
