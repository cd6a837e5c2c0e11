"""Snapshots of the main screens at 80×24, 100×30 and 160×50 (issue 15: every screen works at the sizes
counters have, not only at 140×45), with the clock fixed (Friday 20/11/2026 09:15).

Update them only after looking at the report: ``pytest tests/tui/test_sizes.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

from counter_app.domain.states import Status
from counter_app.services.demo import demo_card_payloads

from .helpers import (
    counter_ready,
    find_code,
    login,
    open_dossier_screen,
    open_supervisor_screen,
    settle,
    start_intake,
    wait_for,
)

SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((100, 30), id="100x30"),
    pytest.param((160, 50), id="160x50"),
]


@pytest.mark.parametrize("size", SIZES)
def test_login(snap_compare, app, size):
    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen ready")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_counter(snap_compare, app, size):
    async def run_before(pilot) -> None:
        await counter_ready(pilot)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_intake(snap_compare, app, store, size):
    payload = demo_card_payloads(store, limit=1)[0]

    async def run_before(pilot) -> None:
        await login(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        await start_intake(pilot, payload)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_dossier(snap_compare, app, store, size):
    code = find_code(store, status=Status.PROCESSING)

    async def run_before(pilot) -> None:
        await login(pilot)
        await open_dossier_screen(pilot, code)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_return(snap_compare, app, store, size):
    code = find_code(store, status=Status.RESULT_READY)

    async def run_before(pilot) -> None:
        from counter_app.screens.return_result import ReturnScreen

        await login(pilot)
        app.action_return_result(code)
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ReturnScreen) and app.screen.detail is not None,
            "result ready",
        )
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_supervisor(snap_compare, app, size):
    async def run_before(pilot) -> None:
        screen = await open_supervisor_screen(pilot)
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        await wait_for(pilot, lambda: screen.query_one("#live-attention").row_count > 0, "overdue listed")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
