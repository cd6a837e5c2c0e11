"""Inbox (F6): dossiers other units hand to this one and dossiers submitted online; accept or send back."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import ReportsWorkerErrors
from counter_app.screens.keys import quiet
from counter_app.widgets.status_bar import StatusBar


class HandoverInboxScreen(ReportsWorkerErrors, Screen):
    BINDINGS = [
        Binding("n", "accept", t("key.accept_handover"), id="inbox.accept"),
        Binding("t", "send_back", t("key.send_back"), id="inbox.send_back"),
        *quiet("f5", "f7"),
    ]

    class Loaded(Message):
        def __init__(self, rows: list) -> None:
            super().__init__()
            self.rows = rows

    class Answered(Message):
        def __init__(self, note: str) -> None:
            super().__init__()
            self.note = note

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("inbox.title"), style="bold"), id="inbox-title")
        with Vertical(id="inbox-box") as box:
            box.border_title = t("inbox.list")
            yield DataTable(id="inbox", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#inbox", DataTable)
        table.add_column(t("col.code"), width=25, key="code")
        table.add_column(t("col.applicant"), width=22, key="applicant")
        table.add_column(t("col.from_unit"), width=30, key="from")
        table.add_column(t("col.reason"), width=34, key="reason")
        table.add_column(t("col.sent_at"), width=16, key="sent")
        table.focus()
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="inbox", exit_on_error=False)
    def _load(self) -> None:
        from counter_app.services import inbox

        rows = [
            (item.code, item.applicant, item.sender, item.reason, item.arrived_at)
            for item in inbox.items(self.app.store, self.app.actor.unit_id)
        ]
        self.post_message(self.Loaded(rows))

    def on_handover_inbox_screen_loaded(self, message: Loaded) -> None:
        table = self.query_one("#inbox", DataTable)
        table.clear()
        for code, applicant, from_unit, reason, sent_at in message.rows:
            table.add_row(code, applicant, from_unit, reason, fmt.moment(sent_at), key=code)
        box = self.query_one("#inbox-box")
        box.border_subtitle = t("inbox.count", count=len(message.rows)) if message.rows else t("inbox.empty")
        self.refresh_bindings()

    def _current(self) -> str | None:
        table = self.query_one("#inbox", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept", "send_back"):
            return self.is_mounted and self._current() is not None
        return True

    @on(DataTable.RowSelected, "#inbox")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.open_dossier(event.row_key.value)

    def action_accept(self) -> None:
        code = self._current()
        if code:
            self._answer(code, True, "")

    def action_send_back(self) -> None:
        code = self._current()
        if not code:
            return
        from counter_app.screens.dialogs import ReasonDialog

        def answered(reason) -> None:
            if reason:
                self._answer(code, False, reason)

        self.app.push_screen(
            ReasonDialog(t("inbox.send_back_title"), t("inbox.send_back_prompt", code=code)), answered
        )

    @work(thread=True, exclusive=True, group="inbox-answer", exit_on_error=False)
    def _answer(self, code: str, accept: bool, reason: str) -> None:
        from counter_app.services import inbox

        if accept:
            inbox.accept(self.app.store, self.app.actor, code, now=self.app.now())
        else:
            inbox.send_back(self.app.store, self.app.actor, code, reason, now=self.app.now())
        self.post_message(self.Answered(t("inbox.accepted" if accept else "inbox.sent_back", code=code)))

    def on_handover_inbox_screen_answered(self, message: Answered) -> None:
        self.app.notify(message.note)
        self.app.refresh_store_state()
        self.reload()
