"""The screen lock: after the configured idle minutes the counter hides everything and asks for the PIN."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalGroup
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from counter_app.locale import describe_error, t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.widgets.pin_input import PinInput


class LockScreen(CounterAppAccess, ReportsWorkerErrors, Screen[bool]):
    """Covers the whole screen until the officer's PIN is typed again: counter PCs stand in public rooms, so
    it is a full screen, not a dialog — nothing of the screens below (citizens' names, dossiers) shows.
    Ctrl+L (the app's log-out) lets another officer log in instead."""

    DEFAULT_CSS = """
    LockScreen { align: center middle; background: $background; }
    LockScreen #lock-box { width: 72; max-width: 100%; height: auto; padding: 1 2; border: round $warning; border-title-style: bold; }
    LockScreen #lock-error { color: $error; }
    LockScreen #lock-other { color: $text-muted; margin-top: 1; }
    """

    BINDINGS = [
        Binding("f10", "unlock", t("key.confirm"), id="lock.unlock"),
        Binding("ctrl+l", "app.logout", t("lock.other_officer"), id="lock.other_officer"),
    ]
    AUTO_FOCUS = "#lock-pin"

    def compose(self) -> ComposeResult:
        actor = self.counter_app.actor
        with Center(), VerticalGroup(id="lock-box") as box:
            box.border_title = t("lock.title")
            yield Static(t("lock.message", name=actor.name if actor else ""), id="lock-message")
            yield PinInput(id="lock-pin")
            yield Static("", id="lock-error")
            yield Static(t("lock.other_hint"), id="lock-other")
        yield Footer(compact=True)

    @on(Input.Submitted, "#lock-pin")
    def action_unlock(self) -> None:
        pin = self.query_one("#lock-pin", Input).value
        if pin:
            self._check(pin)

    @work(thread=True, exclusive=True, group="unlock", exit_on_error=False)
    def _check(self, pin: str) -> None:
        from counter_app.services import auth
        from counter_app.services.errors import ServiceError

        app = self.counter_app
        try:
            auth.unlock(app.store, app.officer, pin, now=app.now())
        except ServiceError as exc:
            self.app.call_from_thread(self._refused, describe_error(exc))
            return
        self.app.call_from_thread(self.dismiss, True)

    def _refused(self, message: str) -> None:
        self.query_one("#lock-error", Static).update(message)
        pin = self.query_one("#lock-pin", Input)
        pin.value = ""
        pin.focus()
