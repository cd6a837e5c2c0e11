"""Vietnamese texts of the report fixes (issue 15): how late a dossier is, what "in the period" means on
the ledger and the indicators report, and the ledger's totals."""

MESSAGES: dict[str, str] = {
    "report_fixes.minutes": "{minutes} phút",
    "report_fixes.overdue": "Quá hạn {amount}",
    "report_fixes.definition": (
        "Cách tính trong kỳ: hồ sơ được tính vào số tiếp nhận (kể cả từ chối) khi ngày tiếp nhận, vào số có kết"
        " quả khi ngày có kết quả, vào số đã trả khi ngày trả kết quả nằm trong kỳ; sổ liệt kê mọi hồ sơ có"
        " ít nhất một trong các ngày đó trong kỳ."
    ),
    "report_fixes.totals": (
        "Trong kỳ: tiếp nhận {received}, từ chối {refused}, có kết quả {finished} (trước hạn {early}, đúng hạn"
        " {on_time}, quá hạn {late}), đã trả kết quả {returned}."
    ),
}
