"""An Input for Vietnamese text, that also recognises a scanner's payload."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Input

from counter_app.domain.vntext import delete_last_letter, nfc
from counter_app.widgets.scan import is_scan_like


class VnInput(Input):
    """Keeps its value NFC, deletes a whole letter (base and marks) on Backspace, and turns a scan into
    a :class:`VnInput.Scanned` message instead of ``Submitted``.

    Decomposed input (a base letter followed by combining marks, as some keyboards and scanners send)
    is composed as it arrives, so the value, the cursor and the search keys always see NFC.
    """

    @dataclass
    class Scanned(Message):
        """Enter was pressed on a CCCD QR payload or a dossier code (well-formed or not)."""

        input: VnInput
        text: str

        @property
        def control(self) -> VnInput:
            return self.input

    def __init__(self, *args, scan_aware: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scan_aware = scan_aware

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
