"""The counter's digitised files.

    counter-app files verify

Exit 0 when every file's bytes still match its name, 1 when some do not (each named on its own line).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_actions, add_command
from counter_app.commands.exits import ExitCode
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext

#: a progress line on the terminal every this many files
PROGRESS_EVERY = 500


def register(subparsers: Subparsers) -> None:
    files = add_command(subparsers, "files", "files.help")
    add_command(add_actions(files, "files_command"), "verify", "files.verify_help", verify)


def verify(args: argparse.Namespace, context: CommandContext) -> int:
    """Hash every stored file again (a progress line on a terminal while it walks)."""
    from counter_app.locale import formats as fmt
    from counter_app.services import file_store

    shown = sys.stderr.isatty()

    def progress(done: int) -> None:
        if shown and done % PROGRESS_EVERY == 0:
            print(t("files.verify.progress", files=done), file=sys.stderr, flush=True)

    report = file_store.for_settings(context.settings()).verify(progress)
    if report.ok:
        print(t("files.verify.ok", files=report.files, size=fmt.size(report.bytes)))
        return ExitCode.OK
    print(t("files.verify.failed", count=len(report.problems), files=report.files))
    for problem in report.problems:
        print(f"  {t(problem.key, name=problem.name)}")
    return ExitCode.PROBLEMS
