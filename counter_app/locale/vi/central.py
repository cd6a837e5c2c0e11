"""Vietnamese texts of the central store: ``central init``, a counter meeting a central store that is not set up."""

MESSAGES: dict[str, str] = {
    # counter-app central init (commands.central, sync.central_setup)
    "central.init.help": "tạo hoặc nâng cấp kho trung tâm: lược đồ, đơn vị hành chính, phân quyền theo đơn vị; "
    "chạy lại sau mỗi lần nâng cấp phần mềm cũng an toàn",
    "central.init.schema_created": "Lược đồ: đã tạo, phiên bản {revision}.",
    "central.init.schema_upgraded": "Lược đồ: đã nâng cấp từ phiên bản {before} lên {revision}.",
    "central.init.schema_unchanged": "Lược đồ: đã ở phiên bản {revision}, không thay đổi.",
    "central.init.units_loaded": "Đơn vị hành chính: đã nạp {count} đơn vị.",
    "central.init.units_unchanged": "Đơn vị hành chính: đã đủ, nạp 0 đơn vị.",
    "central.init.security_installed": "Phân quyền theo đơn vị (row-level security): đã cài đặt.",
    "central.init.security_unchanged": "Phân quyền theo đơn vị (row-level security): đã cài đặt từ trước, "
    "không thay đổi.",
    "central.init.recorded": "Đã ghi nhận đây là kho trung tâm.",
    "central.init.recorded_before": "Đã được ghi nhận là kho trung tâm từ {since}, không thay đổi.",
    "central.init.done": "Kho trung tâm tại {place} đã sẵn sàng.",
    "central.init.nothing_changed": "Không có gì thay đổi: kho trung tâm tại {place} đã được thiết lập.",
    "central.schema_behind": "Lược đồ của kho tại {place} ở phiên bản {revision}, phần mềm cần {head}; hãy chạy "
    "`counter-app central init`.",
    "central.not_a_central_store": "Kho tại {place} là kho của quầy (loại «{kind}»), không dùng làm kho trung "
    "tâm được.",
    # sync --once: what the central store shared, what the counter published (commands.sync)
    "central.sync.references": "Danh mục: nhận {procedures} thủ tục, {unit_procedures} thủ tục của đơn vị, "
    "{keys} khóa công khai của các quầy; đã công bố {published} khóa của quầy này.",
    # a counter syncing with a central store nobody initialised (sync.central_setup.check_ready)
    "central.not_set_up": "Kho trung tâm tại {place} chưa được thiết lập; hãy chạy `counter-app central init`.",
}
