"""The audit trail: every dossier's chain of event hashes, walked and checked.

    counter-app audit verify [--code CODE ...] [--central [URL]]

Exit 0 when every chain is whole, 1 when the audit found broken, missing or rewritten history.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_actions, add_command
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext


def register(subparsers: Subparsers) -> None:
    audit = add_command(subparsers, "audit", "cli.audit.help")
    check = add_command(add_actions(audit, "audit_command"), "verify", "cli.audit.verify_help", verify)
    check.add_argument(
        "--code", action="append", default=None, metavar=t("cli.meta.code"), help=t("cli.audit.code_help")
    )
    check.add_argument(
        "--central",
        nargs="?",
        const="",
        default=None,
        metavar="URL",
        help=t("trust.cli.central_help"),
    )


def verify(args: argparse.Namespace, context: CommandContext) -> int:
    """Walk the chains (of the ``--code`` dossiers only, when given); report the first broken link of each."""
    from counter_app.services import audit
    from counter_app.services.errors import NotFound

    if args.central is not None:
        if args.code:
            raise CommandError(t("trust.cli.central_or_code"))
        from counter_app.sync.client import connect_central

        central = connect_central(context.central_url(args.central or None))
        try:
            report = audit.verify_with_central(context.store(), central)
        finally:
            central.dispose()
    else:
        report = audit.verify(context.store(), codes=args.code)
    if report.unknown_codes:
        raise NotFound("lookup.dossier_not_found", code=report.unknown_codes[0][:80])
    if report.ok:
        print(report.summary())
        return ExitCode.OK
    for line in report.lines():
        print(line)
    return ExitCode.PROBLEMS
