"""Typing Vietnamese in any text field (issue 15): Telex and VNI in a VnInput as keys arrive, the toggle key,
the mode in the status bar, and the choice remembered per officer across log-out and log-in."""

from __future__ import annotations

import unicodedata

from textual.app import App, ComposeResult
from textual.reactive import var
from textual.widgets import Input

from counter_app.widgets.vn_input import VnInput

from .helpers import SIZE, type_text, wait_for


class TypingApp(App[None]):
    """A VnInput for names, one for an e-mail, one restricted to digits, on an app with a typing mode."""

    typing_mode: var[str] = var("telex")
    typing_style: var[str] = var("old")

    def compose(self) -> ComposeResult:
        yield VnInput(id="name", scan_aware=False)
        yield VnInput(id="applicant-email", scan_aware=False)
        yield VnInput(id="days", restrict=r"[0-9]{0,3}", scan_aware=False)
        yield VnInput(id="forced-plain", scan_aware=False, vn_typing=False)


async def _typed(pilot, field: str, keys: str) -> str:
    widget = pilot.app.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await type_text(pilot, keys)
    await wait_for(pilot, lambda: widget.cursor_position == len(widget.value), "cursor at the end")
    return widget.value


async def test_telex_turns_keys_into_vietnamese_as_they_arrive():
    app = TypingApp()
    async with app.run_test(size=SIZE) as pilot:
        value = await _typed(pilot, "name", "Nguyeenx Vawn Ddawngf")
        assert value == "Nguyễn Văn Đằng"
        assert unicodedata.is_normalized("NFC", value)
        assert (
            await _typed(pilot, "name", "DDoongf tieengs Vieetj, thuowr nhor") == "Đồng tiếng Việt, thuở nhỏ"
        )
        assert await _typed(pilot, "name", "hoaf thuys") == "hòa thúy"  # UniKey's default: old style
        app.typing_style = "new"
        assert await _typed(pilot, "name", "hoaf thuys") == "hoà thuý"


async def test_a_tone_typed_after_moving_the_cursor_back_into_a_word():
    app = TypingApp()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one("#name", Input)
        await _typed(pilot, "name", "Tran Hung")
        widget.cursor_position = 3  # after «Tra»
        await type_text(pilot, "a")
        await wait_for(pilot, lambda: widget.value == "Trân Hung", "â in the first word")
        assert widget.cursor_position == 3
        await type_text(pilot, "f")
        await wait_for(pilot, lambda: widget.value == "Trần Hung", "the tone on â")


async def test_vni_and_off():
    app = TypingApp()
    async with app.run_test(size=SIZE) as pilot:
        app.typing_mode = "vni"
        assert await _typed(pilot, "name", "Nguye6n4 Va8n D9a8ng2") == "Nguyễn Văn Đằng"
        app.typing_mode = "off"
        assert await _typed(pilot, "name", "Nguyeenx Vawn") == "Nguyeenx Vawn"


async def test_code_number_and_email_fields_are_never_transformed():
    app = TypingApp()
    async with app.run_test(size=SIZE) as pilot:
        assert await _typed(pilot, "applicant-email", "thuys.nguyeen@gmail.com") == "thuys.nguyeen@gmail.com"
        assert await _typed(pilot, "forced-plain", "Nguyeenx") == "Nguyeenx"
        app.typing_mode = "vni"
        assert await _typed(pilot, "days", "15") == "15"
        # in a Vietnamese field, a code or a number typed among words is left alone
        assert await _typed(pilot, "name", "Ma so 000.00.53.H48-251122-2007 vaf a1") == (
            "Ma so 000.00.53.H48-251122-2007 vaf á"
        )


async def test_a_paste_is_taken_as_it_is():
    from textual import events

    app = TypingApp()
    async with app.run_test(size=SIZE) as pilot:
        widget = app.query_one("#name", Input)
        widget.focus()
        await pilot.pause()
        widget.post_message(events.Paste("Nguyeenx"))
        await wait_for(pilot, lambda: widget.value == "Nguyeenx", "pasted as it is")


