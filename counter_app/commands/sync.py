"""Exchanging events with the central PostgreSQL.

counter-app sync [--once] [--status [--json]] [--interval S] [--batch-size N]
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_command, add_json_option, count
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.commands.output import json_line, one_line, warn
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext
    from counter_app.services.sync_state import SyncStatus
    from counter_app.sync.client import SyncReport
    from counter_app.sync.file_push import FilePushReport


def register(subparsers: Subparsers) -> None:
    sync = add_command(subparsers, "sync", "cli.sync.help", run)
    sync.add_argument("--once", action="store_true", help=t("cli.sync.once_help"))
    sync.add_argument("--status", action="store_true", help=t("cli.sync.status_help"))
    add_json_option(sync)
    sync.add_argument("--interval", type=count, default=30, help=t("cli.sync.interval_help"))
    sync.add_argument("--batch-size", type=count, default=0, help=t("cli.sync.batch_help"))


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """``--status``: what waits; ``--once``: one round (exit 1 when the centre refused events); else rounds
    forever, backing off while the centre is away."""
    from counter_app.services import sync_state
    from counter_app.sync import client
    from counter_app.sync.runner import SyncLoop, store_round

    store = context.store()
    if args.status:
        show_status(
            sync_state.status(store.engine), as_json=args.json, central=bool(store.settings.central_url)
        )
        return ExitCode.OK
    if not store.settings.central_url:
        raise CommandError(t("cli.sync.no_central"))
    if args.batch_size:
        client.PUSH_BATCH = args.batch_size
    one_round = store_round(store)
    if args.once:
        try:
            report = one_round()
        except (
            Exception
        ) as exc:  # the centre is away, refuses the connection, is not set up: one line, exit 3
            raise CommandError(_failure(exc), ExitCode.UNAVAILABLE) from exc
        show_round(report)
        return ExitCode.PROBLEMS if report.rejected else ExitCode.OK
    SyncLoop(one_round, interval=args.interval).run(on_report=show_round)
    return ExitCode.OK


def show_status(status: SyncStatus, *, as_json: bool, central: bool = True) -> None:
    """``pending: N`` / ``rejected: N`` / ``last sync: ...`` lines (their wording is relied on by scripts),
    with a one-line hint on where to read why events were refused; or one JSON object, whose
    ``rejected_events`` lists each refused event (id, dossier code, type, when refused, why), newest first.

    Without a central store (``central`` false) the last line says so: the pending events are not waiting
    for a network, nothing will take them (a stand-alone counter); the JSON object's ``central`` says it too."""
    if as_json:
        json_line(
            {
                "pending": status.pending,
                "rejected": status.rejected,
                "rejected_events": [
                    {
                        "event_id": r.event_id,
                        "dossier_code": r.dossier_code,
                        "type": r.type,
                        "at": r.at,
                        "reason": r.reason,
                    }
                    for r in status.rejected_events
                ],
                "last_sync": status.last_sync,
                "last_error": status.last_error or None,
                "files_pending": status.files_pending,
                "files_pending_bytes": status.files_bytes,
                "files_last_error": status.files_last_error or None,
                "central": central,
            }
        )
        return
    print(t("cli.sync.pending", count=status.pending))
    print(t("cli.sync.rejected", count=status.rejected))
    if status.rejected:
        print(t("bounds.sync.rejected_hint", count=status.rejected))
    if status.last_sync:
        print(t("cli.sync.last_sync", at=status.last_sync.isoformat(sep=" ")))
    else:
        print(t("cli.sync.never"))
    if status.last_error:
        print(t("cli.sync.last_error", error=status.last_error))
    if status.files_pending or status.files_last_error:
        from counter_app.locale import formats as fmt

        print(t("objects.status.pending", count=status.files_pending, size=fmt.size(status.files_bytes)))
    if status.files_last_error:
        print(t("objects.status.last_error", error=status.files_last_error))
    if not central:
        print(t("files.sync.standalone"))


def show_round(report: SyncReport | Exception) -> None:
    """What one round did, or why it failed (the loop goes on)."""
    if isinstance(report, Exception):
        warn(_failure(report))
        return
    print(
        t(
            "cli.sync.done",
            pushed=report.pushed,
            events=report.pulled_events,
            dossiers=report.pulled_dossiers,
            rejected=len(report.rejected),
        ),
        flush=True,
    )
    for code in report.diverged:
        print(t("cli.sync.diverged", code=code), flush=True)
    if (
        report.published_keys
        or report.pulled_procedures
        or report.pulled_unit_procedures
        or report.pulled_keys
    ):
        print(
            t(
                "central.sync.references",
                procedures=report.pulled_procedures,
                unit_procedures=report.pulled_unit_procedures,
                keys=report.pulled_keys,
                published=report.published_keys,
            ),
            flush=True,
        )
    if report.files is not None:
        show_files(report.files)


def show_files(files: FilePushReport) -> None:
    """What the round's file push did (a line only when it did something or failed)."""
    from counter_app.locale import formats as fmt

    if files.offline:
        print(t("objects.sync.offline", error=files.last_error), flush=True)
    elif files.uploaded or files.already_there:
        print(
            t(
                "objects.sync.pushed",
                uploaded=files.uploaded,
                size=fmt.size(files.bytes),
                already=files.already_there,
                waiting=files.corrupt + files.missing + files.refused,
            ),
            flush=True,
        )
    if files.corrupt:
        print(t("objects.sync.corrupt", count=files.corrupt), flush=True)


def _failure(exc: BaseException) -> str:
    """The line saying why a round failed: our own sentence as it is (a central store not set up), otherwise
    the driver's words after ours."""
    from counter_app.locale import describe_error

    if isinstance(getattr(exc, "key", None), str):
        return describe_error(exc)
    return t("cli.sync.failed", reason=one_line(getattr(exc, "orig", None) or exc)[:300])
