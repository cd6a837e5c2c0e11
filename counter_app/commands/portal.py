"""The unit's dossiers for the national public service portal.

counter-app export portal --from DATE --to DATE [--updates] [--out FILE] --officer USERNAME

The records carry applicants' names and contacts: an officer gives their PIN. Without ``--out`` the JSON
goes to standard output; with it, to a file only the counter's account may read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_command, add_officer_option, add_period_options
from counter_app.commands.exits import ExitCode
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext


def register(subparsers: Subparsers) -> None:
    export = add_command(subparsers, "export", "portal2026.cli.export_help", export_portal)
    export.add_argument("kind", choices=["portal"], help=t("portal2026.cli.kind_help"))
    add_period_options(export, "portal2026.cli.from_help", "portal2026.cli.to_help")
    export.add_argument("--updates", action="store_true", help=t("portal2026.cli.updates_help"))
    export.add_argument("--out", default=None, metavar=t("cli.meta.file"), help=t("portal2026.cli.out_help"))
    add_officer_option(export)


def export_portal(args: argparse.Namespace, context: CommandContext) -> int:
    """Write the period's dossiers in the portal's shape (one envelope, or two with ``--updates``)."""
    from counter_app.services import portal

    store = context.store()
    actor = context.actor(args.officer, pin=True)
    body = portal.export_period(store, actor, args.date_from, args.date_to, updates=args.updates)
    text = json.dumps(body, ensure_ascii=False, indent=1) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return ExitCode.OK
    path = Path(args.out)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a file that was there keeps no wider mode
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    records = body[0] if isinstance(body, list) else body
    print(t("portal2026.cli.saved", count=len(records["data"]), path=path))
    return ExitCode.OK
