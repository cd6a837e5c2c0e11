"""The national public service portal's dossier exchange format, both ways, in this one module.

The portal (Cổng Dịch vụ công quốc gia, now run at the national data centre) receives the dossiers of
one-stop systems through two services of its integration adapter:

* ``DongBoHoSoMC`` ("đồng bộ hồ sơ một cửa"): ``{"service": "DongBoHoSoMC", "isUpdating": …,
  "data": [record, …]}``, one record per dossier, ``isUpdating`` telling a first send from a re-send of
  dossiers the portal already has;
* ``CapNhatTienDoHoSoMC`` ("cập nhật tiến độ"): ``{"service": "CapNhatTienDoHoSoMC", "data": [step, …]}``,
  one step of handling per item.

Dates are local (Asia/Ho_Chi_Minh) times written ``yyyyMMddHHmmss``.

**Sources.** The Decree on the one-stop mechanism (61/2018, now 118/2025/NĐ-CP) makes the portal the place
dossiers are reported to, but the exchange format is not in a legal text we could find: it is in the
portal's technical integration document, which is not published. The field names, their order, which are
optional ("ko bb" = không bắt buộc) and the envelopes here follow the public integration
``VietOpenCPS/opencps-v2``, file
``modules/backend-dossiermgt/backend-dossiermgt-service/src/main/java/org/opencps/dossiermgt/action/impl/DVCQGIntegrationActionImpl.java``
(``createSyncDossierBodyRequest``, ``createSyncDossierStatusBodyRequest``, ``syncDossier``,
``syncDossierStatus``, ``convertDate2String``), read to learn the shape, not copied. A second public
integration seen in the code index (a Hà Giang school-enrolment one-stop in C#, classes ``HsDongBo``,
``DinhKem``, ``DinhKemKetQua``; the index did not name its repository) sends the same names, strings for
``LoaiDoiTuong``/``TrangThaiHoSo``/``HinhThuc``/``IsDeleted`` ("False"), provincial procedure codes with
their suffix (``3.000181.000.00.00.H22``) and ``TrangThaiHoSo`` "1" new, "2" received, "10" returned.

**What could not be confirmed** (said here rather than invented):

* ``TrangThaiHoSo`` codes 1-10: taken as the app's own statuses (``domain.states.Status``, which follow the
  portal's list); only 1, 2 and 10 are confirmed by the integrations above.
* ``LoaiDoiTuong``: "1" citizen, "2" organisation (OpenCPS sends 2 for a "business" applicant); other
  values are refused.
* ``MaDoiTuong``: the applicant's account on the portal (OpenCPS leaves it blank, the Hà Giang one puts an
  identity-paper number in it); it is kept as given and never read as a CCCD number.
* ``HinhThuc``: "0" or "1"; OpenCPS sends "1" when the result goes by post, so it is read as the return
  method (1 post, 0 at the counter).
* ``DanhSachLePhi``: ``TenPhiLePhi``, ``MaPhiLePhi``, ``HinhThucThu``, ``Gia``, ``LoaiPhiLePhi`` are named
  by OpenCPS without values; ``Gia`` is read as the amount in đồng, the others kept as text.
* ``KenhThucHien``: not a field of either integration; accepted on import (older files of this app had it),
  never exported.
* ``DiaChi``, ``TenThanhPhanHoSo``, ``NgayNopHoSo``, ``HoSo``: not in the format; older files of this app
  and other exports have them, so they are still read, never written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.domain.states import Status
from counter_app.domain.text_rules import describe_char, first_unsafe
from counter_app.domain.vntext import nfc
from counter_app.locale import t
from counter_app.services.errors import ServiceError

SERVICE_RECORDS = "DongBoHoSoMC"
SERVICE_PROGRESS = "CapNhatTienDoHoSoMC"
SERVICES = (SERVICE_RECORDS, SERVICE_PROGRESS)
PORTAL_TIME = "%Y%m%d%H%M%S"
_PORTAL_TIME_SHAPE = re.compile(r"[0-9]{14}")

#: ``LoaiDoiTuong``
SUBJECT_CITIZEN = "1"
SUBJECT_ORGANISATION = "2"
#: ``HinhThuc`` (read as the return method, see the module's notes)
RETURN_AT_COUNTER = "0"
RETURN_BY_POST = "1"

#: at most this many attachments (or fees) per record
MAX_ATTACHMENTS = 100

#: a record's text fields: (limit in characters, required). The store keeps the applicant's name in 120
#: characters, the summary in 500, the phone in 20, the e-mail in 120.
TEXT_FIELDS: dict[str, tuple[int, bool]] = {
    "MaHoSo": (64, True),
    "MaTTHC": (64, True),  # a provincial code carries a suffix: 1.004873.000.00.00.H48
    "TenTTHC": (400, False),
    "MaLinhVuc": (32, False),
    "TenLinhVuc": (200, False),
    "SoBienNhan": (64, False),
    "ChuHoSo": (120, False),  # optional in the format ("ko bb")
    "MaDoiTuong": (64, False),
    "ThongTinKhac": (500, False),
    "Email": (120, False),
    "Fax": (20, False),
    "SoDienThoai": (20, False),
    "TrichYeuHoSo": (500, False),
    "ThongTinTra": (500, False),
    "DonViXuLy": (300, False),
    "GhiChu": (500, False),
    "DiaChi": (300, False),  # not in the format: older files
}
#: code fields: a JSON string of digits or a whole number, within these values
CODE_FIELDS: dict[str, tuple[int, int]] = {
    "TrangThaiHoSo": (1, 10),
    "LoaiDoiTuong": (1, 2),
    "HinhThuc": (0, 1),
    "KenhThucHien": (1, 3),  # not in the format: older files
}
#: time fields besides NgayTiepNhan (required)
TIME_FIELDS = ("NgayHenTra", "NgayTra", "NgayKetThucXuLy")
#: an attachment's text fields (``TaiLieuNop`` items); a component's name is stored in 400 characters
ATTACHMENT_FIELDS: dict[str, int] = {
    "TepDinhKemId": 64,
    "TenTepDinhKem": 400,
    "MaThanhPhanHoSo": 40,
    "DuongDanTaiTepTin": 1000,
    "TenThanhPhanHoSo": 400,  # not in the format: older files
}
#: a fee's text fields (``DanhSachLePhi`` items); ``Gia`` is the amount
FEE_FIELDS: dict[str, int] = {"TenPhiLePhi": 300, "MaPhiLePhi": 40, "HinhThucThu": 40, "LoaiPhiLePhi": 40}
#: the largest fee amount accepted (đồng)
MAX_FEE = 10**12
#: lists of the format the store has no place for: reported as ignored when they are not empty
UNSTORED_LISTS = ("DanhSachTepDinhKemKhac", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua")
#: every key this module reads in a record (anything else is reported as ignored)
KNOWN_KEYS = frozenset(
    {*TEXT_FIELDS, *CODE_FIELDS, *TIME_FIELDS, "NgayTiepNhan", "NgayNopHoSo", "TaiLieuNop", "DanhSachLePhi"}
)
#: a progress step's text fields (``CapNhatTienDoHoSoMC`` items)
PROGRESS_TEXT_FIELDS: dict[str, tuple[int, bool]] = {
    "MaHoSo": (64, True),
    "NguoiXuLy": (120, False),
    "ChucDanh": (120, False),
    "PhongBanXuLy": (300, False),
    "NoiDungXuLy": (500, False),
}

_NATIONAL_CODE = re.compile(r"([0-9]\.[0-9]{6})(?:\.[0-9A-Za-z]+)+")


class RecordProblem(Exception):
    """What is wrong with one field of one record (``reason`` is a Vietnamese fragment)."""

    def __init__(self, field_name: str, reason: str) -> None:
        super().__init__(f"{field_name}: {reason}")
        self.field = field_name
        self.reason = reason


@dataclass(frozen=True)
class Attachment:
    """One item of ``TaiLieuNop``."""

    file_id: str
    name: str
    component: str  # MaThanhPhanHoSo: the component's code in the procedure, not a position
    url: str
    deleted: bool


@dataclass(frozen=True)
class Fee:
    """One item of ``DanhSachLePhi``."""

    name: str
    code: str
    method: str
    price: int
    kind: str


@dataclass(frozen=True)
class PortalRecord:
    """One ``DongBoHoSoMC`` record, every field checked by type, length and character."""

    position: int
    code: str
    procedure_code: str  # as sent: national, or provincial with its suffix
    procedure_name: str
    field_code: str
    field_name: str
    applicant_name: str  # "" when the portal sent none (optional)
    subject_kind: str  # LoaiDoiTuong: "1" citizen, "2" organisation, "" not sent
    portal_user_id: str  # MaDoiTuong: the portal's account id, never a CCCD number
    other_info: str
    email: str
    fax: str
    phone: str
    address: str
    summary: str
    submitted_at: datetime  # NgayTiepNhan
    due_at: datetime | None  # NgayHenTra
    status: int | None  # TrangThaiHoSo
    returned_at: datetime | None  # NgayTra
    result_info: str
    return_form: str  # HinhThuc
    finished_at: datetime | None  # NgayKetThucXuLy
    processing_unit: str
    note: str
    receipt_number: str
    attachments: tuple[Attachment, ...]
    fees: tuple[Fee, ...] | None  # None: the record sent no DanhSachLePhi
    ignored: tuple[str, ...]  # fields with a value the store has no place for

    @property
    def national_procedure_code(self) -> str:
        return national_procedure_code(self.procedure_code)

    @property
    def documents(self) -> tuple[Attachment, ...]:
        """The attachments not marked deleted: what the citizen actually handed in."""
        return tuple(a for a in self.attachments if not a.deleted)

    def portal_details(self) -> dict[str, Any]:
        """What the record says that the dossier row has no column for, to keep in the event's payload
        (and export again): field names as the portal spells them."""
        out: dict[str, Any] = {
            "MaTTHC": self.procedure_code,
            "TenTTHC": self.procedure_name,
            "MaLinhVuc": self.field_code,
            "TenLinhVuc": self.field_name,
            "ChuHoSo": self.applicant_name,
            "LoaiDoiTuong": self.subject_kind,
            "MaDoiTuong": self.portal_user_id,
            "ThongTinKhac": self.other_info,
            "Fax": self.fax,
            "NgayHenTra": portal_time(self.due_at),
            "ThongTinTra": self.result_info,
            "HinhThuc": self.return_form,
            "DonViXuLy": self.processing_unit,
            "GhiChu": self.note,
            "SoBienNhan": self.receipt_number,
            "TaiLieuNop": [
                {
                    "TepDinhKemId": a.file_id,
                    "TenTepDinhKem": a.name,
                    "MaThanhPhanHoSo": a.component,
                    "DuongDanTaiTepTin": a.url,
                }
                for a in self.documents
            ],
        }
        if self.fees is not None:
            out["DanhSachLePhi"] = [
                {"TenPhiLePhi": f.name, "MaPhiLePhi": f.code, "HinhThucThu": f.method, "Gia": f.price}
                | {"LoaiPhiLePhi": f.kind}
                for f in self.fees
            ]
        return out


@dataclass(frozen=True)
class ProgressRecord:
    """One ``CapNhatTienDoHoSoMC`` step."""

    position: int
    code: str
    status: int
    at: datetime | None
    officer: str
    content: str


@dataclass(frozen=True)
class Batch:
    """One envelope of a file: which service, whether it re-sends, and its items (unchecked)."""

    service: str
    updating: bool
    items: list[Any]


# --- reading ---------------------------------------------------------------------------------------


def national_procedure_code(code: str) -> str:
    """The national catalogue code of a procedure code as one-stop systems send it: a provincial code
    carries the unit's suffix (``1.004873.000.00.00.H48`` → ``1.004873``); any other code is returned as is.
    """
    match = _NATIONAL_CODE.fullmatch(code)
    return match.group(1) if match else code


def parse_portal_time(value: Any, field_name: str) -> datetime:
    """A ``yyyyMMddHHmmss`` time; :class:`ServiceError` naming the field otherwise."""
    if not isinstance(value, str) or _PORTAL_TIME_SHAPE.fullmatch(value.strip()) is None:
        raise ServiceError("portal.bad_time", field=field_name, value=quoted(value))
    try:
        return datetime.strptime(value.strip(), PORTAL_TIME)
    except ValueError:
        raise ServiceError("portal.bad_time", field=field_name, value=quoted(value)) from None


def portal_time(value: datetime | None) -> str:
    """A time as the portal writes it (``""`` for none)."""
    return value.strftime(PORTAL_TIME) if value else ""


def quoted(value: Any) -> str:
    """A value made safe to quote in a one-line message: control characters escaped, cut to 40."""
    text = value if isinstance(value, str) else repr(value)
    cleaned = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    return cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"


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


def checked_text(name: str, value: Any, *, limit: int, required: bool) -> str:
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


def _code(name: str, value: Any, low: int, high: int) -> int | None:
    """A code field: the integrations send strings of digits ("1"), older files whole numbers (1)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RecordProblem(name, t("portal2026.bad_code", kind=_kind(value), low=low, high=high))
    text = value.strip() if isinstance(value, str) else str(value)
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise RecordProblem(name, t("portal2026.bad_code", kind=quoted(value), low=low, high=high))
    return int(text)


