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


async def test_an_account_with_a_pin_set_by_the_administrator_must_choose_its_own(app, store):
    """Log in with the PIN the administrator gave: the PIN dialog comes first; a guessable PIN is refused and
    asked again; the chosen one works and the flag is gone. Cancelling instead logs out."""
    from counter_app.screens.counter import CounterScreen
    from counter_app.screens.login import LoginScreen
    from counter_app.screens.pin_dialog import ChangePinDialog
    from counter_app.services import auth, officers

    admin = auth.actor_for_username(store, "quantri")
    officers.add(store, admin, "canbo9", "Lê Văn Mới", "204817")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
        app.screen.query_one("#username", Input).value = "canbo9"
        app.screen.query_one("#pin", Input).value = "204817"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChangePinDialog), "PIN change asked first")
        await type_text(pilot, "111111")
        await pilot.press("enter")
        await type_text(pilot, "111111", enter=True)
        await wait_for(pilot, lambda: any("dễ đoán" in n for _s, n in app.notices), "a guessable PIN refused")
        await wait_for(pilot, lambda: isinstance(app.screen, ChangePinDialog), "asked again")
        await type_text(pilot, "580392")
        await pilot.press("enter")
        await type_text(pilot, "580392", enter=True)
        await wait_for(pilot, lambda: isinstance(app.screen, CounterScreen), "at the counter")
        await wait_for(pilot, lambda: not app.officer.must_change_pin, "flag cleared")
    assert auth.login(store, "canbo9", "580392").must_change_pin is False
    officers.reset_pin(store, admin, "canbo9", "306149")
    second = type(app)(store, settings=store.settings, clock=app.clock)
    async with second.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: second.screen.query_one("#username").has_focus, "login screen")
        second.screen.query_one("#username", Input).value = "canbo9"
        second.screen.query_one("#pin", Input).value = "306149"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(second.screen, ChangePinDialog), "PIN change asked")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(second.screen, LoginScreen), "logged out instead")
        assert second.actor is None


async def test_the_login_screen_names_the_identifier_the_store_was_set_up_with(tmp_path):
    """The store opens behind the log-in screen; its unit's identifier (set by ``setup``) replaces the code
    derived from the PC's settings — before, the screen said «Mã đơn vị 000.21025.H51» of a unit set up as
    000.00.53.H48."""
    from counter_app.app import make_app
    from counter_app.config import load_settings
    from counter_app.services import setup
    from counter_app.services.context import open_store

    from .helpers import screen_text

    settings = load_settings({"COUNTER_APP_HOME": str(tmp_path)})
    store = open_store(settings)
    setup.set_up(store, setup.prepare("21025", "000.00.53.H48", 1, "quantri"), "580392")
    store.dispose()
    app = make_app(lambda: open_store(settings), settings=settings)  # as `counter-app` starts it
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "000.00.53.H48" in screen_text(app), "the unit's identifier shown")
        assert "000.21025.H51" not in screen_text(app)
        assert app.settings.one_stop_code == "000.00.53.H48"
    app.store.dispose()


async def test_log_in_and_help_fit_an_80_by_24_terminal(app):
    """At 80x24 the demo's log-in hint was cut at the bottom (the box sat 6 rows below the middle) and the help
    ran off the right edge (110 columns wide)."""
    from .helpers import screen_text

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
        assert "Enter để đăng nhập" in " ".join(screen_text(app).split())
        await login(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.screen.query("#help-box"), "help")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert box.outer_size.width <= 80 and box.region.right <= 80


async def test_the_palette_offers_changing_ones_own_pin(app, store):
    """Ctrl+P, «doi ma», Enter: the PIN dialog (the palette's account provider was never registered)."""
    from counter_app.screens.pin_dialog import ChangePinDialog
    from counter_app.services import auth

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await type_text(pilot, "doi ma pin")
        shown = screen_text
        await wait_for(
            pilot, lambda: "Đổi mã PIN của tôi" in shown(app) and "Tìm «doi ma pin»" in shown(app), "hits"
        )
        await pilot.pause(0.5)  # every provider has answered: the list is final, the best hit highlighted
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChangePinDialog), "PIN dialog")
        await type_text(pilot, "123456", enter=True)  # the demo PIN in use
        await type_text(pilot, "580392", enter=True)
        await type_text(pilot, "580392", enter=True)
        await wait_for(pilot, lambda: any("Đã đổi mã PIN" in n for _s, n in app.notices), "changed")
    assert auth.login(store, "canbo1", "580392").name == "Nguyễn Thị Lan"
