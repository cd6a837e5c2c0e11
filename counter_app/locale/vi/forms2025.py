"""Vietnamese texts of the Circular 03/2025/TT-VPCP form set, the stop flow (Mẫu 05) and the control sheet rows.

Titles are those of Phụ lục I of Circular 03/2025/TT-VPCP as published (see
``counter_app/printing/formsets/tt03_2025.py`` for the sources).  The bodies of Mẫu 04 and Mẫu 05 marked
«wording ours» below could not be read from the Circular and are written here after the forms' titles; replace
them when the text is at hand.
"""

MESSAGES: dict[str, str] = {
    # --- form sets ------------------------------------------------------------------------------------
    "forms2025.unknown_set": "Không có bộ biểu mẫu «{basis}»; các bộ hiện có: {known}.",
    "forms2025.no_such_form": "Bộ biểu mẫu {basis} không có mẫu này ({kind}).",
    "forms2025.mark": "Mẫu số {number} — {citation}",
    "forms2025.citation.tt01_2018": "Thông tư số 01/2018/TT-VPCP",
    "forms2025.citation.tt03_2025": "Thông tư số 03/2025/TT-VPCP",
    "forms2025.office.centre": "Trung tâm Phục vụ hành chính công {name}",
    "forms2025.header.centre": "Trung tâm Phục vụ hành chính công",
    # --- Mẫu 01 (2025): the code is the citizen's look-up key (Decree 309/2026, per the issue) ---------
    "forms2025.receipt.lookup": (
        "Dùng mã hồ sơ này để tra cứu tình trạng giải quyết hồ sơ trên Cổng Dịch vụ công quốc gia."
    ),
    # --- Mẫu 04 (2025): apology and request to extend the time limit (wording ours) -------------------
    "forms2025.apology.title": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    "forms2025.apology.sorry": (
        "{unit} xin lỗi Ông/Bà vì sự chậm trễ này và đề nghị gia hạn thời gian giải quyết hồ sơ đến "
    ),
    "forms2025.apology.thanks": "Rất mong Ông/Bà thông cảm. Xin trân trọng cảm ơn./.",
    # --- Mẫu 05 (2025): notice that processing stops (wording ours) -----------------------------------
    "forms2025.stop.title": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "forms2025.stop.body": "{unit} thông báo dừng giải quyết hồ sơ nêu trên của Ông/Bà.",
    "forms2025.stop.closing": (
        "Mọi vướng mắc, Ông/Bà liên hệ {office} để được hướng dẫn. Xin thông báo để Ông/Bà được biết./."
    ),
    # --- the stop flow on the screens ---------------------------------------------------------------
    "forms2025.key.stop": "Dừng xử lý",
    "forms2025.stop_dialog.title": "Dừng giải quyết hồ sơ (Mẫu 05)",
    "forms2025.stop_dialog.prompt": "Lý do dừng giải quyết hồ sơ {code}:",
    "forms2025.reason.stop.1": "Theo đề nghị dừng giải quyết của người nộp hồ sơ",
    "forms2025.reason.stop.2": "Hồ sơ thuộc trường hợp phải dừng giải quyết theo quy định",
    "dossier.done.stop": "Đã dừng giải quyết hồ sơ {code}.",
    "print.done.stop": "Đã tạo thông báo dừng giải quyết hồ sơ (PDF): {path}",
    "print.failed.stop": "Chưa in được thông báo dừng giải quyết hồ sơ",
    "print.done.control": "Đã tạo phiếu kiểm soát quá trình giải quyết hồ sơ (PDF): {path}",
    "print.failed.control": "Chưa in được phiếu kiểm soát quá trình giải quyết hồ sơ",
    # --- Mẫu 06 (2025) / Mẫu 05 (2018): rows from the dossier's history ------------------------------
    "forms2025.control.applicant": "Người nộp hồ sơ: {name}",
    "forms2025.control.note.supplement": "Yêu cầu bổ sung: {reason}",
    "forms2025.control.note.sent_back": "Trả lại: {reason}",
    "forms2025.control.note.waiting": "Chờ đơn vị nhận",
    "forms2025.control.note.extended": "Gia hạn đến {due}: {reason}",
    "forms2025.control.note.stopped": "Dừng giải quyết: {reason}",
    "forms2025.control.note.result": "Đã có kết quả",
    "forms2025.control.note.returned": "Đã trả kết quả",
}
