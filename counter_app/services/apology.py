"""The apology letter with a request to extend the time limit (Mẫu 04): recorded on the dossier, then printed.

A unit that will miss a due date apologises in writing and proposes a new one (Decree 118/2025/NĐ-CP, which
replaced Decree 61/2018; the article could not be read here). The letter is Mẫu 04 of Circular 03/2025/TT-VPCP,
«Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết» (the repealed Circular 01/2018/TT-VPCP had it as
Mẫu 04 «Phiếu xin lỗi và hẹn lại ngày trả kết quả»; a dossier received before 15/9/2025 reprints on that one).

The proposed date is recorded as the dossier's «apology» event (the payload keeps the due time it replaces,
``old_due_at``, and sets ``due_at``); the control sheet notes it on the row in progress and judges the later
rows against it. The on-time indicator (``services/indicators/sql.py``, ``timeliness_sql``) compares the
finishing time with ``Dossier.due_at``, which this event moves: an extended dossier finished by the new date
counts as on time. Whether the Decree counts it so could not be checked (its text was not found); the rule was
left as it was. The dossier screen and the supervisor's screen both go through :func:`apologise`, so a letter
is recorded and printed the same way wherever it is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.domain.calendar import WorkCalendar
from counter_app.services import workflow
from counter_app.services.context import Actor, Store
from counter_app.services.printouts import PrintOutcome, print_safely
from counter_app.services.views import DossierView

#: the extension proposed by default, in working days
DEFAULT_EXTRA_DAYS = 2


@dataclass(frozen=True)
class ApologyOutcome:
    dossier: DossierView
    printed: PrintOutcome


def new_due(calendar: WorkCalendar, due_at: datetime | None, now: datetime, extra_days: int) -> datetime:
    """The due date ``extra_days`` working days after the current one (or after now, if it has passed)."""
    return calendar.due_at(max(due_at or now, now), extra_days)


def apologise(
    store: Store, actor: Actor, code: str, new_due_at: datetime, reason: str, *, now: datetime
) -> ApologyOutcome:
    """Record the letter and the new due date, then print it; a failed print leaves the letter recorded."""
    dossier = workflow.apologise(store, actor, code, new_due_at, reason, now=now)
    return ApologyOutcome(dossier, print_safely(store, dossier.code, "apology"))
