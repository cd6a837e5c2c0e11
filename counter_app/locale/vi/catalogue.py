"""Vietnamese texts of the procedure catalogue: importing the province's file, the procedures a unit
receives, editing one procedure (services.catalogue_file, catalogue_import, catalogue_admin; the
``counter-app catalogue`` commands)."""

MESSAGES: dict[str, str] = {
    # --- files that cannot be used (services.catalogue_file) -----------------------------------------
    "catalogue.file.unreadable": "Không đọc được tệp «{path}»: {reason}.",
    "catalogue.file.empty": "Tệp «{path}» trống: không có danh mục thủ tục nào để nhập.",
    "catalogue.file.too_large": "Tệp «{path}» lớn quá {limit} MB: đây không phải một danh mục thủ tục.",
    "catalogue.file.old_excel": "Tệp «{path}» là bảng tính Excel cũ (.xls): hãy mở bằng Excel và lưu lại "
    "dưới dạng .xlsx hoặc CSV UTF-8.",
    "catalogue.file.not_xlsx": "Tệp «{path}» không phải bảng tính .xlsx đọc được ({reason}).",
    "catalogue.file.utf16": "Tệp «{path}» được lưu dạng Unicode UTF-16: hãy lưu lại dưới dạng «CSV UTF-8» "
    "hoặc .xlsx.",
    "catalogue.file.not_utf8": "Tệp «{path}» không phải bảng tính .xlsx cũng không phải CSV UTF-8 (dòng "
    "{line} có byte không đọc được): hãy lưu lại dưới dạng «CSV UTF-8» hoặc .xlsx.",
    "catalogue.file.bad_csv": "Tệp CSV hỏng ở dòng {line}: {reason}.",
    "catalogue.file.no_header": "Tệp «{path}» không có dòng tiêu đề của danh mục thủ tục: cần ít nhất cột "
    "«Mã TTHC» (hoặc «Mã thủ tục») và cột «Tên TTHC» (hoặc «Tên thủ tục»).",
    "catalogue.file.no_code_column": "Tệp «{path}» không có cột mã thủ tục («Mã TTHC», «Mã thủ tục», «Mã số "
    "TTHC»); các cột đọc được: {found}.",
    "catalogue.file.no_name_column": "Tệp «{path}» không có cột tên thủ tục («Tên TTHC», «Tên thủ tục», «Tên "
    "thủ tục hành chính»); các cột đọc được: {found}.",
    "catalogue.file.no_rows": "Tệp «{path}» không có dòng thủ tục nào dùng được; không nhập (nhập một danh "
    "mục rỗng sẽ ngừng áp dụng mọi thủ tục).",
    # --- the administrator's rights and choices (services.catalogue_import, catalogue_admin) ----------
    "catalogue.admin_only": "Chỉ quản trị viên được thay đổi danh mục thủ tục.",
    "catalogue.no_codes": "Chưa nêu mã thủ tục nào.",
    "catalogue.unknown_codes": "Không có trong danh mục: {codes}; không thay đổi gì.",
    "catalogue.enable_retired": "Thủ tục đã ngừng áp dụng, không bật được: {codes}; không thay đổi gì.",
    "catalogue.edit.bad_days": "Thời hạn giải quyết phải từ 0 (trong ngày) đến {limit} ngày làm việc.",
    "catalogue.edit.bad_fee": "Mức phí, lệ phí không hợp lệ.",
    "catalogue.edit.note_too_long": "Ghi chú phí, lệ phí dài quá {limit} ký tự.",
    "catalogue.edit.document_too_long": "Tên thành phần hồ sơ dài quá {limit} ký tự.",
    "catalogue.edit.bad_document": "Thành phần hồ sơ «{name}» không hợp lệ (cần tên, loại bản và số lượng từ "
    "1 đến 99).",
    "catalogue.edit.retired": "Thủ tục {code} đã ngừng áp dụng; danh mục mới có thủ tục này sẽ áp dụng lại.",
    "catalogue.edit.nothing": "Cần ít nhất một thay đổi: --days, --same-day, --fee, --fee-note hoặc "
    "--documents.",
    "catalogue.edit.no_documents": "Không đọc được thành phần hồ sơ nào trong nội dung đã nhập.",
    # --- why a row, a deadline or a fee was not read (the import's report) ---------------------------
    "catalogue.reason.deadline.empty": "ô để trống",
    "catalogue.reason.deadline.calendar_days": "tính theo ngày (ngày lịch), không phải ngày làm việc",
    "catalogue.reason.deadline.other_unit": "tính theo giờ, tuần hoặc tháng, không phải ngày làm việc",
    "catalogue.reason.deadline.range": "là một khoảng thời gian, không phải một thời hạn",
    "catalogue.reason.deadline.several": "nêu nhiều thời hạn khác nhau",
    "catalogue.reason.deadline.depends": "thời hạn tùy từng trường hợp",
    "catalogue.reason.deadline.no_time": "không nêu thời hạn",
    "catalogue.reason.deadline.too_long": "dài quá một năm",
    "catalogue.reason.deadline.no_unit": "chỉ có con số, không rõ đơn vị",
    "catalogue.reason.fee.no_amount": "không nêu số tiền",
    "catalogue.reason.fee.too_large": "số tiền lớn bất thường",
    "catalogue.reason.row.no_code": "không có mã thủ tục",
    "catalogue.reason.row.bad_code": "mã thủ tục không hợp lệ",
    "catalogue.reason.row.duplicate": "mã thủ tục đã có ở dòng trước; giữ dòng trước",
    "catalogue.reason.row.no_name": "không có tên thủ tục; thủ tục giữ nguyên",
    "catalogue.reason.row.cell_too_large": "có ô dài quá 32.767 ký tự; thủ tục giữ nguyên",
    "catalogue.reason.row.unsafe_chars": "có ô chứa ký tự ẩn hoặc ký tự đảo chiều; thủ tục giữ nguyên",
    "catalogue.reason.row.name_too_long": "tên thủ tục dài quá 400 ký tự; thủ tục giữ nguyên",
    "catalogue.reason.row.unknown_status": "không hiểu tình trạng hiệu lực; thủ tục giữ nguyên",
    "catalogue.reason.row.not_in_force": "không còn (hoặc chưa có) hiệu lực",
    "catalogue.reason.row.too_many_documents": "quá 100 thành phần hồ sơ; thủ tục giữ nguyên",
    # --- the report (commands.catalogue) -------------------------------------------------------------
    "catalogue.report.dry_run": "CHẠY THỬ: chưa ghi gì vào kho dữ liệu.",
    "catalogue.report.title": "Danh mục «{path}» ({kind}, trang «{sheet}»): {count} thủ tục.",
    "catalogue.report.kind_xlsx": "bảng tính .xlsx",
    "catalogue.report.kind_csv": "tệp CSV",
    "catalogue.report.counts": "Thêm mới: {added} · Cập nhật: {updated} · Không đổi: {unchanged} · "
    "Ngừng áp dụng: {retired}",
    "catalogue.report.added": "Thêm mới ({count}): {codes}",
    "catalogue.report.updated": "Cập nhật ({count}): {codes}",
    "catalogue.report.retired": "Ngừng áp dụng ({count}): {codes}",
    "catalogue.report.held": "Chờ thời hạn giải quyết, chưa áp dụng ({count}): {codes} — đặt bằng "
    "«counter-app catalogue edit MÃ --days N»",
    "catalogue.report.deadlines": "Thời hạn không đọc được ({count}; thủ tục đã có giữ thời hạn cũ):",
    "catalogue.report.fees": "Phí, lệ phí không đọc được số tiền ({count}; thủ tục đã có giữ mức cũ):",
    "catalogue.report.skipped": "Dòng bỏ qua ({count}):",
    "catalogue.report.row": "dòng {row}, {code}: «{text}» — {reason}",
    "catalogue.report.unmapped": "Cột không dùng: {columns}",
    "catalogue.report.cleaned": "Đã bỏ ký tự điều khiển trong {count} ô: {cells}",
    "catalogue.report.cell": "dòng {row} («{column}»)",
    # --- enable, disable, list, edit (commands.catalogue) --------------------------------------------
    "catalogue.enabled": "Đơn vị {unit}: đã bật {changed} thủ tục; đơn vị đang tiếp nhận {count} thủ tục.",
    "catalogue.disabled": "Đơn vị {unit}: đã tắt {changed} thủ tục; đơn vị đang tiếp nhận {count} thủ tục.",
    "catalogue.unit_offers_all": "Đơn vị {unit} chưa bật thủ tục nào: các quầy của đơn vị hiển thị mọi thủ "
    "tục đang áp dụng.",
    "catalogue.list.none": "Không có thủ tục nào.",
    "catalogue.list.no_deadline": "chưa có thời hạn",
    "catalogue.status.active": "đang áp dụng",
    "catalogue.status.held": "chờ thời hạn",
    "catalogue.status.retired": "ngừng áp dụng",
    "catalogue.edited": "Thủ tục {code}: {time}, {fee}, {documents} thành phần hồ sơ ({status}).",
    "catalogue.url_without_central": "--url chỉ dùng cùng --central.",
    "catalogue.not_administrator": "Kho trung tâm từ chối ghi danh mục: hãy kết nối bằng tài khoản quản trị "
    "của tỉnh (--url), không phải tài khoản của một quầy.",
    "catalogue.central_actor": "Quản trị danh mục (dòng lệnh)",
    # --- the command line's help (commands.catalogue) ------------------------------------------------
    "catalogue.cli.help": "danh mục thủ tục hành chính: nhập danh mục của tỉnh, bật/tắt thủ tục đơn vị "
    "tiếp nhận, sửa thời hạn, phí, thành phần hồ sơ, xem danh mục",
    "catalogue.cli.import_help": "nhập danh mục thủ tục từ tệp .xlsx hoặc CSV (UTF-8) như tỉnh công bố: thêm "
    "mới, cập nhật theo mã thủ tục, ngừng áp dụng thủ tục không còn trong tệp; in báo cáo",
    "catalogue.cli.file_help": "tệp danh mục (.xlsx, hoặc .csv UTF-8 có hoặc không có BOM)",
    "catalogue.cli.dry_run_help": "chỉ báo cáo những gì sẽ thay đổi, không ghi gì",
    "catalogue.cli.partial_help": "tệp chỉ gồm một phần danh mục (ví dụ một lĩnh vực): không ngừng áp dụng "
    "các thủ tục vắng mặt trong tệp",
    "catalogue.cli.central_help": "làm việc trên kho trung tâm (PostgreSQL) với quyền quản trị của tỉnh; các "
    "quầy lấy danh mục từ đó",
    "catalogue.cli.url_help": "địa chỉ kết nối kho trung tâm bằng tài khoản quản trị (mặc định: "
    "COUNTER_APP_CENTRAL_URL)",
    "catalogue.cli.enable_help": "bật các thủ tục đơn vị tiếp nhận: khi đã bật, quầy chỉ hiển thị các thủ tục "
    "được bật",
    "catalogue.cli.disable_help": "tắt các thủ tục đơn vị không tiếp nhận nữa",
    "catalogue.cli.codes_help": "mã thủ tục, ví dụ 1.001193",
    "catalogue.cli.unit_help": "mã đơn vị (mặc định: đơn vị của quầy này)",
    "catalogue.cli.list_help": "liệt kê danh mục thủ tục: mã, tên, lĩnh vực, thời hạn, phí, tình trạng",
    "catalogue.cli.field_help": "chỉ các lĩnh vực có tên hoặc mã chứa chữ này (không cần dấu)",
    "catalogue.cli.list_unit_help": "chỉ các thủ tục quầy của đơn vị này hiển thị",
    "catalogue.cli.all_help": "kể cả thủ tục đã ngừng áp dụng",
    "catalogue.cli.edit_help": "sửa thời hạn giải quyết, phí, lệ phí hoặc thành phần hồ sơ của một thủ tục",
    "catalogue.cli.days_help": "thời hạn giải quyết, số ngày làm việc",
    "catalogue.cli.same_day_help": "giải quyết trong ngày",
    "catalogue.cli.fee_help": "phí, lệ phí (đồng)",
    "catalogue.cli.fee_note_help": "ghi chú về phí, lệ phí",
    "catalogue.cli.documents_help": "thành phần hồ sơ, viết như trong danh mục (mỗi thành phần một dòng hoặc "
    "cách nhau bằng dấu ;)",
    "catalogue.meta.code": "MÃ_THỦ_TỤC",
    "catalogue.meta.field": "LĨNH_VỰC",
    "catalogue.meta.amount": "SỐ_TIỀN",
}
