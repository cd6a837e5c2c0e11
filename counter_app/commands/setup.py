"""A real unit's store and its officers' accounts.

    counter-app setup --unit WARD_CODE --identifier ONE_STOP_ID --counters N --admin USERNAME [--name TEXT]
    counter-app officer add USERNAME --name TEXT [--role officer|supervisor|admin] [--title TEXT]
    counter-app officer disable|enable USERNAME
    counter-app officer reset-pin USERNAME
    counter-app officer unlock USERNAME
    counter-app officer set-role USERNAME --role officer|supervisor|admin
    counter-app officer list [--json]

Like ``db upgrade``, these are operations of the machine that holds the store: whoever can run them can
already open the store (its SQLite file, or the PostgreSQL credentials in the settings), so they act as the
unit's administrator without a log-in; what protects the accounts is the protection of the store (the
operating-system account, the file's permissions, the database password). Every change goes to the log.

A PIN is read from standard input, never from the command line (where ``ps`` and the shell history would
show it): at a terminal, asked twice without echo; otherwise one line (``printf '%s\\n' "$PIN" | ...``).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.commands.arguments import (
    Subparsers,
    add_actions,
    add_command,
    add_json_option,
    counter_number,
)
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.commands.output import json_line, tsv_row
from counter_app.locale import formats as fmt
from counter_app.locale import t

if TYPE_CHECKING:
    from datetime import datetime

    from counter_app.commands.context import CommandContext
    from counter_app.config import Settings
    from counter_app.services.context import Actor
    from counter_app.services.views import OfficerView

#: the roles of an account (as :data:`counter_app.services.auth.ROLES`, without importing the services)
ROLES = ("officer", "supervisor", "admin")


def register(subparsers: Subparsers) -> None:
    setup = add_command(subparsers, "setup", "setup.cmd.help", set_up)
    setup.add_argument(
        "--unit", required=True, metavar=t("setup.cmd.meta.ward"), help=t("setup.cmd.unit_help")
    )
    setup.add_argument(
        "--identifier",
        required=True,
        metavar=t("setup.cmd.meta.identifier"),
        help=t("setup.cmd.identifier_help"),
    )
    setup.add_argument(
        "--counters", required=True, type=counter_number, metavar="N", help=t("setup.cmd.counters_help")
    )
    setup.add_argument(
        "--admin", required=True, metavar=t("cli.meta.username"), help=t("setup.cmd.admin_help")
    )
    setup.add_argument(
        "--name", default=None, metavar=t("setup.cmd.meta.name"), help=t("setup.cmd.name_help")
    )

    officer = add_command(subparsers, "officer", "setup.officer.help")
    actions = add_actions(officer, "officer_command")
    add = add_command(actions, "add", "setup.officer.add_help", add_officer)
    _username(add)
    add.add_argument(
        "--name", required=True, metavar=t("setup.cmd.meta.name"), help=t("setup.officer.name_help")
    )
    add.add_argument(
        "--role", choices=ROLES, default="officer", metavar="|".join(ROLES), help=t("setup.officer.role_help")
    )
    add.add_argument(
        "--title", default=None, metavar=t("setup.cmd.meta.title"), help=t("setup.officer.title_help")
    )
    _username(add_command(actions, "disable", "setup.officer.disable_help", disable_officer))
    _username(add_command(actions, "enable", "setup.officer.enable_help", enable_officer))
    _username(add_command(actions, "reset-pin", "setup.officer.reset_pin_help", reset_pin))
    _username(add_command(actions, "unlock", "privacy.officer.unlock_help", unlock_officer))
    set_role_ = add_command(actions, "set-role", "setup.officer.set_role_help", set_role)
    _username(set_role_)
    set_role_.add_argument(
        "--role", required=True, choices=ROLES, metavar="|".join(ROLES), help=t("setup.officer.role_help")
    )
    add_json_option(add_command(actions, "list", "setup.officer.list_help", list_officers))


def _username(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("username", metavar=t("cli.meta.username"), help=t("setup.officer.username_help"))


def set_up(args: argparse.Namespace, context: CommandContext) -> int:
    """Create or migrate the store, then set it up for the unit. The administrator's PIN comes from standard
    input: before the store is created when it is a SQLite file that does not exist yet (a bad PIN leaves no
    file behind), otherwise once the store says the account is new (setting up again with an administrator
    who exists asks for no PIN)."""
    from counter_app.services import setup

    request = setup.prepare(args.unit, args.identifier, args.counters, args.admin, args.name)
    new_file = _new_sqlite_file(context.settings())
    if new_file and context.settings().demo:  # the demo's own store, not made yet: refused without making it
        raise CommandError(t("setup.demo_store"))
    pin = read_new_pin(request.admin_username) if new_file else None
    store = context.store()
    plan = setup.plan(store, request)
    if pin is None and not plan.admin_exists:
        pin = read_new_pin(request.admin_username)
    report = setup.set_up(store, request, pin)
    unit = report.unit
    print(
        t(
            "setup.cmd.done",
            unit=unit.name,
            unit_id=unit.id,
            province=unit.province_name,
            identifier=report.identifier,
        )
    )
    print(t("setup.cmd.counters", count=len(report.counters), counters=", ".join(report.counters)))
    print(t("setup.cmd.queue", services=", ".join(report.queue_services)))
    admin = report.admin
    key = "setup.cmd.admin_created" if report.admin_created else "setup.cmd.admin_kept"
    print(t(key, username=admin.username, name=admin.full_name))
    return ExitCode.OK


def _new_sqlite_file(settings: Settings) -> bool:
    url = settings.db_url
    return url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists()


def add_officer(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import officers

    store = context.store()
    actor = _operator(context)
    officers.check_new(store, actor, args.username, args.name, role=args.role, title=args.title)
    pin = read_new_pin(args.username.strip())  # asked once everything else is known to be right
    added = officers.add(store, actor, args.username, args.name, pin, role=args.role, title=args.title)
    print(
        t("setup.officer.added", username=added.username, name=added.full_name, role=t(f"role.{added.role}"))
    )
    return ExitCode.OK


def disable_officer(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import officers

    done = officers.disable(context.store(), _operator(context), args.username)
    print(t("setup.officer.disabled", username=done.username))
    return ExitCode.OK


def enable_officer(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import officers

    done = officers.enable(context.store(), _operator(context), args.username)
    print(t("setup.officer.enabled", username=done.username))
    return ExitCode.OK


def reset_pin(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import officers

    store = context.store()
    actor = _operator(context)
    account = officers.find(store, actor, args.username)  # an unknown account is refused before the PIN
    pin = read_new_pin(account.username)
    done = officers.reset_pin(store, actor, account.username, pin)
    print(t("setup.officer.pin_reset", username=done.username))
    return ExitCode.OK


def unlock_officer(args: argparse.Namespace, context: CommandContext) -> int:
    """Lift an account's lock-out (its wrong PINs in a row are forgotten; the PIN stays)."""
    from counter_app.services import officers

    done = officers.unlock(context.store(), _operator(context), args.username)
    print(t("privacy.officer.unlocked", username=done.username))
    return ExitCode.OK


