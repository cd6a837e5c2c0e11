"""The input of a PIN: digits only, never shown, as long as a PIN may be."""

from __future__ import annotations

from textual.widgets import Input

from counter_app.locale import t

#: the longest PIN accepted (the services require at least six digits)
PIN_MAX_LENGTH = 12


class PinInput(Input):
    """A password input that takes digits only (log-in, the lock, choosing and resetting a PIN)."""

    def __init__(self, *, id: str) -> None:
        super().__init__(
            id=id,
            password=True,
            restrict=r"[0-9]*",
            max_length=PIN_MAX_LENGTH,
            placeholder=t("login.pin_hint"),
        )
