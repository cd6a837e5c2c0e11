"""Vietnamese texts of the input checks: characters refused at a boundary, the portal import's refusals."""

MESSAGES: dict[str, str] = {
    # --- the character policy at the services' boundary ------------------------------------------
    "input.unsafe_char": (
        "Trường «{field}» chứa ký tự điều khiển hoặc ký tự ẩn không được phép ({char}, ở vị trí {position})."
    ),
    # --- import online (the national portal's export) ---------------------------------------------
    "input.import_done": "Đã nhập {imported} hồ sơ trực tuyến; bỏ qua {skipped} hồ sơ đã có.",
    "input.import_refused": (
        "Không nhập tệp: hồ sơ thứ {position}{code}, trường {field}: {reason} "
        "Chưa ghi hồ sơ nào trong tệp{others}."
    ),
    "input.import_refused_code": " ({code})",
    "input.import_refused_others": "; {count} hồ sơ khác trong tệp cũng có lỗi",
    "input.import_failed": (
        "Không nhập được tệp: ghi hồ sơ thứ {position} ({code}) bị lỗi: {reason}; "
        "đã hủy cả lần nhập, chưa ghi hồ sơ nào trong tệp."
    ),
    "input.import_failed_commit": (
        "Không nhập được tệp: lưu {count} hồ sơ bị lỗi: {reason}; đã hủy cả lần nhập, chưa ghi hồ sơ nào trong tệp."
    ),
    "input.field.record": "(cả hồ sơ)",
    "input.field.note": "Ghi chú",
    "input.field.receiver_name": "Họ tên người nhận kết quả",
    "input.field.receiver_id": "Số giấy tờ của người nhận kết quả",
    "input.field.document_name": "Tên thành phần hồ sơ",
    "input.field.card_name": "Họ và tên trên thẻ CCCD",
    "input.field.card_address": "Nơi cư trú trên thẻ",
    "input.field.card_number": "Số CCCD",
    "input.attachment": "Tệp đính kèm {number}",
    "input.import_too_many": "Tệp có {count} hồ sơ, nhiều hơn giới hạn {limit} hồ sơ mỗi lần nhập; hãy chia nhỏ tệp.",
    "input.import_too_big": "Tệp {path} nặng {size} byte, lớn hơn giới hạn {limit} byte mỗi lần nhập; hãy chia nhỏ tệp.",
    "input.not_text": "cần chuỗi ký tự, nhận được {kind}.",
    "input.required": "bắt buộc nhưng bị thiếu hoặc để trống.",
    "input.too_long": "dài {length} ký tự, tối đa {limit} ký tự.",
    "input.bad_char": "chứa ký tự điều khiển hoặc ký tự ẩn ({char}, ở vị trí {position}).",
    "input.not_a_record": "cần một đối tượng JSON, nhận được {kind}.",
    "input.not_a_list": "cần một danh sách đối tượng, nhận được {kind}.",
    "input.too_many_items": "có {count} mục, tối đa {limit} mục.",
    "input.bad_time": "cần thời gian dạng yyyyMMddHHmmss.",
    "input.duplicate_code": "mã hồ sơ trùng với hồ sơ thứ {first} trong cùng tệp.",
    "input.unknown_procedure": "không có thủ tục mã «{code}» trong danh mục.",
    "input.kind.number": "một số",
    "input.kind.boolean": "giá trị đúng/sai",
    "input.kind.list": "một danh sách",
    "input.kind.object": "một đối tượng",
    "input.kind.null": "giá trị rỗng (null)",
    "input.kind.text": "một chuỗi ký tự",
}
