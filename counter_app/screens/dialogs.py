"""Modal dialogs: confirmation, reason, supplement, handover, apology, rating, queue ticket, transfer.

Every dialog is a :class:`Dialog` ``[T]``: a titled box whose body the subclass composes, F10 confirms
(``answer()`` gives the typed result, or None to stay open after saying what is missing), Esc cancels
(the dialog is dismissed with None, or False for a confirmation: the safe answer).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from counter_app.domain.calendar import WorkCalendar
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.services.views import UnitView
from counter_app.widgets.search_picker import PickItem, SearchPicker
from counter_app.widgets.vn_input import VnInput

if TYPE_CHECKING:
    from counter_app.app import CounterApp

T = TypeVar("T")


def unit_label(unit: UnitView) -> str:
    """«Phường Nghĩa Lộ — Quảng Ngãi»: a unit with its province (names repeat across provinces)."""
    return f"{unit.name} — {unit.province_name}"


def unit_items(app: CounterApp, text: str) -> list[PickItem]:
    """The units matching ``text`` for a :class:`SearchPicker`, the officer's own province first at equal match."""
    from counter_app.services import catalogue

    units = catalogue.find_units(app.store, text, near_unit_id=app.officer.unit_id)
    return [PickItem(u.id, unit_label(u), u) for u in units]


