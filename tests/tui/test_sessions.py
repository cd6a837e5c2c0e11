"""Log in, log out, switch officers, and a lock that hides everything (issue 11, item 6).

Each test failed before the change it covers: Tab was blocked before log-in (an officer who mistyped the
username needed a mouse), there was no log-out, and the lock was a dimmed overlay over the citizens' data.
"""

from __future__ import annotations

import time

from textual.widgets import Input

from .helpers import SIZE, login, screen_text, type_text, wait_for


async def test_tab_and_shift_tab_move_between_the_login_fields(app):
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen"
        )  # demo: PIN focused
        await pilot.press("shift+tab")
        assert app.screen.query_one("#username", Input).has_focus
        await pilot.press("tab")
        assert app.screen.query_one("#pin", Input).has_focus


async def test_ctrl_l_logs_out_and_another_officer_logs_in(app):
    from counter_app.screens.counter import CounterScreen
    from counter_app.screens.login import LoginScreen

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        first = app.officer
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, LoginScreen), "back at the login screen")
        assert app.actor is None and len(app.screen_stack) == 2  # Textual's default screen, then this
        username = app.screen.query_one("#username", Input)
        username.value = ""
        username.focus()
        await type_text(pilot, "canbo2")
        await pilot.press("tab")
        await type_text(pilot, "123456", enter=True)
        await wait_for(pilot, lambda: isinstance(app.screen, CounterScreen), "counter screen again")
        assert app.officer.name != first.name and app.officer.officer_id != first.officer_id


async def test_the_lock_hides_everything_and_lets_another_officer_log_in(app, store):
    from counter_app.screens.counter import CounterScreen
    from counter_app.screens.lock import LockScreen
    from counter_app.screens.login import LoginScreen

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = app.screen
        assert isinstance(screen, CounterScreen)
        await wait_for(pilot, lambda: screen.data is not None and screen.data.due, "dossiers due today shown")
        name = screen.data.due[0].applicant_name
        assert name in screen_text(app)
        app.idle_lock_s = 1
        app.last_input_at = time.monotonic() - 2
        app._lock_if_idle()
        await wait_for(pilot, lambda: isinstance(app.screen, LockScreen), "screen locked")
        await pilot.pause()
        assert name not in screen_text(app)  # not even dimmed behind the lock
        await pilot.press("ctrl+l")  # somebody else's shift: log in as another officer
        await wait_for(pilot, lambda: isinstance(app.screen, LoginScreen), "login screen")
        assert app.actor is None
