"""The central PostgreSQL: set it up from nothing, lock it down (unit-scoped row-level security), one role per
counter.

    counter-app central init [--url ADMIN_URL]          schema, units, security, store_info (idempotent)
    counter-app central secure [--url ADMIN_URL]        the security step alone
    counter-app central counter-role UNIT NUMBER [--url ADMIN_URL]   (password on standard input)

Only the settings are read (for ``COUNTER_APP_CENTRAL_URL``): the counter's own store is not opened.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_actions, add_command, counter_number
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.locale import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from counter_app.commands.context import CommandContext


def register(subparsers: Subparsers) -> None:
    central = add_command(subparsers, "central", "cli.central.help")
    actions = add_actions(central, "central_command")
    init_ = add_command(actions, "init", "central.init.help", init)
    init_.add_argument("--url", default=None, help=t("cli.central.url_help"))
    secure_ = add_command(actions, "secure", "cli.central.secure_help", secure)
    secure_.add_argument("--url", default=None, help=t("cli.central.url_help"))
    role = add_command(actions, "counter-role", "cli.central.role_help", counter_role)
    role.add_argument("unit", metavar=t("cli.meta.unit"))
    role.add_argument("number", type=counter_number, metavar=t("cli.meta.counter_number"))
    role.add_argument("--url", default=None, help=t("cli.central.url_help"))


def init(args: argparse.Namespace, context: CommandContext) -> int:
    """Create or migrate the central store, load the units, install the security, record it as central; one
    line per step, then whether anything changed."""
    from datetime import datetime

    from counter_app.locale.formats import grouped, stamp
    from counter_app.services.context import local_now
    from counter_app.sync.central_setup import init_central

    engine = _central_engine(args.url, context)
    try:
        report = init_central(engine, now=local_now())
    finally:
        engine.dispose()
    if report.revision_before is None:
        print(t("central.init.schema_created", revision=report.revision))
    elif report.revision_before != report.revision:
        print(t("central.init.schema_upgraded", before=report.revision_before, revision=report.revision))
    else:
        print(t("central.init.schema_unchanged", revision=report.revision))
    if report.units_added:
        print(t("central.init.units_loaded", count=grouped(report.units_added)))
    else:
        print(t("central.init.units_unchanged"))
    print(
        t("central.init.security_installed" if report.security_changed else "central.init.security_unchanged")
    )
    if report.recorded:
        print(t("central.init.recorded"))
    else:
        since = stamp(datetime.fromisoformat(report.set_up_at)) if report.set_up_at else ""
        print(t("central.init.recorded_before", since=since))
    print(t("central.init.done" if report.changed else "central.init.nothing_changed", place=report.place))
    return ExitCode.OK


def secure(args: argparse.Namespace, context: CommandContext) -> int:
    """Install row-level security and the security-definer functions on the central store."""
    from counter_app.db.migrate import current_revision, quick_head
    from counter_app.sync import security
    from counter_app.sync.central_setup import place_of

    engine = _central_engine(args.url, context)
    try:
        security.check_postgresql(engine)
        revision = current_revision(engine)
        if revision != quick_head():  # the policies name the tables of the newest schema: init migrates first
            raise CommandError(
                t(
                    "central.schema_behind",
                    place=place_of(engine.url),
                    revision=revision or "—",
                    head=quick_head(),
                )
            )
        security.install(engine)
    finally:
        engine.dispose()
    print(t("security.installed"))
    return ExitCode.OK


def counter_role(args: argparse.Namespace, context: CommandContext) -> int:
    """Create (or reset the password of) the PostgreSQL role of one counter; the password is read from
    standard input (asked for, unechoed, on a terminal)."""
    from counter_app.sync import security

    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass(t("cli.central.password_prompt"))
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    engine = _central_engine(args.url, context)
    try:
        role = security.create_counter_role(engine, args.unit, args.number, password)
    finally:
        engine.dispose()
    print(t("security.role_ready", role=role, number=args.number, unit=args.unit.strip()))
    return ExitCode.OK


def _central_engine(url: str | None, context: CommandContext) -> Engine:
    from counter_app.db.engine import make_engine

    return make_engine(context.central_url(url))
