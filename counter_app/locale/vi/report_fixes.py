"""Vietnamese texts of the report fixes (issue 15): how late a dossier is, what "in the period" means on
the ledger and the indicators report, and the ledger's totals."""

MESSAGES: dict[str, str] = {
    "report_fixes.minutes": "{minutes} phút",
    "report_fixes.overdue": "Quá hạn {amount}",
}
