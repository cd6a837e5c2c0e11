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
    # services.backup.reseat, counter-app restore
    "storage.reseat_printed": "Các tệp đã in ({dir}): {count} mã hồ sơ của quầy.",
    "storage.reseat_no_printed": "Không có tệp đã in nào trong {dir}.",
    "storage.reseat_central": "Kho trung tâm: {count} hồ sơ do quầy tiếp nhận.",
    "storage.reseat_central_unreachable": "Không đọc được kho trung tâm ({reason}).",
    "storage.reseat_no_central": "Chưa cấu hình kho trung tâm.",
    "storage.reseat_fresh": "Không có tệp đã in nào cho biết các số đã cấp sau bản sao lưu: mã hồ sơ hôm nay của "
    "quầy tiếp tục từ số {first}, số thứ tự sổ theo dõi năm {year} nhảy thêm {margin}.",
    "storage.reseat_failed": "Đã khôi phục kho dữ liệu nhưng chưa nâng được bộ đếm mã hồ sơ ({reason}); trước khi "
    "tiếp nhận hồ sơ, hãy chạy: counter-app restore --reseat",
    "storage.restore_not_done": "Chưa khôi phục: kho dữ liệu {path} vẫn nguyên như trước ({reason}); "
    "không có tệp nào bị thay.",
    "storage.restore_unflushed": "Đã đặt bản sao lưu vào chỗ kho dữ liệu {path} nhưng chưa ghi chắc được thư mục "
    "xuống đĩa ({reason}); hãy chạy counter-app audit verify trước khi làm việc.",
    "storage.prune_failed": "Đã xóa {removed} bản sao lưu cũ; không xóa được {path} ({reason}).",
    "storage.backup_not_written": "Không tạo được bản sao lưu trong {path} ({reason}); bản sao dở đã được xóa, "
    "kho dữ liệu không bị thay đổi.",
}
