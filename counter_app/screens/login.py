"""Log-in: username and PIN. In the demo the demo officer is filled in, so Enter logs in."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, VerticalGroup
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from counter_app.locale import describe_error, t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.services.context import Actor
from counter_app.widgets.pin_input import PinInput
from counter_app.widgets.status_bar import StatusBar
from counter_app.widgets.vn_input import VnInput


class LoginScreen(CounterAppAccess, ReportsWorkerErrors, Screen[None]):
    DEFAULT_CSS = """
    LoginScreen { align: center middle; }
    LoginScreen #login-box { width: 72; max-width: 100%; height: auto; padding: 1 2; }
    LoginScreen #login-heading { text-style: bold; text-align: center; width: 100%; }
    LoginScreen #login-counter { text-align: center; width: 100%; margin-bottom: 1; color: $text-muted; }
    LoginScreen #login-error { color: $error; text-style: bold; height: auto; margin-top: 1; }
    LoginScreen #login-demo { color: $text-muted; margin-top: 1; }
    """

    @dataclass
    class Done(Message):
        actor: Actor | None
        unit_title: str = ""
        error: str = ""

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Center(), VerticalGroup(id="login-box", classes="box") as box:
            box.border_title = t("login.title")
            yield Static(t("login.heading"), id="login-heading")
            yield Static(self._counter_line(), id="login-counter")
            yield Label(t("login.username"))
            yield VnInput(
                id="username", placeholder=t("login.username_hint"), scan_aware=False, max_length=64
            )
            yield Label(t("login.pin"))
            yield PinInput(id="pin")
            yield Static("", id="login-error")
            if self.counter_app.demo:
                yield Static(t("login.demo_hint"), id="login-demo")
        yield Footer(compact=True)

    def _counter_line(self) -> str:
        settings = self.counter_app.settings
        return t("login.counter", number=settings.counter, code=settings.one_stop_code)

    def settings_changed(self) -> None:
        """The store opened behind this screen and named the unit's identifier."""
        self.query_one("#login-counter", Static).update(self._counter_line())

    def on_mount(self) -> None:
        if self.counter_app.demo:
            from counter_app.services.demo_catalogue import DEMO_PIN, DEMO_USERNAME

            self.query_one("#username", Input).value = DEMO_USERNAME
            self.query_one("#pin", Input).value = DEMO_PIN
            self.query_one("#pin", Input).focus()
        else:
            self.query_one("#username", Input).focus()

    @on(Input.Submitted, "#username")
    def _username_done(self) -> None:
        pin = self.query_one("#pin", Input)
        if pin.value:
            self._submit()
        else:
            pin.focus()

    @on(Input.Submitted, "#pin")
    def _pin_done(self) -> None:
        self._submit()

    def handle_scan(self, _scan) -> bool:
        self.app.notify(t("scan.login_first"), severity="warning")
        return True

    def _submit(self) -> None:
        username = self.query_one("#username", Input).value.strip()
        pin = self.query_one("#pin", Input).value
        if not username:
            self._show_error(t("login.need_username"))
            self.query_one("#username", Input).focus()
            return
        if not pin:
            self._show_error(t("login.need_pin"))
            self.query_one("#pin", Input).focus()
            return
        self.query_one("#login-error", Static).update(t("login.checking"))
        self._login(username, pin)

    @work(thread=True, exclusive=True, group="login", exit_on_error=False)
    def _login(self, username: str, pin: str) -> None:
        from counter_app.services import auth, dashboard
        from counter_app.services.errors import ServiceError

        try:
            actor = auth.login(self.counter_app.store, username, pin, now=self.counter_app.now())
        except ServiceError as exc:
            self.post_message(self.Done(None, error=describe_error(exc)))
            return
        self.post_message(self.Done(actor, dashboard.unit_name(self.counter_app.store, actor.unit_id)))

    def on_login_screen_done(self, message: Done) -> None:
        if message.actor is None:
            self._show_error(message.error)
            pin = self.query_one("#pin", Input)
            pin.value = ""
            pin.focus()
            return
        typed = self.query_one("#pin", Input).value
        self.counter_app.logged_in(message.actor, message.unit_title, pin=typed)

    def _show_error(self, text: str) -> None:
        self.query_one("#login-error", Static).update(text)
        self.app.notify(text, severity="error")
