"""The counter's TUI, what ``counter-app`` runs without a subcommand (``--demo``: on the demo store)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.commands.exits import ExitCode
from counter_app.commands.store import ensure_demo_data, print_progress

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext
    from counter_app.config import Settings
    from counter_app.services.context import Store


def run(args: argparse.Namespace, context: CommandContext) -> int:
    """Show the log-in screen at once; the store opens (and migrates) behind it. A demo store is seeded
    first, with progress on standard error, on its first start."""
    settings = context.settings()
    if context.demo and not _store_file_exists(settings):
        ensure_demo_data(context.store(), progress=print_progress)
    from counter_app.app import make_app

    def open_store() -> Store:
        store = context.store()
        if context.demo:  # a demo store whose seeding was interrupted gets seeded now
            ensure_demo_data(store)
        return store

    app = make_app(open_store, settings=settings)
    app.run()
    return getattr(app, "return_code", None) or ExitCode.OK  # 3 when the store could not be opened


def _store_file_exists(settings: Settings) -> bool:
    if not settings.db_url.startswith("sqlite:///"):
        return True
    return Path(settings.db_url.removeprefix("sqlite:///")).exists()
