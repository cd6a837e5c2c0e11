"""Texts of the store's own health: the check at opening, the marker of a store that existed, the log file,
what a restore did to the counter's numbering."""

MESSAGES: dict[str, str] = {
    # services.store_health
    "storage.store_corrupt": "Tệp kho dữ liệu {path} bị hỏng (PRAGMA quick_check: {detail}); chưa mở và chưa ghi "
    "gì vào đó. Hãy đóng ứng dụng rồi khôi phục bản sao lưu gần nhất: {restore}",
    "storage.store_missing": "Không thấy tệp kho dữ liệu {path}, dù quầy này đã có kho ở đó (dấu hiệu {marker}); "
    "không tạo kho rỗng thay thế. Hãy khôi phục bản sao lưu gần nhất: {restore}",
    "storage.store_empty": "Tệp kho dữ liệu {path} rỗng (0 byte), dù quầy này đã có kho ở đó (dấu hiệu {marker}); "
    "không tạo kho rỗng thay thế. Hãy khôi phục bản sao lưu gần nhất: {restore}",
    # commands.context.log_to_file
    "storage.log_unavailable": "cảnh báo: không ghi được nhật ký vào {path} ({reason}); lệnh vẫn chạy, "
    "không ghi nhật ký.",
}
