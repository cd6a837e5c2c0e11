"""Vietnamese texts of the dossier fixes of issue 15: a receipt's codes scanned anywhere (``screens.return_result``
checks the QR's signature before handing a result over)."""

MESSAGES: dict[str, str] = {
    # screens.return_result: the receipt's QR is checked before a result is handed over
    "fixes.return.receipt_not_genuine": "Mã QR trên giấy tiếp nhận không hợp lệ, chưa trả kết quả: {reason}",
}
