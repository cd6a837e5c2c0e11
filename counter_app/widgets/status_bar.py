"""The top line of every screen: unit, counter, officer, clock and the store's state."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusBar(Widget):
    """Pulls what it shows from the app (``status_parts()``) and repaints every second for the clock."""

    DEFAULT_CSS = """
    StatusBar {
        dock: top;
        height: 1;
        width: 100%;
        background: $primary;
        color: $text;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.set_interval(1.0, self.refresh)
        for name in ("actor", "store_state", "typing_mode"):
            if hasattr(self.app, name):
                self.watch(self.app, name, self._changed, init=False)

    def _changed(self, _value: object) -> None:
        self.refresh()

    def render(self) -> Text:
        parts = getattr(self.app, "status_parts", None)
        text = Text(no_wrap=True, overflow="ellipsis")
        if parts is None:
            return text
        for index, (part, style) in enumerate(parts()):
            if index:
                text.append(" │ ", style="dim")
            text.append(part, style=style)
        return text
