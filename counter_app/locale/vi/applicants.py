"""Applicants at intake (issue 13): cards and hand-entered numbers, organisations, representatives, contact
details, and the unit identifier that dossier codes start with."""

MESSAGES: dict[str, str] = {
    # a real unit without its identifier cannot issue dossier codes (services.intake)
    "applicants.no_identifier": (
        "Đơn vị chưa có mã định danh điện tử (hiện là «{unit}») nên chưa cấp được mã hồ sơ: quản trị viên hãy "
        "chạy «counter-app setup --unit <mã xã> --identifier <mã định danh do tỉnh cấp> …»."
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
}
