"""Vietnamese texts of words and layout (issue 15): the ledger book printed unambiguously
(``locale.formats.ledger_book``, on the receipt, Mẫu 01)."""

MESSAGES: dict[str, str] = {
    # «2026-Q1» read as the first quarter of 2026 on a receipt printed in December: the book of counter 1
    "layout.ledger_book": "{year}-Quầy {counter}",
}
