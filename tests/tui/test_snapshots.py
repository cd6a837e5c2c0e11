"""Snapshots of the main screens at 140x45 with the clock fixed (Friday 20/11/2026 09:15).

Update them only after looking at the report: ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from textual.widgets import Input

from counter_app.domain.states import Status
from counter_app.services.demo import demo_card_payloads

from .helpers import SIZE, find_code, login, start_intake, wait_for


async def _settle(pilot) -> None:
    """Freeze what moves: no cursor blink, no notices."""
    app = pilot.app
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    app.clear_notifications()
    await pilot.pause()


def test_counter_screen(snap_compare, app):
    async def run_before(pilot) -> None:
        await login(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        screen = app.screen
        await wait_for(pilot, lambda: screen.query_one("#due-table").row_count > 0, "dossiers due today")
        number = app.serving.number  # the demo queue's first priority ticket
        await wait_for(
            pilot, lambda: number in str(screen.query_one("#serving-number").value), "serving number"
        )
        from counter_app.services.queue import waiting_by_service

        queue = screen.query_one("#queue-table")
        expected = {
            code: (normal, priority)
            for code, _, normal, priority in waiting_by_service(app.store, now=app.now())
        }
        # the queue reloaded after the call: the called ticket is no longer waiting
        await wait_for(
            pilot,
            lambda: all(
                (int(str(queue.get_cell(c, "waiting"))), int(str(queue.get_cell(c, "priority"))))
                == (normal + priority, priority)  # «Đang chờ» counts the priority tickets too
                for c, (normal, priority) in expected.items()
            ),
            "queue without the called one",
        )
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_intake_screen(snap_compare, app, store):
    payload = demo_card_payloads(store, limit=1)[0]

    async def run_before(pilot) -> None:
        await login(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        await start_intake(pilot, payload)
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_dossier_screen(snap_compare, app, store):
    code = find_code(store, status=Status.PROCESSING)

    async def run_before(pilot) -> None:
        await login(pilot)
        app.open_dossier(code)
        from counter_app.screens.dossier import DossierScreen

        await wait_for(
            pilot,
            lambda: isinstance(app.screen, DossierScreen) and app.screen.detail is not None,
            "dossier loaded",
        )
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
