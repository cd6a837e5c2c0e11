"""Vietnamese texts of ``counter-app serve`` (issue 16): the board page, the kiosk, device pairing
(``counter_app.web``, ``commands.serve``, ``services.web_devices``)."""

MESSAGES: dict[str, str] = {
    # services.web_devices
    "web.devices_unreadable": "Không đọc được danh sách thiết bị đã ghép nối ({path}): {error}",
    "web.bad_device_name": (
        "Tên thiết bị «{name}» không hợp lệ: dùng chữ không dấu, số, dấu chấm, gạch nối (tối đa 40 ký tự)."
    ),
    "web.bad_device_kind": "Loại thiết bị «{kind}» không hợp lệ; chọn một trong: {kinds}.",
    "web.no_such_device": "Không có thiết bị nào tên «{name}» đã được ghép nối.",
    # commands.serve
    "web.cli.serve_help": (
        "máy chủ web của bộ phận một cửa: bảng gọi số (/board) và máy lấy số (/kiosk) cho thiết bị của công dân"
    ),
    "web.cli.host_help": "địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này; địa chỉ khác cần thiết bị đã ghép nối)",
    "web.cli.port_help": "cổng lắng nghe (mặc định 8765)",
    "web.cli.require_token_help": (
        "đòi mã thiết bị ngay cả khi chỉ lắng nghe trên 127.0.0.1 (khi có máy chủ trung gian chuyển tiếp)"
    ),
    "web.cli.pair_help": "ghép nối một thiết bị (màn hình, máy lấy số, máy đánh giá): in mã của nó một lần",
    "web.cli.device_help": "tên thiết bị, ví dụ kiosk-1",
    "web.cli.kind_help": "loại thiết bị: board (bảng gọi số), kiosk (máy lấy số), rating (máy đánh giá)",
    "web.cli.unpair_help": "hủy ghép nối một thiết bị: mã của nó không dùng được nữa",
    "web.cli.devices_help": "liệt kê các thiết bị đã ghép nối",
    "web.cli.paired": "Đã ghép nối thiết bị {name} ({kind}). Mã thiết bị (chỉ hiện lần này): {token}",
    "web.cli.pair_url": "Mở trên thiết bị một lần: http://<địa-chỉ-máy-chủ>:<cổng>/pair?token={token}",
    "web.cli.pair_url_rating": (
        "Mở trên máy tính bảng một lần: http://<địa-chỉ-máy-chủ>:<cổng>/pair?token={token}&counter=<số quầy>"
    ),
    "web.cli.unpaired": "Đã hủy ghép nối thiết bị {name}.",
    "web.cli.no_devices": "Chưa có thiết bị nào được ghép nối.",
    "web.cli.needs_pairing": (
        "Lắng nghe trên {host} (ngoài máy này) cần ít nhất một thiết bị đã ghép nối: "
        "chạy «counter-app serve pair --device TÊN --kind board|kiosk» trước."
    ),
    "web.cli.cannot_listen": "Không lắng nghe được trên {host}:{port}: {error}",
    "web.cli.listening": "Đang phục vụ tại http://{host}:{port}/ (bảng gọi số /board, máy lấy số /kiosk). Ctrl+C để dừng.",
    # the pages: refusals
    "web.unpaired": "Thiết bị này chưa được ghép nối với máy chủ. Xin liên hệ quản trị viên.",
    "web.bad_host": "Máy chủ này chỉ phục vụ chính máy của nó (địa chỉ «{host}» không được phép).",
    "web.index_title": "Trang dành cho công dân",
    # the board
    "web.board.title": "BẢNG GỌI SỐ THỨ TỰ",
    "web.board.counter": "Quầy {number}",
    "web.board.recent": "Vừa gọi",
    "web.board.waiting": "Đang chờ",
    "web.board.idle": "Đang trống",
    "web.board.closed": "Chưa mở",
    "web.board.offline": "Mất kết nối với máy chủ, đang tự kết nối lại…",
    "web.board.to_counter": "→ Quầy {number}",
    "web.board.since": "từ {time}",
    # the kiosk
    "web.kiosk.title": "LẤY SỐ THỨ TỰ",
    "web.kiosk.pick_service": "Xin mời chạm vào lĩnh vực cần giải quyết",
    "web.kiosk.priority_button": "Tôi thuộc đối tượng ưu tiên",
    "web.kiosk.priority_title": "Xin chọn đối tượng ưu tiên",
    "web.kiosk.priority_chosen": "Ưu tiên: {reason}",
    "web.kiosk.cancel_priority": "Bỏ ưu tiên",
    "web.kiosk.back": "Quay lại",
    "web.kiosk.your_number": "Số thứ tự của bạn",
    "web.kiosk.ahead": "Trước bạn còn {ahead} người đang chờ.",
    "web.kiosk.printed": "Xin mời nhận phiếu in bên dưới.",
    "web.kiosk.remember": "Xin ghi nhớ số này và theo dõi bảng gọi số.",
    "web.kiosk.done": "Xong",
    "web.kiosk.failed": "Chưa lấy được số. Xin thử lại, hoặc hỏi cán bộ tại quầy.",
    "web.kiosk.bad_service": "Lĩnh vực (service) không hợp lệ: «{value}».",
    "web.kiosk.not_json": "Yêu cầu lấy số phải gửi dạng JSON (Content-Type: application/json).",
    "web.kiosk.bad_priority": "Đối tượng ưu tiên (priority) không hợp lệ: «{value}».",
    # the priority categories a citizen may pick at the kiosk (stored as the ticket's reason)
    "web.priority.elderly": "Người cao tuổi",
    "web.priority.disabled": "Người khuyết tật",
    "web.priority.pregnant": "Phụ nữ mang thai",
    "web.priority.merit": "Người có công với cách mạng",
    # web.spoken: the sound of a call (issue 16, part 3)
    "web.audio.bad_call": "Không có tiếng gọi cho số «{number}» đến quầy {counter}.",
    # web.rating_page: the rating tablet at a counter (issue 16, part 5)
    "web.rate.title": "Đánh giá mức độ hài lòng — Quầy {counter}",
    "web.rate.idle": "Cảm ơn quý khách. Sau khi nhận kết quả, xin quý khách đánh giá việc giải quyết hồ sơ tại đây.",
    "web.rate.question": "Quý khách đánh giá thế nào về việc giải quyết hồ sơ «{procedure}»?",
    "web.rate.reason_placeholder": "Ý kiến thêm, nếu có (không bắt buộc), rồi chạm một nút bên dưới",
    "web.rate.thanks": "Cảm ơn quý khách đã đánh giá.",
    "web.rate.failed": "Chưa gửi được đánh giá. Xin quý khách thử lại.",
    "web.rate.bad_counter": "Không có quầy số {counter}.",
    "web.rate.not_json": "Đánh giá phải gửi dạng JSON (Content-Type: application/json).",
    "web.rate.local_device": "máy đánh giá quầy {counter}",
}
