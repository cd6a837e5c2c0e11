"""Vietnamese texts of the online dossiers' review (issue 15): the 8-working-hour reception deadline in F6 and in
the dossier view, the review screen's keys and outcomes, the fee of a dossier whose import had no payment data
(``screens.online_review``, ``screens.handover_inbox``, ``screens.dossier``, ``services.inbox``)."""

MESSAGES: dict[str, str] = {
    # screens.handover_inbox: the reception deadline column
    "online_review.col.deadline": "Hạn tiếp nhận",
    # screens.dossier / screens.online_review: an online dossier not yet taken in
    "online_review.submitted_line": "Nộp trực tuyến lúc {when} qua Cổng Dịch vụ công",
    "online_review.due_pending": "Hẹn trả: (tính khi tiếp nhận)",
    "online_review.due_none": "Hẹn trả: không có (hồ sơ chưa được tiếp nhận)",
    "online_review.deadline_line": "Hạn tiếp nhận (8 giờ làm việc): {deadline}",
    "online_review.summary": "Trích yếu: {summary}",
    "online_review.fee_unknown": "{amount} (chưa có thông tin nộp phí)",
    # screens.online_review: keys and outcomes
    "online_review.key.accept": "Tiếp nhận, in phiếu",
    "online_review.key.refuse": "Từ chối",
    "online_review.help": "Xem xét hồ sơ nộp trực tuyến (F6, Enter)",
    "online_review.accepted": "Đã tiếp nhận hồ sơ trực tuyến {code}; hẹn trả {due}.",
    "online_review.refused": "Đã từ chối tiếp nhận hồ sơ trực tuyến {code}.",
    "online_review.not_online": "Hồ sơ {code} không phải hồ sơ nộp trực tuyến đang chờ tiếp nhận.",
}
