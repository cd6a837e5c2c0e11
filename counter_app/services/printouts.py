"""Printing a dossier's form from the screens: one call that never loses the saved dossier.

The dossier is committed before anything is printed; a print that fails (printer gone, disk full)
comes back as an outcome that says so in Vietnamese, and the screen offers a reprint. Runs in a
worker thread.

A reprint reproduces a document the citizen already holds, marked «Bản in lại»: :func:`reprint_kind` says which
one a dossier's status calls for — the receipt (Mẫu 01) while it is received, processed or finished; the
supplement request (Mẫu 02) while the clock is stopped for supplements, the refusal (Mẫu 03) of a refused one,
the stop notice (Mẫu 05) of a stopped one; nothing for one registered online and not yet received. A new due
date is not a reprint: the apology (Mẫu 04) is the document that carries it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.domain.states import Status
from counter_app.locale import describe_error, t
from counter_app.services.context import Actor, Store

if TYPE_CHECKING:
    from counter_app.services.printing_service import Printed

log = logging.getLogger("counter_app.printing")


#: the document a dossier's reprint reproduces, by status (others: the receipt)
_REPRINT_BY_STATUS = {
    Status.SUPPLEMENT_REQUESTED: "supplement",
    Status.REFUSED: "refusal",
    Status.STOPPED: "stop",
}


def reprint_kind(status: int) -> str | None:
    """The form a reprint of a dossier in ``status`` reproduces; None when it has none yet (registered online)."""
    status = Status(status)
    if status == Status.REGISTERED_ONLINE:
        return None
    return _REPRINT_BY_STATUS.get(status, "receipt")


def has_control_sheet(dossier: Any) -> bool:
    """Whether ``dossier`` (a row or a view) has a control sheet (Mẫu 06) to print: only one taken in, with a
    due date (one refused, or registered online and not taken in, has none) — the rule
    ``printing_service.control_sheet_data`` enforces, for the screens to offer the key only where it applies."""
    return dossier.received_at is not None and dossier.due_at is not None


@dataclass(frozen=True)
class PrintOutcome:
    """What became of one print: the PDF kept (and the printer it went to), or why it failed."""

    ok: bool
    message: str
    path: Path | None = None


def print_safely(store: Store, code: str, kind: str, *, reprint: bool = False) -> PrintOutcome:
    """Print ``kind`` (receipt, supplement, refusal, apology, stop, control) of dossier ``code``; never raises.
    ``reprint``: the document as it was issued, marked «Bản in lại» (see :func:`reprint_kind`)."""
    from counter_app.services.printing_service import print_form

    return _safely(kind, lambda: print_form(store, code, kind, reprint=reprint))


def print_ledger_safely(store: Store, actor: Actor, start: date, end: date) -> PrintOutcome:
    """Print the unit's tracking ledger of ``start``..``end`` (the supervisor screen's key); never raises."""
    from counter_app.services.printing_service import print_ledger

    return _safely("ledger", lambda: print_ledger(store, actor, start, end))


def print_catalogue_safely(store: Store) -> PrintOutcome:
    """Print the catalogue poster of the procedures the unit takes in; never raises."""
    from counter_app.services.printing_service import print_catalogue

    return _safely("catalogue", lambda: print_catalogue(store))


def _safely(kind: str, print_it: Callable[[], Printed]) -> PrintOutcome:
    """Run ``print_it``; its outcome as one Vietnamese line (``print.done.<kind>`` / ``print.failed.<kind>``)."""
    try:
        printed = print_it()
    except Exception as exc:  # a failed print must never undo or hide the saved dossier
        from counter_app.services.redact import failure_kind

        log.error("printing %s failed: %s", kind, failure_kind(exc))  # the message may quote data
        return PrintOutcome(
            False, t("print.error", what=t(f"print.failed.{kind}"), error=describe_error(exc))
        )
    message = t(f"print.done.{kind}", path=str(printed.path))
    if printed.sent_to:
        message += " " + t("print.sent_to", printer=printed.sent_to)
    return PrintOutcome(True, message, printed.path)
