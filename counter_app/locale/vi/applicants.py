"""Applicants at intake (issue 13): cards and hand-entered numbers, organisations, representatives, contact
details, and the unit identifier that dossier codes start with."""

MESSAGES: dict[str, str] = {
    # a real unit without its identifier cannot issue dossier codes (services.intake)
    "applicants.no_identifier": (
        "Đơn vị chưa có mã định danh điện tử (hiện là «{unit}») nên chưa cấp được mã hồ sơ: quản trị viên hãy "
        "chạy «counter-app setup --unit <mã xã> --identifier <mã định danh do tỉnh cấp> …»."
    ),
    "applicants.demo_identifier": (
        "Mã định danh «{identifier}» là mã giả của bản trình diễn (H00): hãy nhập mã định danh điện tử "
        "do tỉnh cấp cho đơn vị."
    ),
    # hand-entered applicants (services.intake.check_applicant)
    "applicants.invalid": "{message}",
    "applicants.bad_kind": "Loại người nộp «{kind}» không hợp lệ: cần công dân hoặc tổ chức.",
    "applicants.organisation_needs_tax_code": "Tổ chức được xác định bằng mã số thuế: hãy nhập mã số thuế.",
    "applicants.citizen_id_type": (
        "Công dân được xác định bằng số định danh cá nhân, số CMND hoặc số hộ chiếu, không phải mã số thuế."
    ),
    "applicants.representative_id": (
        "Số giấy tờ của người đại diện «{value}» không hợp lệ: cần số định danh (12 chữ số), số CMND (9 chữ số) "
        "hoặc số hộ chiếu."
    ),
    "applicants.representative_name_required": "Chưa nhập họ và tên người đại diện (người nộp thay).",
    "applicants.not_a_personal_number": "Chỉ tạo hồ sơ công dân từ số định danh cá nhân 12 chữ số.",
    "applicants.field.id_number": "Số giấy tờ",
    "applicants.field.representative_name": "Họ và tên người đại diện",
    "applicants.field.representative_id": "Số giấy tờ của người đại diện",
    # the intake screen (screens.intake, screens.intake_cards, screens.applicant_dialog)
    "applicants.no_citizen_found": (
        "Không tìm thấy công dân. Nhấn Ctrl+G để nhập người nộp bằng tay (số định danh, CMND, hộ chiếu, tổ chức)."
    ),
    "applicants.key.enter": "Nhập người nộp",
    "applicants.phone_hint": "Điện thoại",
    "applicants.email_hint": "Thư điện tử",
    "applicants.dialog.title": "Nhập người nộp hồ sơ",
    "applicants.dialog.keys": "Enter: ô tiếp theo · F10: xác nhận · Esc: hủy",
    "applicants.dialog.number": "Số giấy tờ (số định danh, CMND, hộ chiếu hoặc mã số thuế)",
    "applicants.dialog.name": "Họ và tên công dân, hoặc tên tổ chức",
    "applicants.dialog.address": "Nơi cư trú, hoặc địa chỉ trụ sở của tổ chức",
    "applicants.dialog.representative_name": "Người đại diện / người được ủy quyền nộp thay (nếu có)",
    "applicants.dialog.representative_id": "Số giấy tờ của người đại diện (số định danh, CMND hoặc hộ chiếu)",
    "applicants.dialog.phone": "Số điện thoại",
    "applicants.dialog.email": "Thư điện tử",
    "applicants.choice.cccd": "Công dân có số định danh cá nhân (12 chữ số)",
    "applicants.choice.cmnd": "Công dân có CMND cũ (9 chữ số)",
    "applicants.choice.passport": "Người có hộ chiếu (người nước ngoài, Việt kiều)",
    "applicants.choice.tax_code": "Tổ chức (mã số thuế)",
    "applicants.card.cccd": "Số định danh cá nhân: {number}",
    "applicants.card.cmnd": "Số CMND: {number}",
    "applicants.card.passport": "Số hộ chiếu: {number}",
    "applicants.card.tax_code": "Mã số thuế: {number}",
    "applicants.card.legal_rep": "Người đại diện: {name}",
    "applicants.card.authorised": "Người được ủy quyền nộp thay: {name}",
}
