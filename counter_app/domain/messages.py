"""Vietnamese texts of the domain rules, and the base error that carries them.

Every error raised by ``counter_app.domain`` is a :class:`DomainError`.  It keeps the
stable message ``key`` and its ``params`` so that another layer can render the same
error in another language; ``str(error)`` is the Vietnamese text.

Templates use :meth:`str.format` syntax; dates are passed as :class:`datetime.date`
objects and formatted by the template (``{birth_date:%d/%m/%Y}``).
"""

from __future__ import annotations

from typing import Any

VI: dict[str, str] = {
    # --- CCCD (citizen identity card) QR payload -------------------------------------------------
    "cccd.empty": "Dữ liệu mã QR CCCD trống.",
    "cccd.field_count": "Dữ liệu mã QR CCCD có {count} trường; cần 6 hoặc 7 trường phân cách bằng dấu |.",
    "cccd.extra_field": (
        "Dữ liệu mã QR có {count} trường, trường thứ {position} («{value}») lẽ ra phải để trống; "
        "dữ liệu quét có thể bị lỗi, vui lòng quét lại."
    ),
    "cccd.unsafe_extra": (
        "Trường thứ {position} trong mã QR CCCD chứa ký tự điều khiển hoặc ký tự ẩn ({char}, ở vị trí {at}); "
        "dữ liệu quét có thể bị lỗi, vui lòng quét lại."
    ),
    "cccd.number": "Số CCCD «{value}» không hợp lệ: cần đúng 12 chữ số.",
    "cccd.old_id": "Số CMND cũ «{value}» không hợp lệ: cần để trống hoặc đúng 9 chữ số.",
    "cccd.name_empty": "Trường họ và tên trong mã QR CCCD bị trống.",
    "cccd.birth_date": (
        "Ngày sinh «{value}» trong mã QR CCCD không hợp lệ: cần một ngày có thật, "
        "viết liền 8 chữ số theo thứ tự ngày, tháng, năm (DDMMYYYY)."
    ),
    "cccd.issued_on": (
        "Ngày cấp «{value}» trong mã QR CCCD không hợp lệ: cần một ngày có thật, "
        "viết liền 8 chữ số theo thứ tự ngày, tháng, năm (DDMMYYYY)."
    ),
    "cccd.gender": "Giới tính «{value}» trong mã QR CCCD không hợp lệ: cần «Nam» hoặc «Nữ».",
    "cccd.birth_year_mismatch": (
        "Số CCCD {number} ứng với năm sinh {expected}, nhưng ngày sinh trong mã QR là "
        "{birth_date:%d/%m/%Y}; dữ liệu quét có thể bị lỗi, vui lòng quét lại."
    ),
    "cccd.gender_mismatch": (
        "Số CCCD {number} ứng với giới tính {expected}, nhưng mã QR ghi giới tính {actual}; "
        "dữ liệu quét có thể bị lỗi, vui lòng quét lại."
    ),
    "cccd.issued_before_birth": (
        "Ngày cấp {issued_on:%d/%m/%Y} trong mã QR CCCD trước ngày sinh {birth_date:%d/%m/%Y}."
    ),
    "cccd.unsafe_char": (
        "Trường {field} trong mã QR CCCD chứa ký tự điều khiển hoặc ký tự ẩn ({char}, ở vị trí {position}); "
        "dữ liệu quét có thể bị lỗi, vui lòng quét lại."
    ),
    "cccd.birth_in_future": (
        "Ngày sinh {birth_date:%d/%m/%Y} trong mã QR CCCD sau ngày hôm nay ({today:%d/%m/%Y}); "
        "dữ liệu quét có thể bị lỗi, vui lòng quét lại."
    ),
    "cccd.issued_in_future": (
        "Ngày cấp {issued_on:%d/%m/%Y} trong mã QR CCCD sau ngày hôm nay ({today:%d/%m/%Y}); "
        "dữ liệu quét có thể bị lỗi, vui lòng quét lại."
    ),
    "cccd.unencodable": (
        "Trường {field} chứa dấu | hoặc ký tự xuống dòng nên không ghi được vào mã QR CCCD."
    ),
    # --- applicants entered by hand (applicants) ------------------------------------------------------
    "applicant.id_type": "Loại giấy tờ «{value}» không hợp lệ: cần CCCD/căn cước, CMND, hộ chiếu hoặc mã số thuế.",
    "applicant.cccd_empty": "Chưa nhập số định danh cá nhân (số CCCD/căn cước).",
    "applicant.cmnd_empty": "Chưa nhập số CMND.",
    "applicant.passport_empty": "Chưa nhập số hộ chiếu.",
    "applicant.tax_code_empty": "Chưa nhập mã số thuế của tổ chức.",
    "applicant.cccd": "Số định danh cá nhân «{value}» không hợp lệ: cần đúng 12 chữ số.",
    "applicant.cmnd": "Số CMND «{value}» không hợp lệ: cần đúng 9 chữ số.",
    "applicant.passport": "Số hộ chiếu «{value}» không hợp lệ: cần 6 đến 12 chữ cái không dấu và chữ số.",
    "applicant.tax_code": (
        "Mã số thuế «{value}» không hợp lệ: cần 10 chữ số, 10 chữ số kèm «-» và 3 chữ số (chi nhánh), "
        "hoặc 12 chữ số."
    ),
    "applicant.phone": (
        "Số điện thoại «{value}» không hợp lệ: cần bắt đầu bằng 0 hoặc +84, sau đó 8 đến 10 chữ số."
    ),
    "applicant.email": "Thư điện tử «{value}» không hợp lệ: cần dạng ten@mien.vn.",
    # --- the character policy (text_rules) -----------------------------------------------------------
    "text.unsafe_char": (
        "Trường «{field}» chứa ký tự điều khiển hoặc ký tự ẩn không được phép ({char}, ở vị trí {position})."
    ),
    # --- Dossier codes, unit codes, queue tickets ------------------------------------------------
    "code.empty": "Mã hồ sơ trống.",
    "code.format": "Mã hồ sơ «{value}» không đúng dạng <mã đơn vị>-<YYMMDD>-<NNNN>.",
    "code.unit_empty": "Mã đơn vị một cửa không được để trống.",
    # --- unit identifiers (Decision 20/2020/QĐ-TTg) ---------------------------------------------------
    "identifier.empty": "Chưa nhập mã định danh điện tử của đơn vị.",
    "identifier.not_configured": (
        "Đơn vị chưa có mã định danh điện tử nên chưa cấp được mã hồ sơ: quản trị viên hãy chạy "
        "«counter-app setup --unit <mã xã> --identifier <mã định danh> …» (mã định danh do tỉnh cấp, "
        "không suy ra được)."
    ),
    "identifier.chars": "Mã định danh «{value}» không hợp lệ: chỉ gồm chữ cái không dấu, chữ số và dấu chấm, tối đa 40 ký tự.",
    "identifier.shape": (
        "Mã định danh «{value}» không hợp lệ: cần 2 đến 5 phần phân cách bằng dấu chấm, ví dụ 000.00.53.H48."
    ),
    "identifier.no_letter_code": (
        "Mã định danh «{value}» thiếu mã cấp tỉnh (H và 2 chữ số, ví dụ H48) hoặc cấp bộ (G và 2 chữ số)."
    ),
    "code.unit_chars": (
        "Mã đơn vị một cửa «{value}» không hợp lệ: không được chứa dấu gạch ngang (-), "
        "khoảng trắng hay ký tự điều khiển."
    ),
    "code.date": (
        "Ngày tiếp nhận «{value}» trong mã hồ sơ không hợp lệ: cần một ngày có thật, "
        "viết liền 6 chữ số theo thứ tự năm, tháng, ngày (YYMMDD)."
    ),
    "code.year": (
        "Năm tiếp nhận {value} không ghi được vào mã hồ sơ: mã hồ sơ chỉ ghi năm từ 2000 đến 2099."
    ),
    "code.number": "Phần số thứ tự «{value}» của mã hồ sơ không hợp lệ: cần từ 4 đến 7 chữ số.",
    "code.unit_shape": (
        "Mã đơn vị «{value}» trong mã hồ sơ không hợp lệ: cần các phần chữ và số phân cách bằng dấu chấm, "
        "trong đó có mã cấp tỉnh (H và 2 chữ số) hoặc cấp bộ (G và 2 chữ số), ví dụ 000.00.53.H48."
    ),
    "code.counter": "Số quầy {value} không hợp lệ: cần từ 1 đến 9.",
    "code.seq": "Số thứ tự hồ sơ trong ngày {value} không hợp lệ: cần từ 1 đến 999.",
    "code.province": "Mã tỉnh {value} không hợp lệ: cần số nguyên từ 0 đến 99.",
    "code.ward": "Mã xã {value} không hợp lệ: cần số nguyên từ 0 đến 99999.",
    "ticket.prefix": (
        "Tiền tố số thứ tự «{value}» không hợp lệ: không được để trống, "
        "chứa khoảng trắng hay ký tự điều khiển."
    ),
    "ticket.number": "Số thứ tự {value} không hợp lệ: cần số nguyên dương.",
    # --- Dossier statuses (national portal codes 1-10) -------------------------------------------
    "status.registered_online": "Mới đăng ký trực tuyến",
    "status.received": "Đã tiếp nhận",
    "status.refused": "Từ chối tiếp nhận",
    "status.processing": "Đang xử lý",
    "status.supplement_requested": "Yêu cầu bổ sung",
    "status.awaiting_fee": "Chờ thực hiện nghĩa vụ tài chính",
    "status.withdrawn": "Đã rút hồ sơ",
    "status.stopped": "Dừng xử lý",
    "status.result_ready": "Đã có kết quả",
    "status.returned": "Đã trả kết quả",
    "status.invalid": "Mã trạng thái hồ sơ «{value}» không hợp lệ: cần số nguyên từ 1 đến 10.",
    "transition.illegal": "Không thể chuyển hồ sơ từ «{from_label}» sang «{to_label}».",
    # --- Channels ---------------------------------------------------------------------------------
    "channel.counter": "Trực tiếp",
    "channel.online": "Trực tuyến",
    "channel.post": "Bưu chính công ích",
    "channel.invalid": "Kênh thực hiện «{value}» không hợp lệ: cần 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính).",
    # --- Timeliness -------------------------------------------------------------------------------
    "timeliness.early": "Trước hạn",
    "timeliness.on_time": "Đúng hạn",
    "timeliness.late": "Quá hạn",
    # --- Work calendar ----------------------------------------------------------------------------
    "calendar.negative_days": "Số ngày làm việc {value} không hợp lệ: cần số nguyên không âm.",
    "calendar.bad_hours": "Số giờ làm việc {value} không hợp lệ: cần số không âm và hữu hạn.",
    "calendar.no_periods": "Cần khai báo ít nhất một ca làm việc trong giờ hành chính.",
    "calendar.period_shape": "Ca làm việc «{value}» không hợp lệ: cần một cặp (giờ bắt đầu, giờ kết thúc).",
    "calendar.period_tz": "Giờ làm việc «{value}» không hợp lệ: cần giờ địa phương, không kèm múi giờ.",
    "calendar.period_order": (
        "Ca làm việc {start:%H:%M}-{end:%H:%M} không hợp lệ: giờ bắt đầu phải trước giờ kết thúc."
    ),
    "calendar.period_overlap": (
        "Ca làm việc {start:%H:%M}-{end:%H:%M} bắt đầu trước khi ca trước kết thúc "
        "({previous_end:%H:%M}); các ca phải theo thứ tự và không chồng lấn."
    ),
    "calendar.day_conflict": "Ngày {day:%d/%m/%Y} vừa được khai báo là ngày nghỉ vừa là ngày làm việc bù.",
    "calendar.timezone": "Múi giờ «{value}» không hợp lệ.",
}


def render(key: str, /, **params: Any) -> str:
    """Return the Vietnamese text for ``key`` filled with ``params``.

    Never raises: an unknown key renders as the key itself, and a template whose
    parameters are missing or do not format renders unfilled.
    """
    template = VI.get(key)
    if template is None:
        return key
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return template


def _rebuild(cls: type[DomainError], key: str, params: dict[str, Any]) -> DomainError:
    return cls(key, **params)


class DomainError(ValueError):
    """Base of every error raised by the domain rules.

    ``key`` is a stable key of :data:`VI`; ``params`` are the values substituted into
    it.  ``str(error)`` is the rendered Vietnamese text.
    """

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = dict(params)
        super().__init__(render(key, **params))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.key, self.params))
