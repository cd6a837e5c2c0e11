"""The public display of the queue: ``counter-app queue-board``, full screen on a TV in the waiting room."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_command
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext


def register(subparsers: Subparsers) -> None:
    add_command(subparsers, "queue-board", "cli.board.help", show_board)


def show_board(args: argparse.Namespace, context: CommandContext) -> int:
    """Run the board until Ctrl+Q: on a terminal, or in a browser through Textual's web driver
    (``textual serve "counter-app queue-board"`` sets ``TEXTUAL_DRIVER`` and gives it a pipe, not a terminal).
    With neither there is nothing to draw on: a one-line error, not escape codes written into a file."""
    if not sys.stdout.isatty() and not os.environ.get("TEXTUAL_DRIVER"):
        raise CommandError(t("cli.board.needs_terminal"))
    from counter_app.board_app import make_board_app

    make_board_app(context.store(), speak=True).run()
    return ExitCode.OK
