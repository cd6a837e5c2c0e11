"""Command line: starts the TUI, or runs a headless subcommand and exits (0 on success)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path

from counter_app import __version__
from counter_app.config import ConfigError, Settings, load_settings
from counter_app.locale import formats as fmt

log = logging.getLogger("counter_app")
DEMO_CITIZENS = 300


class CliError(Exception):
    """A one-line error for the person at the terminal; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def _date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            from datetime import datetime

            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"ngày không hợp lệ «{text}» (cần YYYY-MM-DD hoặc DD/MM/YYYY)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cần một số nguyên dương, nhận được «{text}»") from None
    if value < 0 or value > 5_000_000:
        raise argparse.ArgumentTypeError(f"cần một số trong khoảng 0-5000000, nhận được {value}")
    return value


class Runner:
    """Loads the settings and opens the store once, on first need, for the chosen subcommand."""

    def __init__(self, demo: bool = False) -> None:
        self.demo = demo

    @cache  # noqa: B019 - one Runner per process
    def settings(self) -> Settings:
        settings = load_settings(demo=self.demo)
        if self.demo and not _db_url_overridden(settings):
            from dataclasses import replace

            settings = replace(settings, db_url=f"sqlite:///{settings.data_dir / 'demo' / 'counter.sqlite3'}")
        settings.ensure_dirs()
        _setup_logging(settings)
        return settings

    @cache  # noqa: B019
    def store(self):
        from counter_app.services.context import open_store

        return open_store(self.settings())


def _db_url_overridden(settings: Settings) -> bool:
    import os

    return bool(os.environ.get("COUNTER_APP_DB_URL")) or "db_url" in settings.extra.get("store", {})


