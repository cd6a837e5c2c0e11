"""The counter screen (home): queue, the ticket being served, today's work, dossiers due today."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Digits, Footer, Input, Static

from counter_app.domain.states import Status
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.widgets.live_table import LiveTable
from counter_app.widgets.status_bar import StatusBar
from counter_app.widgets.vn_input import VnInput

if TYPE_CHECKING:
    from counter_app.screens.dialogs import TicketRequest
    from counter_app.services.dashboard import CounterDay, DossierRow
    from counter_app.services.queue import IssuedTicket
    from counter_app.services.views import TicketView

REFRESH_EVERY_S = 15.0


@dataclass(frozen=True)
class HomeData:
    waiting: list[tuple[str, str, int, int]]
    day: CounterDay
    due: list[DossierRow]
    #: the ticket this counter serves in the store (one transferred here shows without a key pressed)
    serving: TicketView | None = None


def today_text(day: CounterDay) -> Text:
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
        # 34 cells: the longest label (30) and a count; fits the box beside the queue on an 80-column screen
        text.append(f"{label:<30}")
        text.append(f"{value:>4}", style="bold")
    return text


def is_transferred_here(stored: TicketView | None, shown: TicketView | None) -> bool:
    """Whether ``stored``, the ticket the store says this counter serves, was transferred here by another
    counter and is not the one shown: a transfer leaves the ticket with no officer until a counter closes it
    (an older read of a ticket called here has its officer, and is never taken for one)."""
    return stored is not None and stored.officer_id is None and (shown is None or shown.id != stored.id)


class CounterScreen(CounterAppAccess, ReportsWorkerErrors, Screen[None]):
    DEFAULT_CSS = """
    CounterScreen #home-top { height: 9; }
    CounterScreen #serving-box { width: 44; height: 100%; }
    CounterScreen #serving-number { width: auto; color: $warning; text-style: bold; }
    CounterScreen #serving-detail { height: auto; color: $text-muted; }
    CounterScreen #scan-box { width: 1fr; height: 100%; }
    CounterScreen #scan-hint { color: $text-muted; margin-top: 1; }
    CounterScreen #home-main { height: 1fr; }
    CounterScreen #home-left { width: 50; height: 100%; }
    CounterScreen #queue-box { height: 10; }
    CounterScreen #today-box { height: 1fr; }
    CounterScreen #due-box { width: 1fr; height: 100%; }
    CounterScreen LiveTable { height: 1fr; }
    /* under 120 columns the queue and today's counts share a row above the dossiers due today */
    CounterScreen.-narrow #home-main { layout: vertical; }
    CounterScreen.-narrow #home-left { layout: horizontal; width: 100%; height: auto; }
    CounterScreen.-narrow #queue-box { width: 1fr; height: auto; max-height: 10; }
    CounterScreen.-narrow #queue-box LiveTable { height: auto; max-height: 8; }
    CounterScreen.-narrow #today-box { width: 1fr; height: auto; }
    CounterScreen.-narrow #due-box { width: 100%; height: 1fr; min-height: 5; }
    CounterScreen.-narrow #serving-box { width: 36; }
    /* under 30 rows the serving box and the scan box take no more than they need */
    CounterScreen.-short #home-top { height: 7; }
    CounterScreen.-short.-narrow #home-left { height: 7; }
    CounterScreen.-short.-narrow #queue-box, CounterScreen.-short.-narrow #today-box { height: 100%; }
    CounterScreen.-short.-narrow #today-box { overflow-y: auto; scrollbar-size-vertical: 1; }
    CounterScreen.-short #scan-hint { display: none; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS = [
        # the counter's two main keys first: the footer shows keys in this order and a narrow screen cuts the
        # last ones (the app's bindings, with the same ids so that a keymap moves both)
        Binding("f2", "app.call_next", t("key.call_next"), id="app.call_next"),
        Binding("f3", "app.new_intake", t("key.new_intake"), id="app.new_intake"),
        Binding("f8", "recall", t("key.recall"), id="home.recall"),
        Binding("f9", "no_show", t("key.no_show"), id="home.no_show"),
        Binding("ctrl+n", "issue_ticket", t("key.issue_ticket"), id="home.issue_ticket"),
        Binding("ctrl+t", "transfer", t("key.transfer"), id="home.transfer"),
    ]

    @dataclass
    class Loaded(Message):
        data: HomeData

    @dataclass
    class QueueDone(Message):
        note: str
        ticket: TicketView | None = None
        clear: bool = False
        #: a ticket just issued, to print
        issued: IssuedTicket | None = None

    @dataclass
    class TicketPrinted(Message):
        ok: bool
        note: str

    def __init__(self) -> None:
        super().__init__()
        self.data: HomeData | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with HorizontalGroup(id="home-top"):
            with VerticalGroup(id="serving-box", classes="box") as box:
                box.border_title = t("home.serving")
                yield Digits("", id="serving-number")
                yield Static("", id="serving-detail")
            with VerticalGroup(id="scan-box", classes="box") as box:
                box.border_title = t("home.scan_title")
                yield VnInput(id="home-scan", placeholder=t("home.scan_placeholder"))
                yield Static(t("home.scan_hint"), id="scan-hint")
        with HorizontalGroup(id="home-main"):
            with VerticalGroup(id="home-left"):
                with VerticalGroup(id="queue-box", classes="box") as box:
                    box.border_title = t("home.queue")
                    yield LiveTable(
                        [
                            ("code", t("col.service_code"), 3),
                            ("name", t("col.service"), 20),
                            ("waiting", t("col.waiting"), 8),
                            ("priority", t("col.priority"), 7),
                        ],
                        id="queue-table",
                    )
                with VerticalGroup(id="today-box", classes="box") as box:
                    box.border_title = t("home.today")
                    yield Static("", id="today")
            with VerticalGroup(id="due-box", classes="box") as box:
                box.border_title = t("home.due_today")
                yield LiveTable(
                    [
                        ("code", t("col.code"), 26),  # the demo identifier is 14 characters long
                        ("applicant", t("col.applicant"), 17),
                        ("procedure", t("col.procedure"), 16),
                        ("due", t("col.due"), 5),
                        ("status", t("col.status"), 12),
                    ],
                    id="due-table",
                )
        yield Footer(compact=True)

    def on_mount(self) -> None:
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

        app = self.counter_app
        now, actor = app.now(), app.officer
        data = HomeData(
            waiting=queue.waiting_by_service(app.store, now=now),
            day=dashboard.counter_day(app.store, actor.counter_id or "", actor.unit_id, now.date()),
            due=dashboard.due_on(app.store, actor.unit_id, now.date()),
            serving=dashboard.serving_ticket(app.store, actor.counter_id) if actor.counter_id else None,
        )
        self.post_message(self.Loaded(data))

    def on_counter_screen_loaded(self, message: Loaded) -> None:
        self.data = data = message.data
        app = self.counter_app
        if is_transferred_here(data.serving, app.serving):
            # called here by another counter's transfer: the officer sees the citizen sent to them
            assert data.serving is not None
            app.serving = data.serving
            app.notify(t("queue_fixes.transfer_arrived", number=data.serving.number))
        now = app.now()
        with self.app.batch_update():
            # «Đang chờ» is everyone waiting; «Ưu tiên» says how many of them are priority tickets
            self.query_one("#queue-table", LiveTable).show(
                (
                    code,
                    [
                        code,
                        name,
                        str(normal + priority),
                        Text(str(priority), style="bold yellow" if priority else ""),
                    ],
                )
                for code, name, normal, priority in data.waiting
            )
            self.query_one("#today", Static).update(today_text(data.day))
            self.query_one("#due-table", LiveTable).show(
                (
                    row.code,
                    [
                        row.code,
                        row.applicant_name,
                        fmt.procedure_short(row.procedure_name),
                        Text(
                            fmt.clock(row.due_at),
                            style="bold red" if row.due_at and row.due_at < now else "bold",
                        ),
                        Status(row.status).label,
                    ],
                )
                for row in data.due
            )
            box = self.query_one("#due-box")
            box.border_subtitle = t("home.count", count=len(data.due)) if data.due else t("home.none_due")

    def _show_serving(self, ticket: TicketView | None) -> None:
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
            self.counter_app.action_find(text)

    @on(DataTable.RowSelected, "#due-table")
    def _open_due(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.counter_app.open_dossier(event.row_key.value)

    # --- queue actions ---------------------------------------------------------------------------

    def action_recall(self) -> None:
        self._queue_action("recall")

    def action_no_show(self) -> None:
        ticket = self.counter_app.serving
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

        def issued(request: TicketRequest | None) -> None:
            if request is not None:
                self._issue(request)

        services = [
            (code, name) for code, name, _normal, _priority in (self.data.waiting if self.data else [])
        ]
        self.app.push_screen(IssueTicketDialog(services), issued)

    def action_transfer(self) -> None:
        if self.counter_app.serving is None:
            self.app.notify(t("queue.no_current_ui"), severity="warning")
            return
        from counter_app.screens.dialogs import TransferDialog

        def chosen(number: int | None) -> None:
            if number is not None:
                self._queue_action("transfer", counter=number)

        self.app.push_screen(TransferDialog(current=self.counter_app.officer.counter_parts[1]), chosen)

    @work(thread=True, exclusive=True, group="queue-action", exit_on_error=False)
    def _issue(self, request: TicketRequest) -> None:
        from counter_app.services import queue

        app = self.counter_app
        issued = queue.issue(
            app.store,
            request.service,
            priority=request.priority,
            priority_reason=request.reason,
            now=app.now(),
        )
        note = t(
            "queue.issued",
            number=issued.ticket.number,
            service=issued.service_name,
            ahead=issued.waiting_ahead,
        )
        self.post_message(self.QueueDone(note, issued=issued))

    @work(thread=True, exclusive=False, group="ticket-print", exit_on_error=False)
    def _print_ticket(self, issued: IssuedTicket) -> None:
        """Print a ticket once it is issued (committed): a printer that fails leaves the number issued."""
        from counter_app.services.printing_service import print_ticket_safely

        printed = print_ticket_safely(self.counter_app.store, issued)
        self.post_message(self.TicketPrinted(printed.ok, printed.message))

    def on_counter_screen_ticket_printed(self, message: TicketPrinted) -> None:
        self.app.notify(message.note, severity="information" if message.ok else "error")

    @work(thread=True, exclusive=True, group="queue-action", exit_on_error=False)
    def _queue_action(self, kind: str, counter: int = 0) -> None:
        from counter_app.services import queue

        app = self.counter_app
        store, actor, now = app.store, app.officer, app.now()
        if kind == "recall":
            ticket = queue.recall(store, actor, now=now)
            note = t("queue.recalled", number=ticket.number, counter=actor.counter_parts[1])
            self.post_message(self.QueueDone(note, ticket))
        elif kind == "no_show":
            ticket = queue.no_show(store, actor, now=now)
            self.post_message(self.QueueDone(t("queue.no_show_done", number=ticket.number), clear=True))
        elif kind == "transfer":
            ticket = queue.transfer(store, actor, counter, now=now)
            note = t("queue.transferred", number=ticket.number, counter=counter)
            self.post_message(self.QueueDone(note, clear=True))

    def on_counter_screen_queue_done(self, message: QueueDone) -> None:
        if message.ticket is not None:
            self.counter_app.serving = message.ticket
        elif message.clear:
            self.counter_app.serving = None
        self.app.notify(message.note)
        if message.issued is not None:
            self._print_ticket(message.issued)
        self.reload()
