"""The dossier view's timeliness line for an open dossier past its due time (issue 15)."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from counter_app.domain.states import Status
from counter_app.screens.dossier import timeliness_text


def _open_dossier(due_at: datetime) -> SimpleNamespace:
    return SimpleNamespace(
        due_at=due_at, finished_at=None, status=int(Status.PROCESSING), clock_stopped_at=None
    )


def test_two_hours_late_says_hours_not_zero_days():
    due = datetime(2026, 11, 20, 8, 0)
    assert timeliness_text(_open_dossier(due), datetime(2026, 11, 20, 10, 0)).plain == "Quá hạn 2 giờ"  # type: ignore[arg-type]
    assert timeliness_text(_open_dossier(due), datetime(2026, 11, 23, 9, 0)).plain == "Quá hạn 3 ngày"  # type: ignore[arg-type]
