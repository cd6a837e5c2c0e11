"""Texts of the unit boundaries and of refused events: what the central store sent back, and why.

Where a dossier outside the officer's unit is asked for, the answer is the same «not found» as for a code
nobody issued (``lookup.dossier_not_found``): no text here says "forbidden".
"""

MESSAGES: dict[str, str] = {
    # the dossier screen: events the central store refused
    "bounds.dossier.refused_title": "Sự kiện bị kho trung tâm từ chối",
    "bounds.dossier.refused_count": "{count} sự kiện không được ghi nhận",
    "bounds.dossier.refused_what": "{when} · {what} · {who}",
    "bounds.dossier.refused_why": "Bị từ chối lúc {at}. Lý do: {reason}",
    "bounds.dossier.needs_attention": "Cần xem lại: {note}",
    "bounds.dossier.withdraw_refused_other": "Việc rút hồ sơ ghi ở quầy này không được kho trung tâm ghi nhận: "
    "đơn vị đang giữ hồ sơ là {unit}, việc rút hồ sơ phải do {unit} ghi nhận. Hãy chuyển đề nghị rút hồ sơ "
    "của công dân (đơn, lý do) cho {unit} để đơn vị đó ghi nhận.",
    "bounds.dossier.withdraw_refused_own": "Việc rút hồ sơ ghi ở quầy này không được kho trung tâm ghi nhận; "
    "{unit} đang giữ hồ sơ: có thể ghi nhận lại việc rút hồ sơ (phím U).",
    "bounds.dossier.handover_returned": "{unit} đã trả lại hồ sơ bàn giao lúc {when}: {reason}",
    # the inbox: our own handovers sent back
    "bounds.inbox.returned_from": "Bị trả lại: {unit}",
    "bounds.inbox.returned_count": "{count} hồ sơ bàn giao bị trả lại",
    "bounds.inbox.returned_no_answer": "Hồ sơ {code} là hồ sơ đơn vị mình đã chuyển và bị trả lại: mở hồ sơ "
    "(Enter) để xử lý tiếp hoặc chuyển lại.",
    # the supervisor's screen
    "bounds.live.refused": "Sự kiện bị từ chối khi đồng bộ",
    "bounds.live.refused_count": "{count} sự kiện · {dossiers} hồ sơ",
    "bounds.live.col.event": "Nội dung",
    "bounds.live.col.at": "Từ chối lúc",
    "bounds.live.col.reason": "Lý do",
    # counter-app sync --status
    "bounds.sync.rejected_hint": "Có {count} sự kiện bị kho trung tâm từ chối: xem lý do trên màn hình hồ sơ "
    "(F4) hoặc bằng «counter-app sync --status --json».",
}
