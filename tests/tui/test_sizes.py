"""Snapshots of the main screens at 80×24, 100×30 and 160×50 (issue 15: every screen works at the sizes
counters have, not only at 140×45), with the clock fixed (Friday 20/11/2026 09:15).

Update them only after looking at the report: ``pytest tests/tui/test_sizes.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from counter_app.domain.states import Status
from counter_app.services.demo import demo_card_payloads

from .helpers import find_code, login, start_intake, wait_for

SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((100, 30), id="100x30"),
    pytest.param((160, 50), id="160x50"),
]


async def _settle(pilot) -> None:
    """Freeze what moves (cursor blink, notices) and let the tables fit their columns."""
    app = pilot.app
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    app.clear_notifications()
    # tables fit their columns and show the cut cells' line after a refresh: wait until two looks agree
    # (a fixed number of pauses was not enough on a loaded machine: CI saw the line missing once)
    await pilot.pause()
    last = app.export_screenshot()
    for _ in range(40):
        await pilot.pause(0.05)
        now = app.export_screenshot()
        if now == last:
            break
        last = now


async def _counter_ready(pilot) -> None:
    from counter_app.services.queue import waiting_by_service

    app = pilot.app
    await login(pilot)
    await pilot.press("f2")
    await wait_for(pilot, lambda: app.serving is not None, "ticket called")
    screen = app.screen
    await wait_for(pilot, lambda: screen.query_one("#due-table").row_count > 0, "dossiers due today")
    number = app.serving.number
    await wait_for(pilot, lambda: number in str(screen.query_one("#serving-number").value), "serving number")
    queue = screen.query_one("#queue-table")
    expected = {
        code: normal + priority for code, _, normal, priority in waiting_by_service(app.store, now=app.now())
    }
    await wait_for(
        pilot,
        lambda: all(int(str(queue.get_cell(code, "waiting"))) == n for code, n in expected.items()),
        "queue without the called one",
    )


@pytest.mark.parametrize("size", SIZES)
def test_login(snap_compare, app, size):
    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen ready")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_counter(snap_compare, app, size):
    async def run_before(pilot) -> None:
        await _counter_ready(pilot)
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_intake(snap_compare, app, store, size):
    payload = demo_card_payloads(store, limit=1)[0]

    async def run_before(pilot) -> None:
        await login(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        await start_intake(pilot, payload)
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_dossier(snap_compare, app, store, size):
    code = find_code(store, status=Status.PROCESSING)

    async def run_before(pilot) -> None:
        from counter_app.screens.dossier import DossierScreen

        await login(pilot)
        app.open_dossier(code)
        await wait_for(
            pilot, lambda: isinstance(app.screen, DossierScreen) and app.screen.detail is not None, "dossier"
        )
        await _settle(pilot)

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
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_supervisor(snap_compare, app, size):
    async def run_before(pilot) -> None:
        from counter_app.screens.supervisor_live import SupervisorScreen

        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
        app.screen.query_one("#username").value = "giamsat"
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.actor is not None, "logged in")
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, SupervisorScreen), "supervisor screen")
        screen = app.screen
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        await wait_for(pilot, lambda: screen.query_one("#live-attention").row_count > 0, "overdue listed")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
