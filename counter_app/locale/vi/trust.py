"""Vietnamese texts of the trust rules: what the central store refuses, signed chain heads, the audit's new
checks (``sync.central_rules``, ``services.anchors``, ``services.audit``)."""

MESSAGES: dict[str, str] = {
    # an event the central store's own rules refused (sync.central_rules → sync.central.refusal_text)
    "trust.refused.not_own_unit": "Quầy của đơn vị {unit} không được ghi sự kiện nhân danh đơn vị {event_unit}.",
    "trust.refused.bad_payload": "Nội dung sự kiện «{type}» không đúng dạng.",
    "trust.refused.unknown_field": "Sự kiện ghi vào trường «{field}» không có trong hồ sơ.",
    "trust.refused.bad_hash": "Mã băm của sự kiện không khớp nội dung (dữ liệu bị sửa?).",
    "trust.refused.unsafe_text": "Sự kiện «{type}» chứa ký tự điều khiển hoặc ký tự ẩn (không được lưu).",
    "trust.refused.citizen_not_visible": "Hồ sơ gắn với một công dân mà đơn vị không được xem.",
    "trust.refused.chain": "Hồ sơ đã thay đổi ở nơi khác (sự kiện {seq}, kho trung tâm đang ở sự kiện {central}).",
    "trust.refused.not_first": "Hồ sơ chưa có ở kho trung tâm; sự kiện «{type}» không thể mở đầu hồ sơ.",
    "trust.refused.first_not_own": "Sự kiện đầu tiên của hồ sơ phải do chính đơn vị tiếp nhận ({unit}) ghi.",
    "trust.refused.not_custodian": "Đơn vị {unit} không giữ hồ sơ (đơn vị đang giữ: {custodian}).",
    "trust.refused.set_once": "Trường «{field}» chỉ được ghi khi tiếp nhận hồ sơ.",
    "trust.refused.custody_moved": "Sự kiện «{type}» không được chuyển quyền giữ hồ sơ; chỉ việc nhận bàn "
    "giao mới chuyển.",
    "trust.refused.bad_handover": "Thông tin bàn giao của sự kiện «{type}» không khớp với hồ sơ.",
    "trust.refused.after_refused": "Sự kiện trước của hồ sơ trong cùng lô đã bị từ chối.",
    # signed chain heads (services.anchors, sync.central._keep_anchor)
    "trust.anchor.other_unit": "Chữ ký đầu chuỗi nhân danh đơn vị {unit}, không phải đơn vị của quầy.",
    "trust.anchor.heads_differ": "Chữ ký đầu chuỗi không khớp với các sự kiện gửi kèm.",
    "trust.anchor.unknown_key": "Kho trung tâm chưa có khóa công khai {key_id} của quầy.",
    "trust.anchor.digest_differs": "Nội dung chữ ký đầu chuỗi đã bị sửa.",
    "trust.anchor.bad_signature": "Chữ ký đầu chuỗi không hợp lệ với khóa {key_id}.",
}
MESSAGES.update(
    {
        # audit verify: the view log, signed heads, the store against the central store (services.audit_chains)
        "trust.audit.access_log": "Nhật ký xem dữ liệu công dân",
        "trust.audit.access_gap": "{code}: thiếu mục số {seq} (mục tiếp theo là số {found}); có mục đã bị xóa.",
        "trust.audit.access_edited": "{code}: mục số {seq} đã bị sửa sau khi ghi (mã băm không khớp).",
        "trust.audit.access_link": "{code}: mục số {seq} không nối với mục trước (có mục bị xóa hoặc chèn).",
        "trust.audit.documents_differ": "Hồ sơ {code}: thành phần hồ sơ trong kho khác với lịch sử sự kiện "
        "(đã bị sửa trực tiếp).",
        "trust.audit.handovers_differ": "Hồ sơ {code}: phiếu bàn giao trong kho khác với lịch sử sự kiện "
        "(có phiếu bị thêm hoặc xóa trực tiếp).",
        "trust.audit.handover_field": "Hồ sơ {code}: trường «{field}» của phiếu bàn giao khác với lịch sử sự kiện.",
        "trust.audit.anchor_unknown_key": "{code}: chữ ký đầu chuỗi dùng khóa {key_id} không có trong kho.",
        "trust.audit.anchor_bad_signature": "{code}: chữ ký đầu chuỗi không hợp lệ với khóa {key_id} "
        "(nội dung đã bị sửa).",
        "trust.audit.anchor_missing": "{code}: chữ ký đầu chuỗi liền trước của quầy không còn trong kho "
        "(đã bị xóa).",
        "trust.audit.dossier_deleted": "Hồ sơ {code}: đã có chữ ký đầu chuỗi tới sự kiện số {seq} nhưng hồ sơ "
        "không còn trong kho (đã bị xóa).",
        "trust.audit.signed_event_missing": "Hồ sơ {code}: sự kiện số {seq} đã được quầy ký xác nhận nhưng không "
        "còn trong kho (đã bị xóa).",
        "trust.audit.signed_event_changed": "Hồ sơ {code}: sự kiện số {seq} khác với sự kiện quầy đã ký xác nhận "
        "(lịch sử đã bị viết lại).",
        "trust.audit.unsigned_event": "Hồ sơ {code}: sự kiện số {seq} không được quầy nào ký xác nhận khi gửi "
        "(được ghi thẳng vào kho).",
        # audit verify --central (commands.audit)
        "trust.cli.central_help": "đối chiếu thêm với kho trung tâm (URL, mặc định COUNTER_APP_CENTRAL_URL): "
        "chuỗi của kho trung tâm và chữ ký đầu chuỗi của các quầy",
        "trust.cli.central_or_code": "--central kiểm tra toàn bộ kho; không dùng cùng --code.",
    }
)
