"""Vietnamese texts of the digitised files (``services.file_store``, ``counter-app files``)."""

MESSAGES: dict[str, str] = {
    "files.bad_hash": "Mã tệp «{value}» không phải mã băm SHA-256 (64 chữ số hệ 16).",
    "files.disk_full": "Ổ đĩa sắp đầy: còn {free_mb} MB, cần giữ lại {reserve_mb} MB; chưa lưu tệp. "
    "Hãy giải phóng dung lượng hoặc chuyển dữ liệu sang ổ lớn hơn.",
    "files.source_changed": "Tệp nguồn thay đổi trong khi đang sao chép; chưa lưu, hãy thử lại.",
    "files.not_written": "Không ghi được tệp số hóa: {reason}; chưa lưu tệp nào.",
    "files.missing": "Không có tệp số hóa {sha256}… trong kho tệp.",
    "files.unreadable": "Không đọc được tệp số hóa {sha256}…: {reason}.",
    "files.corrupt": "Tệp số hóa {sha256}… đã bị hỏng (nội dung không khớp mã băm); không hiển thị. "
    "Hãy chạy `counter-app files verify` và khôi phục từ bản sao lưu.",
    # the dossier's files (services.dossier_files)
    "files.reuse_not_held": "Giấy tờ «{name}» không có trong kho dữ liệu của công dân này; không dùng lại được.",
    "files.reuse_expired": "Giấy tờ «{name}» đã hết hiệu lực ngày {day}; không dùng lại được, cần bản mới.",
    "files.component_missing": "Chưa có tệp số hóa của thành phần «{name}» trong kho tệp; hãy quét lại.",
    "files.dossier_closed": "Hồ sơ {code} đã có kết quả hoặc đã kết thúc; không bổ sung tệp thành phần được nữa.",
    "files.no_component": "Không có thành phần số {position} (hồ sơ có {count} thành phần).",
    "files.result_title": "Kết quả: {procedure}",
    "files.result_missing": "Chưa có tệp số hóa của kết quả trong kho tệp; hãy quét lại.",
    "files.result_not_ready": "Hồ sơ {code} chưa có kết quả; chưa số hóa kết quả được.",
    # counter-app files verify (commands.files)
    "files.help": "tệp số hóa của quầy (lưu theo mã băm nội dung)",
    "files.verify_help": "tính lại mã băm của mọi tệp số hóa và báo tệp hỏng, lạc chỗ hoặc không đọc được",
    "files.verify.ok": "OK: {files} tệp, {size}.",
    "files.verify.failed": "PHÁT HIỆN SAI LỆCH: {count} tệp có vấn đề trong {files} tệp.",
    "files.verify.progress": "Đã kiểm tra {files} tệp…",
    "files.verify.corrupt": "{name}: nội dung không khớp mã băm (tệp bị hỏng).",
    "files.verify.stray": "{name}: không phải tệp của kho (tên không phải mã băm hoặc sai thư mục).",
    "files.verify.unreadable": "{name}: không đọc được.",
    "files.backup_copied": "Tệp số hóa: đã sao {count} tệp mới vào {path}.",
    "files.restore_copied": "Tệp số hóa: đã khôi phục {count} tệp từ {path}.",
}
