"""The pieces every command's parser is built from: Vietnamese help from the catalogue, argument types
that refuse bad values with one clear line, and the options several commands share."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NoReturn

from counter_app.commands.exits import ExitCode
from counter_app.commands.output import PROGRAM, one_line
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext

#: the object ``add_subparsers()`` returns (its class is private to argparse)
Subparsers = Any
#: what every command sets as ``func``: runs with the parsed arguments, returns the exit status
Handler = Callable[[argparse.Namespace, "CommandContext"], int]

DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y")


class Parser(argparse.ArgumentParser):
    """An argument parser with Vietnamese headings, whose usage errors are one line on standard error like
    every other failure."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["add_help"] = False  # ours, with a Vietnamese description, is added below
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.positionals")
        self._optionals.title = t("cli.options")
        self.add_argument("-h", "--help", action="help", help=t("cli.help_help"))

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROGRAM).strip()
        line = t("cli.usage_error", message=f"{command}: {message}" if command else message, prog=self.prog)
        self.exit(ExitCode.REFUSED, f"{PROGRAM}: {one_line(line)}\n")


def add_command(subparsers: Subparsers, name: str, help_key: str, handler: Handler | None = None) -> Parser:
    """A subcommand whose help and description are the catalogue's text ``help_key``."""
    parser = subparsers.add_parser(name, help=t(help_key), description=t(help_key))
    if handler is not None:
        parser.set_defaults(func=handler)
    return parser


def add_actions(parser: argparse.ArgumentParser, dest: str) -> Subparsers:
    """The required second word of a command (``db upgrade``, ``access log``, ...)."""
    return parser.add_subparsers(dest=dest, metavar=t("cli.meta.command"), required=True)


def day(text: str) -> date:
    """A date as ``YYYY-MM-DD`` or ``DD/MM/YYYY``."""
    for pattern in DATE_PATTERNS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(t("cli.arg.bad_date", text=text))


def whole_number(maximum: int) -> Callable[[str], int]:
    """An argument type: a whole number written in ASCII digits, from 0 to ``maximum``."""

    def parse(text: str) -> int:
        digits = text.strip()
        if not re.fullmatch(r"[+-]?[0-9]+", digits):
            raise argparse.ArgumentTypeError(t("cli.arg.not_a_number", text=text))
        value = int(digits)
        if not 0 <= value <= maximum:
            raise argparse.ArgumentTypeError(t("cli.arg.out_of_range", low=0, high=maximum, value=value))
        return value

    return parse


#: counts, seeds, seconds, batch sizes
MAX_COUNT = 5_000_000
count = whole_number(MAX_COUNT)
#: periods in days (a hundred years)
days = whole_number(36_500)


def counter_number(text: str) -> int:
    """A counter's number, 1 to 9."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 9:
        raise argparse.ArgumentTypeError(t("cli.arg.bad_counter", text=text))
    return int(text)


def add_period_options(parser: argparse._ActionsContainer, from_help: str, to_help: str) -> None:
    """``--from DATE --to DATE`` (both required, DD/MM/YYYY or ISO), as ``date_from`` and ``date_to``."""
    for flag, dest, help_key in (("--from", "date_from", from_help), ("--to", "date_to", to_help)):
        parser.add_argument(
            flag, dest=dest, type=day, required=True, metavar=t("cli.meta.date"), help=t(help_key)
        )


def add_officer_option(parser: argparse._ActionsContainer) -> None:
    """``--officer USERNAME``: the officer who acts, proving it with their PIN on standard input (see
    :meth:`CommandContext.actor`); commands that show or change citizens' or dossiers' data need one."""
    parser.add_argument(
        "--officer", default=None, metavar=t("cli.meta.username"), help=t("privacy.cli.officer_help")
    )


def add_json_option(parser: argparse._ActionsContainer) -> None:
    """``--json``: JSON Lines for monitoring instead of lines for people."""
    parser.add_argument("--json", action="store_true", help=t("cli.arg.json_help"))