def _time(name: str, value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RecordProblem(name, t("input.not_text", kind=_kind(value)))
    try:
        return parse_portal_time(value, name)
    except ServiceError:
        raise RecordProblem(name, t("input.bad_time")) from None


def _flag(name: str, value: Any) -> bool:
    """``IsDeleted``/``isUpdating``: a JSON boolean or the strings the integrations send ("True")."""
    if value is None or value == "":
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
        return value.strip().lower() in ("true", "1")
    raise RecordProblem(name, t("portal2026.bad_flag", kind=quoted(value)))


def _items(name: str, value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordProblem(name, t("input.not_a_list", kind=_kind(value)))
    if len(value) > MAX_ATTACHMENTS:
        raise RecordProblem(name, t("input.too_many_items", count=len(value), limit=MAX_ATTACHMENTS))
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise RecordProblem(f"{name}[{number}]", t("input.not_a_record", kind=_kind(item)))
    return value


def _attachments(value: Any) -> tuple[Attachment, ...]:
    out = []
    for number, item in enumerate(_items("TaiLieuNop", value), start=1):
        where = f"TaiLieuNop[{number}]"
        texts = {
            key: checked_text(f"{where}.{key}", item.get(key), limit=limit, required=False)
            for key, limit in ATTACHMENT_FIELDS.items()
        }
        out.append(
            Attachment(
                file_id=texts["TepDinhKemId"],
                name=texts["TenTepDinhKem"] or texts["TenThanhPhanHoSo"],
                component=texts["MaThanhPhanHoSo"],
                url=texts["DuongDanTaiTepTin"],
                deleted=_flag(f"{where}.IsDeleted", item.get("IsDeleted")),
            )
        )
    return tuple(out)


def _price(name: str, value: Any) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, str):
        text = value.strip().replace(".", "").replace(",", "")  # "50.000" as written on receipts
        if text.isascii() and text.isdigit() and int(text) <= MAX_FEE:
            return int(text)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if 0 <= value <= MAX_FEE and float(value).is_integer():
            return int(value)
    raise RecordProblem(name, t("portal2026.bad_price", value=quoted(value), limit=MAX_FEE))


def _fees(value: Any) -> tuple[Fee, ...] | None:
    """The fees, or None when the record sends none: OpenCPS always sends ``DanhSachLePhi`` and leaves it
    empty ("ko bb"), so an empty list says nothing about the fee either."""
    if value is None or value == []:
        return None
    out = []
    for number, item in enumerate(_items("DanhSachLePhi", value), start=1):
        where = f"DanhSachLePhi[{number}]"
        texts = {}
        for key, limit in FEE_FIELDS.items():
            raw = item.get(key)
            if isinstance(raw, int) and not isinstance(raw, bool):
                raw = str(raw)  # codes sent as numbers by some systems
            texts[key] = checked_text(f"{where}.{key}", raw, limit=limit, required=False)
        price = _price(f"{where}.Gia", item.get("Gia"))
        out.append(
            Fee(texts["TenPhiLePhi"], texts["MaPhiLePhi"], texts["HinhThucThu"], price, texts["LoaiPhiLePhi"])
        )
    return tuple(out)


def _ignored(record: dict[str, Any]) -> tuple[str, ...]:
    """The keys with a value this import has no place for (unknown keys, the lists the store lacks)."""
    return tuple(
        sorted(
            str(key)
            for key, value in record.items()
            if key not in KNOWN_KEYS and value not in (None, "", [], {})
        )
    )


def check_record(position: int, record: Any) -> PortalRecord:
    """One ``DongBoHoSoMC`` record checked without the store: :class:`RecordProblem` naming the first
    faulty field."""
    if not isinstance(record, dict):
        raise RecordProblem(t("input.field.record"), t("input.not_a_record", kind=_kind(record)))
    texts = {
        key: checked_text(key, record.get(key), limit=limit, required=required)
        for key, (limit, required) in TEXT_FIELDS.items()
    }
    codes = {key: _code(key, record.get(key), low, high) for key, (low, high) in CODE_FIELDS.items()}
    time_field = "NgayTiepNhan" if record.get("NgayTiepNhan") not in (None, "") else "NgayNopHoSo"
    submitted_at = _time(time_field, record.get(time_field))
    if submitted_at is None:
        raise RecordProblem("NgayTiepNhan", t("input.required"))
    times = {key: _time(key, record.get(key)) for key in TIME_FIELDS}
    return PortalRecord(
        position=position,
        code=texts["MaHoSo"],
        procedure_code=texts["MaTTHC"],
        procedure_name=texts["TenTTHC"],
        field_code=texts["MaLinhVuc"],
        field_name=texts["TenLinhVuc"],
        applicant_name=texts["ChuHoSo"],
        subject_kind=str(codes["LoaiDoiTuong"] or ""),
        portal_user_id=texts["MaDoiTuong"],
        other_info=texts["ThongTinKhac"],
        email=texts["Email"],
        fax=texts["Fax"],
        phone=texts["SoDienThoai"],
        address=texts["DiaChi"],
        summary=texts["TrichYeuHoSo"],
        submitted_at=submitted_at,
        due_at=times["NgayHenTra"],
        status=codes["TrangThaiHoSo"],
        returned_at=times["NgayTra"],
        result_info=texts["ThongTinTra"],
        return_form="" if codes["HinhThuc"] is None else str(codes["HinhThuc"]),
        finished_at=times["NgayKetThucXuLy"],
        processing_unit=texts["DonViXuLy"],
        note=texts["GhiChu"],
        receipt_number=texts["SoBienNhan"],
        attachments=_attachments(record.get("TaiLieuNop")),
        fees=_fees(record.get("DanhSachLePhi")),
        ignored=_ignored(record),
    )


def check_progress(position: int, item: Any) -> ProgressRecord:
    """One ``CapNhatTienDoHoSoMC`` step checked: :class:`RecordProblem` naming the first faulty field."""
    if not isinstance(item, dict):
        raise RecordProblem(t("input.field.record"), t("input.not_a_record", kind=_kind(item)))
    texts = {
        key: checked_text(key, item.get(key), limit=limit, required=required)
        for key, (limit, required) in PROGRESS_TEXT_FIELDS.items()
    }
    status = _code("TrangThai", item.get("TrangThai"), 1, 10)
    if status is None:
        raise RecordProblem("TrangThai", t("input.required"))
    return ProgressRecord(
        position=position,
        code=texts["MaHoSo"],
        status=status,
        at=_time("ThoiDiemXuLy", item.get("ThoiDiemXuLy")),
        officer=texts["NguoiXuLy"],
        content=texts["NoiDungXuLy"],
    )


def app_status(code: int) -> Status:
    """The app's status for a ``TrangThaiHoSo``/``TrangThai`` code (the same numbering, see the notes)."""
    return Status(code)


def batches(data: Any) -> list[Batch]:
    """The envelopes of a file as read from JSON: one envelope, a list of envelopes, or (older files and
    other exports) a bare list of records, an object with them under ``data``/``HoSo``, or one record."""
    if isinstance(data, list) and data and all(isinstance(i, dict) and "service" in i for i in data):
        return [_envelope(item) for item in data]
    if isinstance(data, dict) and "service" in data:
        return [_envelope(data)]
    if isinstance(data, dict):
        updating = _updating(data.get("isUpdating"))
        data = data.get("data") or data.get("HoSo") or [data]
        return [Batch(SERVICE_RECORDS, updating, data if isinstance(data, list) else [data])]
    if isinstance(data, list):
        return [Batch(SERVICE_RECORDS, False, data)]
    raise ServiceError("portal2026.not_records", kind=_kind(data))


def _updating(value: Any) -> bool:
    try:
        return _flag("isUpdating", value)
    except RecordProblem:
        raise ServiceError("portal2026.bad_updating", value=quoted(value)) from None


def _envelope(data: dict[str, Any]) -> Batch:
    service = data.get("service")
    if service not in SERVICES:
        raise ServiceError("portal2026.unknown_service", service=quoted(service), known=", ".join(SERVICES))
    items = data.get("data")
    if not isinstance(items, list):
        raise ServiceError("portal2026.envelope_no_data", service=service, kind=_kind(items))
    return Batch(str(service), _updating(data.get("isUpdating")), items)


# --- writing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportDossier:
    """What a ``DongBoHoSoMC`` record says of one dossier, gathered from the store."""

    code: str
    procedure_code: str
    procedure_name: str
    field_code: str
    field_name: str
    applicant_name: str
    subject_kind: str
    portal_user_id: str
    other_info: str
    email: str
    fax: str
    phone: str
    summary: str
    received_at: datetime | None
    due_at: datetime | None
    status: int
    returned_at: datetime | None
    result_info: str
    by_post: bool
    finished_at: datetime | None
    processing_unit: str
    note: str
    attachments: tuple[Attachment, ...]
    fees: tuple[Fee, ...]


@dataclass(frozen=True)
class ExportStep:
    """What a ``CapNhatTienDoHoSoMC`` step says: one status change of a dossier."""

    code: str
    officer: str
    at: datetime
    department: str
    content: str
    status: int
    started_at: datetime | None
    due_at: datetime | None


def record(d: ExportDossier) -> dict[str, Any]:
    """One ``DongBoHoSoMC`` record, every field as the portal spells it, in its order (OpenCPS
    ``createSyncDossierBodyRequest``); nothing the format does not have."""
    return {
        "MaHoSo": d.code,
        "MaTTHC": d.procedure_code,
        "TenTTHC": d.procedure_name,
        "MaLinhVuc": d.field_code,
        "TenLinhVuc": d.field_name,
        "ChuHoSo": d.applicant_name,
        "LoaiDoiTuong": d.subject_kind or SUBJECT_CITIZEN,
        "MaDoiTuong": d.portal_user_id,
        "ThongTinKhac": d.other_info,
        "Email": d.email,
        "Fax": d.fax,
        "SoDienThoai": d.phone,
        "TrichYeuHoSo": d.summary,
        "NgayTiepNhan": portal_time(d.received_at),
        "NgayHenTra": portal_time(d.due_at),
        "TrangThaiHoSo": str(int(d.status)),
        "NgayTra": portal_time(d.returned_at),
        "ThongTinTra": d.result_info,
        "HinhThuc": RETURN_BY_POST if d.by_post else RETURN_AT_COUNTER,
        "NgayKetThucXuLy": portal_time(d.finished_at),
        "DonViXuLy": d.processing_unit,
        "GhiChu": d.note,
        "TaiLieuNop": [
            {
                "TepDinhKemId": a.file_id,
                "TenTepDinhKem": a.name,
                "IsDeleted": "True" if a.deleted else "False",
                "MaThanhPhanHoSo": a.component,
                "DuongDanTaiTepTin": a.url,
            }
            for a in d.attachments
        ],
        "DanhSachLePhi": [
            {
                "TenPhiLePhi": f.name,
                "MaPhiLePhi": f.code,
                "HinhThucThu": f.method,
                "Gia": f.price,
                "LoaiPhiLePhi": f.kind,
            }
            for f in d.fees
        ],
        "DanhSachTepDinhKemKhac": [],
        "DanhSachHoSoBoSung": [],
        "DanhSachGiayToKetQua": [],
    }


def step(s: ExportStep) -> dict[str, Any]:
    """One ``CapNhatTienDoHoSoMC`` item (OpenCPS ``createSyncDossierStatusBodyRequest``)."""
    return {
        "MaHoSo": s.code,
        "NguoiXuLy": s.officer,
        "ChucDanh": "",
        "ThoiDiemXuLy": portal_time(s.at),
        "PhongBanXuLy": s.department,
        "NoiDungXuLy": s.content,
        "TrangThai": str(int(s.status)),
        "NgayBatDau": portal_time(s.started_at),
        "NgayKetThucTheoQuyDinh": portal_time(s.due_at),
    }


def envelope(service: str, items: list[dict[str, Any]], *, updating: bool | None = None) -> dict[str, Any]:
    """The body of one call: ``service``, ``isUpdating`` (``DongBoHoSoMC`` only, "True"/"False" as both
    integrations send it) and ``data``."""
    body: dict[str, Any] = {"service": service}
    if service == SERVICE_RECORDS:
        body["isUpdating"] = "True" if updating else "False"
    body["data"] = items
    return body
