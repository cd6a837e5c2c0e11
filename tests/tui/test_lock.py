"""Counter PCs stand in public rooms: after the idle time the screen locks until the PIN is typed again."""

from __future__ import annotations

import time

from textual.widgets import Input

from .helpers import SIZE, login, wait_for


async def test_idle_counter_locks_and_only_the_officers_pin_opens_it(app):
    from counter_app.screens.counter import CounterScreen
    from counter_app.screens.lock import LockScreen

    assert app.idle_lock_s == 5 * 60  # the default of [security] idle_lock_minutes
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        app.idle_lock_s = 1  # instead of minutes
        app.last_input_at = time.monotonic() - 2  # nobody touched the keyboard for 2 s
        app._lock_if_idle()  # the periodic check, run now rather than waiting for its interval
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, LockScreen) and app.screen.query("#lock-pin"),
            "screen locked",
        )
        pin = app.screen.query_one("#lock-pin", Input)
        pin.value = "999999"
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: "không đúng" in str(app.screen.query_one("#lock-error").render()),
            "wrong PIN refused",
        )
        assert isinstance(app.screen, LockScreen)
        app.screen.query_one("#lock-pin", Input).value = "123456"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CounterScreen), "unlocked")


async def test_activity_keeps_the_counter_unlocked(app):
    from counter_app.screens.lock import LockScreen

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        app.idle_lock_s = 60
        await pilot.press("f1")
        app._lock_if_idle()
        await pilot.pause()
        assert not isinstance(app.screen, LockScreen)
