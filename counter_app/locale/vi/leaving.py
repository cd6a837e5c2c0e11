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
    # sync.central / sync.central_rules: what the central store refuses
    "leaving.refused.recall_accepted": "Không thu hồi được hồ sơ {code}: đơn vị nhận đã tiếp nhận hồ sơ trước khi "
    "việc thu hồi đến kho trung tâm.",
    "leaving.refused.recall_returned": "Không cần thu hồi hồ sơ {code}: đơn vị nhận đã trả lại hồ sơ trước khi việc "
    "thu hồi đến kho trung tâm.",
    "leaving.refused.answer_recalled": "Hồ sơ {code} đã được đơn vị chuyển thu hồi trước khi việc trả lời bàn giao "
    "đến kho trung tâm.",
    "leaving.refused.recall_not_waiting": "Không thu hồi được: hồ sơ không có lần bàn giao nào đang chờ tiếp nhận.",
    "leaving.refused.bad_note": "Việc ghi nhận hồ sơ bị trả lại không khớp với lần bàn giao bị trả lại nào của hồ sơ.",
    "leaving.refused.bad_post": "Thông tin giao bưu điện không hợp lệ (mã bưu gửi, hình thức nhận kết quả hoặc "
    "trạng thái hồ sơ).",
    "leaving.refused.post_fields": "Mã bưu gửi và ngày giao bưu điện chỉ được ghi khi giao kết quả cho bưu điện.",
    "leaving.refused.post_return": "Việc trả kết quả không khớp với bưu gửi: hồ sơ đã giao bưu điện chỉ được ghi "
    "trả khi bưu điện phát, hồ sơ chưa giao bưu điện thì không.",
    # screens.dossier / screens.handover_inbox: keys, dialogs, notices
    "leaving.key.recall": "Thu hồi bàn giao",
    "leaving.key.note_sent_back": "Đã xem trả lại",
    "leaving.recall.title": "Thu hồi hồ sơ đã chuyển",
    "leaving.recall.prompt": "Lý do thu hồi hồ sơ {code} đã chuyển cho {unit} (đơn vị nhận chưa tiếp nhận):",
    "leaving.recall.suggestion": "Chuyển nhầm đơn vị",
    "dossier.done.recall": "Đã thu hồi hồ sơ {code} đã chuyển cho {unit}; đơn vị mình tiếp tục giữ hồ sơ.",
    "dossier.done.note_sent_back": "Đã ghi nhận hồ sơ {code} bị trả lại.",
    "leaving.sent_back.hint": "Phím O: đã xem.",
    "leaving.sent_back.pick_row": "Chọn một dòng «Bị trả lại» để ghi nhận đã xem.",
    "leaving.sent_back.noted": "Đã ghi nhận hồ sơ {code} bị trả lại; dòng này không còn trong danh sách.",
    # the dossier's history (event.<type>)
    "event.handover_recalled": "Thu hồi hồ sơ bàn giao",
    "event.handover_return_noted": "Ghi nhận hồ sơ bàn giao bị trả lại",
    "event.posted": "Giao kết quả cho bưu điện",
    # screens.return_result (F5): a result returned by post
    "leaving.post.title": "Trả kết quả qua dịch vụ bưu chính công ích",
    "leaving.post.item_label": "Mã bưu gửi (in trên bưu gửi, ví dụ EB123456785VN):",
    "leaving.post.posted_label": "Ngày giao bưu điện (ngày/tháng/năm):",
    "leaving.post.delivered_label": "Ngày bưu điện phát thành công cho người nhận (ngày/tháng/năm):",
    "leaving.post.posted_line": "Đã giao bưu điện ngày {day}, mã bưu gửi {item}: chờ bưu điện xác nhận đã phát.",
    "leaving.post.address_line": "Địa chỉ nhận kết quả: {address}",
    "leaving.post.keys": "F10 ghi nhận giao kết quả cho bưu điện · Esc quay lại",
    "leaving.post.keys_delivered": "F10 ghi nhận bưu điện đã phát (là ngày trả kết quả) · Esc quay lại",
    "leaving.post.posted_done": "Đã ghi nhận giao kết quả hồ sơ {code} cho bưu điện.",
    "leaving.post.delivered_done": "Đã trả kết quả hồ sơ {code} qua bưu điện.",
    "leaving.help.post": "Kết quả gửi qua bưu điện: ghi mã bưu gửi và ngày giao bưu điện, sau đó ngày bưu điện phát",
    # services.printing_service: the control sheet (Mẫu 06)
    "leaving.control.recalled": "Đơn vị chuyển thu hồi lúc {when}: {reason}",
    "leaving.control.post": "Bưu chính công ích (mã bưu gửi {item})",
    "leaving.control.delivered": "Bưu điện phát ngày {day} (ghi nhận: {who})",
    # services.reports: the tracking ledger's note
    "leaving.ledger.by_post": "Trả qua bưu điện, mã bưu gửi {item}",
}
