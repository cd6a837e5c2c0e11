"""The province's days off and make-up working days (beyond the national holidays the calendar knows).

    counter-app calendar list [--year YYYY] [--central [--url URL]] [--json]
    counter-app calendar official [--year YYYY] [--json]
    counter-app calendar day-off DATE [--note TEXT] [--central [--url URL]]
    counter-app calendar working-day DATE [--note TEXT] [--central [--url URL]]
    counter-app calendar remove DATE [--central [--url URL]]

With a central store, the province's days live there and every counter pulls them (``--central``); a
stand-alone counter keeps its own.  ``official`` lists the Government's published days off and make-up days
the app ships (:mod:`counter_app.domain.official_days`), each with its source; declared days win over them.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from counter_app.commands.arguments import (
    Subparsers,
    add_actions,
    add_command,
    add_json_option,
    day,
    whole_number,
)
from counter_app.commands.exits import ExitCode
from counter_app.commands.output import json_line, tsv_row
from counter_app.locale import formats as fmt
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext
    from counter_app.services.context import Store


def register(subparsers: Subparsers) -> None:
    calendar = add_command(subparsers, "calendar", "cli.calendar.help")
    actions = add_actions(calendar, "calendar_command")
    listing = add_command(actions, "list", "cli.calendar.list_help", list_days)
    listing.add_argument("--year", type=whole_number(9999), default=None, help=t("cli.calendar.year_help"))
    add_json_option(listing)
    _where(listing)
    official = add_command(actions, "official", "law2026.calendar.official_help", list_official)
    official.add_argument("--year", type=whole_number(9999), default=None, help=t("cli.calendar.year_help"))
    add_json_option(official)
    for name, help_key, handler in (
        ("day-off", "cli.calendar.day_off_help", day_off),
        ("working-day", "cli.calendar.working_day_help", working_day),
    ):
        action = add_command(actions, name, help_key, handler)
        action.add_argument("date", type=day, metavar=t("cli.meta.date"))
        action.add_argument(
            "--note", default="", metavar=t("cli.meta.text"), help=t("cli.calendar.note_help")
        )
        _where(action)
    remove = add_command(actions, "remove", "cli.calendar.remove_help", remove_day)
    remove.add_argument("date", type=day, metavar=t("cli.meta.date"))
    _where(remove)


def _where(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--central", action="store_true", help=t("cli.calendar.central_help"))
    parser.add_argument("--url", default=None, help=t("cli.central.url_help"))


def _store(args: argparse.Namespace, context: CommandContext) -> Store:
    return context.central_store(args.url) if args.central else context.store()


def list_days(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import calendar_days

    rows = calendar_days.listed(_store(args, context), year=args.year)
    for row in rows:
        if args.json:
            json_line({"day": row.day, "working": row.working, "note": row.note})
        else:
            kind = t("cli.calendar.working") if row.working else t("cli.calendar.off")
            print(tsv_row(fmt.day(row.day), kind, row.note))
    if not rows and not args.json:
        print(t("cli.calendar.none"))
    return ExitCode.OK


def list_official(args: argparse.Namespace, context: CommandContext) -> int:
    """The published days the calendar ships (no store needed): day, kind, reason, source."""
    from counter_app.domain.official_days import OFFICIAL_DAYS, VERSION

    rows = sorted(
        (d for d in OFFICIAL_DAYS if args.year is None or d.day.year == args.year), key=lambda d: d.day
    )
    if not args.json:
        print(t("law2026.calendar.official_version", version=VERSION))
    for row in rows:
        if args.json:
            json_line({"day": row.day, "working": row.working, "reason": row.reason, "source": row.source})
        else:
            kind = t("cli.calendar.working") if row.working else t("cli.calendar.off")
            print(tsv_row(f"{fmt.weekday(row.day)} {fmt.day(row.day)}", kind, row.reason, row.source))
    return ExitCode.OK


def _set(args: argparse.Namespace, context: CommandContext, *, working: bool) -> int:
    from counter_app.services import calendar_days

    calendar_days.set_day(_store(args, context), None, args.date, working=working, note=args.note)
    key = "cli.calendar.set_working" if working else "cli.calendar.set_off"
    print(t(key, day=fmt.day(args.date), weekday=fmt.weekday(args.date)))
    return ExitCode.OK


def day_off(args: argparse.Namespace, context: CommandContext) -> int:
    return _set(args, context, working=False)


def working_day(args: argparse.Namespace, context: CommandContext) -> int:
    return _set(args, context, working=True)


def remove_day(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import calendar_days

    calendar_days.remove_day(_store(args, context), None, args.date)
    print(t("cli.calendar.removed", day=fmt.day(args.date)))
    return ExitCode.OK
