"""The indicators report as CSV (UTF-8 with BOM) and PDF (read back with pypdf), and its command."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from counter_app.commands.reports import write_indicators
from counter_app.printing.indicators_report import TEXTS, IndicatorsReportData, render_indicators_report
from counter_app.services.indicators.periods import Period
from counter_app.services.indicators.report import indicators_csv, pdf_texts, report, report_pdf

from .conftest import NOVEMBER, NOW

NOV = Period.between(*NOVEMBER)


@pytest.fixture
def backend() -> str:
    """The outputs do not depend on the backend (the figures are tested on both in test_indicators.py)."""
    return "sqlite"


def _sections(text: str) -> list[list[list[str]]]:
    sections: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text)):
        if not row:
            sections.append([])
        else:
            sections[-1].append(row)
    return sections


def test_csv_has_a_bom_and_every_section(scenario):
    data = indicators_csv(report(scenario.store, NOW, NOV, scenario.unit, weeks=4))
    assert data.startswith(b"\xef\xbb\xbf")
    head, summary, points, procedures, officers, weeks = _sections(data.decode("utf-8-sig"))
    assert head[0] == ["BÁO CÁO CHỈ TIÊU GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"]
    assert head[2] == ["Kỳ báo cáo", "Từ 01/11/2026 đến 30/11/2026"]
    values = {row[0]: row[1:] for row in summary[1:]}
    assert values["Hồ sơ tiếp nhận"][0] == "6"
    assert values["Giải quyết quá hạn"][0] == "1"
    assert values["Tỷ lệ đúng hạn"] == ["80,0 % (4/5)", "98 %", "Chưa đạt"]
    assert values["Tỷ lệ đúng hạn (đất đai)"] == ["100,0 % (1/1)", "96 %", "Đạt"]
    assert values["Tỷ lệ hài lòng"][0] == "66,7 % (2/3)"
    assert values["Tỷ lệ hồ sơ số hóa (thành phần và kết quả có tệp)"] == ["50,0 % (3/6)", "80 %", "Chưa đạt"]
    assert values["Tỷ lệ tái sử dụng dữ liệu số hóa"][0] == "33,3 % (2/6)"
    assert values["Thành phần hồ sơ tái sử dụng từ kho dữ liệu"][0] == "2"
    assert values["Tỷ lệ kết quả điện tử lưu vào kho dữ liệu công dân"] == ["33,3 % (1/3)", "", ""]
    rows = {row[0].strip(): row[1:] for row in points[1:]}
    assert rows["2. Tiến độ, kết quả giải quyết"] == ["16,00", "20,00"]
    assert rows["1. Công khai, minh bạch"] == ["không đo tại đây", "18,00"]
    assert rows["5.3. Hài lòng trong tiếp nhận, giải quyết TTHC"] == ["3,11", "6,00"]
    assert rows["5.1. Phản ánh, kiến nghị xử lý đúng hạn"] == ["không đo tại đây", "6,00"]
    assert rows["6. Số hóa hồ sơ"] == ["3,33", "22,00"]
    assert rows["6.1. Hồ sơ có kết quả giải quyết điện tử"] == ["không đo tại đây", "6,00"]
    assert rows["6.2. Hồ sơ thực hiện số hóa"] == ["2,50", "4,00"]  # 4 × (3/6) / 80 %
    assert rows["6.4. Hồ sơ khai thác, sử dụng lại dữ liệu số hóa"] == ["0,83", "2,00"]
    assert points[-2] == ["Cộng các chỉ số đo tại đây", "22,44", "32,00"]
    assert points[-1] == ["Tổng theo Quyết định 766/QĐ-TTg (68 điểm không đo tại đây)", "22,44", "100,00"]
    assert procedures[0][:4] == ["Mã TTHC", "Tên thủ tục", "Đất đai", "Tiếp nhận"]
    by_code = {row[0]: row for row in procedures[1:]}
    assert (
        by_code["1.004227"][2] == "Có"
        and by_code["1.004873"][1] == "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân"
    )
    assert officers[1] == ["Hoàng Thị Mai", "6", "1", "3", "1", "12 phút 00 giây"]
    # the weeks of the period only: the first one starts on 01/11 (issue 15)
    assert [row[0] for row in weeks[1:]] == ["01/11/2026", "02/11/2026", "09/11/2026", "16/11/2026"]


def test_pdf_reads_back_with_diacritics(scenario):
    rep = report(scenario.store, NOW, NOV, scenario.unit)
    pdf = report_pdf(scenario.store, rep)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join("\n".join(page.extract_text() for page in reader.pages).split())  # wrapped cells
    for words in (
        "BÁO CÁO CHỈ TIÊU GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "Từ 01/11/2026 đến 30/11/2026",
        "Tỷ lệ đúng hạn",
        "80,0 % (4/5)",
        "Chưa đạt",
        "Điểm theo Quyết định 766/QĐ-TTg",
        "Hồ sơ tiếp nhận và đã giải quyết mỗi tuần",
        "Tỷ lệ đúng hạn, tái sử dụng dữ liệu, hài lòng (%)",
        "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        "(đất đai)",
        "Hoàng Thị Mai",
        "12 phút 00 giây",
        "Theo cán bộ tiếp nhận, trả kết quả",
    ):
        assert words in text, words
    pages = len(reader.pages)
    assert f"Trang 1/{pages}" in text and f"Trang {pages}/{pages}" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSerif" in name for name in fonts), fonts  # charts too: no Helvetica
    assert reader.pages[0].mediabox.width == pytest.approx(595.27, abs=0.5)  # A4 portrait


def test_pdf_of_an_empty_period():
    from datetime import datetime

    from counter_app.printing.documents import UnitInfo

    data = IndicatorsReportData(
        unit=UnitInfo(
            name="Ủy ban nhân dân xã Tịnh Khê",
            superior="Ủy ban nhân dân tỉnh Quảng Ngãi",
            one_stop_code="000.00.53.H48",
            place_name="Quảng Ngãi",
        ),
        unit_label="Xã Tịnh Khê",
        period_label="Hôm nay 20/11/2026",
        as_of=datetime(2026, 11, 20, 9),
        printed_at=datetime(2026, 11, 20, 9),
        summary=[("Hồ sơ tiếp nhận", "0", "", "")],
        points=[("Cộng", "—", "—")],
        texts=pdf_texts(TEXTS),
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_indicators_report(data))).pages)
    assert "Không có số liệu trong kỳ." in text and "Trang 1/1" in text
    with pytest.raises(ValueError):  # every word must be given
        IndicatorsReportData(
            unit=data.unit,
            unit_label="",
            period_label="",
            as_of=data.as_of,
            printed_at=data.printed_at,
            summary=[],
            points=[],
            texts={"title": "x"},
        )


def test_command_csv_to_stdout_and_file(scenario, capsysbinary, tmp_path):
    store = scenario.store
    assert write_indicators(store, *NOVEMBER, "csv", None, scenario.unit, now=NOW) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbf") and "Tỷ lệ đúng hạn".encode() in out
    target = tmp_path / "chi-tieu.csv"
    assert write_indicators(store, *NOVEMBER, "csv", target, scenario.unit, now=NOW) == 0
    assert target.read_bytes() == out
    assert "Đã lưu báo cáo chỉ tiêu" in capsysbinary.readouterr().out.decode()


def test_command_pdf_to_out_and_printed_dir(scenario, capsys, tmp_path):
    store = scenario.store
    target = tmp_path / "bao-cao.pdf"
    assert write_indicators(store, *NOVEMBER, "pdf", target, "*", now=NOW) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert "Tất cả các đơn vị" in PdfReader(target).pages[0].extract_text()
    capsys.readouterr()
    assert write_indicators(store, *NOVEMBER, "pdf", None, None, now=NOW) == 0
    printed = capsys.readouterr().out
    saved = sorted(store.settings.printed_dir.rglob("*bao-cao-chi-tieu.pdf"))
    assert [p.name for p in saved] == [
        "21025-20261101-20261130-bao-cao-chi-tieu.pdf",
        "all-20261101-20261130-bao-cao-chi-tieu.pdf",
    ]
    assert str(saved[0]) in printed


def test_report_indicators_from_the_command_line(scenario, capsysbinary, monkeypatch, tmp_path):
    """``counter-app report indicators`` as a person types it, on the scenario's store."""
    from counter_app import cli

    settings = scenario.store.settings
    monkeypatch.setenv("COUNTER_APP_HOME", str(settings.home))
    monkeypatch.setenv("COUNTER_APP_DB_URL", settings.db_url)
    november = ["--from", "2026-11-01", "--to", "30/11/2026", "--unit", scenario.unit]
    assert cli.main(["report", "indicators", *november]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"\xef\xbb\xbf") and f"({scenario.unit})".encode() in out
    target = tmp_path / "chi-tieu.pdf"
    assert cli.main(["report", "indicators", *november, "--format", "pdf", "--out", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF") and str(target) in capsysbinary.readouterr().out.decode()
    with pytest.raises(SystemExit) as refused:  # argparse refuses a format it does not know
        cli.main(["report", "indicators", *november, "--format", "xlsx"])
    assert refused.value.code == 2
    err = capsysbinary.readouterr().err.decode()
    assert err.startswith("counter-app: report: ") and "xlsx" in err and err.count("\n") == 1
