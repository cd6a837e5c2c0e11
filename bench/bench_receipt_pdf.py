"""How long one receipt PDF (Mẫu 01: two copies, signed QR, Code 128, signature) takes to produce,
against a one-line reportlab page with the same embedded font, measured in the same run.

    python bench/bench_receipt_pdf.py [--rounds N]

Prints the two medians and their ratio (goal: within 8x), then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import datetime

from counter_app.printing.documents import Applicant, DocumentLine, Fee, ReceiptData, UnitInfo
from counter_app.printing.fonts import Style
from counter_app.printing.layout import new_canvas
from counter_app.printing.receipt import render_receipt
from counter_app.printing.signing import CounterSigner

RECEIPT = ReceiptData(
    unit=UnitInfo(
        name="Ủy ban nhân dân xã Tịnh Khê",
        superior="Ủy ban nhân dân tỉnh Quảng Ngãi",
        one_stop_code="000.00.53.H48",
        place_name="Quảng Ngãi",
    ),
    dossier_code="000.00.53.H48-261122-2007",
    procedure_code="1.001193",
    procedure_name="Thủ tục đăng ký khai sinh",
    applicant=Applicant(
        "Nguyễn Thị Ánh Tuyết",
        "Thôn Trường Thọ, xã Tịnh Khê, tỉnh Quảng Ngãi",
        "0905 123 456",
        "tuyet.nguyen@example.vn",
    ),
    documents=(
        DocumentLine("Tờ khai đăng ký khai sinh theo mẫu"),
        DocumentLine("Giấy chứng sinh do cơ sở y tế nơi trẻ sinh ra cấp"),
        DocumentLine("Giấy chứng nhận kết hôn của cha, mẹ trẻ", "certified", reused=True),
        DocumentLine("Căn cước của người đi đăng ký khai sinh", "copy", reused=True),
    ),
    received_at=datetime(2026, 11, 22, 8, 37, 12),
    due_at=datetime(2026, 11, 25, 8, 37, 12),
    processing_days=3,
    officer_name="Trần Văn Bình",
    fee=Fee(8000, "paid"),
    ledger_book="03/2026",
    ledger_number=125,
)


def blank_page() -> bytes:
    buffer, c = new_canvas(title="Trang trắng", author="bench")
    c.setFont(Style.REGULAR.value, 12)
    c.drawString(72, 760, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    c.showPage()
    c.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    signer = CounterSigner.generate("bench-1")
    for _ in range(10):  # warm up: font registration, imports, caches
        render_receipt(RECEIPT, signer)
        blank_page()

    receipt_ms: list[float] = []
    blank_ms: list[float] = []
    for _ in range(args.rounds):  # interleaved, so both see the same machine load
        start = time.perf_counter()
        render_receipt(RECEIPT, signer)
        receipt_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        blank_page()
        blank_ms.append((time.perf_counter() - start) * 1000)

    receipt = statistics.median(receipt_ms)
    blank = statistics.median(blank_ms)
    ratio = receipt / blank
    print(
        f"receipt PDF (2 copies, QR, barcode, signature): median {receipt:.2f} ms over {args.rounds} rounds"
    )
    print(f"one-line page, same font:                      median {blank:.2f} ms")
    print(f"ratio: {ratio:.2f}x (goal: within 8x)")
    print(
        json.dumps(
            {
                "name": "receipt_pdf",
                "median_ms": round(receipt, 3),
                "blank_median_ms": round(blank, 3),
                "ratio_vs_blank": round(ratio, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
