"""The status bar names the logged-in person by role, and a counter with no central store says it is stand-alone
instead of «Ngoại tuyến │ N sự kiện chờ đồng bộ» (issue 15)."""

from __future__ import annotations

from dataclasses import replace

from .helpers import SIZE, login, wait_for


def texts(app) -> list[str]:
    return [part for part, _style in app.status_parts()]


async def test_a_stand_alone_counter_says_so_and_shows_no_pending_count(app, store):
    assert not store.settings.central_url
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await wait_for(pilot, lambda: app.store_state is not None, "store state read")
        shown = texts(app)
        assert "Không đồng bộ (máy độc lập)" in shown
        assert "Ngoại tuyến" not in shown
        assert not any("sự kiện chờ đồng bộ" in part for part in shown)


async def test_the_status_bar_names_the_role(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        officer = app.actor
        assert f"Cán bộ: {officer.name}" in texts(app)
        app.actor = replace(officer, role="supervisor")
        assert f"Giám sát: {officer.name}" in texts(app)
        app.actor = replace(officer, role="admin")
        assert f"Quản trị: {officer.name}" in texts(app)
