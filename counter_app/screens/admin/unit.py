"""The unit (administrator): its official identifier, what this store is, where it syncs, its counters and
queue lines, this PC's printers — and the commands that change them (they are machine operations)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
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
    DEFAULT_CSS = """
    UnitScreen .admin-title { height: 1; padding: 0 1; background: $boost; }
    UnitScreen #unit-body { padding: 1 2; }
    UnitScreen #unit-how { margin-top: 1; color: $text-muted; }
    """

    @dataclass
    class Loaded(Message):
        overview: UnitOverview

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("admin.unit"), style="bold"), classes="admin-title")
        with VerticalScroll(id="unit-body"):
            yield Static(t("live.loading"), id="unit-overview")
            yield Static(t("admin.unit.how"), id="unit-how")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from counter_app.services.unit_overview import overview

        app = self.counter_app
        self.run_worker(
            lambda: self.post_message(self.Loaded(overview(app.store, app.officer))),
            thread=True,
            exit_on_error=False,
        )

    def on_unit_screen_loaded(self, message: Loaded) -> None:
        self.query_one("#unit-overview", Static).update(overview_table(message.overview))
