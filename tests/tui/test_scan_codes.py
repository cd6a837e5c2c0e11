"""The scan widget's classifier reads codes other systems issued and the 2024 card (pure, no app)."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.widgets.scan import CardScan, CodeScan, ScanError, classify, is_scan_like

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    "code",
    [
        "000.00.53.H48-220921-0099",  # a provincial portal's code (the first digit is no counter)
        "H15.50.05.13-261008-0975",  # the province code first
        "G01.003-260105-123456",  # a ministry system's 6-digit sequence
        "000.00.00.G12-260105-1234567",
        "DEMO.21025.H00-261120-1001",  # this app's (demo) code
    ],
)
def test_codes_from_anywhere_are_dossier_scans(code):
    assert is_scan_like(code)
    assert classify(code + "\r\n", today=TODAY) == CodeScan(code)


@pytest.mark.parametrize("code", ["000.00.53-220921-0099", "000.00.53.H48-220931-0099", "H48.1-220921-099"])
def test_malformed_codes_are_typed_errors(code):
    result = classify(code, today=TODAY)
    assert isinstance(result, ScanError) and result.kind.startswith("code.") and "\n" not in result.message


def test_an_identity_card_of_2025_is_a_card_scan():
    payload = (
        "051303000123||Lê Thị Hoa|07092003|Nữ|Tổ dân phố 3, Phường Cẩm Thành, Tỉnh Quảng Ngãi|12112025||||"
    )
    result = classify(payload, today=TODAY)
    assert isinstance(result, CardScan) and result.card.residence.startswith("Tổ dân phố 3")
