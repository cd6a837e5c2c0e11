"""Modal dialogs: confirmations, reasons, supplement, handover, apology, rating, queue tickets.

Each returns its answer through ``dismiss`` (None when cancelled). F10 confirms, Esc cancels; a
destructive confirmation defaults to the safe answer.
"""

from __future__ import annotations

from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import ReportsWorkerErrors
from counter_app.widgets.vn_input import VnInput


class Dialog(ReportsWorkerErrors, ModalScreen):
    """Common frame: a titled box, F10 confirms, Esc cancels."""

    BINDINGS = [
        Binding("f10", "save", t("key.confirm"), id="dialog.confirm"),
        Binding("escape", "cancel", t("key.cancel"), id="dialog.cancel"),
    ]
    TITLE_KEY = ""

    def action_cancel(self) -> None:
        self.dismiss(None)

    def warn(self, text: str) -> None:
        self.app.notify(text, severity="warning")


class ConfirmDialog(Dialog):
    BINDINGS = [
        Binding("f10", "save", t("key.confirm"), id="dialog.confirm"),
        Binding("escape", "cancel", t("key.cancel"), id="dialog.cancel"),
        Binding("c", "save", t("key.yes"), id="dialog.yes", show=False),
        Binding("k", "cancel", t("key.no"), id="dialog.no", show=False),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = t("dialog.confirm_title")
            yield Static(self.message)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.no"), id="no", variant="primary")
                yield Button(t("dialog.yes"), id="yes", variant="error")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_save(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ReasonDialog(Dialog):
    """A reason (refusal, withdrawal, handover back...), typed or picked from the usual ones."""

    def __init__(
        self, title: str, prompt: str, *, suggestions: list[str] | None = None, initial: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt
        self.suggestions = suggestions or []
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Label(self.prompt)
            yield VnInput(
                value=self.initial,
                id="reason",
                placeholder=t("dialog.reason_hint"),
                max_length=500,
                scan_aware=False,
            )
            if self.suggestions:
                yield Label(t("dialog.suggestions"))
                yield OptionList(*[Option(s) for s in self.suggestions], id="suggestions")
            yield Static(t("dialog.keys"), classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(OptionList.OptionSelected, "#suggestions")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        reason = self.query_one("#reason", Input)
        reason.value = str(event.option.prompt)
        reason.focus()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.warn(t("intake.reason_required"))
            return
        self.dismiss(reason)


class SupplementDialog(Dialog):
    """Which documents are missing, and why: the content of the supplement request (Mẫu 02)."""

    def __init__(
        self, documents: list[str], missing: list[str], *, suggestions: list[str] | None = None
    ) -> None:
        super().__init__()
        self.documents = documents
        self.missing = set(missing)
        self.suggestions = suggestions or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide") as box:
            box.border_title = t("supplement.title")
            yield Label(t("supplement.pick"))
            yield SelectionList[str](
                *[(name, name, name in self.missing) for name in self.documents], id="missing"
            )
            yield Label(t("supplement.reason"))
            yield VnInput(
                id="reason",
                placeholder=t("dialog.reason_hint"),
                max_length=500,
                scan_aware=False,
                value=self.suggestions[0] if self.suggestions else "",
            )
            yield Static(t("supplement.keys"), classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#missing", SelectionList).focus()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        missing = list(self.query_one("#missing", SelectionList).selected)
        reason = self.query_one("#reason", Input).value.strip()
        if not missing:
            self.warn(t("intake.nothing_missing"))
            return
        if not reason:
            self.warn(t("intake.reason_required"))
            self.query_one("#reason", Input).focus()
            return
        self.dismiss((missing, reason))


class HandoverDialog(Dialog):
    """The unit to hand the dossier to (searched as you type) and the reason."""

    class Found(Message):
        def __init__(self, query: str, units: list[tuple[str, str]]) -> None:
            super().__init__()
            self.query = query
            self.units = units

    def __init__(self, documents: list[str], *, suggestions: list[str] | None = None) -> None:
        super().__init__()
        self.documents = documents
        self.suggestions = suggestions or []
        self.unit: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide") as box:
            box.border_title = t("handover.title")
            yield Label(t("handover.unit"))
            yield VnInput(id="unit", placeholder=t("handover.unit_hint"), scan_aware=False)
            yield OptionList(id="units")
            yield Static(t("handover.no_unit"), id="unit-chosen")
            yield Label(t("handover.reason"))
            yield VnInput(
                id="reason",
                placeholder=t("dialog.reason_hint"),
                max_length=500,
                scan_aware=False,
                value=self.suggestions[0] if self.suggestions else "",
            )
            yield Static(t("handover.keys"), classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#unit", Input).focus()

    @on(Input.Changed, "#unit")
    def _search(self, event: Input.Changed) -> None:
        self._find(event.value)

    @work(thread=True, exclusive=True, group="unit-search", exit_on_error=False)
    def _find(self, text: str) -> None:
        from counter_app.services import lookup

        units: list[tuple[str, str]] = []
        if len(text.strip()) >= 2:
            with self.app.store.session() as session:
                units = [
                    (u.id, f"{u.name} — {u.province_name}")
                    for u in lookup.search_units(session, text, limit=12)
                ]
        self.post_message(self.Found(text, units))

    def on_handover_dialog_found(self, message: Found) -> None:
        if message.query != self.query_one("#unit", Input).value:
            return
        options = self.query_one("#units", OptionList)
        options.clear_options()
        options.add_options([Option(name, id=unit_id) for unit_id, name in message.units])
        if message.units:
            options.highlighted = 0

    def key_down(self) -> None:
        if self.focused is self.query_one("#unit"):
            self.query_one("#units", OptionList).action_cursor_down()

    def key_up(self) -> None:
        if self.focused is self.query_one("#unit"):
            self.query_one("#units", OptionList).action_cursor_up()

    @on(Input.Submitted, "#unit")
    def _unit_entered(self) -> None:
        options = self.query_one("#units", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected, "#units")
    def _unit_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        self.unit = (option.id, str(option.prompt))
        self.query_one("#unit-chosen", Static).update(t("handover.chosen", unit=str(option.prompt)))
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if self.unit is None:
            self.warn(t("handover.need_unit"))
            self.query_one("#unit", Input).focus()
            return
        if not reason:
            self.warn(t("intake.reason_required"))
            return
        self.dismiss((self.unit[0], self.unit[1], reason))


class ApologyDialog(Dialog):
    """Apology letter (Mẫu 04): how many more working days, and why; the new date shows live."""

    def __init__(
        self, due_at: datetime | None, now: datetime, *, suggestions: list[str] | None = None
    ) -> None:
        super().__init__()
        self.due_at = due_at
        self.now = now
        self.suggestions = suggestions or []
        self.new_due: datetime | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide") as box:
            box.border_title = t("apology.title")
            yield Static(t("apology.current", due=fmt.long_moment(self.due_at)))
            yield Label(t("apology.days"))
            yield VnInput(value="2", id="days", restrict=r"[0-9]{0,2}", scan_aware=False)
            yield Static("", id="new-due")
            yield Label(t("apology.reason"))
            yield VnInput(
                id="reason",
                placeholder=t("dialog.reason_hint"),
                max_length=500,
                scan_aware=False,
                value=self.suggestions[0] if self.suggestions else "",
            )
            yield Static(t("dialog.keys"), classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#days", Input).focus()
        self._recompute(self.query_one("#days", Input).value)

    @on(Input.Changed, "#days")
    def _days_changed(self, event: Input.Changed) -> None:
        self._recompute(event.value)

    def _recompute(self, text: str) -> None:
        label = self.query_one("#new-due", Static)
        if not text.isdigit() or int(text) < 1:
            self.new_due = None
            label.update(t("apology.need_days"))
            return
        base = max(self.due_at or self.now, self.now)
        self.new_due = self.app.store.calendar.due_at(base, int(text))
        label.update(t("apology.new_due", due=fmt.long_moment(self.new_due)))

    @on(Input.Submitted, "#days")
    def _days_done(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if self.new_due is None:
            self.warn(t("apology.need_days"))
            return
        if not reason:
            self.warn(t("intake.reason_required"))
            return
        self.dismiss((self.new_due, reason))


class RatingDialog(Dialog):
    """The citizen's satisfaction with one key: 1, 2 or 3."""

    BINDINGS = [
        Binding("1", "rate(1)", t("satisfaction.1"), id="rating.1"),
        Binding("2", "rate(2)", t("satisfaction.2"), id="rating.2"),
        Binding("3", "rate(3)", t("satisfaction.3"), id="rating.3"),
        Binding("escape", "cancel", t("rating.skip"), id="rating.skip"),
    ]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = t("rating.title")
            yield Static(t("rating.question", code=self.code))
            yield Static(t("rating.options"), id="rating-options")
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "save"

    def action_rate(self, level: int) -> None:
        self.dismiss(level)


class IssueTicketDialog(Dialog):
    """A new queue ticket: the service line, and priority (elderly, disabled, pregnant...)."""

    class Services(Message):
        def __init__(self, services: list[tuple[str, str]]) -> None:
            super().__init__()
            self.services = services

    BINDINGS = [
        Binding("f10", "save", t("key.issue"), id="dialog.confirm"),
        Binding("escape", "cancel", t("key.cancel"), id="dialog.cancel"),
        Binding("ctrl+u", "toggle_priority", t("key.toggle_priority"), id="ticket.priority"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = t("ticket.title")
            yield Label(t("ticket.service"))
            yield OptionList(id="services")
            yield Checkbox(t("ticket.priority"), id="priority")
            yield VnInput(id="reason", placeholder=t("ticket.reason_hint"), max_length=60, scan_aware=False)
            yield Static(t("ticket.keys"), classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#services", OptionList).focus()
        self._load()

    @work(thread=True, exclusive=True, group="services", exit_on_error=False)
    def _load(self) -> None:
        from counter_app.services import queue

        rows = queue.waiting_by_service(self.app.store, now=self.app.now())
        self.post_message(self.Services([(code, name) for code, name, _n, _p in rows]))

    def on_issue_ticket_dialog_services(self, message: Services) -> None:
        options = self.query_one("#services", OptionList)
        options.add_options([Option(f"{code}  {name}", id=code) for code, name in message.services])
        if message.services:
            options.highlighted = 0

    def action_toggle_priority(self) -> None:
        box = self.query_one("#priority", Checkbox)
        box.value = not box.value

    @on(OptionList.OptionSelected, "#services")
    def _selected(self) -> None:
        self.action_save()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        options = self.query_one("#services", OptionList)
        if options.highlighted is None:
            self.warn(t("ticket.need_service"))
            return
        code = options.get_option_at_index(options.highlighted).id
        priority = self.query_one("#priority", Checkbox).value
        reason = self.query_one("#reason", Input).value.strip() if priority else ""
        self.dismiss((code, priority, reason))


class TransferDialog(Dialog):
    """Send the citizen being served to another counter of the unit."""

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = t("transfer.title")
            yield Label(t("transfer.prompt", current=self.current))
            yield VnInput(id="counter", restrict=r"[1-9]?", max_length=1, scan_aware=False)
            yield Static(t("dialog.keys"), classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#counter", Input).focus()

    @on(Input.Submitted, "#counter")
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        value = self.query_one("#counter", Input).value
        if not value.isdigit():
            self.warn(t("transfer.need_number"))
            return
        if int(value) == self.current:
            self.warn(t("transfer.same", number=value))
            return
        self.dismiss(int(value))
