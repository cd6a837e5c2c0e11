"""The search-and-pick lists (citizen, procedure, unit): Enter picks what the officer typed.

Both bugs below were found by trying the app as a new officer would; each test failed before the fix.
"""

from __future__ import annotations

import pytest

from counter_app.domain.states import Status
from counter_app.services.demo import demo_card_payloads

from .helpers import SIZE, find_code, login, type_text, wait_for


@pytest.mark.parametrize("typed", ["khai tu", "khai tử"])
async def test_typing_khai_tu_then_enter_takes_in_a_death_registration(app, store, typed):
    """F3, scan, ``khai tu`` (accents or not), Enter: «Đăng ký khai tử», not the more frequent «khai sinh»
    (whose ``tu`` only starts the word ``tục``)."""
    payload = demo_card_payloads(store, limit=1)[0]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f3")
        from counter_app.screens.intake import IntakeScreen

        await wait_for(pilot, lambda: isinstance(app.screen, IntakeScreen), "intake screen")
        screen = app.screen
        await type_text(pilot, payload, enter=True)
        await wait_for(pilot, lambda: screen.citizen is not None, "citizen loaded from the card")
        await type_text(pilot, typed, enter=True)
        await wait_for(pilot, lambda: screen.procedure is not None, "procedure picked")
        assert "khai tử" in screen.procedure.name


async def test_handover_to_nghia_lo_goes_to_the_ward_of_the_officers_province(app, store):
    """On a dossier, ``g``, ``nghia lo``, Enter: «Phường Nghĩa Lộ — Quảng Ngãi» (21028), not «Xã Nghĩa
    Lộc — Nghệ An» nor Lào Cai's «Phường Nghĩa Lộ»."""
    code = find_code(store, status=Status.PROCESSING)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        app.open_dossier(code)
        from counter_app.screens.dialogs import HandoverDialog
        from counter_app.screens.dossier import DossierScreen

        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen) and app.screen.detail, "dossier")
        screen = app.screen
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverDialog), "handover dialog")
        await type_text(pilot, "nghia lo", enter=True)
        await pilot.pause(0.3)
        await pilot.press("f10")
        await wait_for(
            pilot,
            lambda: any(h.state == "sent" for h in (screen.detail.handovers if screen.detail else [])),
            "handover sent",
        )
        target = screen.detail.handovers[-1].to_unit_id
    assert target == "21028"
