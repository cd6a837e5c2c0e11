"""An Input for Vietnamese text, that also recognises a scanner's payload and types Telex or VNI."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

from counter_app.domain.telex import METHODS, OLD_STYLE, type_key
from counter_app.domain.vntext import delete_last_letter, nfc
from counter_app.widgets.scan import is_scan_like

#: the last part of a field's id that says it holds a code, a number, an address of a machine or a person's
#: log-in, where keys are never turned into Vietnamese letters (``applicant-email``, ``return-code``...)
PLAIN_FIELDS = frozenset(
    "code codes counter day days email fee id number path phone pin scan url username".split()
)


def _plain_by_nature(input_id: str | None, kwargs: dict[str, object]) -> bool:
    if kwargs.get("password") or kwargs.get("restrict") or kwargs.get("type", "text") != "text":
        return True
    return bool(input_id) and str(input_id).rsplit("-", 1)[-1] in PLAIN_FIELDS


class VnInput(Input):
    """Keeps its value NFC, deletes a whole letter (base and marks) on Backspace, and turns a scan into
    a :class:`VnInput.Scanned` message instead of ``Submitted``.

    Decomposed input (a base letter followed by combining marks, as some keyboards and scanners send)
    is composed as it arrives, so the value, the cursor and the search keys always see NFC.

    Typing Vietnamese: when the app's ``typing_mode`` is ``telex`` or ``vni`` (the officer's choice, see
    :mod:`counter_app.domain.telex`), each printable key typed at the cursor goes through
    :func:`~counter_app.domain.telex.type_key` with the word before the cursor (``Nguyeenx`` becomes
    «Nguyễn» as it is typed). Pastes and text set by the program are taken as they are. ``vn_typing``:
    False for a field that holds a code, a number, an e-mail or a path; by default it is off for a
    password, a ``restrict``-ed or numeric field and a field whose id ends with one of
    :data:`PLAIN_FIELDS`, and on otherwise.
    """

    @dataclass
    class Scanned(Message):
        """Enter was pressed on a CCCD QR payload or a dossier code (well-formed or not)."""

        input: VnInput
        text: str

        @property
        def control(self) -> VnInput:
            return self.input

    def __init__(self, *args, scan_aware: bool = True, vn_typing: bool | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scan_aware = scan_aware
        self.vn_typing = not _plain_by_nature(kwargs.get("id"), kwargs) if vn_typing is None else vn_typing

    @property
    def typing_method(self) -> str | None:
        """``telex`` or ``vni`` when keys typed here become Vietnamese letters now, else None."""
        if not self.vn_typing:
            return None
        mode = getattr(self.app, "typing_mode", "off")
        return mode if mode in METHODS else None

    async def _on_key(self, event: events.Key) -> None:
        method = self.typing_method
        character = event.character
        if method is None or not event.is_printable or character is None or len(character) != 1:
            return  # Input's own handler types it
        if not self.selection.is_empty:
            return
        event.stop()
        event.prevent_default()  # Input's handler must not type it again
        restart_blink = getattr(self, "_restart_blink", None)
        if callable(restart_blink):
            restart_blink()
        cursor = self.cursor_position
        before = self.value[:cursor]
        style = getattr(self.app, "typing_style", OLD_STYLE)
        typed = type_key(before, character, method=method, style=style)  # type: ignore[arg-type]
        same = 0
        while same < min(len(before), len(typed)) and before[same] == typed[same]:
            same += 1
        self.replace(typed[same:], same, cursor)

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        head = nfc(value[:start] + text)
        new_value = nfc(head + value[end:])
        if new_value == value and not text:
            return
        super().replace(new_value, 0, len(value))
        if self.value == new_value:
            self.cursor_position = min(len(head), len(new_value))

    def action_delete_left(self) -> None:
        if not self.selection.is_empty:
            self.delete_selection()
            return
        cursor = self.cursor_position
        if cursor <= 0:
            return
        head = delete_last_letter(self.value[:cursor])
        self.delete(len(head), cursor)

    async def action_submit(self) -> None:
        if self.scan_aware and is_scan_like(self.value):
            text, self.value = self.value, ""
            self.post_message(self.Scanned(self, text))
            return
        await super().action_submit()
