"""Vietnamese texts of the dossier fixes of issue 15: a receipt's codes scanned anywhere (``screens.return_result``
checks the QR's signature before handing a result over); a reprint reproduces the document issued
(``printing.receipt``, ``printing.notices``, ``screens.commands``)."""

MESSAGES: dict[str, str] = {
    # screens.return_result: the receipt's QR is checked before a result is handed over
    "fixes.return.receipt_not_genuine": "Mã QR trên giấy tiếp nhận không hợp lệ, chưa trả kết quả: {reason}",
    # printing.receipt, printing.notices: a document printed again, as it was issued
    "fixes.print.reprint": "Bản in lại",
    # screens.commands: the palette's reprint, the document the dossier's state calls for
    "fixes.palette.reprint.supplement": "In lại phiếu yêu cầu bổ sung, hoàn thiện hồ sơ {code} · {name}",
    "fixes.palette.reprint.refusal": "In lại phiếu từ chối tiếp nhận hồ sơ {code} · {name}",
    "fixes.palette.reprint.stop": "In lại thông báo dừng giải quyết hồ sơ {code} · {name}",
}
