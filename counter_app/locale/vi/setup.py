"""Vietnamese texts of a real unit's setup: ``counter-app setup``, officers' accounts (``counter-app officer``,
``services.officers``), choosing a PIN (``services.auth``), and the refusal to put demo data in a real store."""

MESSAGES: dict[str, str] = {
    # --- PINs (services.auth) ----------------------------------------------------------------------------
    "auth.pin_guessable": "Mã PIN quá dễ đoán (123456, một chữ số lặp lại, dãy số liên tiếp tăng hoặc giảm "
    "như 234567, 987654, hay một nhóm số lặp lại như 121212); hãy chọn mã PIN khác.",
    "auth.pin_guessable_here": "Mã PIN quá dễ đoán nên không dùng được trên kho dữ liệu của đơn vị; nếu đó là "
    "mã PIN của tài khoản, hãy nhờ quản trị đặt lại (counter-app officer reset-pin).",
    "auth.pin_unchanged": "Mã PIN mới phải khác mã PIN hiện tại.",
    "auth.no_account": "«{name}» không phải tài khoản cán bộ nên không có mã PIN để đổi.",
    # --- officers' accounts (services.officers) -------------------------------------------------------------
    "officers.field.full_name": "Họ và tên",
    "officers.field.title": "Chức danh",
    "officers.username_format": "Tên đăng nhập «{value}» không hợp lệ: cần 3-32 ký tự gồm chữ thường không dấu "
    "(a-z), chữ số, dấu chấm, gạch dưới hoặc gạch ngang, bắt đầu và kết thúc bằng chữ hoặc số.",
    "officers.text_empty": "{field} không được để trống.",
    "officers.text_chars": "{field} chứa ký tự điều khiển hoặc ký tự không in được (xuống dòng, tab, NUL...).",
    "officers.text_too_long": "{field} quá dài (tối đa {limit} ký tự).",
    "officers.bad_role": "Vai trò «{value}» không hợp lệ: cần officer, supervisor hoặc admin.",
    "officers.exists": "Đã có tài khoản với tên đăng nhập «{username}».",
    "officers.not_set_up": "Kho dữ liệu chưa được thiết lập cho đơn vị nào; hãy chạy counter-app setup trước.",
    "officers.not_yourself": "Không tự vô hiệu hóa hay tự đổi vai trò của tài khoản đang dùng.",
    "officers.last_admin": "«{username}» là quản trị duy nhất còn hoạt động của đơn vị; hãy giao quyền quản trị "
    "cho một tài khoản khác trước.",
    # --- setting a store up (services.setup) ---------------------------------------------------------------
    "setup.default_admin_name": "Quản trị hệ thống",
    "setup.unknown_unit": "Không có xã/phường mã «{unit}» trong danh mục đơn vị hành chính (--unit).",
    "setup.bad_counters": "Số quầy phải từ 1 đến {high} (--counters), nhận được {value}.",
    "setup.demo_store": "Đây là kho dữ liệu mẫu (--demo): không thiết lập đơn vị thật trên đó. Hãy dùng "
    "COUNTER_APP_HOME hoặc COUNTER_APP_DB_URL của một kho dữ liệu mới.",
    "setup.central_store": "Đây là kho dữ liệu trung tâm, không phải kho của một đơn vị.",
    "setup.other_unit": "Kho dữ liệu đã được thiết lập cho đơn vị {unit} (mã định danh {identifier}); không "
    "thiết lập lại cho đơn vị {requested}.",
    "setup.identifier_changed": "Kho dữ liệu của đơn vị {unit} đã dùng mã định danh {identifier}; không đổi "
    "thành {requested} (các mã hồ sơ đã cấp mang mã định danh cũ).",
    "setup.has_data": "Kho dữ liệu đã có cán bộ hoặc hồ sơ mà chưa từng được thiết lập (có thể là kho dữ liệu "
    "mẫu cũ): hãy dùng một kho dữ liệu mới.",
    "setup.identifier_taken": "Mã định danh {identifier} đã là mã của đơn vị khác trong kho: {unit} "
    "(--identifier).",
    "setup.admin_taken": "Tên đăng nhập «{username}» đã thuộc một tài khoản khác, không phải quản trị đang "
    "hoạt động của đơn vị này (--admin).",
    "setup.seed_not_demo": "Dữ liệu mẫu (mọi tài khoản có mã PIN 123456) chỉ được nạp vào kho dữ liệu mẫu: "
    "dùng «counter-app --demo seed-demo»; kho dữ liệu này không phải kho mẫu.",
    # --- counter-app setup -----------------------------------------------------------------------------------
    "setup.cmd.help": "thiết lập kho dữ liệu cho một đơn vị thật: đơn vị, mã định danh, các quầy, dòng xếp hàng "
    "và tài khoản quản trị đầu tiên (mã PIN đọc từ đầu vào chuẩn; không có mã PIN mặc định)",
    "setup.cmd.meta.ward": "MÃ_XÃ",
    "setup.cmd.meta.identifier": "MÃ_ĐỊNH_DANH",
    "setup.cmd.meta.name": "HỌ_TÊN",
    "setup.cmd.meta.title": "CHỨC_DANH",
    "setup.cmd.unit_help": "mã xã/phường trong danh mục đơn vị hành chính (vietnam-provinces), ví dụ 16171",
    "setup.cmd.identifier_help": "mã định danh điện tử của đơn vị (Quyết định 20/2020/QĐ-TTg), ví dụ "
    "000.00.53.H48; đứng đầu mọi mã hồ sơ",
    "setup.cmd.counters_help": "số quầy của đơn vị, 1-9 (tạo quầy 1 đến N)",
    "setup.cmd.admin_help": "tên đăng nhập của tài khoản quản trị đầu tiên",
    "setup.cmd.name_help": "họ và tên của quản trị (mặc định: Quản trị hệ thống)",
    "setup.cmd.done": "Đã thiết lập kho dữ liệu cho {unit} (mã {unit_id}, {province}), mã định danh "
    "{identifier}.",
    "setup.cmd.counters": "Quầy ({count}): {counters}",
    "setup.cmd.queue": "Dòng xếp hàng: {services}",
    "setup.cmd.admin_created": "Tài khoản quản trị: {username} ({name}).",
    "setup.cmd.admin_kept": "Tài khoản quản trị {username} ({name}) đã có, giữ nguyên.",
    # --- reading a PIN ----------------------------------------------------------------------------------------
    "setup.pin.prompt": "Mã PIN mới của {username} (ít nhất 6 chữ số): ",
    "setup.pin.again": "Nhập lại mã PIN: ",
    "setup.pin.mismatch": "Hai lần nhập mã PIN không khớp; chưa có gì thay đổi.",
    "setup.pin.missing": "Chưa có mã PIN: nhập tại terminal, hoặc đưa một dòng vào đầu vào chuẩn "
    "(printf '%s\\n' \"$PIN\" | counter-app ...).",
    "setup.pin.not_text": "Đầu vào chuẩn không phải văn bản UTF-8; mã PIN là một dòng chữ số.",
    # --- counter-app officer ---------------------------------------------------------------------------------
    "setup.officer.help": "quản lý tài khoản cán bộ của đơn vị; như «db upgrade», người chạy lệnh trên máy giữ "
    "kho dữ liệu được tin cậy như quản trị (mã PIN đọc từ đầu vào chuẩn)",
    "setup.officer.add_help": "thêm tài khoản; cán bộ phải đổi mã PIN ở lần đăng nhập đầu tiên",
    "setup.officer.disable_help": "vô hiệu hóa tài khoản (lịch sử vẫn giữ)",
    "setup.officer.enable_help": "cho tài khoản đã vô hiệu hóa hoạt động lại",
    "setup.officer.reset_pin_help": "đặt lại mã PIN (mở khóa; cán bộ phải đổi mã PIN ở lần đăng nhập tới)",
    "setup.officer.set_role_help": "đổi vai trò của tài khoản",
    "setup.officer.list_help": "liệt kê tài khoản của đơn vị",
    "setup.officer.username_help": "tên đăng nhập",
    "setup.officer.name_help": "họ và tên cán bộ",
    "setup.officer.role_help": "vai trò: officer (cán bộ tiếp nhận), supervisor (lãnh đạo, giám sát), admin "
    "(quản trị)",
    "setup.officer.title_help": "chức danh in trên giấy tờ (mặc định: Công chức Bộ phận Một cửa)",
    "setup.officer.added": "Đã thêm tài khoản {username} ({name}, {role}); cán bộ phải đổi mã PIN ở lần đăng "
    "nhập đầu tiên.",
    "setup.officer.disabled": "Đã vô hiệu hóa tài khoản {username}.",
    "setup.officer.enabled": "Tài khoản {username} đã hoạt động lại.",
    "setup.officer.pin_reset": "Đã đặt lại mã PIN của {username} và mở khóa tài khoản; cán bộ phải đổi mã PIN ở "
    "lần đăng nhập tới.",
    "setup.officer.role_set": "Vai trò của {username}: {role}.",
    "setup.officer.none": "Đơn vị chưa có tài khoản cán bộ nào.",
    "setup.officer.state.active": "đang hoạt động",
    "setup.officer.state.disabled": "đã vô hiệu hóa",
    "setup.officer.state.locked": "bị khóa đến {until}",
    "setup.officer.state.must_change": "phải đổi mã PIN",
}
