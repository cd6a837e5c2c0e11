"""The tracking ledger never breaks a dossier code across lines (issue 15: «000.21025.H51 / - /
261125-1002»): each code, this app's or another system's, reads back whole on one line of the PDF."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pypdf

from counter_app.printing.documents import LedgerData, LedgerRow
from counter_app.printing.tracking import render_ledger

from .helpers import UNIT, nfc

CODES = [
    "000.21025.H51-261125-1002",
    "000.00.53.H48-261122-2007",
    "H15.50.05.13-261008-0975",
    "G22.386.30.H51-251120-0001234",  # a code from the national portal (7-digit sequence)
    "000.00.53.H48-261122-1",
]


def test_every_code_is_on_one_line():
    start = datetime(2026, 11, 25, 8, 0)
    rows = tuple(
        LedgerRow(
            number=i,
            dossier_code=code,
            procedure_name="Đăng ký kết hôn",
            applicant_name="Trần Văn Ơn",
            received_at=start + timedelta(hours=i),
            due_at=start + timedelta(days=3, hours=i),
            lead_unit="Công chức Tư pháp - Hộ tịch",
            address="Thôn Trường Thọ",
        )
        for i, code in enumerate(CODES, 1)
    )
    pdf = render_ledger(
        LedgerData(UNIT, date(2026, 11, 1), date(2026, 11, 30), rows, datetime(2026, 11, 30, 17, 0))
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    lines = [nfc(line) for page in reader.pages for line in page.extract_text().splitlines()]
    for code in CODES:
        assert any(code in line.split() for line in lines), (code, [x for x in lines if code[:6] in x])
