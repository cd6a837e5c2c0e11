"""How long the counter takes to scan a 3-page component and store it as one PDF: SANE's test backend
(``scanimage -d test``, its feeder, its grid picture, 300 dpi greyscale: the default settings), img2pdf and the file store.

    python bench/bench_capture.py [--runs N] [--quick]

Prints the median for people on stderr, then one JSON line: ``capture_scan_attach`` with ``pages``,
``median_s``, ``p95_s``, ``runs``, ``resolution``, ``bytes``. Needs ``scanimage`` (Debian: sane-utils).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from counter_app.config import ScannerSettings, load_settings
from counter_app.services.capture import scan_component
from counter_app.services.file_store import FileStore

PAGES = 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="5 runs")
    args = parser.parse_args()
    runs = 5 if args.quick else args.runs

    with tempfile.TemporaryDirectory(prefix="bench-capture-") as home:
        settings = load_settings({"COUNTER_APP_HOME": home})
        # 300 dpi greyscale (the defaults); a grid rather than the backend's solid black, so that the PNG
        # encoding and the PDF carry something like a page of text (a solid page compresses to nothing)
        scanner = ScannerSettings(
            device="test", source="Automatic Document Feeder", options=("--test-picture=Grid",)
        )
        settings = replace(settings, scanner=scanner)
        seconds: list[float] = []
        size = 0
        for run in range(runs + 1):  # the first run warms up (imports, SANE's backend loading)
            store = FileStore(Path(home) / f"files-{run}", reserve_bytes=0)  # a fresh store: a real write
            started = time.perf_counter()
            captured = scan_component(settings, store, max_pages=PAGES)
            elapsed = time.perf_counter() - started
            assert captured.pages == PAGES, captured
            size = captured.size
            if run:
                seconds.append(elapsed)
    seconds.sort()
    median = statistics.median(seconds)
    p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
    print(
        f"scan {PAGES} pages ({scanner.resolution} dpi {scanner.mode}) and store one PDF of {size} bytes: "
        f"median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms over {len(seconds)} runs",
        file=sys.stderr,
    )
    figure = {
        "name": "capture_scan_attach",
        "pages": PAGES,
        "median_s": round(median, 4),
        "p95_s": round(p95, 4),
        "runs": len(seconds),
        "resolution": scanner.resolution,
        "mode": scanner.mode,
        "bytes": size,
    }
    print(json.dumps(figure, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
