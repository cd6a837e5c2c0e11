"""Snapshots of the main screens at 140x45 with the clock fixed (Friday 20/11/2026 09:15).

Update them only after looking at the report: ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from counter_app.domain.states import Status
from counter_app.services.demo import demo_card_payloads

from .helpers import (
    SIZE,
    counter_ready,
    find_code,
    login,
    open_dossier_screen,
    settle,
    start_intake,
    wait_for,
)


def test_counter_screen(snap_compare, app):
    async def run_before(pilot) -> None:
        await counter_ready(pilot)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_intake_screen(snap_compare, app, store):
    payload = demo_card_payloads(store, limit=1)[0]

    async def run_before(pilot) -> None:
        await login(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        await start_intake(pilot, payload)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_dossier_screen(snap_compare, app, store):
    code = find_code(store, status=Status.PROCESSING)

    async def run_before(pilot) -> None:
        await login(pilot)
        await open_dossier_screen(pilot, code)
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
