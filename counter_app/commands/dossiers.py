"""Dossiers that move between units: handing one over, the unit's inbox, online dossiers from the portal.

counter-app handover CODE --to UNIT --reason TEXT --officer USERNAME
counter-app inbox [--json | --accept CODE --officer USERNAME | --send-back CODE --reason TEXT --officer USERNAME]
counter-app import online FILE.json --officer USERNAME   (export: commands/portal.py)

What changes a dossier or registers citizens is done by a named officer who gives their PIN (on standard
input, or asked at a terminal), never by "the counter": handing over, accepting or sending back, importing.
Listing the inbox shows no applicant's data and needs no officer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_command, add_json_option, add_officer_option
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.commands.output import json_line, tsv_row
from counter_app.locale import formats as fmt
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext
    from counter_app.services.inbox import InboxItem


def register(subparsers: Subparsers) -> None:
    hand = add_command(subparsers, "handover", "cli.handover.help", hand_over)
    hand.add_argument("code", metavar=t("cli.meta.code"))
    hand.add_argument("--to", required=True, metavar=t("cli.meta.unit"), help=t("cli.handover.to_help"))
    hand.add_argument(
        "--reason", required=True, metavar=t("cli.meta.text"), help=t("cli.handover.reason_help")
    )
    add_officer_option(hand)

    box = add_command(subparsers, "inbox", "cli.inbox.help", inbox)
    actions = box.add_mutually_exclusive_group()
    actions.add_argument("--accept", metavar=t("cli.meta.code"), help=t("cli.inbox.accept_help"))
    actions.add_argument("--send-back", metavar=t("cli.meta.code"), help=t("cli.inbox.send_back_help"))
    add_json_option(actions)
    box.add_argument("--reason", default=None, metavar=t("cli.meta.text"), help=t("cli.inbox.reason_help"))
    add_officer_option(box)

    imp = add_command(subparsers, "import", "cli.import.help", import_online)
    imp.add_argument("kind", choices=["online"], help=t("cli.import.kind_help"))
    imp.add_argument("file", metavar=t("cli.meta.file"), help=t("cli.import.file_help"))
    add_officer_option(imp)


def hand_over(args: argparse.Namespace, context: CommandContext) -> int:
    """Offer custody of a dossier to another unit; it moves when that unit accepts."""
    from counter_app.services import handover

    store = context.store()
    sent = handover.send(
        store, context.actor(args.officer, pin=True), args.code, args.to.strip(), args.reason
    )
    print(t("cli.handover.sent", code=args.code.strip(), unit=sent.to_unit_id))
    return ExitCode.OK


def inbox(args: argparse.Namespace, context: CommandContext) -> int:
    """List what waits for this unit (``CODE<TAB>sender<TAB>due``, or JSON Lines), or take one in or
    send it back."""
    from counter_app.services import inbox as waiting

    store = context.store()
    if args.accept:
        item = waiting.accept(store, context.actor(args.officer, pin=True), args.accept)
        print(t("cli.inbox.accepted", code=item.code))
        if item.kind == "online":  # taken in: the receipt (Mẫu 01), as after an intake at the counter
            from counter_app.services.printouts import print_safely

            printed = print_safely(store, item.code, "receipt")
            print(printed.message, file=sys.stdout if printed.ok else sys.stderr)
        return ExitCode.OK
    if args.send_back:
        if not args.reason:
            raise CommandError(t("cli.inbox.reason_required"))
        item = waiting.send_back(store, context.actor(args.officer, pin=True), args.send_back, args.reason)
        print(t("cli.inbox.sent_back", code=item.code))
        return ExitCode.OK
    for item in waiting.items(store):
        if args.json:
            json_line(inbox_record(item))
        else:
            print(tsv_row(item.code, item.sender, fmt.stamp(item.due_at)))
    return ExitCode.OK


def inbox_record(item: InboxItem) -> dict[str, object]:
    """The JSON Lines object of one waiting dossier (no personal data of the applicant)."""
    return {
        "kind": item.kind,
        "code": item.code,
        "sender": item.sender,
        "arrived_at": item.arrived_at,
        "due_at": item.due_at,
        "reason": item.reason,
    }


def import_online(args: argparse.Namespace, context: CommandContext) -> int:
    """Apply a national portal file (``DongBoHoSoMC`` records, ``CapNhatTienDoHoSoMC`` steps), all or none:
    new dossiers are registered, re-sent ones (``isUpdating``) updated, the same file twice changes nothing;
    a faulty record refuses the whole file with one line naming the record and the field."""
    from counter_app.services import portal

    store = context.store()
    actor = context.actor(args.officer, pin=True)
    batches = portal.read_batches(Path(args.file))
    report = portal.import_batches(store, actor, batches)
    print(report.summary())
    return ExitCode.OK
