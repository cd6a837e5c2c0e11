"""Writing the apology letter (Mẫu 04) from any screen: one dialog, one service call, one notice.

The dossier screen (``l``) and the supervisor's screen (``l`` on an overdue dossier) both call
:func:`write_apology`: the :class:`~counter_app.screens.dialogs.ApologyDialog` asks for the extension and
the reason, then a worker records and prints the letter through :func:`counter_app.services.apology.apologise`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.screen import Screen

from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.dialogs import ApologyAnswer, ApologyDialog
from counter_app.services.context import Actor, Store


def write_apology(
    screen: Screen[Any],
    store: Store,
    actor: Actor,
    *,
    code: str,
    applicant: str,
    due_at: datetime | None,
    now: datetime,
    on_done: Callable[[], object],
) -> None:
    """Ask for the new due date and the reason; record and print the letter; then call ``on_done``."""
    from counter_app.services import apology

    def record(answer: ApologyAnswer) -> None:
        outcome = apology.apologise(store, actor, code, answer.new_due, answer.reason, now=now)
        note = t("apology.done", code=code, due=fmt.long_moment(outcome.dossier.due_at))
        note += " " + outcome.printed.message
        screen.app.call_from_thread(
            screen.app.notify, note, severity="information" if outcome.printed.ok else "warning"
        )
        screen.app.call_from_thread(on_done)

    def answered(answer: ApologyAnswer | None) -> None:
        if answer is not None:
            screen.run_worker(lambda: record(answer), thread=True, group="apology", exit_on_error=False)

    dialog = ApologyDialog(
        code,
        applicant,
        due_at,
        calendar=store.calendar,
        now=now,
        extra_days=apology.DEFAULT_EXTRA_DAYS,
        suggestions=[t("reason.apology.1")],
    )
    screen.app.push_screen(dialog, answered)
