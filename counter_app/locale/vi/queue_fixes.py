"""Vietnamese texts of the queue fixes (issue 15): transfers, F2 over an unsaved intake, printed tickets
(``services.queue``, ``services.printing_service``, ``screens.counter``, ``app``)."""

MESSAGES: dict[str, str] = {
    # services.queue
    "queue_fixes.no_such_counter": "Đơn vị không có quầy số {number}.",
    # app: F2
    "queue_fixes.transfer_arrived": "Số {number} được chuyển đến quầy này: mời công dân số {number} đến quầy.",
    "queue_fixes.confirm_call_over_intake": (
        "Hồ sơ đang tiếp nhận{ticket} chưa được lưu. Gọi số tiếp theo và bỏ hồ sơ đang nhập? "
        "(C: có · K hoặc Esc: không, tiếp tục tiếp nhận)"
    ),
    "queue_fixes.for_ticket": " cho số {number}",
    # screens.counter / services.printing_service: the printed ticket
    "queue_fixes.ticket_printed": "Đã in phiếu số {number} ra máy in nhiệt.",
    "queue_fixes.ticket_saved": "Phiếu số {number} đã được lưu thành tệp PDF: {path}",
    "queue_fixes.ticket_print_failed": "Số {number} đã được cấp nhưng không in được phiếu: {error}",
    # the status bar: who is logged in, by role; a counter with no central store (issue 15)
    "queue_fixes.status.officer": "Cán bộ: {name}",
    "queue_fixes.status.supervisor": "Giám sát: {name}",
    "queue_fixes.status.admin": "Quản trị: {name}",
    "queue_fixes.status.standalone": "Không đồng bộ (máy độc lập)",
    # counter-app print catalogue (issue 15)
    "queue_fixes.catalogue_empty": "Đơn vị chưa có thủ tục nào đang tiếp nhận; chưa in được danh mục.",
    "queue_fixes.catalogue_help": "in danh mục thủ tục hành chính (áp phích có mã QR) của đơn vị",
}
