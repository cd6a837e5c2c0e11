"""The personal-data access log: who viewed which citizen's record, when and why (Decree 13/2023/NĐ-CP).

    counter-app access log --officer USERNAME [--citizen CCCD] [--days N] [--json]
    counter-app access show CCCD --purpose TEXT --officer USERNAME

Both show personal data, so both need a named officer and their PIN (on standard input, or asked at a
terminal): ``access log`` a supervisor or an administrator, ``access show`` any officer of the unit.
``access show`` is itself a view of the citizen's record, logged like any other, under the officer's name.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from counter_app.commands.arguments import (
    Subparsers,
    add_actions,
    add_command,
    add_json_option,
    add_officer_option,
    days,
)
from counter_app.commands.exits import ExitCode
from counter_app.commands.output import json_line, tsv_row
from counter_app.locale import formats as fmt
from counter_app.locale import has, t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext


def register(subparsers: Subparsers) -> None:
    access = add_command(subparsers, "access", "cli.access.help")
    actions = add_actions(access, "access_command")
    log = add_command(actions, "log", "cli.access.log_help", show_log)
    log.add_argument("--citizen", default=None, metavar="CCCD", help=t("cli.access.citizen_help"))
    log.add_argument("--days", type=days, default=30, metavar="N", help=t("cli.access.days_help"))
    add_json_option(log)
    add_officer_option(log)
    show = add_command(actions, "show", "cli.access.show_help", show_record)
    show.add_argument("citizen", metavar="CCCD")
    show.add_argument(
        "--purpose", required=True, metavar=t("cli.meta.purpose"), help=t("cli.access.purpose_help")
    )
    add_officer_option(show)


def show_log(args: argparse.Namespace, context: CommandContext) -> int:
    """The views of the last ``--days`` days, newest first, one per line (tab-separated, or JSON Lines)."""
    from counter_app.services import access
    from counter_app.services.context import local_now

    actor = context.actor(args.officer, pin=True)  # it says who looked at whom: a supervisor's PIN
    since = local_now() - timedelta(days=args.days)
    entries = access.views(context.store(), actor, citizen_id=args.citizen, since=since)
    if args.json:
        for entry in entries:
            json_line(asdict(entry))
        return ExitCode.OK
    if not entries:
        print(t("cli.access.none"))
    for entry in entries:
        print(
            tsv_row(
                fmt.stamp(entry.at, seconds=True),
                entry.officer_name,
                entry.unit_id,
                entry.citizen_id or "",
                entry.purpose,
                entry.dossier_id or "",
            )
        )
    return ExitCode.OK


def show_record(args: argparse.Namespace, context: CommandContext) -> int:
    """The citizen and their digitised documents; the view is logged with its purpose first."""
    from counter_app.services import access

    record = access.citizen_record(
        context.store(), context.actor(args.officer, pin=True), args.citizen, args.purpose
    )
    citizen = record.citizen
    print(
        t(
            "cli.access.citizen_line",
            name=citizen.full_name,
            cccd=citizen.cccd,
            birth=fmt.day(citizen.birth_date, "?"),
            gender=citizen.gender or "?",
        )
    )
    print(t("cli.access.address_line", address=citizen.address))
    print(t("cli.access.documents", count=len(record.documents)))
    for document in record.documents:
        issued = f" ({fmt.day(document.issued_on)})" if document.issued_on else ""
        source = f"files.source.{document.source}"
        notes = [t(source) if has(source) else document.source]
        if document.file_hash and document.file_size:
            notes.append(t("files.cell", pages=document.file_pages, size=fmt.size(document.file_size)))
        if document.expires_on is not None:
            key = "files.expired_on" if document.expires_on < date.today() else "files.valid_until"
            notes.append(t(key, day=fmt.day(document.expires_on)))
        print(f"  - {document.title} {document.number}{issued}".rstrip() + " — " + "; ".join(notes))
    print(
        t(
            "cli.access.logged",
            officer=record.log.officer_name,
            at=fmt.stamp(record.log.at, seconds=True),
            purpose=record.log.purpose,
        )
    )
    return ExitCode.OK