async def test_the_toggle_key_goes_off_telex_vni_and_is_remembered_per_officer(app):
    """Ctrl+\\ switches the mode, the status bar says it, and it survives log-out and log-in for that officer
    and not for another."""
    from counter_app.screens.counter import CounterScreen
    from counter_app.screens.find import FindScreen
    from counter_app.screens.login import LoginScreen
    from counter_app.services.demo_catalogue import DEMO_PIN, DEMO_USERNAME
    from counter_app.widgets.status_bar import StatusBar

    from .helpers import login

    def status() -> str:
        return str(app.screen.query_one(StatusBar).render())

    async def log_in_as(username: str) -> None:
        await wait_for(pilot, lambda: isinstance(app.screen, LoginScreen), "login screen")
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen ready")
        app.screen.query_one("#username", Input).value = username
        app.screen.query_one("#pin", Input).value = DEMO_PIN
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CounterScreen), f"{username} at the counter")

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        officer = app.officer
        assert app.typing_mode == "off"
        await wait_for(pilot, lambda: "Gõ: Tắt" in status(), "mode off in the status bar")
        await pilot.press("ctrl+backslash")
        assert app.typing_mode == "telex"
        await wait_for(pilot, lambda: "Gõ: Telex" in status(), "Telex in the status bar")
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, FindScreen), "find screen")
        find = app.screen.query_one("#find-input", Input)
        await wait_for(pilot, lambda: find.has_focus, "find input focused")
        await type_text(pilot, "Nguyeenx")
        await wait_for(pilot, lambda: find.value == "Nguyễn", "Telex in the find field")
        await pilot.press("ctrl+backslash")
        assert app.typing_mode == "vni"
        await pilot.press("ctrl+backslash")
        assert app.typing_mode == "off"
        await pilot.press("ctrl+backslash")
        assert app.typing_mode == "telex"
        await pilot.app.workers.wait_for_complete()

        await pilot.press("ctrl+l")
        await log_in_as("canbo2")
        assert app.officer.officer_id != officer.officer_id
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.typing_mode == "off"  # another officer: their own (never chosen) mode
        await pilot.press("ctrl+backslash", "ctrl+backslash")
        assert app.typing_mode == "vni"
        await pilot.app.workers.wait_for_complete()

        await pilot.press("ctrl+l")
        await log_in_as(DEMO_USERNAME)
        await wait_for(pilot, lambda: app.typing_mode == "telex", "the first officer's Telex back")
        await wait_for(pilot, lambda: "Gõ: Telex" in status(), "and in the status bar")

        await pilot.press("ctrl+l")
        await log_in_as("canbo2")
        await wait_for(pilot, lambda: app.typing_mode == "vni", "the second officer's VNI back")


async def test_before_log_in_the_toggle_does_nothing(app):
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen ready")
        await pilot.press("ctrl+backslash")
        await pilot.pause()
        assert app.typing_mode == "off"


async def test_the_tone_style_is_chosen_from_the_palette_and_remembered(app, store):
    from counter_app.screens.find import FindScreen
    from counter_app.services import preferences

    from .helpers import login, screen_text

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("ctrl+backslash")
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await type_text(pilot, "kieu dat dau")
        await wait_for(pilot, lambda: "Đổi kiểu đặt dấu thanh" in screen_text(app), "the palette's hit")
        await pilot.pause(0.5)  # every provider has answered: the best hit highlighted
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.typing_style == "new", "new style chosen")
        assert any("Kiểu đặt dấu mới" in text for _severity, text in app.notices)
        await pilot.app.workers.wait_for_complete()
        assert preferences.typing_preference(store, app.officer) == preferences.TypingPreference(
            "telex", "new"
        )
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, FindScreen), "find screen")
        find = app.screen.query_one("#find-input", Input)
        await wait_for(pilot, lambda: find.has_focus, "find input focused")
        await type_text(pilot, "hoaf")
        await wait_for(pilot, lambda: find.value == "hoà", "new style in the find field")


def test_which_fields_of_the_app_type_vietnamese():
    """Names, addresses, notes, reasons and searches do; codes, numbers, IDs, e-mails, paths, log-ins don't."""
    on = ["applicant-name", "applicant-address", "receiver-name", "full-name", "note", "reason", "find-input"]
    on += ["citizen-input", "procedure-input", "unit-input", "return-address", "fee-note", "name"]
    off = ["applicant-number", "applicant-rep-id", "receiver-id", "applicant-phone", "applicant-email"]
    off += ["return-code", "home-scan", "username", "path", "code", "day", "counter"]
    assert [field for field in on if not VnInput(id=field).vn_typing] == []
    assert [field for field in off if VnInput(id=field).vn_typing] == []
    assert not VnInput(id="days", restrict=r"[0-9]{0,3}").vn_typing
    assert not VnInput(id="secret", password=True).vn_typing
    assert not VnInput(id="amount", type="integer").vn_typing
    assert VnInput(id="applicant-email", vn_typing=True).vn_typing
