"""Vietnamese texts of the printouts reachable from the screens (issue 15): the control sheet from the dossier
view, the tracking ledger and the catalogue poster from the supervisor screen (``screens.dossier``,
``screens.supervisor_live``, ``services.printouts``, ``services.printing_service``)."""

MESSAGES: dict[str, str] = {
    # screens.dossier: the control sheet (Mẫu 06 of Circular 03/2025/TT-VPCP)
    "reachable.key.control": "Phiếu kiểm soát",
    # screens.supervisor_live: the ledger (Mẫu 07) of the period shown, and the catalogue poster
    "reachable.key.ledger": "In sổ theo dõi",
    "reachable.key.catalogue": "In danh mục TTHC",
    "reachable.printing.ledger": "Đang in sổ theo dõi hồ sơ ({period}) …",
    "reachable.printing.catalogue": "Đang in danh mục thủ tục hành chính có mã QR …",
    # services.printing_service: the access-log line of a printed ledger (it lists applicants' data)
    "reachable.purpose.ledger": "In sổ theo dõi hồ sơ từ {start} đến {end}",
    # services.printouts
    "print.done.ledger": "Đã tạo sổ theo dõi hồ sơ (PDF): {path}",
    "print.failed.ledger": "Chưa in được sổ theo dõi hồ sơ",
    "print.done.catalogue": "Đã tạo danh mục thủ tục hành chính có mã QR (PDF): {path}",
    "print.failed.catalogue": "Chưa in được danh mục thủ tục hành chính",
}
