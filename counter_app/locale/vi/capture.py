"""Vietnamese texts of the capture of documents (``services.scanner``, ``services.pdf_pages``,
``services.capture``): one line each, naming the file or the scanner, saying what to do."""

MESSAGES: dict[str, str] = {
    # the scanner (services.scanner)
    "capture.no_scanimage": "Máy này chưa cài chương trình quét scanimage (gói sane-utils); "
    "hãy nhờ quản trị viên cài đặt rồi quét lại.",
    "capture.no_scanner_found": "Không tìm thấy máy quét nào; hãy kiểm tra cáp và nguồn của máy quét, "
    "hoặc đặt [scanner] device trong config.toml.",
    "capture.list_timeout": "Tìm máy quét quá {seconds} giây mà không có kết quả; "
    "hãy đặt [scanner] device trong config.toml.",
    "capture.no_device": "Không mở được máy quét «{device}» ({reason}); hãy kiểm tra máy quét đã bật, "
    "đã cắm cáp, và tên thiết bị trong [scanner] device.",
    "capture.feeder_empty": "Khay nạp giấy của máy quét đang trống; hãy đặt giấy tờ vào khay rồi quét lại.",
    "capture.busy": "Máy quét «{device}» đang bận (một chương trình khác đang dùng); hãy đợi rồi quét lại.",
    "capture.jammed": "Giấy bị kẹt trong máy quét «{device}»; hãy gỡ giấy kẹt rồi quét lại từ trang đầu.",
    "capture.cover_open": "Nắp máy quét «{device}» đang mở; hãy đóng nắp rồi quét lại.",
    "capture.bad_option": "Máy quét «{device}» không nhận tùy chọn {option}; "
    "hãy sửa mục [scanner] trong config.toml (xem scanimage -d {device} --help).",
    "capture.timeout": "Máy quét «{device}» không trả về trang nào sau {seconds} giây; "
    "đã dừng quét, chưa lưu trang nào.",
    "capture.cancelled": "Đã hủy quét; chưa lưu trang nào.",
    "capture.no_pages": "Máy quét không trả về trang nào; hãy kiểm tra giấy tờ đã đặt đúng chỗ rồi quét lại.",
    "capture.scan_failed": "Quét không thành công ({reason}); chưa lưu trang nào.",
    # the files (services.pdf_pages, services.capture)
    "capture.nothing_given": "Chưa chọn tệp nào; chưa lưu.",
    "capture.missing_file": "Không tìm thấy «{name}»; chưa lưu.",
    "capture.unreadable": "Không đọc được «{name}» ({reason}); chưa lưu.",
    "capture.too_large": "Tệp «{name}» quá lớn ({size_mb} MB, tối đa {limit_mb} MB); chưa lưu.",
    "capture.unsupported": "Tệp «{name}» không phải PDF hay ảnh (PNG, JPEG, TIFF, WebP, BMP, GIF); chưa lưu.",
    "capture.not_pdf": "Tệp «{name}» có đuôi .pdf nhưng không phải tệp PDF; chưa lưu.",
    "capture.pdf_encrypted": "Tệp «{name}» là PDF có mật khẩu hoặc bị mã hóa; "
    "hãy đề nghị gửi bản không đặt mật khẩu. Chưa lưu.",
    "capture.pdf_damaged": "Tệp PDF «{name}» bị hỏng, không đọc được; chưa lưu.",
    "capture.pdf_empty": "Tệp PDF «{name}» không có trang nào; chưa lưu.",
    "capture.image_damaged": "Ảnh «{name}» bị hỏng hoặc không đọc được; chưa lưu.",
    "capture.image_too_big": "Ảnh «{name}» quá lớn (hơn {limit} triệu điểm ảnh); "
    "hãy chụp hoặc quét với độ phân giải thấp hơn. Chưa lưu.",
    "capture.empty_folder": "Thư mục «{name}» không có tệp nào; chưa lưu.",
    "capture.too_many_pages": "Thành phần hồ sơ quá {limit} trang; chưa lưu. Hãy chia thành nhiều lần.",
    "capture.result_too_large": "Tệp PDF ghép được quá lớn ({size_mb} MB, tối đa {limit_mb} MB); chưa lưu. "
    "Hãy quét ở chế độ Gray hoặc độ phân giải thấp hơn.",
    "capture.no_drop_folder": "Chưa đặt thư mục nhận tệp của máy quét ([scanner] drop_folder trong config.toml).",
}
