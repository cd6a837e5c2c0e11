"""Texts of a dossier leaving the unit (issue 15): recalling a handover not answered yet, the flag of a handover
sent back, and a result returned by post (``services.handover``, ``services.workflow``, ``sync.central_rules``,
``screens.dossier``, ``screens.handover_inbox``, ``screens.return_result``)."""

MESSAGES: dict[str, str] = {
    # services.handover: recall
    "leaving.recall.accepted": "Không thu hồi được hồ sơ {code}: {unit} đã tiếp nhận hồ sơ. Đề nghị {unit} "
    "chuyển trả lại nếu cần.",
    "leaving.recall.nothing": "Hồ sơ {code} không có lần bàn giao nào đang chờ tiếp nhận để thu hồi.",
    # services.handover: a handover sent back
    "leaving.sent_back.nothing": "Hồ sơ {code} không có lần bàn giao bị trả lại nào cần ghi nhận.",
    # services.workflow: return by post
    "leaving.field.item_code": "Mã bưu gửi",
    "leaving.field.posted_on": "Ngày giao bưu điện",
    "leaving.field.delivered_on": "Ngày bưu điện phát thành công",
    "leaving.post.code_empty": "{field}: chưa nhập.",
    "leaving.post.code_shape": "{field} «{value}» không đúng dạng S10: 2 chữ cái, 9 chữ số, 2 chữ cái "
    "(ví dụ EB123456785VN).",
    "leaving.post.code_check_digit": "{field} «{value}» sai chữ số kiểm tra (chữ số thứ 9 của phần số): "
    "xem lại mã in trên bưu gửi.",
    "leaving.post.code_country": "{field} «{value}» không phải mã bưu gửi của Bưu điện Việt Nam "
    "(phải kết thúc bằng VN).",
    "leaving.post.bad_day": "{field} «{value}» không hợp lệ: cần dạng ngày/tháng/năm (dd/mm/yyyy).",
    "leaving.post.future_day": "{field} {day} sau ngày hôm nay.",
    "leaving.post.not_by_post": "Hồ sơ {code} không đăng ký nhận kết quả qua dịch vụ bưu chính công ích.",
    "leaving.post.already_posted": "Kết quả hồ sơ {code} đã giao bưu điện ngày {day}, mã bưu gửi {item}.",
    "leaving.post.before_ready": "{field} không được trước ngày có kết quả ({day}).",
    "leaving.post.not_posted": "Kết quả hồ sơ {code} chưa giao bưu điện: ghi việc giao bưu điện trước.",
    "leaving.post.before_posted": "{field} không được trước ngày giao bưu điện ({day}).",
    "leaving.post.with_post": "Kết quả hồ sơ {code} đã giao bưu điện (mã bưu gửi {item}): chỉ ghi trả kết quả "
    "khi bưu điện xác nhận đã phát.",
}
