"""Texts of the exchange with the national public service portal (``import online``, ``export portal``)."""

MESSAGES: dict[str, str] = {
    # services.portal_format: a record's fields
    "portal2026.bad_code": "cần một mã số từ {low} đến {high}, nhận được {kind}.",
    "portal2026.bad_flag": "cần giá trị True hoặc False, nhận được «{kind}».",
    "portal2026.bad_price": "cần số tiền bằng chữ số (đồng), từ 0 đến {limit}, nhận được «{value}».",
    "portal2026.not_records": "Tệp không chứa hồ sơ của Cổng Dịch vụ công quốc gia: cần một danh sách hoặc một "
    "đối tượng JSON, nhận được {kind}.",
    "portal2026.bad_updating": "Trường isUpdating cần giá trị True hoặc False, nhận được «{value}».",
    "portal2026.unknown_service": "Dịch vụ «{service}» không phải dịch vụ nhận được; chỉ nhận: {known}.",
    "portal2026.envelope_no_data": "Gói {service} cần danh sách hồ sơ trong trường data, nhận được {kind}.",
    # services.portal: the import's outcome
    "portal2026.import_updated": "Đã cập nhật {count} hồ sơ theo dữ liệu Cổng gửi lại.",
    "portal2026.import_not_applied": "{count} hồ sơ không áp dụng được thay đổi, ví dụ {code}: {reason}",
    "portal2026.import_ignored": "Không có chỗ lưu, đã bỏ qua các trường: {fields}.",
    "portal2026.no_applicant": "(Cổng Dịch vụ công quốc gia không gửi tên chủ hồ sơ)",
    "portal2026.status_behind": "hồ sơ ở đây đang ở trạng thái {local} «{local_label}», không chuyển được sang "
    "trạng thái {portal} của Cổng; giữ nguyên.",
    "portal2026.not_in_store": "chưa có hồ sơ này trong kho; hãy nhập hồ sơ (DongBoHoSoMC) trước.",
    "portal2026.held_elsewhere": "hồ sơ đang do đơn vị {unit} giữ; giữ nguyên.",
    # services.portal: the export
    "portal2026.fee_name": "Lệ phí",
    "portal2026.bad_period": "Khoảng thời gian không hợp lệ: ngày bắt đầu {date_from} sau ngày kết thúc {date_to}.",
    "event.portal_record": "Cổng Dịch vụ công quốc gia",
    # commands.portal
    "portal2026.cli.export_help": "Xuất hồ sơ của đơn vị trong một khoảng thời gian theo định dạng của Cổng "
    "Dịch vụ công quốc gia (DongBoHoSoMC; với --updates thêm CapNhatTienDoHoSoMC).",
    "portal2026.cli.kind_help": "Loại dữ liệu xuất: portal (hồ sơ cho Cổng Dịch vụ công quốc gia).",
    "portal2026.cli.from_help": "Từ ngày (YYYY-MM-DD hoặc DD/MM/YYYY).",
    "portal2026.cli.to_help": "Đến ngày, tính cả ngày đó.",
    "portal2026.cli.updates_help": "Gửi lại các hồ sơ có thay đổi trong kỳ (isUpdating) kèm tiến độ xử lý.",
    "portal2026.cli.out_help": "Ghi ra tệp này (chỉ tài khoản của quầy đọc được) thay vì ra màn hình.",
    "portal2026.cli.saved": "Đã ghi {count} hồ sơ vào {path}.",
}
