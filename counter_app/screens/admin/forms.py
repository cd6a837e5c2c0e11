"""The administrator's dialogs: an account, a PIN, a role, a calendar day, a procedure's deadline and fee,
a catalogue file. Each is a :class:`~counter_app.screens.dialogs.Dialog` returning a typed answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from counter_app.domain.vntext import fold
from counter_app.locale import t
from counter_app.screens.dialogs import Dialog, FormDialog
from counter_app.services.views import RequiredDocumentView
from counter_app.widgets.pin_input import PinInput
from counter_app.widgets.vn_input import VnInput

ROLES = ("officer", "supervisor", "admin")


class _Form(FormDialog[object]):
    """A wide form of the administrator's."""

    WIDE = True

    def _two_pins(self) -> str | None:
        pin, again = self.query_one("#pin", Input).value, self.query_one("#pin-again", Input).value
        if not pin:
            self.warn(t("admin.need_pin"))
            return None
        if pin != again:
            self.warn(t("pin.mismatch"))
            return None
        return pin


@dataclass(frozen=True)
class NewOfficer:
    username: str
    full_name: str
    role: str
    pin: str


class OfficerDialog(_Form):
    """A new account: user name, full name, role, and a first PIN (typed twice) the officer will replace."""

    def title_text(self) -> str:
        return t("admin.officer.add_title")

    def body(self) -> ComposeResult:
        yield Label(t("admin.officer.username"))
        yield VnInput(id="username", max_length=64, scan_aware=False)
        yield Label(t("admin.officer.full_name"))
        yield VnInput(id="full-name", max_length=120, scan_aware=False)
        yield Label(t("admin.officer.role"))
        yield OptionList(*[Option(t(f"role.{role}"), id=role) for role in ROLES], id="role")
        yield Label(t("admin.officer.first_pin"))
        yield PinInput(id="pin")
        yield PinInput(id="pin-again")

    def answer(self) -> NewOfficer | None:
        roles = self.query_one("#role", OptionList)
        role = ROLES[roles.highlighted] if roles.highlighted is not None else "officer"
        pin = self._two_pins()
        if pin is None:
            return None
        username = self.query_one("#username", Input).value.strip()
        return NewOfficer(username, self.query_one("#full-name", Input).value.strip(), role, pin)


class NewPinDialog(_Form):
    """A new first PIN for an account (forgotten PIN, locked account): typed twice."""

    def __init__(self, username: str) -> None:
        super().__init__()
        self.username = username

    def title_text(self) -> str:
        return t("admin.officer.reset_title", username=self.username)

    def body(self) -> ComposeResult:
        yield Label(t("admin.officer.first_pin"))
        yield PinInput(id="pin")
        yield PinInput(id="pin-again")

    def answer(self) -> str | None:
        return self._two_pins()


class RoleDialog(Dialog[str]):
    """Officer, supervisor or administrator."""

    def __init__(self, username: str, current: str) -> None:
        super().__init__()
        self.username = username
        self.current = current

    def title_text(self) -> str:
        return t("admin.officer.role_title", username=self.username)

    def body(self) -> ComposeResult:
        yield OptionList(*[Option(t(f"role.{role}"), id=role) for role in ROLES], id="role")

    def on_mount(self) -> None:
        roles = self.query_one("#role", OptionList)
        roles.highlighted = ROLES.index(self.current) if self.current in ROLES else 0
        roles.focus()

    @on(OptionList.OptionSelected, "#role")
    def _picked(self) -> None:
        self.action_save()

    def answer(self) -> str | None:
        highlighted = self.query_one("#role", OptionList).highlighted
        return ROLES[highlighted] if highlighted is not None else None


@dataclass(frozen=True)
class DayAnswer:
    day: date
    working: bool
    note: str


class DayDialog(_Form):
    """A day off, or a make-up working day: the date (DD/MM/YYYY) and a note (the decision's number)."""

    def __init__(self, *, working: bool) -> None:
        super().__init__()
        self.working = working

    def title_text(self) -> str:
        return t("admin.calendar.working_title" if self.working else "admin.calendar.off_title")

    def body(self) -> ComposeResult:
        yield Label(t("admin.calendar.date"))
        yield VnInput(id="day", placeholder="31/12/2026", max_length=10, scan_aware=False)
        yield Label(t("admin.calendar.note"))
        yield VnInput(id="note", max_length=200, scan_aware=False)

    def answer(self) -> DayAnswer | None:
        text = self.query_one("#day", Input).value.strip()
        for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                day = datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            return DayAnswer(day, self.working, self.query_one("#note", Input).value)
        self.warn(t("admin.calendar.bad_date", text=text[:20]))
        return None


