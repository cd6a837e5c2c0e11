"""Supervisor screen (F7, supervisors only). For now: the unit's overdue dossiers; the full live screen
(queue per counter, on-time rate, indicators) comes in a later issue."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from counter_app.domain.states import Status
from counter_app.locale import t
from counter_app.screens.base import ReportsWorkerErrors
from counter_app.screens.keys import quiet
from counter_app.widgets import fmt
from counter_app.widgets.status_bar import StatusBar


class SupervisorScreen(ReportsWorkerErrors, Screen):
    BINDINGS = quiet("f2", "f5", "f6")

    class Loaded(Message):
        def __init__(self, rows: list) -> None:
            super().__init__()
            self.rows = rows

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("supervisor.title"), style="bold"), id="supervisor-title")
        with Vertical(id="overdue-box") as box:
            box.border_title = t("supervisor.overdue")
            yield DataTable(id="overdue", cursor_type="row", zebra_stripes=True)
        yield Static(t("supervisor.later"), id="supervisor-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#overdue", DataTable)
        table.add_column(t("col.code"), width=25)
        table.add_column(t("col.applicant"), width=22)
        table.add_column(t("col.procedure"), width=40)
        table.add_column(t("col.due_at"), width=16)
        table.add_column(t("col.late_days"), width=9)
        table.add_column(t("col.status"), width=18)
        table.focus()
        self._load()

    @work(thread=True, exclusive=True, group="supervisor", exit_on_error=False)
    def _load(self) -> None:
        from counter_app.services import dashboard

        self.post_message(self.Loaded(dashboard.overdue(self.app.store, self.app.actor.unit_id, self.app.now())))

    def on_supervisor_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one("#overdue", DataTable)
        now = self.app.now()
        table.clear()
        for row in message.rows:
            late = (now.date() - row.due_at.date()).days
            table.add_row(row.code, row.applicant_name, fmt.procedure_short(row.procedure_name),
                          fmt.moment(row.due_at), Text(str(late), style="bold red"), Status(row.status).label,
                          key=row.code)
        self.query_one("#overdue-box").border_subtitle = t("home.count", count=len(message.rows))

    @on(DataTable.RowSelected, "#overdue")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.open_dossier(event.row_key.value)
