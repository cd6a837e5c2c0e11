"""Inbox (F6): dossiers other units hand to this one and dossiers submitted online, to accept or send back;
and, flagged in red, this unit's own handovers the receiving unit sent back (open them to decide)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalGroup
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.screens.keys import quiet
from counter_app.widgets.live_table import LiveTable, Row
from counter_app.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from counter_app.services.inbox import InboxItem


class HandoverInboxScreen(CounterAppAccess, ReportsWorkerErrors, Screen[None]):
    DEFAULT_CSS = """
    HandoverInboxScreen #inbox-title { height: 1; padding: 0 1; background: $boost; }
    HandoverInboxScreen #inbox-box { height: 1fr; }
    HandoverInboxScreen #inbox { height: 1fr; }
    """
    BINDINGS = [
        Binding("n", "accept", t("key.accept_handover"), id="inbox.accept"),
        Binding("t", "send_back", t("key.send_back"), id="inbox.send_back"),
        Binding("o", "note_sent_back", t("leaving.key.note_sent_back"), id="inbox.note_sent_back"),
        *quiet("f5", "f7"),
    ]

    @dataclass
    class Loaded(Message):
        items: list[InboxItem]
        returned: list[InboxItem] = field(default_factory=list)

    def __init__(self) -> None:
        super().__init__()
        #: codes of the rows that are our own handovers sent back (no accept / send back on them)
        self.returned: set[str] = set()
        #: codes of the rows that are online dossiers (reviewed before being taken in: OnlineReviewScreen)
        self.online: set[str] = set()

    @dataclass
    class Answered(Message):
        note: str

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("inbox.title"), style="bold"), id="inbox-title")
        with VerticalGroup(id="inbox-box", classes="box") as box:
            box.border_title = t("inbox.list")
            yield LiveTable(
                [
                    ("code", t("col.code"), 26),
                    ("applicant", t("col.applicant"), 20),
                    ("from", t("col.from_unit"), 18),
                    ("reason", t("col.reason"), 20),
                    ("sent", t("col.sent_at"), 16),
                    ("deadline", t("online_review.col.deadline"), 27),
                ],
                id="inbox",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#inbox", LiveTable).focus()
        self.reload()

    def reload(self) -> None:
        self._load()

    def on_screen_resume(self) -> None:
        """Back from a dossier or a review: what was taken in, refused or sent back has left the list."""
        self.reload()

    @work(thread=True, exclusive=True, group="inbox", exit_on_error=False)
    def _load(self) -> None:
        from counter_app.services import inbox

        app = self.counter_app
        unit_id = app.officer.unit_id
        self.post_message(
            self.Loaded(inbox.items(app.store, unit_id), inbox.returned_handovers(app.store, unit_id))
        )

    def on_handover_inbox_screen_loaded(self, message: Loaded) -> None:
        items = message.items
        waiting = {i.code for i in items}
        returned = [i for i in message.returned if i.code not in waiting]
        self.returned = {i.code for i in returned}
        self.online = {i.code for i in items if i.kind == "online"}
        rows: list[Row] = [
            (i.code, [i.code, i.applicant, i.sender, i.reason, fmt.moment(i.arrived_at), self._deadline(i)])
            for i in items
        ]
        rows += [
            (
                i.code,
                [
                    Text(i.code, style="bold red"),
                    i.applicant,
                    Text(t("bounds.inbox.returned_from", unit=i.sender), style="bold red"),
                    i.reason,
                    fmt.moment(i.arrived_at),
                    "",
                ],
            )
            for i in returned
        ]
        self.query_one("#inbox", LiveTable).show(rows)
        box = self.query_one("#inbox-box")
        subtitle = t("inbox.count", count=len(items)) if items else t("inbox.empty")
        if returned:
            subtitle += " · " + t("bounds.inbox.returned_count", count=len(returned))
        box.border_subtitle = subtitle
        self.refresh_bindings()

    def _deadline(self, item: InboxItem) -> Text | str:
        """An online dossier's 8-working-hour reception deadline and how it stands (``screens.online_review``)."""
        if item.kind != "online" or item.due_at is None:
            return ""
        from counter_app.screens.online_review import deadline_cell

        return deadline_cell(self.counter_app.store, item.due_at, self.counter_app.now())

    def _current(self) -> str | None:
        return self.query_one("#inbox", LiveTable).current_key

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept", "send_back"):
            return self.is_mounted and self._current() is not None
        if action == "note_sent_back":
            return bool(self.returned)
        return True

    @on(DataTable.RowSelected, "#inbox")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self._open_code(event.row_key.value)

    def _open_code(self, code: str) -> None:
        """An online dossier opens for review (what was submitted, and the keys to take it in, ask for
        supplements or refuse); anything else opens in the dossier view."""
        if code in self.online:
            from counter_app.screens.online_review import OnlineReviewScreen

            self.app.push_screen(OnlineReviewScreen(code))
        else:
            self.counter_app.open_dossier(code)

    def _answerable(self) -> str | None:
        """The code under the cursor when it waits for an answer (not one of our own sent back)."""
        code = self._current()
        if code in self.returned:
            self.app.notify(t("bounds.inbox.returned_no_answer", code=code), severity="warning")
            return None
        return code

    def action_accept(self) -> None:
        code = self._answerable()
        if code in self.online:  # never taken in unseen: the review shows it and takes it in (receipt)
            self._open_code(code)
        elif code:
            self._answer(code, True, "")

    def action_send_back(self) -> None:
        code = self._answerable()
        if code in self.online:  # supplement (Mẫu 02) or refusal (Mẫu 03), from the review
            self._open_code(code)
            return
        if not code:
            return
        from counter_app.screens.dialogs import ReasonDialog

        def answered(reason) -> None:
            if reason:
                self._answer(code, False, reason)

        self.app.push_screen(
            ReasonDialog(t("inbox.send_back_title"), t("inbox.send_back_prompt", code=code)), answered
        )

    def action_note_sent_back(self) -> None:
        """o on one of our own handovers sent back: seen; its row (and the dossier's flag) goes."""
        code = self._current()
        if code not in self.returned:
            self.app.notify(t("leaving.sent_back.pick_row"), severity="warning")
            return
        self._note(code)

    @work(thread=True, exclusive=True, group="inbox-note", exit_on_error=False)
    def _note(self, code: str) -> None:
        from counter_app.services import handover

        app = self.counter_app
        handover.note_sent_back(app.store, app.officer, code, now=app.now())
        self.post_message(self.Answered(t("leaving.sent_back.noted", code=code)))

    @work(thread=True, exclusive=True, group="inbox-answer", exit_on_error=False)
    def _answer(self, code: str, accept: bool, reason: str) -> None:
        from counter_app.services import inbox

        if accept:
            inbox.accept(self.counter_app.store, self.counter_app.officer, code, now=self.counter_app.now())
        else:
            inbox.send_back(
                self.counter_app.store, self.counter_app.officer, code, reason, now=self.counter_app.now()
            )
        self.post_message(self.Answered(t("inbox.accepted" if accept else "inbox.sent_back", code=code)))

    def on_handover_inbox_screen_answered(self, message: Answered) -> None:
        self.app.notify(message.note)
        self.counter_app.refresh_store_state()
        self.reload()