class Dialog(CounterAppAccess, ReportsWorkerErrors, ModalScreen[T | None], Generic[T]):
    """A titled box; F10 confirms with :meth:`answer`, Esc cancels."""

    DEFAULT_CSS = """
    Dialog { align: center middle; background: $background 60%; }
    Dialog > .dialog {
        width: 80; max-width: 100%; height: auto; max-height: 90%; border: thick $primary; border-title-style: bold;
        background: $surface; padding: 1 2;
    }
    Dialog > .dialog.wide { width: 110; }
    Dialog OptionList, Dialog SelectionList { height: auto; max-height: 10; }
    """
    BINDINGS = [
        Binding("f10", "save", t("key.confirm"), id="dialog.confirm"),
        Binding("escape", "cancel", t("key.cancel"), id="dialog.cancel"),
    ]
    #: the locale key of the keys hint under the body ("" for none)
    KEYS: ClassVar[str] = "dialog.keys"
    WIDE: ClassVar[bool] = False

    def title_text(self) -> str:
        raise NotImplementedError

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def answer(self) -> T | None:
        """The typed result, or None (after telling the officer what is missing) to stay open."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="dialog wide" if self.WIDE else "dialog") as box:
            box.border_title = self.title_text()
            yield from self.body()
            if self.KEYS:
                yield Static(t(self.KEYS), classes="dialog-keys")
        yield Footer(compact=True)

    def action_save(self) -> None:
        result = self.answer()
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def warn(self, text: str) -> None:
        self.app.notify(text, severity="warning")

    def reason_input(self, value: str = "") -> VnInput:
        return VnInput(
            id="reason", placeholder=t("dialog.reason_hint"), max_length=500, scan_aware=False, value=value
        )

    def reason(self) -> str | None:
        """The typed reason, or None (and a warning) when it is empty."""
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.warn(t("intake.reason_required"))
            self.query_one("#reason", Input).focus()
            return None
        return reason


class FormDialog(Dialog[T]):
    """A dialog of several fields: the first input has the focus, Enter moves to the next one and, on the
    last, confirms (like F10)."""

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        inputs = [widget for widget in self.query(Input) if widget.display]
        index = inputs.index(event.input) if event.input in inputs else len(inputs) - 1
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_save()


class ConfirmDialog(Dialog[bool]):
    """Yes or no; the focus starts on No, Esc answers No."""

    DEFAULT_CSS = """
    ConfirmDialog .dialog-buttons { height: auto; align: center middle; margin-top: 1; }
    ConfirmDialog .dialog-buttons Button { margin: 0 2; }
    """
    BINDINGS = [
        Binding("c", "save", t("key.yes"), id="dialog.yes", show=False),
        Binding("k", "cancel", t("key.no"), id="dialog.no", show=False),
    ]
    KEYS = ""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def title_text(self) -> str:
        return t("dialog.confirm_title")

    def body(self) -> ComposeResult:
        yield Static(self.message)
        with HorizontalGroup(classes="dialog-buttons"):
            yield Button(t("dialog.no"), id="no", variant="primary")
            yield Button(t("dialog.yes"), id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def answer(self) -> bool:
        return True

    def action_cancel(self) -> None:
        self.dismiss(False)


class ReasonDialog(Dialog[str]):
    """A reason (refusal, withdrawal, sending back...), typed or picked from the usual ones."""

    def __init__(
        self, title: str, prompt: str, *, suggestions: Sequence[str] = (), initial: str = ""
    ) -> None:
        super().__init__()
        self._title = title
        self.prompt = prompt
        self.suggestions = list(suggestions)
        self.initial = initial

    def title_text(self) -> str:
        return self._title

    def body(self) -> ComposeResult:
        yield Label(self.prompt)
        yield self.reason_input(self.initial)
        if self.suggestions:
            yield Label(t("dialog.suggestions"))
            yield OptionList(*[Option(s) for s in self.suggestions], id="suggestions")

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

    def answer(self) -> str | None:
        return self.reason()


@dataclass(frozen=True)
class SupplementAnswer:
    """The content of the supplement request (Mẫu 02): the missing components and why."""

    missing: tuple[str, ...]
    reason: str


class SupplementDialog(Dialog[SupplementAnswer]):
    """Which documents are missing, and why."""

    KEYS = "supplement.keys"
    WIDE = True

    def __init__(
        self, documents: Sequence[str], missing: Sequence[str], *, suggestions: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.documents = list(documents)
        self.missing = set(missing)
        self.suggestions = list(suggestions)

    def title_text(self) -> str:
        return t("supplement.title")

    def body(self) -> ComposeResult:
        yield Label(t("supplement.pick"))
        yield SelectionList[str](
            *[(name, name, name in self.missing) for name in self.documents], id="missing"
        )
        yield Label(t("supplement.reason"))
        yield self.reason_input(self.suggestions[0] if self.suggestions else "")

    def on_mount(self) -> None:
        self.query_one("#missing", SelectionList).focus()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def answer(self) -> SupplementAnswer | None:
        missing = tuple(self.query_one("#missing", SelectionList).selected)
        if not missing:
            self.warn(t("intake.nothing_missing"))
            return None
        reason = self.reason()
        return SupplementAnswer(missing, reason) if reason else None


@dataclass(frozen=True)
class HandoverAnswer:
    """The unit a dossier is handed to, and why."""

    unit_id: str
    unit_name: str
    reason: str


class HandoverDialog(Dialog[HandoverAnswer]):
    """The unit to hand the dossier to (searched as you type, the officer's province first) and the reason."""

    KEYS = "handover.keys"
    WIDE = True

    def __init__(self, *, suggestions: Sequence[str] = ()) -> None:
        super().__init__()
        self.suggestions = list(suggestions)
        self.unit: UnitView | None = None

    def title_text(self) -> str:
        return t("handover.title")

    def body(self) -> ComposeResult:
        yield Label(t("handover.unit"))
        yield SearchPicker(self._find_units, placeholder=t("handover.unit_hint"), min_chars=2, id="unit")
        yield Static(t("handover.no_unit"), id="unit-chosen")
        yield Label(t("handover.reason"))
        yield self.reason_input(self.suggestions[0] if self.suggestions else "")

    def _find_units(self, text: str) -> list[PickItem]:
        return unit_items(self.counter_app, text)

    def on_mount(self) -> None:
        self.query_one(SearchPicker).focus_input()

    @on(SearchPicker.Picked)
    def _chosen(self, event: SearchPicker.Picked) -> None:
        self.unit = event.item.value
        self.query_one("#unit-chosen", Static).update(t("handover.chosen", unit=str(event.item.prompt)))
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def answer(self) -> HandoverAnswer | None:
        if self.unit is None:
            self.warn(t("handover.need_unit"))
            self.query_one(SearchPicker).focus_input()
            return None
        reason = self.reason()
        if reason is None:
            return None
        return HandoverAnswer(self.unit.id, unit_label(self.unit), reason)


@dataclass(frozen=True)
class ApologyAnswer:
    """The new due date of the apology letter (Mẫu 04), and the reason given to the citizen."""

    new_due: datetime
    reason: str


class ApologyDialog(Dialog[ApologyAnswer]):
    """Apology letter (Mẫu 04) of a dossier: how many more working days, and why; the new date shows live.

    The same dialog serves the dossier screen (``l``) and the supervisor's list of overdue dossiers (``l``).
    """

    WIDE = True

    def __init__(
        self,
        code: str,
        applicant: str,
        due_at: datetime | None,
        *,
        calendar: WorkCalendar,
        now: datetime,
        extra_days: int,
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.calendar = calendar
        self.now = now
        self.code = code
        self.applicant = applicant
        self.due_at = due_at
        self.extra_days = extra_days
        self.suggestions = list(suggestions)
        self.new_due: datetime | None = None

    def title_text(self) -> str:
        return t("apology.title")

    def body(self) -> ComposeResult:
        yield Static(Text(t("apology.dossier", code=self.code, applicant=self.applicant), style="bold"))
        yield Static(t("apology.current", due=fmt.long_moment(self.due_at)))
        yield Label(t("apology.days"))
        yield VnInput(value=str(self.extra_days), id="days", restrict=r"[0-9]{0,2}", scan_aware=False)
        yield Static("", id="new-due")
        yield Label(t("apology.reason"))
        yield self.reason_input(self.suggestions[0] if self.suggestions else "")

    def on_mount(self) -> None:
        self.query_one("#days", Input).focus()
        self._recompute(self.query_one("#days", Input).value)

    @on(Input.Changed, "#days")
    def _days_changed(self, event: Input.Changed) -> None:
        self._recompute(event.value)

    def _recompute(self, text: str) -> None:
        from counter_app.services.apology import new_due

        label = self.query_one("#new-due", Static)
        if not text.isdigit() or int(text) < 1:
            self.new_due = None
            label.update(t("apology.need_days"))
            return
        self.new_due = new_due(self.calendar, self.due_at, self.now, int(text))
        label.update(t("apology.new_due", due=fmt.long_moment(self.new_due)))

    @on(Input.Submitted, "#days")
    def _days_done(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def answer(self) -> ApologyAnswer | None:
        if self.new_due is None:
            self.warn(t("apology.need_days"))
            return None
        reason = self.reason()
        return ApologyAnswer(self.new_due, reason) if reason else None


@dataclass(frozen=True)
class TicketRequest:
    """A queue ticket to issue: the service line, and priority with its reason."""

    service: str
    priority: bool
    reason: str


class IssueTicketDialog(Dialog[TicketRequest]):
    """A new queue ticket: the service line, and priority (elderly, disabled, pregnant...)."""

    BINDINGS = [
        Binding("f10", "save", t("key.issue"), id="dialog.confirm"),
        Binding("ctrl+u", "toggle_priority", t("key.toggle_priority"), id="ticket.priority"),
    ]
    KEYS = "ticket.keys"

    def __init__(self, services: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.services = list(services)

    def title_text(self) -> str:
        return t("ticket.title")

    def body(self) -> ComposeResult:
        yield Label(t("ticket.service"))
        yield OptionList(*[Option(f"{code}  {name}", id=code) for code, name in self.services], id="services")
        yield Checkbox(t("ticket.priority"), id="priority")
        yield VnInput(id="reason", placeholder=t("ticket.reason_hint"), max_length=60, scan_aware=False)

    def on_mount(self) -> None:
        self.query_one("#services", OptionList).focus()

    def action_toggle_priority(self) -> None:
        """Ctrl+U: priority on moves to its reason (typed next, Enter issues); off goes back to the services."""
        box = self.query_one("#priority", Checkbox)
        box.value = not box.value
        self.query_one("#reason" if box.value else "#services").focus()

    @on(Input.Changed, "#reason")
    def _reason_typed(self, event: Input.Changed) -> None:
        if event.value.strip():  # a reason is given: the ticket is a priority one
            self.query_one("#priority", Checkbox).value = True

    @on(OptionList.OptionSelected, "#services")
    def _selected(self) -> None:
        self.action_save()

    @on(Input.Submitted, "#reason")
    def _submitted(self) -> None:
        self.action_save()

    def answer(self) -> TicketRequest | None:
        options = self.query_one("#services", OptionList)
        if options.highlighted is None:
            self.warn(t("ticket.need_service"))
            return None
        code = options.get_option_at_index(options.highlighted).id or ""
        priority = self.query_one("#priority", Checkbox).value
        reason = self.query_one("#reason", Input).value.strip() if priority else ""
        return TicketRequest(code, priority, reason)


class TransferDialog(Dialog[int]):
    """Send the citizen being served to another counter of the unit: its number."""

    def __init__(self, current: int) -> None:
        super().__init__()
        self.current = current

    def title_text(self) -> str:
        return t("transfer.title")

    def body(self) -> ComposeResult:
        yield Label(t("transfer.prompt", current=self.current))
        yield VnInput(id="counter", restrict=r"[1-9]?", max_length=1, scan_aware=False)

    def on_mount(self) -> None:
        self.query_one("#counter", Input).focus()

    @on(Input.Submitted, "#counter")
    def _submitted(self) -> None:
        self.action_save()

    def answer(self) -> int | None:
        value = self.query_one("#counter", Input).value
        if not value.isdigit():
            self.warn(t("transfer.need_number"))
            return None
        if int(value) == self.current:
            self.warn(t("transfer.same", number=value))
            return None
        return int(value)
