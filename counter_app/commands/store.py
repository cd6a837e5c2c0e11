"""The counter's store: create or migrate it, fill it with demo data, back it up and restore it.

counter-app db upgrade
counter-app seed-demo [--citizens N] [--seed S] [--today YYYY-MM-DD]
counter-app backup [--to DIR] [--keep-days N]
counter-app restore FILE | --reseat
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_actions, add_command, count, day, days
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.locale import formats as fmt
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext
    from counter_app.services.backup import ReseatReport
    from counter_app.services.context import Store

DEMO_CITIZENS = 300
#: reports how far the seeding is: (stage, done, total)
Progress = Callable[[str, int, int], None]
#: what the demo seeding reports progress on → its label in the catalogue
STAGES = {"units": "cli.seed.units", "citizens": "cli.seed.citizens", "dossiers": "cli.seed.dossiers"}


def register(subparsers: Subparsers) -> None:
    db = add_command(subparsers, "db", "cli.db.help")
    add_command(add_actions(db, "db_command"), "upgrade", "cli.db.upgrade_help", upgrade)

    seed = add_command(subparsers, "seed-demo", "cli.seed.help", seed_demo)
    seed.add_argument(
        "--citizens",
        type=count,
        default=DEMO_CITIZENS,
        metavar="N",
        help=t("cli.seed.citizens_help"),
    )
    seed.add_argument("--seed", type=count, default=None, help=t("cli.seed.seed_help"))
    seed.add_argument(
        "--today", type=day, default=None, metavar=t("cli.meta.date"), help=t("cli.seed.today_help")
    )

    backup = add_command(subparsers, "backup", "cli.backup.help", back_up)
    backup.add_argument("--to", default=None, metavar=t("cli.meta.dir"), help=t("cli.backup.to_help"))
    backup.add_argument("--keep-days", type=days, default=30, metavar="N", help=t("cli.backup.keep_help"))

    restore_ = add_command(subparsers, "restore", "cli.restore.help", restore)
    restore_.add_argument(
        "file", nargs="?", default=None, metavar=t("cli.meta.file"), help=t("cli.restore.file_help")
    )
    restore_.add_argument("--reseat", action="store_true", help=t("cli.restore.reseat_help"))


def upgrade(args: argparse.Namespace, context: CommandContext) -> int:
    """Create the store's schema, or bring it to the newest version."""
    from sqlalchemy.engine import make_url

    from counter_app.db.engine import make_engine
    from counter_app.db.migrate import prepare
    from counter_app.services import store_health

    settings = context.settings()
    store_health.check(settings)  # a damaged or lost store is restored, not migrated or made anew
    engine = make_engine(settings.db_url)
    try:
        revision = prepare(engine)
    finally:
        engine.dispose()
    store_health.record(settings)
    shown = make_url(settings.db_url).render_as_string(hide_password=True)
    print(t("cli.db.upgraded", revision=revision, url=shown))
    return ExitCode.OK


def seed_demo(args: argparse.Namespace, context: CommandContext) -> int:
    """Fill an empty demo store with the demo data; refuse a store that is not a demo store (``--demo``, or
    recorded as one) and one that already has officers."""
    from counter_app.domain.states import Status, label
    from counter_app.services import demo

    store = context.store()
    demo.require_demo_store(store)
    if demo.has_officers(store):
        raise CommandError(t("cli.seed.not_empty"))
    report = demo.seed_demo(
        store,
        citizens=args.citizens,
        seed=args.seed if args.seed is not None else demo.DEFAULT_SEED,
        today=args.today,
        progress=print_progress,
    )
    print(
        t(
            "cli.seed.done",
            citizens=report.citizens,
            documents=report.citizen_documents,
            dossiers=report.dossiers,
        )
    )
    for status, dossiers in sorted(report.by_status.items()):
        print(t("cli.seed.status_line", status=status, label=label(Status(status)), count=dossiers))
    return ExitCode.OK


def ensure_demo_data(
    store: Store, *, citizens: int = DEMO_CITIZENS, progress: Progress | None = None
) -> bool:
    """Seed the store when it holds no officers yet; True when it seeded (the TUI's ``--demo``)."""
    from counter_app.services import demo

    if demo.has_officers(store):
        return False
    demo.seed_demo(store, citizens=citizens, progress=progress)
    return True


def print_progress(stage: str, done: int, total: int) -> None:
    """One self-overwriting line on standard error while the demo data are made."""
    name = t(STAGES[stage]) if stage in STAGES else stage
    print(
        "\r" + t("cli.seed.progress", stage=name, done=done, total=total),
        end="" if done < total else "\n",
        file=sys.stderr,
        flush=True,
    )


def back_up(args: argparse.Namespace, context: CommandContext) -> int:
    """A checked copy of the SQLite store; older copies in the same directory are pruned."""
    from counter_app.services import backup

    info = backup.create(context.store(), Path(args.to) if args.to else None)
    print(
        t("backup.done", path=info.path, size=fmt.size(info.size), dossiers=info.dossiers, events=info.events)
    )
    if info.files_copied:
        print(t("files.backup_copied", count=info.files_copied, path=info.path.parent / "files"))
    removed = backup.prune(info.path.parent, args.keep_days)
    if removed:
        print(t("backup.pruned", count=len(removed), days=args.keep_days))
    return ExitCode.OK


def restore(args: argparse.Namespace, context: CommandContext) -> int:
    """Put a checked backup in place of the store (the store is not opened first: it is being replaced),
    then raise the counter's numbering past every code already printed; with ``--reseat`` alone, only the
    latter (again after the first sync)."""
    from counter_app.services import backup

    if args.reseat and not args.file:
        print_reseat(backup.reseat(context.store()), context)
        return ExitCode.OK
    if not args.file:
        raise CommandError(t("backup.file_required"))
    info = backup.restore(Path(args.file), context.settings())
    print(t("backup.restored", path=info.source, dossiers=info.dossiers, events=info.events))
    if info.files_restored:
        print(t("files.restore_copied", count=info.files_restored, path=info.source.parent / "files"))
    if info.aside is not None:
        print(t("backup.kept_aside", path=info.aside))
    try:  # the restored store's counters are the backup's: codes printed since must not come again
        report = backup.reseat(context.store())
    except Exception as exc:
        from counter_app.locale import describe_error
        from counter_app.services.storage_errors import translate

        reason = describe_error(translate(exc))
        raise CommandError(t("storage.reseat_failed", reason=reason), ExitCode.PROBLEMS) from exc
    print_reseat(report, context)
    return ExitCode.OK


def print_reseat(report: ReseatReport, context: CommandContext) -> None:
    """Where the numbers already used were read from, and what was raised."""
    from counter_app.services.backup import FRESH_BLOCK, LEDGER_FRESH_MARGIN
    from counter_app.services.context import local_now

    settings = context.store().settings
    if report.printed is None:
        print(t("storage.reseat_no_printed", dir=settings.printed_dir))
    else:
        print(t("storage.reseat_printed", count=report.printed, dir=settings.printed_dir))
    if report.central is not None:
        print(t("storage.reseat_central", count=report.central))
    elif report.central_error is not None:
        print(t("storage.reseat_central_unreachable", reason=report.central_error))
    else:
        print(t("storage.reseat_no_central"))
    if report.fresh_block:
        print(
            t(
                "storage.reseat_fresh",
                first=FRESH_BLOCK + 1,
                year=local_now().year,
                margin=LEDGER_FRESH_MARGIN,
            )
        )
    print(t("backup.reseated", count=report.raised))
