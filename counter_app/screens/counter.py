"""The counter screen (home): queue, the ticket being served, today's work, dossiers due today."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Digits, Footer, Input, Static

from counter_app.domain.states import Status
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import ReportsWorkerErrors
from counter_app.widgets.status_bar import StatusBar
from counter_app.widgets.vn_input import VnInput

if TYPE_CHECKING:
    from counter_app.services.dashboard import CounterDay, DossierRow

REFRESH_EVERY_S = 15.0


@dataclass(frozen=True)
class HomeData:
    waiting: list[tuple[str, str, int, int]]
    day: CounterDay
    due: list[DossierRow]


class CounterScreen(ReportsWorkerErrors, Screen):
    BINDINGS = [
        Binding("f8", "recall", t("key.recall"), id="home.recall"),
        Binding("f9", "no_show", t("key.no_show"), id="home.no_show"),
        Binding("ctrl+n", "issue_ticket", t("key.issue_ticket"), id="home.issue_ticket"),
        Binding("ctrl+t", "transfer", t("key.transfer"), id="home.transfer"),
    ]

    class Loaded(Message):
        def __init__(self, data: HomeData) -> None:
            super().__init__()
            self.data = data

    class QueueDone(Message):
        def __init__(self, note: str, ticket=None, clear: bool = False) -> None:
            super().__init__()
            self.note = note
            self.ticket = ticket
            self.clear = clear

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Horizontal(id="home-top"):
            with Vertical(id="serving-box") as box:
                box.border_title = t("home.serving")
                yield Digits("", id="serving-number")
                yield Static("", id="serving-detail")
            with Vertical(id="scan-box") as box:
                box.border_title = t("home.scan_title")
                yield VnInput(id="home-scan", placeholder=t("home.scan_placeholder"))
                yield Static(t("home.scan_hint"), id="scan-hint")
        with Horizontal(id="home-main"):
            with Vertical(id="home-left"):
                with Vertical(id="queue-box") as box:
                    box.border_title = t("home.queue")
                    yield DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
                with Vertical(id="today-box") as box:
                    box.border_title = t("home.today")
                    yield Static("", id="today")
            with Vertical(id="due-box") as box:
                box.border_title = t("home.due_today")
                yield DataTable(id="due-table", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        queue_table = self.query_one("#queue-table", DataTable)
        queue_table.add_column(t("col.service_code"), width=3, key="code")
        queue_table.add_column(t("col.service"), width=20, key="name")
        queue_table.add_column(t("col.waiting"), width=8, key="normal")
        queue_table.add_column(t("col.priority"), width=7, key="priority")
        due = self.query_one("#due-table", DataTable)
        due.add_column(t("col.code"), width=25, key="code")
        due.add_column(t("col.applicant"), width=17, key="applicant")
        due.add_column(t("col.procedure"), width=17, key="procedure")
        due.add_column(t("col.due"), width=5, key="due")
        due.add_column(t("col.status"), width=12, key="status")
        self.watch(self.app, "serving", self._show_serving)
        self.query_one("#home-scan", Input).focus()
        self.set_interval(REFRESH_EVERY_S, self._tick)

    def on_screen_resume(self) -> None:
        self.reload()

    def _tick(self) -> None:
        if self.app.screen is self:
            self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="home", exit_on_error=False)
    def _load(self) -> None:
        from counter_app.services import dashboard, queue

        app = self.app
        now = app.now()
        actor = app.actor
        data = HomeData(
            waiting=queue.waiting_by_service(app.store, now=now),
            day=dashboard.counter_day(app.store, actor.counter_id, actor.unit_id, now.date()),
            due=dashboard.due_on(app.store, actor.unit_id, now.date()),
        )
        self.post_message(self.Loaded(data))

    def on_counter_screen_loaded(self, message: Loaded) -> None:
        data = message.data
        with self.app.batch_update():
            self._fill_queue(data.waiting)
            self._fill_today(data.day)
            self._fill_due(data.due)

    def _fill_queue(self, waiting) -> None:
        table = self.query_one("#queue-table", DataTable)
        seen = set()
        for code, name, normal, priority in waiting:
            seen.add(code)
            cells = {
                "code": code,
                "name": name,
                "normal": str(normal),
                "priority": Text(str(priority), style="bold yellow" if priority else ""),
            }
            if code in table.rows:
                for column, value in cells.items():
                    table.update_cell(code, column, value)
            else:
                table.add_row(*cells.values(), key=code)
        for key in [k for k in table.rows if k.value not in seen]:
            table.remove_row(key)

    def _fill_today(self, day) -> None:
        lines = [
            (t("today.received"), day.received),
            (t("today.returned"), day.returned),
            (t("today.refused"), day.refused),
            (t("today.supplement"), day.supplement_requested),
            (t("today.pending"), day.pending),
            (t("today.awaiting_return"), day.awaiting_return),
            (t("today.tickets_served"), day.tickets_served),
        ]
        text = Text()
        for index, (label, value) in enumerate(lines):
            if index:
                text.append("\n")
            text.append(f"{label:<34}", style="")
            text.append(f"{value:>5}", style="bold")
        self.query_one("#today", Static).update(text)

    def _fill_due(self, rows) -> None:
        table = self.query_one("#due-table", DataTable)
        now = self.app.now()
        wanted = {r.code for r in rows}
        for key in [k for k in table.rows if k.value not in wanted]:
            table.remove_row(key)
        for row in rows:
            late = row.due_at is not None and row.due_at < now
            due = Text(fmt.clock(row.due_at), style="bold red" if late else "bold")
            cells = [
                row.code,
                row.applicant_name,
                fmt.procedure_short(row.procedure_name),
                due,
                Status(row.status).label,
            ]
            if row.code in table.rows:
                for column, value in zip(
                    ("code", "applicant", "procedure", "due", "status"), cells, strict=True
                ):
                    table.update_cell(row.code, column, value)
            else:
                table.add_row(*cells, key=row.code)
        if not rows:
            self.query_one("#due-box").border_subtitle = t("home.none_due")
        else:
            self.query_one("#due-box").border_subtitle = t("home.count", count=len(rows))

    def _show_serving(self, ticket) -> None:
        if self.app.screen is self:  # the queue and today's counts move with the ticket
            self.reload()
        digits = self.query_one("#serving-number", Digits)
        detail = self.query_one("#serving-detail", Static)
        if ticket is None:
            digits.update("")
            detail.update(t("home.no_ticket"))
            return
        digits.update(ticket.number)
        text = t(
            "home.ticket_detail",
            service=ticket.service,
            called=fmt.clock(ticket.called_at),
            recalls=ticket.recalls,
        )
        if ticket.priority:
            text += "\n" + t("home.ticket_priority", reason=ticket.priority_reason or t("home.priority"))
        detail.update(text)

    # --- input ----------------------------------------------------------------------------------

    @on(Input.Submitted, "#home-scan")
    def _search(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if text:
            self.app.action_find(text)

    @on(DataTable.RowSelected, "#due-table")
    def _open_due(self, event: DataTable.RowSelected) -> None:
        self.app.open_dossier(event.row_key.value)

    # --- queue actions ---------------------------------------------------------------------------

    def action_recall(self) -> None:
        self._queue_action("recall")

    def action_no_show(self) -> None:
        ticket = self.app.serving
        if ticket is None:
            self.app.notify(t("queue.no_current_ui"), severity="warning")
            return
        from counter_app.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._queue_action("no_show")

        self.app.push_screen(ConfirmDialog(t("queue.confirm_no_show", number=ticket.number)), answered)

    def action_issue_ticket(self) -> None:
        from counter_app.screens.dialogs import IssueTicketDialog

        def issued(choice) -> None:
            if choice is not None:
                service, priority, reason = choice
                self._queue_action("issue", service=service, priority=priority, reason=reason)

        self.app.push_screen(IssueTicketDialog(), issued)

    def action_transfer(self) -> None:
        if self.app.serving is None:
            self.app.notify(t("queue.no_current_ui"), severity="warning")
            return
        from counter_app.screens.dialogs import TransferDialog

        def chosen(number) -> None:
            if number is not None:
                self._queue_action("transfer", counter=number)

        self.app.push_screen(TransferDialog(current=self.app.actor.counter_parts[1]), chosen)

    @work(thread=True, exclusive=True, group="queue-action", exit_on_error=False)
    def _queue_action(self, kind: str, **options) -> None:
        from counter_app.services import queue

        app = self.app
        store, actor, now = app.store, app.actor, app.now()
        if kind == "recall":
            ticket = queue.recall(store, actor, now=now)
            self.post_message(
                self.QueueDone(
                    t("queue.recalled", number=ticket.number, counter=actor.counter_parts[1]), ticket
                )
            )
        elif kind == "no_show":
            ticket = queue.no_show(store, actor, now=now)
            self.post_message(self.QueueDone(t("queue.no_show_done", number=ticket.number), clear=True))
        elif kind == "transfer":
            ticket = queue.transfer(store, actor, options["counter"])
            self.post_message(
                self.QueueDone(
                    t("queue.transferred", number=ticket.number, counter=options["counter"]), clear=True
                )
            )
        elif kind == "issue":
            issued = queue.issue(
                store,
                options["service"],
                priority=options["priority"],
                priority_reason=options["reason"],
                now=now,
            )
            self.post_message(
                self.QueueDone(
                    t(
                        "queue.issued",
                        number=issued.ticket.number,
                        service=issued.service_name,
                        ahead=issued.waiting_ahead,
                    )
                )
            )

    def on_counter_screen_queue_done(self, message: QueueDone) -> None:
        if message.ticket is not None:
            self.app.serving = message.ticket
        elif message.clear:
            self.app.serving = None
        self.app.notify(message.note)
        self.reload()
