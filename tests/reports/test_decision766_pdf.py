"""The indicators PDF carries every Decision 766 group, says which points are measured here, and reads back
with its Vietnamese intact."""

from __future__ import annotations

import io

from pypdf import PdfReader

from counter_app.services.indicators.periods import Period
from counter_app.services.indicators.report import report, report_pdf

from .conftest import NOVEMBER, NOW


def test_the_pdf_names_every_group_and_what_is_not_measured(scenario):
    rep = report(scenario.store, NOW, Period.between(*NOVEMBER), scenario.unit, weeks=4)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(scenario.store, rep))).pages)
    for group in (
        "1. Công khai, minh bạch",
        "2. Tiến độ, kết quả giải quyết",
        "3. Cung cấp dịch vụ trực tuyến",
        "4. Thanh toán trực tuyến",
        "5. Mức độ hài lòng",
        "6. Số hóa hồ sơ",
    ):
        assert group in text
    assert "không đo tại đây" in text and "Bộ phận Một cửa đo 32 trên 100 điểm" in text
    assert "Tổng theo Quyết định 766/QĐ-TTg (68 điểm không đo tại đây)" in text