@dataclass(frozen=True)
class ProcedureEdit:
    working_days: int
    fee: int
    fee_note: str


class ProcedureDialog(_Form):
    """A procedure's statutory time (working days, or the same day) and fee."""

    def __init__(self, code: str, name: str, working_days: int, fee: int, fee_note: str) -> None:
        super().__init__()
        self.code, self.procedure_name = code, name
        self.working_days, self.fee, self.fee_note = working_days, fee, fee_note

    def title_text(self) -> str:
        return t("admin.catalogue.edit_title", code=self.code)

    def body(self) -> ComposeResult:
        yield Static(self.procedure_name)
        yield Checkbox(t("admin.catalogue.same_day"), value=self.working_days == 0, id="same-day")
        yield Label(t("admin.catalogue.days"))
        yield VnInput(value=str(self.working_days or ""), id="days", restrict=r"[0-9]{0,3}", scan_aware=False)
        yield Label(t("admin.catalogue.fee"))
        yield VnInput(value=str(self.fee), id="fee", restrict=r"[0-9]{0,9}", scan_aware=False)
        yield Label(t("admin.catalogue.fee_note"))
        yield VnInput(value=self.fee_note, id="fee-note", max_length=300, scan_aware=False)

    def answer(self) -> ProcedureEdit | None:
        same_day = self.query_one("#same-day", Checkbox).value
        days_text = self.query_one("#days", Input).value
        if not same_day and not (days_text.isdigit() and int(days_text) > 0):
            self.warn(t("admin.catalogue.need_days"))
            return None
        fee_text = self.query_one("#fee", Input).value or "0"
        days = 0 if same_day else int(days_text)
        return ProcedureEdit(days, int(fee_text), self.query_one("#fee-note", Input).value)


class FileDialog(_Form):
    """The path of a catalogue file (.xlsx or .csv) on this machine."""

    def title_text(self) -> str:
        return t("admin.catalogue.import_title")

    def body(self) -> ComposeResult:
        yield Label(t("admin.catalogue.file"))
        yield VnInput(
            id="path", placeholder="/home/motcua/danh-muc-tthc.xlsx", max_length=500, scan_aware=False
        )

    def answer(self) -> Path | None:
        text = self.query_one("#path", Input).value.strip()
        path = Path(text).expanduser() if text else None
        if path is None or not path.is_file():
            self.warn(t("admin.catalogue.no_file", path=text[:120]))
            return None
        return path


def documents_text(documents: Sequence[RequiredDocumentView]) -> str:
    """The components as the catalogue's own wording, one a line, read back the same way."""
    lines = []
    for d in documents:
        if d.copy_kind == "original":
            lines.append(f"- {d.name} (Bản chính: {d.quantity}, Bản sao: 0)")
        else:
            name = d.name
            if d.copy_kind == "certified" and "chung thuc" not in fold(name):
                name += " (bản sao có chứng thực)"
            lines.append(f"- {name} (Bản chính: 0, Bản sao: {d.quantity})")
    return "\n".join(lines)


class DocumentsDialog(Dialog[str]):
    """A procedure's components, one a line, as provinces write them: «- Tờ khai … (Bản chính: 1, Bản sao:
    0)», «- Căn cước … (bản sao có chứng thực) (Bản chính: 0, Bản sao: 1)»."""

    WIDE = True
    KEYS = "admin.catalogue.documents_keys"

    def __init__(self, code: str, documents: Sequence[RequiredDocumentView]) -> None:
        super().__init__()
        self.code = code
        self.documents = documents

    def title_text(self) -> str:
        return t("admin.catalogue.documents_title", code=self.code)

    def body(self) -> ComposeResult:
        yield TextArea(documents_text(self.documents), id="documents", soft_wrap=True)

    def on_mount(self) -> None:
        self.query_one("#documents", TextArea).focus()

    def answer(self) -> str | None:
        text = self.query_one("#documents", TextArea).text
        if not text.strip():
            self.warn(t("admin.catalogue.need_documents"))
            return None
        return text


@dataclass(frozen=True)
class QueueLine:
    code: str
    name: str


class QueueLineDialog(_Form):
    """A new queue line: the letter its tickets start with, and its name."""

    def title_text(self) -> str:
        return t("admin.unit.queue_title")

    def body(self) -> ComposeResult:
        yield Label(t("admin.unit.queue_code"))
        yield VnInput(id="code", max_length=1, restrict=r"[A-Za-z]?", scan_aware=False)
        yield Label(t("admin.unit.queue_name"))
        yield VnInput(id="name", max_length=120, scan_aware=False)

    def answer(self) -> QueueLine | None:
        return QueueLine(self.query_one("#code", Input).value, self.query_one("#name", Input).value)
