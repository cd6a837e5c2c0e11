"""Sample data for the demo store: a commune procedure catalogue, queue lines, names and officers.

Procedure codes, times and fees follow the national catalogue as published for commune-level
procedures; a real deployment loads its province's own catalogue instead.
"""

from __future__ import annotations

# (code, name, field code, field name, working days, fee VND, fee note, queue line, land, level,
#  [(document name, copy kind, quantity, reusable citizen-document kind or None)])
PROCEDURES = [
    ("1.001193", "Thủ tục đăng ký khai sinh", "HT", "Hộ tịch", 0, 0, "Miễn lệ phí đăng ký đúng hạn", "A", False,
     "commune", [("Tờ khai đăng ký khai sinh", "original", 1, None),
                 ("Giấy chứng sinh", "original", 1, None),
                 ("Căn cước của người đi đăng ký", "copy", 1, "cccd")]),
    ("1.000894", "Thủ tục đăng ký kết hôn", "HT", "Hộ tịch", 3, 0, "Miễn lệ phí", "A", False, "commune",
     [("Tờ khai đăng ký kết hôn", "original", 1, None),
      ("Căn cước của hai bên nam, nữ", "copy", 2, "cccd"),
      ("Giấy xác nhận tình trạng hôn nhân", "original", 1, "marital_status")]),
    ("1.000656", "Thủ tục đăng ký khai tử", "HT", "Hộ tịch", 0, 0, "Miễn lệ phí", "A", False, "commune",
     [("Tờ khai đăng ký khai tử", "original", 1, None),
      ("Giấy báo tử hoặc giấy tờ thay thế giấy báo tử", "original", 1, None),
      ("Căn cước của người đi đăng ký", "copy", 1, "cccd")]),
    ("1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "HT", "Hộ tịch", 3, 3000, "", "A", False,
     "commune", [("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "original", 1, None),
                 ("Căn cước của người yêu cầu", "copy", 1, "cccd")]),
    ("1.004946", "Thủ tục đăng ký lại khai sinh", "HT", "Hộ tịch", 5, 5000, "", "A", False, "commune",
     [("Tờ khai đăng ký lại khai sinh", "original", 1, None),
      ("Bản sao giấy khai sinh cũ hoặc giấy tờ chứng minh", "certified", 1, "birth_certificate"),
      ("Căn cước của người yêu cầu", "copy", 1, "cccd")]),
    ("1.001022", "Thủ tục đăng ký nhận cha, mẹ, con", "HT", "Hộ tịch", 3, 15000, "", "A", False, "commune",
     [("Tờ khai đăng ký nhận cha, mẹ, con", "original", 1, None),
      ("Văn bản xác nhận quan hệ cha, mẹ, con", "original", 1, None),
      ("Căn cước của các bên", "copy", 2, "cccd")]),
    ("1.000689", "Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch", "HT", "Hộ tịch", 3, 15000, "", "A",
     False, "commune", [("Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch", "original", 1, None),
                        ("Giấy khai sinh", "certified", 1, "birth_certificate"),
                        ("Giấy tờ làm căn cứ thay đổi, cải chính", "copy", 1, None)]),
    ("2.000635", "Thủ tục cấp bản sao trích lục hộ tịch", "HT", "Hộ tịch", 0, 8000, "8.000 đồng/bản", "A", False,
     "commune", [("Tờ khai cấp bản sao trích lục hộ tịch", "original", 1, None),
                 ("Căn cước của người yêu cầu", "copy", 1, "cccd")]),
    ("2.000815", "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản", "CT", "Chứng thực", 0, 2000,
     "2.000 đồng/trang từ trang thứ ba 1.000 đồng/trang", "B", False, "commune",
     [("Bản chính giấy tờ, văn bản cần chứng thực", "original", 1, None),
      ("Bản sao cần chứng thực", "copy", 1, None)]),
    ("2.000884", "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản", "CT", "Chứng thực", 0, 10000,
     "10.000 đồng/trường hợp", "B", False, "commune",
     [("Căn cước của người yêu cầu chứng thực", "copy", 1, "cccd"),
      ("Giấy tờ, văn bản cần chứng thực chữ ký", "original", 1, None)]),
    ("2.000986", "Thủ tục chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", "CT", "Chứng thực",
     2, 50000, "", "B", False, "commune",
     [("Dự thảo hợp đồng, giao dịch", "original", 1, None),
      ("Căn cước của người yêu cầu chứng thực", "copy", 1, "cccd"),
      ("Giấy tờ chứng minh quyền sở hữu tài sản", "copy", 1, None)]),
    ("1.001776", "Thủ tục thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng", "BTXH",
     "Bảo trợ xã hội", 10, 0, "Không thu phí", "C", False, "commune",
     [("Tờ khai đề nghị trợ giúp xã hội", "original", 1, None),
      ("Giấy khai sinh", "copy", 1, "birth_certificate"),
      ("Giấy xác nhận khuyết tật (nếu có)", "copy", 1, "disability")]),
    ("1.003596", "Thủ tục hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "BTXH", "Bảo trợ xã hội", 3, 0,
     "Không thu phí", "C", False, "commune",
     [("Tờ khai đề nghị hỗ trợ chi phí mai táng", "original", 1, None),
      ("Giấy chứng tử", "copy", 1, "death_certificate")]),
    ("1.002335", "Thủ tục xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật", "NKT",
     "Người khuyết tật", 20, 0, "Không thu phí", "C", False, "commune",
     [("Giấy đề nghị xác định mức độ khuyết tật", "original", 1, None),
      ("Bản sao giấy tờ liên quan đến khuyết tật", "copy", 1, "disability")]),
    ("1.004227", "Thủ tục đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "DD",
     "Đất đai", 10, 50000, "Theo nghị quyết của HĐND tỉnh", "D", True, "province",
     [("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", "original", 1, None),
      ("Giấy chứng nhận quyền sử dụng đất đã cấp", "original", 1, "land_certificate"),
      ("Hợp đồng, văn bản về chuyển quyền đã công chứng, chứng thực", "original", 1, None)]),
    ("1.002273", "Thủ tục đăng ký đất đai, tài sản gắn liền với đất lần đầu", "DD", "Đất đai", 20, 100000,
     "Theo nghị quyết của HĐND tỉnh", "D", True, "province",
     [("Đơn đăng ký đất đai, tài sản gắn liền với đất", "original", 1, None),
      ("Giấy tờ về quyền sử dụng đất", "copy", 1, "land_certificate"),
      ("Căn cước của người sử dụng đất", "copy", 1, "cccd")]),
]

#: how often a commune counter receives each procedure, roughly: copy certification and birth
#: registration dominate; the rest are occasional (weights for the demo dossiers)
PROCEDURE_WEIGHTS = {
    "2.000815": 30, "1.001193": 22, "2.000884": 12, "1.004873": 8, "1.000656": 6, "1.000894": 6,
    "2.000635": 5, "1.001776": 4, "2.000986": 3, "1.004946": 2, "1.000689": 2, "1.001022": 1,
    "1.003596": 1, "1.002335": 1, "1.004227": 4, "1.002273": 2,
}

QUEUE_SERVICES = [
    ("A", "Hộ tịch"),
    ("B", "Chứng thực"),
    ("C", "Lao động, Bảo trợ xã hội"),
    ("D", "Đất đai"),
]

#: (username, full name, role, title) — every demo PIN is DEMO_PIN.
OFFICERS = [
    ("canbo1", "Nguyễn Thị Lan", "officer", "Công chức Tư pháp - Hộ tịch"),
    ("canbo2", "Trần Văn Hùng", "officer", "Công chức Văn hóa - Xã hội"),
    ("canbo3", "Lê Thị Thu Hà", "officer", "Công chức Địa chính - Xây dựng"),
    ("giamsat", "Phạm Minh Tuấn", "supervisor", "Phó Chủ tịch Ủy ban nhân dân"),
    ("quantri", "Võ Quốc Bảo", "admin", "Quản trị hệ thống"),
]
DEMO_PIN = "123456"
DEMO_USERNAME = "canbo1"

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
                "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lương", "Tạ"]
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Quốc", "Minh", "Công", "Thành", "Xuân", "Đình", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Hồng", "Thùy", "Bích", "Diệu"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khánh", "Khoa",
              "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phúc", "Quân", "Quang", "Sơn", "Tâm", "Thắng", "Tiến",
              "Trung", "Tuấn", "Việt", "Vinh"]
