"""One search-and-pick widget: type a few letters, the matches appear below, Enter picks the first.

Used for the citizen and the procedure at intake and for the unit of a handover. The owner gives a
``search`` function (run in a worker thread, so the store is never read on the UI thread) that returns
:class:`PickItem` s, best first; the widget shows them, lets ↑/↓ move the highlight, and posts
:class:`SearchPicker.Picked` when the officer presses Enter or selects a line. Enter pressed before the
results of what was typed have arrived picks as soon as they do, so a fast typist gets what they typed,
never the previous word's first match.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalGroup
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from counter_app.widgets.vn_input import VnInput
from counter_app.widgets.workers import ReportsWorkerErrors


@dataclass(frozen=True)
class PickItem:
    """One line of the list: what it stands for (``key``, ``value``) and how it reads (``prompt``)."""

    key: str
    prompt: str | Text
    value: Any = None


class SearchPicker(ReportsWorkerErrors, VerticalGroup):
    """An input and the list of what matches it."""

    DEFAULT_CSS = """
    SearchPicker { height: auto; }
    SearchPicker > OptionList { height: auto; max-height: 12; border: none; display: none; }
    SearchPicker > OptionList.shown { display: block; }
    """
    BINDINGS = [
        Binding("down", "move(1)", show=False, id="picker.down"),
        Binding("up", "move(-1)", show=False, id="picker.up"),
    ]

    @dataclass
    class Picked(Message):
        """The officer picked ``item``."""

        picker: SearchPicker
        item: PickItem

        @property
        def control(self) -> SearchPicker:
            return self.picker

    @dataclass
    class Found(Message):
        query: str
        items: Sequence[PickItem]

    def __init__(
        self,
        search: Callable[[str], Sequence[PickItem]],
        *,
        placeholder: str = "",
        empty_text: str = "",
        min_chars: int = 1,
        scan_aware: bool = False,
        id: str,
    ) -> None:
        super().__init__(id=id)
        self._search_fn = search
        self.placeholder = placeholder
        self.empty_text = empty_text
        self.min_chars = min_chars
        self.scan_aware = scan_aware
        #: the items shown, and the query they answer
        self.items: list[PickItem] = []
        self.items_for: str | None = None
        self._pick_when_found = False

    def compose(self) -> ComposeResult:
        yield VnInput(id=f"{self.id}-input", placeholder=self.placeholder, scan_aware=self.scan_aware)
        yield OptionList(id=f"{self.id}-results")

    @property
    def input(self) -> Input:
        return self.query_one(f"#{self.id}-input", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one(f"#{self.id}-results", OptionList)

    @property
    def query_text(self) -> str:
        return self.input.value.strip()

    def clear(self) -> None:
        """Empty the input and hide the list."""
        self.input.value = ""
        self._show([], "")

    def focus_input(self) -> None:
        self.input.focus()

    # --- searching ------------------------------------------------------------------------------------

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._pick_when_found = False
        self._search(event.value.strip())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _search(self, text: str) -> None:
        items = list(self._search_fn(text)) if len(text) >= self.min_chars else []
        self.post_message(self.Found(text, items))

    def on_search_picker_found(self, message: Found) -> None:
        message.stop()
        if message.query != self.query_text:
            return  # an answer to something typed before
        self._show(message.items, message.query)
        if self._pick_when_found:
            self._pick_when_found = False
            self._pick_highlighted()

    def _show(self, items: Sequence[PickItem], query: str) -> None:
        self.items, self.items_for = list(items), query
        options = self.options
        options.clear_options()
        options.add_options([Option(item.prompt, id=item.key) for item in items])
        if items:
            options.highlighted = 0
        elif query and self.empty_text:
            options.add_option(Option(self.empty_text, disabled=True))
        options.set_class(bool(query), "shown")
        self.set_class(bool(query), "open")

    # --- picking -------------------------------------------------------------------------------------

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.query_text:
            return
        if self.items_for == self.query_text:
            self._pick_highlighted()
        else:  # Enter came before the results of what was typed: pick when they arrive
            self._pick_when_found = True

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    def _pick_highlighted(self) -> None:
        highlighted = self.options.highlighted
        if highlighted is None or not self.items:
            if self.empty_text:
                self.app.notify(self.empty_text, severity="warning")
            return
        self._pick(highlighted)

    def _pick(self, index: int) -> None:
        if 0 <= index < len(self.items):
            item = self.items[index]
            self.options.remove_class("shown")
            self.remove_class("open")
            self.post_message(self.Picked(self, item))

    def action_move(self, step: int) -> None:
        options = self.options
        if options.has_class("shown") and options.option_count:
            (options.action_cursor_down if step > 0 else options.action_cursor_up)()
