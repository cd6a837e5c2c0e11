"""Vietnamese texts of words and layout (issue 15): the ledger book printed unambiguously
(``locale.formats.ledger_book``, on the receipt, Mẫu 01); keys moved from a full footer to the box they act on."""

MESSAGES: dict[str, str] = {
    # «2026-Q1» read as the first quarter of 2026 on a receipt printed in December: the book of counter 1
    "layout.ledger_book": "{year}-Quầy {counter}",
    # screens.dossier: the components' keys, under their table (out of the footer)
    "layout.dossier_documents_keys": "S: quét · F: từ tệp · V: xem",
}
