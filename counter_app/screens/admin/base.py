"""What every administrator's list screen shares: a title, one live table, a worker that reads the rows,
and a worker that runs one service call and says what it did."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.screens.keys import quiet
from counter_app.services.context import Actor, Store
from counter_app.widgets.live_table import LiveTable, Row
from counter_app.widgets.status_bar import StatusBar


class AdminListScreen(CounterAppAccess, ReportsWorkerErrors, Screen[None]):
    """A table of one administration area; subclasses give the title, the columns and :meth:`rows`."""

    DEFAULT_CSS = """
    AdminListScreen .admin-title { height: 1; padding: 0 1; background: $boost; }
    AdminListScreen .admin-hint { height: auto; padding: 0 1; color: $text-muted; }
    AdminListScreen LiveTable { height: 1fr; }
    """
    BINDINGS = [*quiet("f1")]
    TITLE_KEY: ClassVar[str] = ""
    HINT_KEY: ClassVar[str] = ""

    @dataclass
    class Loaded(Message):
        rows: list[Row]

    @dataclass
    class Done(Message):
        note: str

    def hint_key(self) -> str:
        """The locale key of the line under the title ("" for none)."""
        return self.HINT_KEY

    def columns(self) -> Sequence[tuple[str, str, int | None]]:
        raise NotImplementedError

    def rows(self, store: Store, actor: Actor) -> list[Row]:
        """The table's rows, read in a worker thread."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t(self.TITLE_KEY), style="bold"), classes="admin-title")
        if self.hint_key():
            yield Static(t(self.hint_key()), classes="admin-hint")
        yield LiveTable(self.columns(), id="admin-table")
        yield Footer(compact=True)

    @property
    def table(self) -> LiveTable:
        return self.query_one("#admin-table", LiveTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.reload()

    def reload(self) -> None:
        app = self.counter_app
        self.run_worker(
            lambda: self.post_message(self.Loaded(self.rows(app.store, app.officer))),
            thread=True,
            exclusive=True,
            group="admin-load",
            exit_on_error=False,
        )

    def on_admin_list_screen_loaded(self, message: Loaded) -> None:
        self.table.show(message.rows)
        self.refresh_bindings()

    def run_service(self, act: Callable[[Store, Actor], Any], note: Callable[[Any], str]) -> None:
        """Run ``act`` (one service call) in a worker; then show ``note(result)`` and read the table again."""
        app = self.counter_app

        def work() -> None:
            result = act(app.store, app.officer)
            self.post_message(self.Done(note(result)))

        self.run_worker(work, thread=True, exclusive=True, group="admin-act", exit_on_error=False)

    def on_admin_list_screen_done(self, message: Done) -> None:
        self.app.notify(message.note)
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needs_row = getattr(self, "NEEDS_ROW", ())
        if action in needs_row:
            return self.is_mounted and self.table.current_key is not None
        return True
