"""Circular 01/2018/TT-VPCP (23/11/2018), guiding Decree 61/2018/NĐ-CP: the forms of its appendix, Mẫu 01-06.

Replaced by Circular 03/2025/TT-VPCP from 15/9/2025 (:mod:`.tt03_2025`); kept so that a dossier received before
that day reprints on the forms it was issued on.  The titles and the wording of the fields are those the
renderers were first built on from this Circular's appendix (the texts of ``counter_app/locale/vi/printing.py``):

* Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả
* Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
* Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ
* Mẫu 04 Phiếu xin lỗi và hẹn lại ngày trả kết quả
* Mẫu 05 Phiếu kiểm soát quá trình giải quyết hồ sơ
* Mẫu 06 Sổ theo dõi hồ sơ

The 2018 set has no stop notice.  Its first day here is the Circular's date of signature (the effective date
was not checked): it decides only for dossiers older than every set.
"""

from __future__ import annotations

from datetime import date

from . import FormSet, FormSpec

FORM_SET = FormSet(
    basis="TT01/2018",
    citation="forms2025.citation.tt01_2018",
    valid_from=date(2018, 11, 23),
    forms={
        "receipt": FormSpec("01", "printing.receipt.title"),
        "supplement": FormSpec("02", "printing.supplement.title"),
        "refusal": FormSpec("03", "printing.refusal.title"),
        "apology": FormSpec("04", "printing.apology.title"),
        "control": FormSpec("05", "printing.control.title"),
        "ledger": FormSpec("06", "printing.ledger.title"),
    },
)
