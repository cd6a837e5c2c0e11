"""Vietnamese texts of administration: audit trail, access log, backups, storage faults, central security."""

MESSAGES: dict[str, str] = {
    # audit trail (services.audit)
    "audit.ok": "OK: {dossiers} hồ sơ, {events} sự kiện",
    "audit.failed": "PHÁT HIỆN SAI LỆCH: {count} hồ sơ có lịch sử không toàn vẹn "
    "(đã kiểm tra {dossiers} hồ sơ, {events} sự kiện):",
    "audit.hash_mismatch": "Hồ sơ {code}, sự kiện số {seq} ({type}): nội dung đã bị sửa sau khi ghi "
    "(mã băm không khớp nội dung).",
    "audit.prev_hash": "Hồ sơ {code}, sự kiện số {seq} ({type}): liên kết với sự kiện trước bị đứt "
    "(prev_hash không khớp mã băm của sự kiện số {prev}).",
    "audit.first_prev_hash": "Hồ sơ {code}, sự kiện số 1 ({type}): sự kiện đầu tiên lại trỏ tới một sự kiện "
    "trước nó (prev_hash phải rỗng).",
    "audit.missing_event": "Hồ sơ {code}: thiếu sự kiện số {seq} (sự kiện tiếp theo trong kho là số {found}); "
    "sự kiện đã bị xóa hoặc mất.",
    "audit.bad_seq": "Hồ sơ {code}: sự kiện mang số thứ tự {found} không hợp lệ (mong đợi số {seq}).",
    "audit.missing_tail": "Hồ sơ {code}: thiếu sự kiện từ số {seq} trở đi (hồ sơ ghi {recorded} sự kiện, "
    "kho chỉ còn {actual}).",
    "audit.extra_events": "Hồ sơ {code}: kho có {actual} sự kiện nhưng hồ sơ chỉ ghi {recorded}; "
    "sự kiện số {seq} không được phản ánh vào hồ sơ.",
    "audit.last_hash_mismatch": "Hồ sơ {code}: mã băm cuối ghi trong hồ sơ không khớp sự kiện cuối (số {seq}).",
    "audit.no_events": "Hồ sơ {code}: không còn sự kiện nào trong kho (hồ sơ ghi {recorded} sự kiện).",
    "audit.orphan_events": "Mã {code}: có {count} sự kiện nhưng không có hồ sơ tương ứng.",
    "audit.projection_mismatch": "Hồ sơ {code}: trường «{field}» của hồ sơ là {actual} nhưng lịch sử sự kiện "
    "cho {expected}; dữ liệu hồ sơ đã bị sửa trực tiếp.",
    # citizen view log and unit-scoped reads (services.access)
    "access.purpose_required": "Cần ghi rõ mục đích xem thông tin công dân (ví dụ: tiếp nhận hồ sơ, "
    "trả kết quả, tra cứu theo yêu cầu của công dân).",
    "access.purpose_too_long": "Mục đích xem thông tin quá dài (tối đa {limit} ký tự).",
    "access.citizen_not_found": "Không tìm thấy công dân «{citizen}».",
    # backups (services.backup)
    "backup.sqlite_only": "Lệnh sao lưu/khôi phục này dành cho kho SQLite của quầy; kho PostgreSQL ({url}) "
    "hãy sao lưu bằng pg_dump và khôi phục bằng pg_restore.",
    "backup.done": "Đã sao lưu kho dữ liệu vào {path} ({size}); {dossiers} hồ sơ, {events} sự kiện; "
    "kiểm tra toàn vẹn: OK.",
    "backup.pruned": "Đã xóa {count} bản sao lưu cũ hơn {days} ngày.",
    "backup.copy_failed": "Bản sao lưu vừa tạo không đạt kiểm tra ({reason}); đã hủy bản sao đó.",
    "backup.dir_unwritable": "Không ghi được vào thư mục sao lưu {path}: {reason}.",
    "backup.not_found": "Không tìm thấy tệp sao lưu «{path}».",
    "backup.no_store": "Chưa có kho dữ liệu tại {path}; không có gì để sao lưu.",
    "backup.not_sqlite": "Tệp «{path}» không phải bản sao lưu kho dữ liệu SQLite.",
    "backup.corrupt": "Tệp sao lưu «{path}» bị hỏng (PRAGMA integrity_check: {detail}).",
    "backup.no_schema": "Tệp «{path}» không có phiên bản lược đồ, không phải kho dữ liệu counter-app.",
    "backup.unknown_schema": "Tệp sao lưu ở phiên bản lược đồ «{revision}» mà phần mềm này không biết "
    "(phiên bản hiện tại: {head}); hãy cập nhật phần mềm trước khi khôi phục.",
    "backup.audit_failed": "Tệp sao lưu có {count} hồ sơ với lịch sử không toàn vẹn (đầu tiên: {first}); "
    "không khôi phục.",
    "backup.store_busy": "Kho dữ liệu đang được dùng (ứng dụng quầy hoặc lệnh đồng bộ đang chạy?); "
    "hãy đóng mọi phiên làm việc rồi khôi phục lại.",
    "backup.same_file": "Tệp sao lưu «{path}» chính là tệp kho dữ liệu đang dùng.",
    "backup.restored": "Đã khôi phục kho dữ liệu từ {path}: {dossiers} hồ sơ, {events} sự kiện.",
    "backup.kept_aside": "Kho dữ liệu trước khi khôi phục được giữ tại {path}.",
    "backup.reseated": "Đã nâng {count} bộ đếm mã hồ sơ/số sổ theo dõi của quầy.",
    "backup.file_required": "Cần tên tệp sao lưu (hoặc --reseat sau lần đồng bộ đầu tiên).",
    # storage faults (services.storage_errors)
    "storage.readonly": "Kho dữ liệu chỉ cho phép đọc (tệp hoặc thư mục không có quyền ghi): thao tác chưa được "
    "ghi và không có gì bị ghi dở. Hãy báo quản trị kiểm tra quyền ghi của kho dữ liệu.",
    "storage.full": "Ổ đĩa đã đầy (hoặc kho dữ liệu đã đạt giới hạn dung lượng): thao tác chưa được ghi và "
    "không có gì bị ghi dở. Hãy giải phóng dung lượng đĩa rồi làm lại.",
    "storage.busy": "Kho dữ liệu đang bị một chương trình khác khóa; thao tác chưa được ghi. Hãy thử lại sau ít giây.",
    "storage.cantopen": "Không mở được tệp kho dữ liệu (thư mục không tồn tại hoặc không có quyền truy cập).",
    "storage.corrupt": "Tệp kho dữ liệu bị hỏng; hãy khôi phục từ bản sao lưu gần nhất "
    "(counter-app restore TỆP).",
    "storage.ioerror": "Lỗi đọc/ghi đĩa khi truy cập kho dữ liệu; thao tác chưa được ghi.",
    # central PostgreSQL security (sync.security)
    "security.not_postgresql": "Phân quyền theo đơn vị chỉ áp dụng cho kho trung tâm PostgreSQL.",
    "security.unknown_unit": "Kho trung tâm không có đơn vị mã «{unit}».",
    "security.bad_counter": "Số quầy phải từ 1 đến 9, nhận được {number}.",
    "security.bad_password": "Mật khẩu của quầy phải có ít nhất {min} ký tự.",
    "security.installed": "Đã bật phân quyền theo đơn vị (row-level security) trên kho trung tâm.",
    "security.role_ready": "Đã tạo tài khoản {role} cho quầy số {number} của đơn vị {unit}.",
}