GIVEN_FEMALE = ["Anh", "Châu", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Liên",
                "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thủy",
                "Trang", "Trinh", "Uyên", "Vy", "Yến"]
STREETS = ["Quang Trung", "Hùng Vương", "Lê Lợi", "Phan Đình Phùng", "Nguyễn Nghiêm", "Trần Hưng Đạo",
           "Lê Trung Đình", "Phạm Văn Đồng", "Nguyễn Du", "Bà Triệu", "Chu Văn An", "Trương Định"]
VILLAGES = ["Thôn An Lộc", "Thôn Phú Mỹ", "Thôn Trường Thọ", "Thôn Đông Hòa", "Thôn Tây Phước", "Thôn Thạch Bích",
            "Thôn Mỹ Lai", "Thôn Kỳ Tân", "Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 5", "Tổ dân phố 7"]
#: province-of-birth codes used for synthetic CCCD numbers (most demo citizens were born in Quảng Ngãi)
BIRTH_PROVINCES = ["051"] * 8 + ["048", "049", "001", "079", "052", "054"]

CITIZEN_DOCUMENT_KINDS = {
    "cccd": ("Căn cước công dân", "Cục Cảnh sát quản lý hành chính về trật tự xã hội", "national"),
    "birth_certificate": ("Giấy khai sinh", "Ủy ban nhân dân cấp xã", "result"),
    "marital_status": ("Giấy xác nhận tình trạng hôn nhân", "Ủy ban nhân dân cấp xã", "result"),
    "land_certificate": ("Giấy chứng nhận quyền sử dụng đất", "Văn phòng đăng ký đất đai", "counter"),
    "disability": ("Giấy xác nhận khuyết tật", "Ủy ban nhân dân cấp xã", "result"),
}

REFUSAL_REASONS = ["Thủ tục không thuộc thẩm quyền giải quyết theo quy định", "Người nộp không có giấy tờ tùy thân"]
SUPPLEMENT_REASONS = ["Thiếu bản chính để đối chiếu", "Tờ khai chưa đủ chữ ký của các bên"]
APOLOGY_REASONS = ["Cần xác minh thêm thông tin tại cơ quan khác", "Hệ thống chuyên ngành gián đoạn"]
HANDOVER_REASONS = ["Chuyển cơ quan có thẩm quyền giải quyết", "Tiếp nhận không phụ thuộc địa giới hành chính"]
