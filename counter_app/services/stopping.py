"""Stopping a dossier (status 8) and its notice, Mẫu 05 of Circular 03/2025/TT-VPCP: recorded, then printed.

The notice («Thông báo dừng giải quyết hồ sơ») is new in the 2025 form set (the 2018 set had none).  The dossier
screen (``d``) goes through :func:`stop`, so a stop is recorded and its notice printed and archived under
``printed/`` like every other form; a failed print leaves the stop recorded and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.services import workflow
from counter_app.services.context import Actor, Store
from counter_app.services.printouts import PrintOutcome, print_safely
from counter_app.services.views import DossierView


@dataclass(frozen=True)
class StopOutcome:
    dossier: DossierView
    printed: PrintOutcome


def stop(store: Store, actor: Actor, code: str, reason: str, *, now: datetime) -> StopOutcome:
    """Record the stop with its reason (:func:`counter_app.services.workflow.stop`), then print the notice."""
    dossier = workflow.stop(store, actor, code, reason, now=now)
    return StopOutcome(dossier, print_safely(store, dossier.code, "stop"))
