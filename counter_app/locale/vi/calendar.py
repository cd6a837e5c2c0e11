"""The province's calendar: days off and make-up working days (``counter-app calendar``, the admin screen)."""

MESSAGES: dict[str, str] = {
    "calendar.note_chars": "Ghi chú có ký tự điều khiển; hãy gõ lại.",
    "calendar.note_too_long": "Ghi chú dài quá {limit} ký tự.",
    "calendar.already_working": "Ngày {day:%d/%m/%Y} đã là ngày làm việc.",
    "calendar.already_off": "Ngày {day:%d/%m/%Y} đã là ngày nghỉ.",
    "calendar.not_declared": "Ngày {day:%d/%m/%Y} không có trong lịch riêng của tỉnh.",
}
