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


async def test_a_dossier_refused_at_the_counter_says_it_has_no_due_date(app, store):
    """Issue 15: «Hẹn trả: — —» on a dossier that never had one (refused at the counter, as online ones
    refused before being taken in already said)."""
    from counter_app.domain.states import Status

    from .helpers import SIZE, find_code, login, open_dossier_screen

    code = find_code(store, status=Status.REFUSED)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        assert screen.detail.dossier.due_at is None and screen.detail.dossier.channel == 1
        progress = str(screen.query_one("#progress").render())
    assert "Hẹn trả: không có (hồ sơ chưa được tiếp nhận)" in progress and "—  —" not in progress
