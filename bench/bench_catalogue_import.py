"""Importing a province's catalogue of 500 procedures from an .xlsx file (``counter-app catalogue import``).

    python bench/bench_catalogue_import.py [--procedures 500] [--runs 3] [--quick]
                                           [--backend sqlite|postgresql|both]
                                           [--pg postgresql://postgres@127.0.0.1:5432/postgres]

The workbook is made here with openpyxl in the shape of a province's published list (title rows, «STT |
Mã số TTHC | Tên thủ tục hành chính | Lĩnh vực | Cấp thực hiện | Thời hạn giải quyết | Phí, lệ phí |
Thành phần hồ sơ | Căn cứ pháp lý»), each procedure with a deadline written as the catalogues write them
(«05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ», «Ngay trong ngày …; trường hợp …», a few «Không quá
10 ngày» that the report lists), a fee text and three to six components in one cell. Each run imports it
into a fresh, migrated store (the country's units loaded, no procedure: every row is added, the heaviest
case), timed from the file to the committed transaction with
:func:`counter_app.services.catalogue_import.import_catalogue`; then the same file again (every row
unchanged) and a file with a tenth of the deadlines changed and 20 procedures gone (updated, retired).

Prints lines for people, then one JSON line per backend and case (``seconds``: the median run):
  {"name": "catalogue_import_500", "seconds": ..., "procedures": 500, "backend": "sqlite"}
  {"name": "catalogue_reimport_500", "seconds": ..., "procedures": 500, "backend": "sqlite", ...}
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from openpyxl import Workbook
from pg_scratch import drop_database, fresh_database

FIELDS = ["Hộ tịch", "Chứng thực", "Bảo trợ xã hội", "Đất đai", "Người có công", "Văn hóa", "Giáo dục"]
VERBS = ["Cấp", "Đăng ký", "Xác nhận", "Cấp lại", "Điều chỉnh", "Thay đổi", "Công nhận", "Gia hạn"]
OBJECTS = [
    "giấy chứng nhận",
    "giấy phép hoạt động",
    "trích lục",
    "giấy xác nhận",
    "hồ sơ trợ cấp",
    "quyết định hỗ trợ",
    "bản sao",
]
DEADLINES = [
    "{n:02d} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
    "{n:02d} ngày làm việc",
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì "
    "trả kết quả trong ngày làm việc tiếp theo.",
    "Không quá {n:02d} ngày làm việc; trường hợp phải xác minh thì không quá 20 ngày làm việc.",
    "Không quá {n} ngày",
]
FEES = [
    "Không",
    "{n}.000 đồng",
    "Lệ phí : {n}.000 đồng/bản; miễn lệ phí cho người thuộc hộ nghèo",
    "Miễn phí",
]
DOCUMENTS = [
    "Tờ khai theo mẫu (Bản chính: 1, Bản sao: 0)",
    "Căn cước của người yêu cầu (bản sao kèm bản chính để đối chiếu)",
    "Bản sao có chứng thực Giấy khai sinh",
    "Giấy tờ chứng minh nơi cư trú",
    "Văn bản ủy quyền (nếu có)",
    "Giấy xác nhận tình trạng hôn nhân",
    "Bản chụp sổ hộ khẩu (02 bản)",
]
HEADER = [
    "STT",
    "Mã số TTHC",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Thành phần hồ sơ",
    "Căn cứ pháp lý",
]


def catalogue_rows(
    count: int, seed: int = 7, *, changed: float = 0.0, dropped: int = 0
) -> list[list[object]]:
    """The sheet's rows: ``count`` procedures (less the last ``dropped``), ``changed`` of them with another
    deadline."""
    rng = random.Random(seed)
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"],
        ["DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ"],
        [],
        HEADER,
    ]
    change = random.Random(seed + 1)
    for number in range(1, count - dropped + 1):
        field = FIELDS[number % len(FIELDS)]
        days = rng.choice([1, 2, 3, 5, 7, 10, 12, 15, 20, 30])
        if changed and change.random() < changed:
            days += 1
        deadline = rng.choices(DEADLINES, weights=[40, 30, 15, 12, 3])[0].format(n=days)
        fee = rng.choice(FEES).format(n=rng.choice([5, 8, 10, 15, 50, 100]))
        documents = ";\n".join(f"- {d}" for d in rng.sample(DOCUMENTS, rng.randint(3, 6)))
        name = (
            f"Thủ tục {rng.choice(VERBS).lower()} {rng.choice(OBJECTS)} lĩnh vực {field.lower()} số {number}"
        )
        code = f"{1 + number % 2}.{number + 1000:06d}"
        rows.append([number, code, name, field, "Cấp Xã", deadline, fee, documents, "Luật số 60/2014/QH13"])
    return rows


def write_workbook(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh mục"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def fresh_store(home: Path, db_url: str | None):
    from counter_app.config import load_settings
    from counter_app.services.context import open_store

    env = {"COUNTER_APP_HOME": str(home)}
    if db_url:
        env["COUNTER_APP_DB_URL"] = db_url
    return open_store(load_settings(env))


def timed_import(store, path: Path):
    from counter_app.services import catalogue_import
    from counter_app.services.context import Actor

    admin = Actor(None, "Quản trị", "admin", store.unit_id, None)
    started = time.perf_counter()
    report = catalogue_import.import_catalogue(store, admin, path)
    return time.perf_counter() - started, report


def run_backend(backend: str, files: dict[str, Path], runs: int, pg: str, count: int) -> list[dict]:
    first, again, changed = [], [], []
    last = None
    for run in range(runs):
        url = fresh_database(pg) if backend == "postgresql" else None
        try:
            with tempfile.TemporaryDirectory(prefix="counter-bench-catalogue-") as home:
                store = fresh_store(Path(home), url)
                try:
                    seconds, report = timed_import(store, files["first"])
                    first.append(seconds)
                    seconds, unchanged = timed_import(store, files["first"])
                    again.append(seconds)
                    seconds, last = timed_import(store, files["changed"])
                    changed.append(seconds)
                finally:
                    store.dispose()
        finally:
            if url is not None:
                drop_database(pg, url)
        print(
            f"[{backend}] run {run + 1}: first {first[-1]:.2f} s ({len(report.added)} added, "
            f"{len(report.unreadable_deadlines)} deadlines reported), again {again[-1]:.2f} s "
            f"({len(unchanged.unchanged)} unchanged), changed {changed[-1]:.2f} s",
            file=sys.stderr,
            flush=True,
        )
    assert last is not None
    return [
        {
            "name": f"catalogue_import_{count}",
            "seconds": round(statistics.median(first), 3),
            "procedures": count,
            "backend": backend,
            "runs": runs,
        },
        {
            "name": f"catalogue_reimport_{count}",
            "seconds": round(statistics.median(again), 3),
            "procedures": count,
            "backend": backend,
            "unchanged": count,
        },
        {
            "name": f"catalogue_reimport_changed_{count}",
            "seconds": round(statistics.median(changed), 3),
            "procedures": count,
            "backend": backend,
            "updated": len(last.updated),
            "retired": len(last.retired),
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--procedures", type=int, default=500)
    parser.add_argument(
        "--runs", type=int, default=None, help="fresh stores per backend (default 3, --quick 1)"
    )
    parser.add_argument("--quick", action="store_true", help="one run per backend")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 3)
    with tempfile.TemporaryDirectory(prefix="counter-bench-catalogue-files-") as folder:
        files = {
            "first": write_workbook(Path(folder) / "danh-muc.xlsx", catalogue_rows(args.procedures)),
            "changed": write_workbook(
                Path(folder) / "danh-muc-moi.xlsx", catalogue_rows(args.procedures, changed=0.1, dropped=20)
            ),
        }
        size = files["first"].stat().st_size
        print(f"workbook: {args.procedures} procedures, {size / 1024:.0f} KiB", file=sys.stderr, flush=True)
        backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
        for backend in backends:
            for line in run_backend(backend, files, runs, args.pg, args.procedures):
                print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
