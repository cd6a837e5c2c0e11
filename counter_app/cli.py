"""Command line: starts the TUI, or runs a headless subcommand and exits (see ``counter-app --help``).

The subcommands live in :mod:`counter_app.commands`; this module builds the parser from them, gives the
chosen one a :class:`CommandContext`, and is the one place where a failure becomes an exit code and one
line on standard error (never a traceback; unexpected errors are written to the log file).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import NamedTuple

from counter_app import __version__
from counter_app.commands import register_all, tui
from counter_app.commands.arguments import Parser
from counter_app.commands.context import CommandContext
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.commands.output import PROGRAM, one_line, warn
from counter_app.locale import describe_error, t

log = logging.getLogger("counter_app")

HELP_WIDTH = 100
#: the exit codes ``--help`` explains, in order
EXIT_CODES = {
    ExitCode.OK: "cli.exit.ok",
    ExitCode.PROBLEMS: "cli.exit.problems",
    ExitCode.REFUSED: "cli.exit.refused",
    ExitCode.UNAVAILABLE: "cli.exit.unavailable",
    ExitCode.INTERRUPTED: "cli.exit.interrupted",
}


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the TUI's options, then every area's subcommands."""
    parser = Parser(
        prog=PROGRAM,
        description=t("cli.description"),
        epilog=exit_codes_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROGRAM} {__version__}", help=t("cli.version_help")
    )
    parser.add_argument("--demo", action="store_true", help=t("cli.demo_help"))
    parser.set_defaults(func=tui.run)
    register_all(parser.add_subparsers(dest="command", metavar=t("cli.meta.command")))
    return parser


def exit_codes_help() -> str:
    """The epilog of ``counter-app --help``: what each exit status means."""
    lines = [t("cli.exit.title")]
    for code, key in EXIT_CODES.items():
        lines += textwrap.wrap(
            t(key), width=HELP_WIDTH, initial_indent=f"  {int(code):<4} ", subsequent_indent=" " * 7
        )
    return "\n".join(lines)


#: what the program creates is for the counter's account alone: the store and its -wal/-shm, backups,
#: printed forms, keys, the log, exported files (0600) and their directories (0700). Decree 13/2023/NĐ-CP,
#: Art. 26: personal data is protected against access by anyone the processing does not need.
PRIVATE_UMASK = 0o077


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(PRIVATE_UMASK)  # first, before anything (the TUI and the board too) creates a file
    args = build_parser().parse_args(argv)
    return run(args, CommandContext(demo=args.demo))


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """Run the chosen command; whatever it raises becomes one line on standard error and its exit code."""
    try:
        return int(args.func(args, context))
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except (
        BrokenPipeError
    ):  # the reader went away (``| head``): nothing to tell it, and no second error at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.PROBLEMS
    except Exception as exc:
        failed = failure(exc)
        if failed.logged:  # the kind and the code's path: the message may quote a citizen's data
            from counter_app.services.redact import failure_kind

            context.open_log()
            log.error("command %s failed: %s", getattr(args, "command", None), failure_kind(exc))
        warn(failed.message)
        return failed.code
    finally:
        context.close()


class Failure(NamedTuple):
    """What the person at the terminal reads, the exit code, and whether the log keeps the traceback."""

    message: str
    code: ExitCode
    logged: bool = False


def failure(exc: BaseException) -> Failure:
    """How a command's exception is reported: one exit code per kind of failure, for every command."""
    from counter_app.config import ConfigError
    from counter_app.services.storage_errors import StorageError, translate

    exc = translate(exc)  # a full disk, a read-only store: said as such
    if isinstance(exc, CommandError):
        return Failure(str(exc), exc.code)
    if isinstance(exc, StorageError):
        return Failure(describe_error(exc), ExitCode.UNAVAILABLE)
    if isinstance(exc, ConfigError):
        return Failure(str(exc), ExitCode.REFUSED)
    if isinstance(getattr(exc, "key", None), str):  # our own errors: services, domain, printing
        return Failure(describe_error(exc), ExitCode.REFUSED)
    if isinstance(exc, OSError):
        reason = exc.strerror or exc
        return Failure(t("cli.error.file", path=exc.filename or "", reason=reason), ExitCode.REFUSED)
    if _from_the_database(exc):  # connection refused, permission denied, ...: the driver's words
        reason = one_line(getattr(exc, "orig", None) or exc)
        return Failure(t("cli.error.unavailable", reason=reason), ExitCode.UNAVAILABLE, logged=True)
    message = t("cli.error.unexpected", kind=type(exc).__name__, message=exc)
    return Failure(message, ExitCode.PROBLEMS, logged=True)


def _from_the_database(exc: BaseException) -> bool:
    """Raised by a database driver (through SQLAlchemy, imported only if some command used it)."""
    sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")
    return sqlalchemy_errors is not None and isinstance(exc, sqlalchemy_errors.DBAPIError)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
