"""The unit (administrator): its official identifier, what this store is, where it syncs, its counters and
queue lines, this PC's printers — and the commands that change them (they are machine operations)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from counter_app.locale import t
from counter_app.screens.admin.forms import QueueLine, QueueLineDialog
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.services.context import Actor, Store
from counter_app.services.unit_overview import UnitOverview
from counter_app.widgets.status_bar import StatusBar


def overview_table(o: UnitOverview) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(style="bold", width=28)
    table.add_column()
    rows = [
        (t("admin.unit.unit"), f"{o.unit_name} — {o.province_name} ({o.unit_id})"),
        (t("admin.unit.identifier"), o.identifier),
        (t("admin.unit.kind"), t(f"admin.unit.kind.{o.store_kind or 'none'}")),
        (t("admin.unit.central"), o.central or t("admin.unit.standalone")),
        (t("admin.unit.counters"), ", ".join(f"{n}: {name}" for n, name in o.counters) or "—"),
        (t("admin.unit.queue"), ", ".join(f"{code} {name}" for code, name in o.queue_lines) or "—"),
        (t("admin.unit.printer"), o.printer or t("admin.unit.pdf_only")),
        (t("admin.unit.ticket_printer"), o.ticket_printer or t("admin.unit.pdf_only")),
    ]
    for label, value in rows:
        table.add_row(label, value)
    return table


class UnitScreen(CounterAppAccess, ReportsWorkerErrors, Screen[None]):
    """The unit page: n adds a counter, q a queue line; the rest is set by machine commands (said here)."""

    DEFAULT_CSS = """
    UnitScreen .admin-title { height: 1; padding: 0 1; background: $boost; }
    UnitScreen #unit-body { padding: 1 2; }
    UnitScreen #unit-how { margin-top: 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("n", "add_counter", t("admin.key.add_counter"), id="admin.unit.add_counter"),
        Binding("q", "add_queue_line", t("admin.key.add_queue"), id="admin.unit.add_queue"),
    ]

    @dataclass
    class Loaded(Message):
        overview: UnitOverview

    @dataclass
    class Done(Message):
        note: str

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("admin.unit"), style="bold"), classes="admin-title")
        with VerticalScroll(id="unit-body"):
            yield Static(t("live.loading"), id="unit-overview")
            yield Static(t("admin.unit.how"), id="unit-how")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        from counter_app.services.unit_overview import overview

        app = self.counter_app
        self.run_worker(
            lambda: self.post_message(self.Loaded(overview(app.store, app.officer))),
            thread=True,
            exclusive=True,
            group="unit-load",
            exit_on_error=False,
        )

    def on_unit_screen_loaded(self, message: Loaded) -> None:
        self.query_one("#unit-overview", Static).update(overview_table(message.overview))

    def _run(self, act: Callable[[Store, Actor], str]) -> None:
        app = self.counter_app
        self.run_worker(
            lambda: self.post_message(self.Done(act(app.store, app.officer))),
            thread=True,
            exclusive=True,
            group="unit-act",
            exit_on_error=False,
        )

    def on_unit_screen_done(self, message: Done) -> None:
        self.app.notify(message.note)
        self.reload()

    def action_add_counter(self) -> None:
        from counter_app.services import unit_overview

        self._run(
            lambda store, actor: t("admin.unit.counter_added", number=unit_overview.add_counter(store, actor))
        )

    def action_add_queue_line(self) -> None:
        from counter_app.services import unit_overview

        def answered(line: object) -> None:
            if isinstance(line, QueueLine):

                def add(store: Store, actor: Actor) -> str:
                    code, name = unit_overview.add_queue_line(store, actor, line.code, line.name)
                    return t("admin.unit.queue_added", code=code, name=name)

                self._run(add)

        self.app.push_screen(QueueLineDialog(), answered)
