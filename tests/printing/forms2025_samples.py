"""One filled sample of every form of a set, rendered; ``python -m tests.printing.forms2025_samples`` writes page 1
of each form of Circular 03/2025/TT-VPCP as a PNG into ``docs/forms/`` for a person to look at."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pypdfium2 as pdfium

from counter_app.printing import formsets
from counter_app.printing.documents import (
    ApologyData,
    ControlSheetData,
    DocumentLine,
    HandoverRow,
    LedgerData,
    LedgerRow,
    RefusalData,
    ReturnPlace,
    StopData,
    SupplementData,
)
from counter_app.printing.notices import (
    render_apology,
    render_refusal,
    render_stop_notice,
    render_supplement_request,
)
from counter_app.printing.receipt import render_receipt
from counter_app.printing.signing import CounterSigner
from counter_app.printing.tracking import render_control_sheet, render_ledger

from .helpers import APPLICANT, DOSSIER_CODE, UNIT, make_receipt

#: a commune whose one-stop desk is its «Trung tâm Phục vụ hành chính công» (the office name not configured)
CENTRE_UNIT = replace(UNIT, office_name="", centre=True)
ISSUED = datetime(2026, 11, 24, 9, 15)
HEAD = "TM. Ủy ban nhân dân\nChủ tịch"
PROCEDURE = "Thủ tục đăng ký khai sinh"


def render_all(signer: CounterSigner, forms: str = "TT03/2025", unit=CENTRE_UNIT) -> dict[str, bytes]:
    """Every form ``forms`` has, filled for one dossier, as PDF bytes by kind."""
    received, due = datetime(2026, 11, 22, 8, 37), datetime(2026, 11, 25, 8, 37)
    out: dict[str, bytes] = {}
    out["receipt"] = render_receipt(make_receipt(unit=unit, forms=forms), signer)
    out["supplement"] = render_supplement_request(
        SupplementData(
            unit,
            DOSSIER_CODE,
            PROCEDURE,
            APPLICANT,
            [DocumentLine("Giấy chứng nhận kết hôn của cha, mẹ trẻ", "certified")],
            "Thiếu giấy chứng nhận kết hôn",
            "Trần Văn Bình",
            ISSUED,
            forms=forms,
        )
    )
    out["refusal"] = render_refusal(
        RefusalData(
            unit,
            DOSSIER_CODE,
            PROCEDURE,
            APPLICANT,
            "Không thuộc thẩm quyền giải quyết",
            "Trần Văn Bình",
            ISSUED,
            forms=forms,
        )
    )
    out["apology"] = render_apology(
        ApologyData(
            unit,
            DOSSIER_CODE,
            PROCEDURE,
            APPLICANT,
            received_at=received,
            original_due_at=due,
            new_due_at=datetime(2026, 11, 27, 14, 0),
            reason="Cần xác minh thông tin với nơi thường trú trước đây.",
            head_title=HEAD,
            head_name="Lê Văn Cường",
            issued_at=ISSUED,
            return_place=ReturnPlace(),
            forms=forms,
        )
    )
    if formsets.get(forms).has("stop"):
        out["stop"] = render_stop_notice(
            StopData(
                unit,
                DOSSIER_CODE,
                PROCEDURE,
                APPLICANT,
                received_at=received,
                reason="Người nộp hồ sơ đề nghị dừng giải quyết để bổ sung giấy tờ khác.",
                head_title=HEAD,
                head_name="Lê Văn Cường",
                issued_at=ISSUED,
                officer_name="Trần Văn Bình",
                forms=forms,
            )
        )
    out["control"] = render_control_sheet(
        ControlSheetData(
            unit,
            DOSSIER_CODE,
            PROCEDURE,
            APPLICANT.name,
            received,
            due,
            "Ủy ban nhân dân xã Tịnh Khê",
            [
                HandoverRow(
                    "Trung tâm Phục vụ hành chính công xã Tịnh Khê",
                    "Ủy ban nhân dân xã Tịnh Khê",
                    datetime(2026, 11, 22, 9, 5),
                    "Trần Văn Bình",
                    "Phạm Thị Dung",
                    "early",
                ),
                HandoverRow(
                    "Ủy ban nhân dân xã Tịnh Khê",
                    "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi",
                    datetime(2026, 11, 24, 10, 30),
                    "Phạm Thị Dung",
                    "Lê Văn Cường",
                    "early",
                    "Chuyển cơ quan có thẩm quyền",
                    taken_at=datetime(2026, 11, 24, 14, 0),
                ),
                HandoverRow(
                    "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi",
                    "Trung tâm Phục vụ hành chính công xã Tịnh Khê",
                    datetime(2026, 11, 26, 8, 0),
                    "Lê Văn Cường",
                    "",
                    "late",
                    "Đã có kết quả",
                ),
            ],
            forms=forms,
        )
    )
    out["ledger"] = render_ledger(
        LedgerData(
            unit,
            date(2026, 11, 1),
            date(2026, 11, 30),
            [
                LedgerRow(
                    i,
                    f"000.00.53.H48-2611{i:02d}-20{i:02d}",
                    PROCEDURE,
                    APPLICANT.name,
                    received,
                    due,
                    "Ủy ban nhân dân xã Tịnh Khê",
                    address=APPLICANT.address,
                    phone=APPLICANT.phone,
                )
                for i in range(1, 6)
            ],
            printed_at=ISSUED,
            book="03/2026",
            forms=forms,
        )
    )
    return out


def png(pdf: bytes, path: Path, scale: float = 1.4) -> None:
    """Page 1 of ``pdf`` as a PNG at ``path``."""
    document = pdfium.PdfDocument(pdf)
    try:
        document[0].render(scale=scale).to_pil().convert("RGB").save(path, optimize=True)
    finally:
        document.close()


def write_snapshots(folder: Path, signer: CounterSigner) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    form_set = formsets.get("TT03/2025")
    for kind, pdf in render_all(signer).items():
        path = folder / f"tt03-2025-mau{form_set.spec(kind).number}-{kind}.png"
        png(pdf, path)
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - run by hand to refresh docs/forms
    import tempfile

    with tempfile.TemporaryDirectory() as keys:
        target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/forms")
        for p in write_snapshots(target, CounterSigner.load_or_create(Path(keys), "000.00.53.H48#1")):
            print(p)