def set_role(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import officers

    done = officers.set_role(context.store(), _operator(context), args.username, args.role)
    print(t("setup.officer.role_set", username=done.username, role=t(f"role.{done.role}")))
    return ExitCode.OK


def list_officers(args: argparse.Namespace, context: CommandContext) -> int:
    """One line per account of the unit (tab-separated), or JSON Lines."""
    from counter_app.services import officers
    from counter_app.services.context import local_now

    accounts = officers.list_officers(context.store(), _operator(context))
    if args.json:
        for account in accounts:
            json_line(asdict(account))
        return ExitCode.OK
    if not accounts:
        print(t("setup.officer.none"))
    now = local_now()
    for account in accounts:
        print(tsv_row(account.username, account.full_name, t(f"role.{account.role}"), _state(account, now)))
    return ExitCode.OK


def _state(account: OfficerView, now: datetime) -> str:
    parts = [t("setup.officer.state.active" if account.active else "setup.officer.state.disabled")]
    if account.locked_until is not None and account.locked_until > now:
        parts.append(t("setup.officer.state.locked", until=fmt.clock(account.locked_until)))
    if account.must_change_pin:
        parts.append(t("setup.officer.state.must_change"))
    return ", ".join(parts)


def _operator(context: CommandContext) -> Actor:
    """Who runs an ``officer`` command: the store's administrator, as the counter, named in the log with the
    operating-system account that ran it."""
    import getpass

    actor = context.actor(None, role="admin")
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment nor in the password database
        return actor
    return replace(actor, name=f"{actor.name}, {user}")


def read_new_pin(username: str) -> str:
    """A new PIN from standard input: at a terminal, asked twice without echo (checked after the first
    entry, and the two must match); otherwise the first line. Checked by ``auth.check_new_pin``."""
    import getpass

    from counter_app.services import auth

    stdin = sys.stdin
    if stdin is None or stdin.closed:
        raise CommandError(t("setup.pin.missing"))
    try:
        if stdin.isatty():
            first = getpass.getpass(t("setup.pin.prompt", username=username))
            auth.check_new_pin(first)
            if getpass.getpass(t("setup.pin.again")) != first:
                raise CommandError(t("setup.pin.mismatch"))
            return first
        line = stdin.readline()
    except (EOFError, OSError):  # end of input, or no input to read from
        raise CommandError(t("setup.pin.missing")) from None
    except UnicodeDecodeError:
        raise CommandError(t("setup.pin.not_text")) from None
    if not line:
        raise CommandError(t("setup.pin.missing"))
    pin = line.strip()
    auth.check_new_pin(pin)
    return pin