def _setup_logging(settings: Settings) -> None:
    if log.handlers:
        return
    handler = logging.FileHandler(settings.log_dir / "counter-app.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


# --- subcommands -------------------------------------------------------------------------------


def cmd_tui(args: argparse.Namespace) -> int:
    runner = _get_runner()
    settings = runner.settings()
    if runner.demo and not _store_file_exists(settings):  # first demo start: seed it, showing progress
        ensure_demo_data(runner.store(), progress=_print_progress)
    from counter_app.app import make_app

    def open_store():
        store = runner.store()
        if runner.demo:  # a demo store whose seeding was interrupted gets seeded now
            ensure_demo_data(store)
        return store

    # the log-in screen shows at once; the store opens (and migrates) behind it
    make_app(open_store, settings=settings).run()
    return 0


def _store_file_exists(settings: Settings) -> bool:
    if not settings.db_url.startswith("sqlite:///"):
        return True
    return Path(settings.db_url.removeprefix("sqlite:///")).exists()


def ensure_demo_data(store, *, citizens: int = DEMO_CITIZENS, progress=None) -> bool:
    """Seed the store when it holds no officers yet; True when it seeded."""
    from sqlmodel import select

    from counter_app.db.models import Officer
    from counter_app.services.demo import seed_demo

    with store.session() as session:
        if session.exec(select(Officer.id).limit(1)).first() is not None:
            return False
    seed_demo(store, citizens=citizens, progress=progress)
    return True


def _print_progress(stage: str, done: int, total: int) -> None:
    labels = {"units": "Đơn vị hành chính", "citizens": "Công dân", "dossiers": "Hồ sơ"}
    print(
        f"\r{labels.get(stage, stage)}: {done}/{total}   ",
        end="" if done < total else "\n",
        file=sys.stderr,
        flush=True,
    )


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    runner = _get_runner()
    from counter_app.db.engine import make_engine
    from counter_app.db.migrate import prepare

    settings = runner.settings()
    revision = prepare(make_engine(settings.db_url))
    print(f"Kho dữ liệu đã ở phiên bản {revision}: {_safe_url(settings.db_url)}")
    return 0


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def cmd_seed_demo(args: argparse.Namespace) -> int:
    runner = _get_runner()
    from sqlmodel import select

    from counter_app.db.models import Officer
    from counter_app.services.demo import DEFAULT_SEED, seed_demo

    store = runner.store()
    with store.session() as session:
        if session.exec(select(Officer.id).limit(1)).first() is not None:
            raise CliError(
                "Kho dữ liệu đã có dữ liệu; hãy dùng một COUNTER_APP_HOME hoặc COUNTER_APP_DB_URL mới."
            )
    report = seed_demo(
        store,
        citizens=args.citizens,
        seed=args.seed if args.seed is not None else DEFAULT_SEED,
        today=args.today,
        progress=_print_progress,
    )
    from counter_app.domain.states import Status, label

    print(
        f"Đã tạo dữ liệu mẫu: {report.citizens} công dân, {report.citizen_documents} giấy tờ số hóa, "
        f"{report.dossiers} hồ sơ."
    )
    for status, count in sorted(report.by_status.items()):
        print(f"  {status:>2} {label(Status(status))}: {count}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    runner = _get_runner()
    from counter_app.services import reports

    store = runner.store()
    if args.kind == "indicators":
        from counter_app.commands.reports import run_indicators

        return run_indicators(store, args.date_from, args.date_to, args.format, args.out, args.unit)
    rows = reports.ledger_rows(store, args.date_from, args.date_to, unit_id=args.unit)
    if args.format == "csv":
        if args.out:
            with open(args.out, "w", encoding="utf-8-sig", newline="") as fh:
                reports.write_ledger_csv(rows, fh)
        else:
            reports.write_ledger_csv(rows, sys.stdout)
        return 0
    from pathlib import Path

    from counter_app.printing.output import FORM_LEDGER, save_pdf
    from counter_app.services.printing_service import ledger_pdf

    pdf = ledger_pdf(store, args.date_from, args.date_to, unit_id=args.unit)
    if args.out is None and not sys.stdout.isatty():
        sys.stdout.buffer.write(pdf)
        return 0
    saved = save_pdf(
        pdf,
        printed_dir=store.settings.printed_dir,
        code=f"{args.date_from:%Y%m%d}-{args.date_to:%Y%m%d}",
        form=FORM_LEDGER,
        when=args.date_to,
        out=Path(args.out) if args.out else None,
    )
    print(saved.out or saved.path)
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from pathlib import Path

    from counter_app.services.printing_service import print_form

    store = _get_runner().store()
    printed = print_form(store, args.code, args.form, out=Path(args.out) if args.out else None)
    print(printed.path)
    if printed.sent_to:
        print(f"Đã gửi tới máy in {printed.sent_to}")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from counter_app.services import sync_state
    from counter_app.sync import client
    from counter_app.sync.runner import SyncLoop, store_round

    store = _get_runner().store()
    if args.status:
        st = sync_state.status(store.engine)
        print(f"pending: {st.pending}")
        print(f"rejected: {st.rejected}")
        print(f"last sync: {st.last_sync.isoformat(sep=' ')}" if st.last_sync else "last sync: never")
        if st.last_error:
            print(f"last error: {st.last_error}")
        return 0
    if not store.settings.central_url:
        raise CliError("Chưa cấu hình kho trung tâm (COUNTER_APP_CENTRAL_URL hoặc [store] central_url).")
    if args.batch_size:
        client.PUSH_BATCH = args.batch_size
    one_round = store_round(store)

    def show(report) -> None:
        if isinstance(report, Exception):
            print(f"Không đồng bộ được với kho trung tâm: {_one_line(report)}", file=sys.stderr, flush=True)
            return
        print(
            f"Đã gửi {report.pushed} sự kiện, nhận {report.pulled_events} sự kiện của "
            f"{report.pulled_dossiers} hồ sơ; từ chối {len(report.rejected)}.",
            flush=True,
        )
        for code in report.diverged:
            print(f"Cần xử lý: hồ sơ {code} đã thay đổi ở nơi khác.", flush=True)

    if args.once:
        try:
            report = one_round()
        except Exception as exc:
            raise CliError(f"Không đồng bộ được với kho trung tâm: {_one_line(exc)}", code=3) from None
        show(report)
        return 1 if report.rejected else 0
    SyncLoop(one_round, interval=args.interval).run(on_report=show)
    return 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]


def _cli_actor(store, username: str | None):
    """Who a headless command acts as: the named officer of this unit, or the counter itself."""
    from sqlmodel import select

    from counter_app.db.models import Officer
    from counter_app.services.context import Actor

    if username:
        with store.session() as session:
            officer = session.exec(select(Officer).where(Officer.username == username)).first()
        if officer is None or officer.unit_id != store.unit_id:
            raise CliError(f"Không có cán bộ «{username}» ở đơn vị {store.unit_id}.")
        return Actor(officer.id, officer.full_name, officer.role, officer.unit_id, store.settings.counter_id)
    return Actor(
        None,
        f"Quầy số {store.settings.counter} (dòng lệnh)",
        "officer",
        store.unit_id,
        store.settings.counter_id,
    )


def cmd_handover(args: argparse.Namespace) -> int:
    from counter_app.services import handover

    store = _get_runner().store()
    sent = handover.send(store, _cli_actor(store, args.officer), args.code, args.to.strip(), args.reason)
    print(f"Đã bàn giao hồ sơ {args.code.strip()} cho đơn vị {sent.to_unit_id}; chờ đơn vị nhận xác nhận.")
    return 0


def cmd_inbox(args: argparse.Namespace) -> int:
    from counter_app.services import inbox

    store = _get_runner().store()
    actor = _cli_actor(store, args.officer)
    if args.accept:
        item = inbox.accept(store, actor, args.accept)
        print(f"Đã nhận hồ sơ {item.code}.")
        return 0
    if args.send_back:
        if not args.reason:
            raise CliError("Cần --reason khi trả lại hồ sơ.")
        item = inbox.send_back(store, actor, args.send_back, args.reason)
        print(f"Đã trả lại hồ sơ {item.code}.")
        return 0
    for item in inbox.items(store):
        due = fmt.stamp(item.due_at)
        print(f"{item.code}\t{item.sender}\t{due}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from counter_app.services import portal

    store = _get_runner().store()
    report = portal.import_online(
        store, _cli_actor(store, args.officer), portal.read_records(Path(args.file))
    )
    print(
        f"Đã nhập {len(report.imported)} hồ sơ trực tuyến; bỏ qua {len(report.skipped)} hồ sơ đã có; "
        f"lỗi {len(report.failed)}."
    )
    for label, reason in report.failed:
        print(f"{label}: {reason}", file=sys.stderr)
    return 2 if report.failed else 0


def cmd_queue_board(args: argparse.Namespace) -> int:
    if not sys.stdout.isatty():
        raise CliError("Bảng số thứ tự cần chạy trên một màn hình (terminal).", code=2)
    from counter_app.board_app import make_board_app

    make_board_app(_get_runner().store()).run()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="Phần mềm quầy Bộ phận Một cửa: tiếp nhận và trả kết quả thủ tục hành chính.",
    )
    parser.add_argument("--version", action="version", version=f"counter-app {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="chạy trên kho dữ liệu mẫu (tạo và nạp dữ liệu mẫu nếu chưa có)"
    )
    parser.set_defaults(func=cmd_tui)
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")

    db = sub.add_parser("db", help="quản lý kho dữ liệu")
    db_sub = db.add_subparsers(dest="db_command", metavar="LỆNH", required=True)
    db_sub.add_parser("upgrade", help="tạo hoặc nâng cấp lược đồ kho dữ liệu").set_defaults(
        func=cmd_db_upgrade
    )

    seed = sub.add_parser("seed-demo", help="nạp dữ liệu mẫu vào kho dữ liệu trống")
    seed.add_argument(
        "--citizens",
        type=_positive,
        default=DEMO_CITIZENS,
        metavar="N",
        help=f"số công dân mẫu (mặc định {DEMO_CITIZENS})",
    )
    seed.add_argument(
        "--seed", type=_positive, default=None, help="hạt giống ngẫu nhiên (cùng N, cùng dữ liệu)"
    )
    seed.add_argument(
        "--today", type=_date, default=None, help="ngày làm mốc cho hồ sơ mẫu (mặc định: hôm nay)"
    )
    seed.set_defaults(func=cmd_seed_demo)

    sync = sub.add_parser("sync", help="đồng bộ sự kiện với kho trung tâm PostgreSQL")
    sync.add_argument("--once", action="store_true", help="đồng bộ một lượt rồi thoát")
    sync.add_argument("--status", action="store_true", help="in số sự kiện chờ đồng bộ")
    sync.add_argument("--interval", type=_positive, default=30, help="giây giữa hai lượt (mặc định 30)")
    sync.add_argument("--batch-size", type=_positive, default=0, help="số sự kiện mỗi lô gửi (mặc định 500)")
    sync.set_defaults(func=cmd_sync)

    report = sub.add_parser("report", help="báo cáo: sổ theo dõi hồ sơ (ledger), chỉ tiêu (indicators)")
    report.add_argument("kind", choices=["ledger", "indicators"])
    report.add_argument("--from", dest="date_from", type=_date, required=True, metavar="NGÀY")
    report.add_argument("--to", dest="date_to", type=_date, required=True, metavar="NGÀY")
    report.add_argument("--format", choices=["csv", "pdf"], default="csv")
    report.add_argument("--unit", default=None, help="mã đơn vị (mặc định: đơn vị của quầy; * cho tất cả)")
    report.add_argument("--out", default=None, help="ghi ra tệp thay vì màn hình")
    report.set_defaults(func=cmd_report)

    board = sub.add_parser("queue-board", help="màn hình công cộng hiển thị số đang phục vụ")
    board.set_defaults(func=cmd_queue_board)

    hand = sub.add_parser("handover", help="bàn giao hồ sơ cho đơn vị khác")
    hand.add_argument("code")
    hand.add_argument("--to", required=True, metavar="ĐƠN_VỊ")
    hand.add_argument("--reason", required=True)
    hand.add_argument("--officer", default=None, help="tên đăng nhập của cán bộ thực hiện")
    hand.set_defaults(func=cmd_handover)
    box = sub.add_parser("inbox", help="hồ sơ chờ đơn vị tiếp nhận: được bàn giao đến, nộp trực tuyến")
    box.add_argument("--accept", metavar="MÃ_HỒ_SƠ", help="nhận hồ sơ được bàn giao hoặc hồ sơ trực tuyến")
    box.add_argument("--send-back", metavar="MÃ_HỒ_SƠ", help="trả lại hồ sơ (cần --reason)")
    box.add_argument("--reason", default=None)
    box.add_argument("--officer", default=None, help="tên đăng nhập của cán bộ thực hiện")
    box.set_defaults(func=cmd_inbox)

    imp = sub.add_parser("import", help="nhập hồ sơ trực tuyến từ tệp JSON của Cổng dịch vụ công")
    imp.add_argument("kind", choices=["online"])
    imp.add_argument("file")
    imp.add_argument("--officer", default=None, help="tên đăng nhập của cán bộ thực hiện")
    imp.set_defaults(func=cmd_import)

    _register_printing(sub)
    from counter_app.commands import admin as admin_commands

    admin_commands.register(sub, lambda: _get_runner().store(), _current_settings)
    return parser


def _register_printing(sub) -> None:
    from counter_app.commands import printing as printing_commands

    printer = sub.add_parser("print", help="in biểu mẫu của một hồ sơ (Mẫu 01-05) ra tệp PDF và máy in")
    printer.add_argument(
        "form",
        choices=["receipt", "supplement", "refusal", "apology", "control"],
        help="receipt: Mẫu 01, supplement: Mẫu 02, refusal: Mẫu 03, apology: Mẫu 04, control: Mẫu 05",
    )
    printer.add_argument("code", metavar="MÃ_HỒ_SƠ")
    printer.add_argument("--out", default=None, metavar="TỆP", help="ghi thêm một bản PDF ra tệp này")
    printer.set_defaults(func=cmd_print)
    printing_commands.register(sub, _current_settings)


_runner: Runner | None = None


def _get_runner() -> Runner:
    assert _runner is not None, "main() sets the runner"
    return _runner


def _current_settings() -> Settings:
    return _get_runner().settings()


def main(argv: Sequence[str] | None = None) -> int:
    global _runner
    parser = build_parser()
    args = parser.parse_args(argv)
    _runner = Runner(demo=args.demo)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"counter-app: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"counter-app: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # our own errors carry a Vietnamese message; anything else is logged
        from counter_app.locale import describe_error
        from counter_app.services.storage_errors import translate

        exc = translate(exc)  # a full disk, a read-only store: said as such

        key = getattr(exc, "key", None)
        if key is None:
            from sqlalchemy.exc import OperationalError

            if isinstance(exc, OperationalError):
                reason = " ".join(str(exc.orig).split())
                print(f"counter-app: Không kết nối được kho dữ liệu: {reason}", file=sys.stderr)
                return 3
            log.exception("unexpected error")
            print(f"counter-app: lỗi không mong đợi: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            return 1
        print(f"counter-app: {describe_error(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
