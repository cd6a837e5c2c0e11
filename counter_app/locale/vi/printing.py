"""Vietnamese texts of the printed forms, the receipt QR verification, keys and printer output.

Form wording follows the templates of Circular 01/2018/TT-VPCP (Mẫu 01-06).
"""

MESSAGES: dict[str, str] = {
    # --- dates, money, durations ----------------------------------------------------------------
    # --- shared pieces of the forms ---------------------------------------------------------------
    "printing.header.nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "printing.header.motto": "Độc lập - Tự do - Hạnh phúc",
    "printing.sign.note": "(Ký và ghi rõ họ tên)",
    "printing.sign.note_seal": "(Ký, ghi rõ họ tên và đóng dấu)",
    "printing.unit.office": "Bộ phận Một cửa {name}",
    "printing.copy_kind.original": "Bản chính",
    "printing.copy_kind.certified": "Bản sao có chứng thực",
    "printing.copy_kind.copy": "Bản sao",
    "printing.doc.reused": "(Tái sử dụng dữ liệu số)",
    "printing.doc.digitised": "(Đã số hóa)",
    "printing.doc.electronic": "Dữ liệu số hóa",
    "printing.table.no": "STT",
    "printing.table.document": "Tên giấy tờ",
    "printing.table.copy_kind": "Hình thức",
    "printing.table.quantity": "Số lượng",
    "printing.field.address": "Địa chỉ: ",
    "printing.field.phone": "Số điện thoại: ",
    "printing.field.email": "Email: ",
    "printing.field.code": "Mã hồ sơ: ",
    "printing.field.request": "Nội dung yêu cầu giải quyết: ",
    "printing.field.applicant": "Hồ sơ của: ",
    "printing.field.reason": "Lý do: ",
    "printing.return.counter": "{office}",
    "printing.return.other_unit": "{unit}",
    "printing.return.address": ", địa chỉ: {address}",
    "printing.return.post": "{address} (nhận qua dịch vụ bưu chính công ích)",
    "printing.fee.none": "Không thu",
    "printing.fee.paid": "{amount} (đã nộp)",
    "printing.fee.unpaid": "{amount} (nộp khi nhận kết quả)",
    "printing.fee.exempt": "Được miễn",
    "printing.result.early": "Trước hạn",
    "printing.result.on_time": "Đúng hạn",
    "printing.result.late": "Quá hạn",
    # --- Mẫu 01: receipt and appointment ----------------------------------------------------------
    "printing.receipt.title": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "printing.receipt.code": "Mã hồ sơ: ",
    "printing.receipt.copy_archive": "(Liên 1: Lưu)",
    "printing.receipt.copy_applicant": "(Liên 2: Giao người nộp)",
    "printing.receipt.office": "Bộ phận tiếp nhận và trả kết quả: ",
    "printing.receipt.applicant": "Tiếp nhận hồ sơ của: ",
    "printing.receipt.request": "Nội dung yêu cầu giải quyết: ",
    "printing.receipt.item1": "1. Thành phần hồ sơ nộp gồm:",
    "printing.receipt.item2": "2. Số lượng hồ sơ: ",
    "printing.receipt.sets": "{sets} (bộ)",
    "printing.receipt.item3": "3. Thời gian giải quyết hồ sơ theo quy định là: ",
    "printing.receipt.item4": "4. Thời gian nhận hồ sơ: ",
    "printing.receipt.item5": "5. Thời gian trả kết quả giải quyết hồ sơ: ",
    "printing.receipt.item6": "6. Đăng ký nhận kết quả tại: ",
    "printing.receipt.fee": "Phí, lệ phí: ",
    "printing.receipt.ledger": "Vào Sổ theo dõi hồ sơ, Quyển số: {book}, Số thứ tự: {number}",
    "printing.receipt.applicant_sign": "NGƯỜI NỘP HỒ SƠ",
    "printing.receipt.officer_sign": "NGƯỜI TIẾP NHẬN HỒ SƠ",
    "printing.receipt.qr_caption": (
        "Mã QR mang chữ ký số của quầy tiếp nhận (khóa {key_id}). Quét mã để kiểm tra giấy tiếp nhận "
        "này là thật và chưa bị sửa: mã hồ sơ, thời gian nhận và thời gian hẹn trả phải trùng với "
        "nội dung in trên giấy."
    ),
    # --- Mẫu 02: supplement request ----------------------------------------------------------------
    "printing.supplement.title": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "printing.supplement.intro": "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
    "printing.supplement.documents": "Giấy tờ cần bổ sung:",
    "printing.supplement.other": "Nội dung khác cần hoàn thiện:",
    "printing.supplement.contact": (
        "Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với {officer}{phone} "
        "để được hướng dẫn."
    ),
    "printing.supplement.contact_phone": ", số điện thoại {phone},",
    "printing.supplement.sign": "NGƯỜI HƯỚNG DẪN",
    # --- Mẫu 03: refusal ---------------------------------------------------------------------------
    "printing.refusal.title": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "printing.refusal.body": (
        "Qua xem xét, {office} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:"
    ),
    "printing.refusal.closing": "Xin thông báo để Ông/Bà được biết và thực hiện./.",
    "printing.refusal.sign": "NGƯỜI TIẾP NHẬN HỒ SƠ",
    # --- Mẫu 04: apology and new date ----------------------------------------------------------------
    "printing.apology.title": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    "printing.apology.to": "Kính gửi: ",
    "printing.apology.received": ("{date}, {office} tiếp nhận giải quyết hồ sơ của Ông/Bà, mã hồ sơ {code}."),
    "printing.apology.due": "Thời hạn trả kết quả giải quyết hồ sơ theo giấy hẹn: ",
    "printing.apology.late": "Tuy nhiên đến nay, {unit} chưa trả kết quả giải quyết hồ sơ của Ông/Bà.",
    "printing.apology.not_in_time": "Tuy nhiên, {unit} không thể trả kết quả giải quyết hồ sơ của Ông/Bà "
    "đúng thời hạn trên.",
    "printing.apology.sorry": (
        "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. {unit} xin lỗi Ông/Bà "
        "và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào lúc "
    ),
    "printing.apology.place": ". Nơi nhận kết quả: {place}.",
    "printing.apology.thanks": "Xin trân trọng cảm ơn./.",
    # --- Mẫu 05: processing control sheet ----------------------------------------------------------
    "printing.control.title": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "printing.control.received": "Thời gian nhận hồ sơ: ",
    "printing.control.due": "Thời gian hẹn trả kết quả: ",
    "printing.control.lead": "Cơ quan (bộ phận) chủ trì giải quyết: ",
    "printing.control.cooperating": "Cơ quan phối hợp giải quyết: ",
    "printing.control.none": "Không có",
    "printing.control.col.unit": "Tên cơ quan",
    "printing.control.col.time": "Thời gian giao, nhận hồ sơ",
    "printing.control.col.giver": "Người giao (ký, ghi rõ họ tên)",
    "printing.control.col.receiver": "Người nhận (ký, ghi rõ họ tên)",
    "printing.control.col.result": "Kết quả (trước hạn/ đúng hạn/ quá hạn)",
    "printing.control.col.note": "Ghi chú",
    "printing.control.give": "Giao: ",
    "printing.control.receive": "Nhận: ",
    # --- Mẫu 06: tracking ledger ------------------------------------------------------------------
    "printing.ledger.title": "SỔ THEO DÕI HỒ SƠ",
    "printing.ledger.period": "Từ ngày {start} đến ngày {end}",
    "printing.ledger.book": "Quyển số: {book}",
    "printing.ledger.page": "Trang {page}/{pages}",
    "printing.ledger.printed": "In lúc {time}",
    "printing.ledger.running": "{title} — {unit} — {period}",
    "printing.ledger.empty": "Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.",
    "printing.ledger.total": "Tổng số: {count} hồ sơ.",
    "printing.ledger.col.no": "STT",
    "printing.ledger.col.code": "Mã hồ sơ",
    "printing.ledger.col.procedure": "Tên thủ tục hành chính",
    "printing.ledger.col.sets": "Số lượng hồ sơ (bộ)",
    "printing.ledger.col.applicant": "Tên cá nhân, tổ chức",
    "printing.ledger.col.address": "Địa chỉ, số điện thoại",
    "printing.ledger.col.lead_unit": "Cơ quan chủ trì giải quyết",
    "printing.ledger.col.received": "Ngày nhận hồ sơ",
    "printing.ledger.col.due": "Ngày hẹn trả kết quả",
    "printing.ledger.col.transferred": "Ngày chuyển hồ sơ",
    "printing.ledger.col.returned": "Ngày trả kết quả",
    "printing.ledger.col.signature": "Ký nhận",
    "printing.ledger.col.note": "Ghi chú",
    # --- queue ticket and thermal receipt slip --------------------------------------------------------
    "printing.ticket.heading": "SỐ THỨ TỰ CỦA BẠN",
    "printing.ticket.waiting": "Số người đang chờ trước bạn: {count}",
    "printing.ticket.time": "Lấy số lúc {time}",
    "printing.ticket.any_counter": "Mời đến quầy khi số của bạn được gọi",
    "printing.ticket.footer": "Vui lòng giữ phiếu và chú ý bảng hiển thị số.",
    "printing.slip.received": "Nhận hồ sơ: {time}",
    "printing.slip.due": "Hẹn trả: {time}",
    "printing.slip.return": "Nhận kết quả: {place}",
    "printing.slip.fee": "Phí, lệ phí: {fee}",
    "printing.slip.officer": "Người tiếp nhận: {name}",
    "printing.slip.scan": "Quét mã QR để kiểm tra giấy tiếp nhận (khóa {key_id}).",
    # --- catalogue poster ----------------------------------------------------------------------------
    "printing.catalogue.title": "DANH MỤC THỦ TỤC HÀNH CHÍNH",
    "printing.catalogue.subtitle": "tiếp nhận tại {office}",
    "printing.catalogue.updated": "Cập nhật {date}",
    "printing.catalogue.field": "Lĩnh vực: {name}",
    "printing.catalogue.col.no": "STT",
    "printing.catalogue.col.procedure": "Tên thủ tục hành chính",
    "printing.catalogue.col.time": "Thời hạn giải quyết",
    "printing.catalogue.col.fee": "Phí, lệ phí",
    "printing.catalogue.col.qr": "Quét mã QR để xem chi tiết",
    "printing.catalogue.code": "Mã thủ tục: {code}",
    "printing.catalogue.no_fee": "Không thu",
    "printing.catalogue.scan": (
        "Quét mã QR bằng điện thoại để xem thành phần hồ sơ, trình tự thực hiện và biểu mẫu "
        "của từng thủ tục trên Cổng Dịch vụ công."
    ),
    # --- receipt QR verification --------------------------------------------------------------------
    "printing.verify.garbage": (
        "Đây không phải mã QR của giấy tiếp nhận hồ sơ (mã hợp lệ bắt đầu bằng «MC:», theo sau là các chữ số)."
    ),
    "printing.verify.truncated": (
        "Mã QR của giấy tiếp nhận bị thiếu dữ liệu (bị cắt cụt): hãy quét lại toàn bộ mã."
    ),
    "printing.verify.bad_length": (
        "Số chữ số của mã QR không đúng: mã bị cắt cụt hoặc bị thêm ký tự; hãy quét lại toàn bộ mã."
    ),
    "printing.verify.tampered": "Mã QR của giấy tiếp nhận bị hỏng hoặc đã bị sửa: dữ liệu không hợp lệ.",
    "printing.verify.unsupported": (
        "Mã QR dùng định dạng phiên bản {version}, phiên bản phần mềm này chưa đọc được."
    ),
    "printing.verify.unknown_key": (
        "Không có khóa công khai «{key_id}» trong danh sách khóa đã biết: giấy do một quầy chưa được nhập "
        "khóa in ra (nhập bằng lệnh «counter-app keys import»), hoặc mã đã bị sửa."
    ),
    "printing.verify.bad_signature": (
        "Chữ ký số không khớp với khóa «{key_id}»: nội dung mã QR đã bị sửa, giấy tiếp nhận không còn nguyên vẹn."
    ),
    # --- signing keys ------------------------------------------------------------------------------
    "printing.keys.bad_counter_id": (
        "Mã quầy «{counter_id}» không dùng được để đặt tên tệp khóa: chỉ dùng chữ cái không dấu, chữ số, "
        "dấu chấm, gạch ngang, gạch dưới (tối đa 64 ký tự)."
    ),
    "printing.keys.io_error": "Không đọc hoặc ghi được khóa ký tại {path}: {error}.",
    "printing.keys.bad_private": "Tệp khóa bí mật {path} bị hỏng hoặc không phải khóa Ed25519.",
    "printing.keys.not_public_key": "Tệp không chứa khóa công khai Ed25519 hợp lệ.",
    "printing.keys.cannot_read": "Không đọc được tệp {path}: {error}.",
    "printing.keys.skipped": "Bỏ qua tệp khóa công khai {path}: {error}",
    # --- output: PDF files, CUPS, thermal printers ----------------------------------------------------
    "printing.output.write_failed": "Không ghi được tệp PDF {path}: {error}.",
    "printing.output.lp_missing": (
        "Không tìm thấy lệnh in «{command}»: máy này chưa cài CUPS (gói cups-client). Tệp PDF vẫn được lưu tại {path}."
    ),
    "printing.output.lp_failed": (
        "Máy in «{printer}» không nhận lệnh in (mã lỗi {code}): {detail}. Tệp PDF vẫn được lưu tại {path}."
    ),
    "printing.output.lp_timeout": (
        "Lệnh in tới máy in «{printer}» không phản hồi sau {seconds} giây. Tệp PDF vẫn được lưu tại {path}."
    ),
    "printing.output.escpos_missing": (
        "Chưa cài gói python-escpos nên không in được ra máy in nhiệt (pip install python-escpos)."
    ),
    "printing.output.escpos_target": (
        "Địa chỉ máy in nhiệt «{target}» không hợp lệ: dùng network:MÁY[:CỔNG], usb:VID:PID, "
        "serial:THIẾT_BỊ[:TỐC_ĐỘ] hoặc file:ĐƯỜNG_DẪN."
    ),
    "printing.output.escpos_failed": "Máy in nhiệt báo lỗi: {detail}.",
    # printed under the applicant's name on Mẫu 01-03 (printing.receipt.applicant_lines)
    "printing.field.id.cccd": "Số định danh cá nhân: {number}",
    "printing.field.id.cmnd": "Số chứng minh nhân dân: {number}",
    "printing.field.id.passport": "Số hộ chiếu: {number}",
    "printing.field.id.tax_code": "Mã số thuế: {number}",
    "printing.field.representative": "Người nộp thay (đại diện theo ủy quyền): ",
}
