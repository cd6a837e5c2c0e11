"""Stopping a dossier from the dossier screen (``d``): one reason dialog, one service call, one notice.

The :class:`~counter_app.screens.dialogs.ReasonDialog` asks for the reason (required); a worker records the stop
and prints the notice, Mẫu 05 of Circular 03/2025/TT-VPCP, through :func:`counter_app.services.stopping.stop`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.screen import Screen

from counter_app.locale import t
from counter_app.screens.dialogs import ReasonDialog
from counter_app.services.context import Actor, Store


def stop_dossier(
    screen: Screen[Any],
    store: Store,
    actor: Actor,
    *,
    code: str,
    now: datetime,
    on_done: Callable[[], object],
) -> None:
    """Ask for the reason; record the stop and print its notice; then call ``on_done``."""
    from counter_app.services import stopping

    def record(reason: str) -> None:
        outcome = stopping.stop(store, actor, code, reason, now=now)
        note = t("dossier.done.stop", code=code) + " " + outcome.printed.message
        screen.app.call_from_thread(
            screen.app.notify, note, severity="information" if outcome.printed.ok else "warning"
        )
        screen.app.call_from_thread(on_done)

    def answered(reason: str | None) -> None:
        if reason:
            screen.run_worker(lambda: record(reason), thread=True, group="stop", exit_on_error=False)

    dialog = ReasonDialog(
        t("forms2025.stop_dialog.title"),
        t("forms2025.stop_dialog.prompt", code=code),
        suggestions=[t("forms2025.reason.stop.1"), t("forms2025.reason.stop.2")],
    )
    screen.app.push_screen(dialog, answered)
