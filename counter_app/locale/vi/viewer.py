"""Vietnamese texts of the document viewer (``screens.document_viewer``) and of the services it calls
(``services.document_pages``, ``services.document_files``, ``services.desktop_viewer``)."""

MESSAGES: dict[str, str] = {
    # services.document_pages
    "viewer.pdf_damaged": "Tệp PDF bị hỏng, bị cắt cụt hoặc có mật khẩu; không hiển thị được.",
    "viewer.no_such_page": "Tài liệu có {pages} trang, không có trang {page}.",
    "viewer.page_damaged": "Trang {page} của tài liệu bị hỏng; không hiển thị được.",
    # services.document_files
    "viewer.bad_reference": "Tham chiếu tệp của tài liệu không hợp lệ; không mở được.",
    "viewer.owner_required": "Cần cho biết tài liệu thuộc hồ sơ nào hoặc của công dân nào để mở.",
    "viewer.not_in_dossier": "Hồ sơ {code} không có tài liệu này.",
    "viewer.not_the_citizens": "Không tìm thấy tài liệu này trong dữ liệu số hóa của công dân.",
    "viewer.purpose.dossier": "Xem tài liệu số hóa của hồ sơ",
    "viewer.purpose.citizen": "Xem tài liệu số hóa của công dân",
    # services.desktop_viewer
    "viewer.no_desktop": "Máy này không có màn hình đồ họa để mở trình xem PDF; hãy xem tài liệu tại đây.",
    "viewer.open_failed": "Không mở được trình xem PDF của máy: {reason}.",
    # screens.document_viewer
    "viewer.opened_outside": "Đã mở tài liệu bằng trình xem PDF của máy.",
    "viewer.not_ready": "Tài liệu đang được mở; hãy thử lại sau giây lát.",
    "viewer.loading": "Đang mở tài liệu…",
    "viewer.not_shown": "Không hiển thị được tài liệu.",
    "viewer.page": "Trang {page}/{pages}",
    "viewer.zoom": "Cỡ {percent} %",
    "viewer.key.next": "Trang sau",
    "viewer.key.previous": "Trang trước",
    "viewer.key.first": "Trang đầu",
    "viewer.key.last": "Trang cuối",
    "viewer.key.zoom_in": "Phóng to",
    "viewer.key.zoom_out": "Thu nhỏ",
    "viewer.key.open_outside": "Mở ngoài",
    "viewer.key.close": "Đóng",
}
