"""Personal data and log-in: the one refusal of a failed log-in, the lock-out an administrator lifts, the
officer's PIN that headless commands showing or changing citizens' or dossiers' data ask for."""

MESSAGES: dict[str, str] = {
    # a failed log-in says the same whatever is wrong (services.auth.login)
    "privacy.login_refused": "Tên đăng nhập hoặc mã PIN không đúng, hoặc tài khoản không đăng nhập được tại "
    "quầy này (bị khóa tạm thời sau nhiều lần nhập sai, hay thuộc đơn vị khác).",
    # the administrator lifts a lock-out (TUI and counter-app officer unlock)
    "privacy.key.unlock": "Mở khóa đăng nhập",
    "privacy.officer.unlocked": "Đã mở khóa đăng nhập cho tài khoản «{username}».",
    "privacy.officer.unlock_help": "mở khóa tài khoản bị khóa do nhập sai mã PIN (số lần sai được xóa, mã PIN "
    "giữ nguyên)",
    # headless commands act as an officer who gives their PIN (commands.context)
    "privacy.cli.officer_help": "tên đăng nhập của cán bộ thực hiện; mã PIN đọc từ bàn phím (không hiện) hoặc "
    "dòng đầu của đầu vào chuẩn; bắt buộc với lệnh hiển thị hay thay đổi dữ liệu công dân, hồ sơ",
    "privacy.cli.officer_required": "Lệnh này hiển thị hoặc thay đổi dữ liệu công dân, hồ sơ: cần "
    "--officer TÊN_ĐĂNG_NHẬP và mã PIN của cán bộ.",
    "privacy.cli.pin_prompt": "Mã PIN của {username}: ",
    "privacy.cli.pin_missing": "Không có mã PIN của cán bộ: nhập tại bàn phím, hoặc đưa vào đầu vào chuẩn "
    "(printf '%s\\n' \"$PIN\" | counter-app ...).",
    "privacy.cli.must_change_pin": "Tài khoản «{username}» phải tự đổi mã PIN do quản trị cấp (đăng nhập trên "
    "quầy) trước khi dùng dòng lệnh.",
}
