"""Circular 03/2025/TT-VPCP (15/9/2025), guiding Decree 118/2025/NĐ-CP: Phụ lục I, seven forms.

Sources (read 12/2026):

* the Circular's heading and preamble (number, date 15/9/2025, guiding Decree 118/2025/NĐ-CP of 9/6/2025, scope
  «các biểu mẫu trong giải quyết thủ tục hành chính; mã số hồ sơ ...»): hethongphapluat.com, page
  «thong-tu-03-2025-tt-vpcp-huong-dan-nghi-dinh-118-2025-nd-cp-...»;
* the list of the forms of Phụ lục I and their titles: thuviennhadat.vn, «Tải file word biểu mẫu Thông tư
  03/2025/TT-VPCP về giải quyết thủ tục hành chính tại Bộ phận Một cửa và Cổng Dịch vụ công Quốc gia»:
  01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả; 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; 03 Phiếu từ chối tiếp
  nhận giải quyết hồ sơ; 04 Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết; 05 Thông báo dừng giải
  quyết hồ sơ; 06 Phiếu kiểm soát quá trình giải quyết hồ sơ; 07 Sổ theo dõi hồ sơ.

NOT FOUND: the body of the forms (their field labels, sentences and signature blocks) could not be read from
any public copy available here.  Forms 01, 02, 03, 06 and 07 keep the titles of 2018 and therefore, until the
text is checked, the 2018 wording of their fields; forms 04 and 05 are worded here after their titles (an
apology that proposes a new time limit; a notice that processing stops, with its reason), signed for the unit
like the 2018 apology.  Every such text is marked in ``counter_app/locale/vi/forms2025.py``; replace it there
when the Circular's Phụ lục I is at hand.

The receipt carries the dossier code in large type with the sentence saying it is the look-up key on the
national public service portal (Decree 309/2026/NĐ-CP, as the issue states it; the Decree's text was not read).
The header names the commune's «Trung tâm Phục vụ hành chính công» where the unit has one, else its
«Bộ phận Một cửa» (the one-stop desk of Decree 118/2025/NĐ-CP).
"""

from __future__ import annotations

from datetime import date

from . import FormSet, FormSpec

FORM_SET = FormSet(
    basis="TT03/2025",
    citation="forms2025.citation.tt03_2025",
    valid_from=date(2025, 9, 15),
    centre_header=True,
    forms={
        # Mẫu 01: title as listed (thuviennhadat.vn); fields: 2018 wording (text not found).
        "receipt": FormSpec(
            "01",
            "printing.receipt.title",
            {"lookup": "forms2025.receipt.lookup"},  # Decree 309/2026 look-up key, per the issue
        ),
        # Mẫu 02: title as listed; fields: 2018 wording (text not found).
        "supplement": FormSpec("02", "printing.supplement.title"),
        # Mẫu 03: title as listed; fields: 2018 wording (text not found).
        "refusal": FormSpec("03", "printing.refusal.title"),
        # Mẫu 04: title as listed; the extension proposed replaces the 2018 "new appointment" (wording ours).
        "apology": FormSpec(
            "04",
            "forms2025.apology.title",
            {
                "sorry": "forms2025.apology.sorry",
                "thanks": "forms2025.apology.thanks",
            },
        ),
        # Mẫu 05: new in 2025; title as listed; body wording ours (text not found).
        "stop": FormSpec("05", "forms2025.stop.title"),
        # Mẫu 06: title as listed (Mẫu 05 in 2018); columns: 2018 wording (text not found).
        "control": FormSpec("06", "printing.control.title"),
        # Mẫu 07: title as listed (Mẫu 06 in 2018); columns: 2018 wording (text not found).
        "ledger": FormSpec("07", "printing.ledger.title"),
    },
)
