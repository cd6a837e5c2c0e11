"""Changing one's own PIN: from the command palette at any time, and at log-in when an administrator set
the PIN (a new account, a reset) — then the officer must choose their own before working."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from counter_app.locale import t
from counter_app.screens.dialogs import FormDialog
from counter_app.widgets.pin_input import PinInput


@dataclass(frozen=True)
class PinChange:
    """The PIN in use (to prove who asks) and the new one, typed twice and equal."""

    current: str
    new: str


class ChangePinDialog(FormDialog[PinChange]):
    """Current PIN (unless just typed at log-in), new PIN, new PIN again. Digits only, never shown."""

    def __init__(self, *, current: str | None = None, forced: bool = False) -> None:
        super().__init__()
        self.current = current
        self.forced = forced

    def title_text(self) -> str:
        return t("pin.title")

    def body(self) -> ComposeResult:
        if self.forced:
            yield Static(t("pin.forced"), classes="pin-forced")
        if self.current is None:
            yield Label(t("pin.current"))
            yield PinInput(id="pin-current")
        yield Label(t("pin.new"))
        yield PinInput(id="pin-new")
        yield Label(t("pin.again"))
        yield PinInput(id="pin-again")

    def answer(self) -> PinChange | None:
        current = self.current if self.current is not None else self.query_one("#pin-current", Input).value
        new = self.query_one("#pin-new", Input).value
        again = self.query_one("#pin-again", Input).value
        if not current or not new:
            self.warn(t("pin.need_both"))
            return None
        if new != again:
            self.warn(t("pin.mismatch"))
            for widget_id in ("#pin-new", "#pin-again"):
                self.query_one(widget_id, Input).value = ""
            self.query_one("#pin-new", Input).focus()
            return None
        return PinChange(current, new)

    def action_cancel(self) -> None:
        self.dismiss(None)  # forced: the caller logs the officer out (the account cannot be used as it is)
