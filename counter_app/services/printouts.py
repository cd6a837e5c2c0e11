"""Printing a dossier's form from the screens: one call that never loses the saved dossier.

The dossier is committed before anything is printed; a print that fails (printer gone, disk full)
comes back as an outcome that says so in Vietnamese, and the screen offers a reprint. Runs in a
worker thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from counter_app.locale import describe_error, t
from counter_app.services.context import Store

log = logging.getLogger("counter_app.printing")


@dataclass(frozen=True)
class PrintOutcome:
    """What became of one print: the PDF kept (and the printer it went to), or why it failed."""

    ok: bool
    message: str
    path: Path | None = None


def print_safely(store: Store, code: str, kind: str) -> PrintOutcome:
    """Print ``kind`` (receipt, supplement, refusal, apology, stop, control) of dossier ``code``; never raises."""
    from counter_app.services.printing_service import print_form

    try:
        printed = print_form(store, code, kind)
    except Exception as exc:  # a failed print must never undo or hide the saved dossier
        from counter_app.services.redact import failure_kind

        log.error("printing %s of %s failed: %s", kind, code, failure_kind(exc))  # the message may quote data
        return PrintOutcome(
            False, t("print.error", what=t(f"print.failed.{kind}"), error=describe_error(exc))
        )
    message = t(f"print.done.{kind}", path=str(printed.path))
    if printed.sent_to:
        message += " " + t("print.sent_to", printer=printed.sent_to)
    return PrintOutcome(True, message, printed.path)
