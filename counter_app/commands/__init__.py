"""The subcommands of ``counter-app``, one module per area, all registered the same way.

Each area module has ``register(subparsers)``: it adds its subcommands with
:func:`~counter_app.commands.arguments.add_command`, whose help comes from the locale catalogue, and sets
each one's ``func`` to a handler ``(args, context) -> int``. The handler gets a
:class:`~counter_app.commands.context.CommandContext` (settings, store and actor, opened on first use),
returns an :class:`~counter_app.commands.exits.ExitCode`, and raises to fail: ``counter_app.cli.run`` turns
every exception into one line on standard error and an exit code, the same way for every command.

Area modules import the services, the printing and the TUI only inside their handlers, so that building
the parser stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counter_app.commands.arguments import Subparsers


def register_all(subparsers: Subparsers) -> None:
    """Add every area's subcommands, in the order ``--help`` lists them."""
    from counter_app.commands import (
        access,
        audit,
        board,
        calendar,
        catalogue,
        central,
        dossiers,
        files,
        portal,
        printing,
        reports,
        serve,
        setup,
        store,
        sync,
    )

    for area in (
        store,
        setup,
        sync,
        dossiers,
        portal,
        catalogue,
        calendar,
        reports,
        printing,
        board,
        serve,
        audit,
        files,
        access,
        central,
    ):
        area.register(subparsers)
