"""Vietnamese texts of the central object store: pushing the digitised files, fetching a dossier's files
(``sync.file_push``, ``services.file_fetch``, ``counter-app sync``)."""

MESSAGES: dict[str, str] = {
    "objects.not_configured": "Chưa cấu hình kho tệp trung tâm (files.url hoặc COUNTER_APP_FILES_URL); "
    "không tải được tệp số hóa của hồ sơ.",
    "objects.not_of_dossier": "Tệp {sha256}… không thuộc thành phần hay kết quả nào của hồ sơ {code}; "
    "không tải về.",
    "objects.fetch_failed": "Chưa tải được tệp số hóa {sha256}… từ kho tệp trung tâm: {reason}. "
    "Hãy thử lại khi có kết nối.",
    "objects.fetched_corrupt": "Tệp {sha256}… tải về từ kho tệp trung tâm không khớp mã băm; không lưu.",
    # counter-app sync
    "objects.sync.pushed": "Tệp số hóa: đã tải lên {uploaded} tệp ({size}), {already} tệp kho đã có, "
    "{waiting} tệp còn chờ.",
    "objects.sync.offline": "Tệp số hóa: chưa kết nối được kho tệp trung tâm ({error}); các tệp vẫn chờ, "
    "sẽ gửi ở lượt sau.",
    "objects.sync.corrupt": "Tệp số hóa: {count} tệp trên máy bị hỏng (không khớp mã băm), không tải lên; "
    "hãy chạy `counter-app files verify` và khôi phục từ bản sao lưu.",
    "objects.status.pending": "tệp chờ gửi: {count} ({size})",
    "objects.status.last_error": "lỗi gửi tệp gần nhất: {error}",
}
