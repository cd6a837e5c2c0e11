"""Vietnamese texts of the law as it stands in 2026: the Government's published calendar (days off and
make-up working days) and the Decision 766/QĐ-TTg groups and indicators."""

MESSAGES: dict[str, str] = {
    # --- the published calendar (counter-app calendar official) ---------------------------------------------
    "cli.calendar.official_help": "liệt kê lịch nghỉ, làm bù do Chính phủ công bố mà ứng dụng đã có sẵn, kèm căn cứ",
    "cli.calendar.official_version": "Lịch công bố, phiên bản dữ liệu {version}",
}
