"""Printing from the screens: one call, guarded, that never loses the saved dossier.

The printing service (``counter_app.services.printing_service``) renders the PDF forms. Until it is
installed, or when a print fails, the outcome says so in Vietnamese and the screen offers a reprint;
the dossier itself is already committed before anything is printed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from counter_app.locale import describe_error, t
from counter_app.services.context import Store

log = logging.getLogger("counter_app.tui")


@dataclass(frozen=True)
class PrintOutcome:
    ok: bool
    message: str
    path: Path | None = None


def printing_available() -> bool:
    try:
        from counter_app.services import printing_service  # noqa: F401
    except ImportError:
        return False
    return True


def print_document(store: Store, code: str, kind: str) -> PrintOutcome:
    """Print ``kind`` (receipt, supplement, refusal, apology) for dossier ``code``; runs in a worker thread."""
    failed = t(f"print.failed.{kind}")
    try:
        from counter_app.services import printing_service
    except ImportError as exc:
        log.warning("printing service unavailable: %s", exc)
        return PrintOutcome(False, t("print.unavailable", what=failed))
    try:
        if kind == "receipt":
            result = printing_service.print_receipt(store, code)
        else:
            result = printing_service.print_form(store, code, kind)
    except Exception as exc:  # a failed print must never undo or hide the saved dossier
        log.exception("printing %s of %s failed", kind, code)
        return PrintOutcome(False, t("print.error", what=failed, error=describe_error(exc)))
    # print_receipt gives the PDF's path; print_form a record with .path and .sent_to (the printer)
    path = Path(getattr(result, "path", result))
    message = t(f"print.done.{kind}", path=str(path))
    sent_to = getattr(result, "sent_to", None)
    if sent_to:
        message += " " + t("print.sent_to", printer=sent_to)
    return PrintOutcome(True, message, path)
