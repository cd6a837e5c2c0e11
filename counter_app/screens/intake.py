"""Intake (F3): citizen → procedure → documents → return method → fee → due date → F10.

The golden path takes few keys: scan the card (focus moves to the procedure), type a few letters of
the procedure and Enter (the checklist comes pre-marked: received, or reused where the citizen's
digitised document matches), F10 saves and prints the receipt in a worker.

An applicant without a card at hand — a personal number, an old CMND, a passport, an organisation, or
someone acting for another — is entered by hand (Ctrl+G, :mod:`counter_app.screens.applicant_dialog`);
the applicant's phone and e-mail are asked under their card and stored on the dossier.

The screen holds views the services returned (:mod:`counter_app.services.views`), never a session or a
row; reading the citizen's record logs the view inside the service.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Footer, Input, RadioButton, RadioSet, Static

from counter_app.domain.cccd import CccdData
from counter_app.domain.file_ref import FileRef
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import ReportsWorkerErrors
from counter_app.screens.digitise import Digitises
from counter_app.screens.intake_cards import (
    applicant_card,
    checklist_rows,
    citizen_card,
    fee_text,
    procedure_card,
)
from counter_app.screens.keys import quiet
from counter_app.services.catalogue import ProcedureChoice
from counter_app.services.context import local_now
from counter_app.services.errors import ServiceError
from counter_app.services.intake import (
    FEE_STATUSES,
    RETURN_METHODS,
    ApplicantEntry,
    DocumentChoice,
    IntakeRequest,
    check_contact,
)
from counter_app.services.printouts import PrintOutcome
from counter_app.services.views import CitizenRecord, CitizenView, ProcedureView, UnitView
from counter_app.widgets.checklist import DocumentChecklist
from counter_app.widgets.scan import CardScan, CodeScan
from counter_app.widgets.search_picker import PickItem, SearchPicker
from counter_app.widgets.status_bar import StatusBar
from counter_app.widgets.vn_input import VnInput

#: the form printed for each outcome of an intake
FORM_OF = {"received": "receipt", "supplement": "supplement", "refused": "refusal"}


@dataclass(frozen=True)
class Outcome:
    kind: str  # received | supplement | refused
    code: str
    due_at: datetime | None


class IntakeScreen(Digitises, ReportsWorkerErrors, Screen[None]):
    DEFAULT_CSS = """
    IntakeScreen #intake-title { height: 1; padding: 0 1; background: $boost; text-wrap: nowrap; text-overflow: ellipsis; }
    IntakeScreen #intake-form { height: 1fr; }
    IntakeScreen #intake-top { height: 1fr; min-height: 12; }
    IntakeScreen #citizen-box, IntakeScreen #procedure-box { width: 1fr; height: 100%; }
    IntakeScreen SearchPicker.open { height: 1fr; }
    IntakeScreen SearchPicker.open > OptionList { height: 1fr; max-height: 100%; }
    IntakeScreen #citizen-card, IntakeScreen #procedure-card { height: auto; margin-top: 1; }
    IntakeScreen #contact { height: auto; }
    IntakeScreen #contact > VnInput { width: 1fr; }
    IntakeScreen #docs-box { height: auto; min-height: 6; }
    IntakeScreen #checklist { height: auto; max-height: 12; }
    IntakeScreen #capture-status { height: auto; color: $warning; }
    IntakeScreen #capture-status.-empty { display: none; }
    IntakeScreen #intake-bottom { height: auto; min-height: 9; }
    IntakeScreen #return-method-box { width: 1fr; height: auto; min-height: 9; }
    IntakeScreen #fee-box { width: 40; height: auto; min-height: 9; }
    IntakeScreen #due-box { width: 44; height: auto; min-height: 9; }
    /* under 120 columns the return method takes a row of its own, the fee and the due date share the next;
       the form scrolls (with the focus) when the screen is short */
    IntakeScreen.-narrow #intake-bottom { layout: grid; grid-size: 2; grid-columns: 1fr 1fr; grid-rows: auto; }
    IntakeScreen.-narrow #return-method-box { column-span: 2; width: 100%; min-height: 0; }
    IntakeScreen.-narrow #fee-box, IntakeScreen.-narrow #due-box { width: 100%; min-height: 0; }
    /* under 40 rows the citizen and the procedure take the height they need (all of the card and the contact
       fields), not a share of a screen too short for them */
    IntakeScreen.-short #intake-top { height: auto; min-height: 0; }
    IntakeScreen.-short #citizen-box, IntakeScreen.-short #procedure-box { height: auto; }
    IntakeScreen.-short SearchPicker.open { height: auto; }
    IntakeScreen.-short SearchPicker.open > OptionList { height: auto; max-height: 10; }
    IntakeScreen #due { height: auto; }
    IntakeScreen RadioSet { border: none; height: auto; width: 100%; padding: 0; }
    IntakeScreen #return-address, IntakeScreen #return-unit, IntakeScreen #return-unit-name { display: none; }
    IntakeScreen.post #return-address, IntakeScreen.other-unit #return-unit,
    IntakeScreen.other-unit #return-unit-name { display: block; }
    IntakeScreen #intake-result { height: 1fr; align: center middle; padding: 2 4; display: none; }
    IntakeScreen.done #intake-form { display: none; }
    IntakeScreen.done #intake-result { display: block; }
    IntakeScreen #intake-result > * { width: 100%; text-align: center; margin-top: 1; }
    IntakeScreen #result-title { text-style: bold; color: $success; margin-top: 0; }
    IntakeScreen #result-code { color: $warning; margin: 1 0; }
    IntakeScreen #result-keys { color: $text-muted; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    BINDINGS = [
        # F10 first: the footer shows the keys in this order, and a narrow screen cuts the last ones
        Binding("f10", "save", t("key.save"), id="app.save"),
        Binding("f8", "supplement", t("key.supplement"), id="intake.supplement"),
        Binding("f9", "refuse", t("key.refuse"), id="intake.refuse"),
        Binding("ctrl+r", "reprint", t("key.reprint"), id="intake.reprint"),
        Binding("ctrl+g", "enter_applicant", t("applicants.key.enter"), id="intake.applicant"),
        Binding("escape", "back", t("key.back"), id="intake.back", show=False),
        *quiet("f4", "f5", "f6", "f7"),
    ]

    @dataclass
    class CitizenLoaded(Message):
        record: CitizenRecord

    @dataclass
    class ProcedureLoaded(Message):
        choice: ProcedureChoice

    @dataclass
    class Saved(Message):
        outcome: Outcome

    @dataclass
    class Printed(Message):
        outcome: PrintOutcome

    @dataclass
    class Failed(Message):
        error: BaseException

    def __init__(self, *, card: CccdData | None = None, citizen_id: str | None = None) -> None:
        super().__init__()
        self.initial_card = card
        self.initial_citizen_id = citizen_id
        self.record: CitizenRecord | None = None
        #: an applicant entered by hand (Ctrl+G); with a personal number, ``record`` is their citizen record
        self.applicant: ApplicantEntry | None = None
        self.choice: ProcedureChoice | None = None
        self.due_at: datetime | None = None
        self.return_method = "counter"
        self.return_unit: UnitView | None = None
        self.fee_status = "paid"
        self.saving = False
        self.outcome: Outcome | None = None
        self.print_ok: bool | None = None
        self.print_path: Path | None = None

    @property
    def citizen(self) -> CitizenView | None:
        return self.record.citizen if self.record is not None else None

    @property
    def procedure(self) -> ProcedureView | None:
        return self.choice.procedure if self.choice is not None else None

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static("", id="intake-title")
        with VerticalScroll(id="intake-form"):
            with HorizontalGroup(id="intake-top"):
                with VerticalGroup(id="citizen-box", classes="box") as box:
                    box.border_title = t("intake.citizen")
                    yield SearchPicker(
                        self._find_citizens,
                        placeholder=t("intake.citizen_hint"),
                        empty_text=t("applicants.no_citizen_found"),
                        scan_aware=True,
                        id="citizen",
                    )
                    yield Static(t("intake.no_citizen"), id="citizen-card")
                    with HorizontalGroup(id="contact"):
                        yield VnInput(
                            id="applicant-phone",
                            placeholder=t("applicants.phone_hint"),
                            max_length=20,
                            scan_aware=False,
                        )
                        yield VnInput(
                            id="applicant-email",
                            placeholder=t("applicants.email_hint"),
                            max_length=120,
                            scan_aware=False,
                        )
                with VerticalGroup(id="procedure-box", classes="box") as box:
                    box.border_title = t("intake.procedure")
                    yield SearchPicker(
                        self._find_procedures,
                        placeholder=t("intake.procedure_hint"),
                        empty_text=t("intake.no_procedure_found"),
                        id="procedure",
                    )
                    yield Static(t("intake.no_procedure"), id="procedure-card")
            with VerticalGroup(id="docs-box", classes="box") as box:
                box.border_title = t("intake.documents")
                box.border_subtitle = t("intake.documents_keys")
                yield DocumentChecklist(id="checklist")
                yield Static("", id="capture-status", classes="-empty")
            with HorizontalGroup(id="intake-bottom"):
                with VerticalGroup(id="return-method-box", classes="box") as box:
                    box.border_title = t("intake.return")
                    with RadioSet(id="return-method"):
                        for index, method in enumerate(RETURN_METHODS):
                            yield RadioButton(t(f"return_method.{method}"), value=index == 0)
                    yield VnInput(
                        id="return-address",
                        placeholder=t("intake.return_address_hint"),
                        max_length=300,
                        scan_aware=False,
                    )
                    yield SearchPicker(
                        self._find_units,
                        placeholder=t("intake.return_unit_hint"),
                        empty_text=t("intake.unit_not_found"),
                        min_chars=2,
                        id="return-unit",
                    )
                    yield Static("", id="return-unit-name")
                with VerticalGroup(id="fee-box", classes="box") as box:
                    box.border_title = t("intake.fee")
                    yield Static(t("intake.no_procedure_fee"), id="fee-amount")
                    with RadioSet(id="fee-status"):
                        for index, status in enumerate(FEE_STATUSES):
                            yield RadioButton(t(f"fee_status.{status}"), value=index == 0)
                with VerticalGroup(id="due-box", classes="box") as box:
                    box.border_title = t("intake.due")
                    yield Static(t("intake.due_unknown"), id="due")
        with VerticalGroup(id="intake-result"):
            yield Static("", id="result-title")
            yield Digits("", id="result-code")
            yield Static("", id="result-code-text")
            yield Static("", id="result-due")
            yield Static("", id="result-print")
            yield Static(t("intake.result_keys"), id="result-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_title()
        self.query_one("#citizen", SearchPicker).focus_input()
        self.watch(self.app, "serving", lambda _ticket: self._show_title(), init=False)
        self.set_interval(30.0, self._refresh_due)
        if self.initial_card is not None:
            self._load_card(self.initial_card)
        elif self.initial_citizen_id is not None:
            self._load_citizen(self.initial_citizen_id)

    def _show_title(self) -> None:
        ticket = self.counter_app.serving
        title = Text(t("intake.title"), style="bold")
        if ticket is not None:
            title.append("   " + t("intake.for_ticket", number=ticket.number), style="bold yellow")
        self.query_one("#intake-title", Static).update(title)

    # --- scanner -------------------------------------------------------------------------------------

    def handle_scan(self, scan: CardScan | CodeScan) -> bool:
        if isinstance(scan, CardScan) and self.outcome is None and not self.saving:
            self.query_one("#citizen", SearchPicker).clear()
            self.applicant = None
            self._load_card(scan.card)
            return True
        return False

    # --- citizen ----------------------------------------------------------------------------------

    def _find_citizens(self, text: str) -> list[PickItem]:
        from counter_app.services import citizens

        if "|" in text:  # a scan arriving key by key
            return []
        found = citizens.find(self.counter_app.store, text)
        return [
            PickItem(c.id, Text.assemble((c.full_name, "bold"), f"  {c.cccd}  {fmt.day(c.birth_date)}"), c)
            for c in found
        ]

    @on(SearchPicker.Picked, "#citizen")
    def _citizen_picked(self, event: SearchPicker.Picked) -> None:
        self.applicant = None
        self._load_citizen(event.item.key)

    def action_enter_applicant(self) -> None:
        """Enter the applicant by hand: a personal number, an old CMND, a passport, an organisation."""
        if self.outcome is not None or self.saving:
            return
        from counter_app.screens.applicant_dialog import ApplicantDialog

        typed = self.query_one("#citizen", SearchPicker).query_text
        self.app.push_screen(ApplicantDialog(typed), self._applicant_entered)

    def _applicant_entered(self, entry: ApplicantEntry | None) -> None:
        if entry is None:
            return
        self.applicant = entry
        self.query_one("#citizen", SearchPicker).clear()
        self.query_one("#applicant-phone", Input).value = entry.phone
        self.query_one("#applicant-email", Input).value = entry.email
        if entry.id_type == "cccd":  # a person with a personal number: the unit's record of them
            self._load_typed(entry)
            return
        self.record = None
        self.query_one("#citizen-card", Static).update(applicant_card(entry))
        self._rebuild_checklist()
        if self.choice is None:
            self.query_one("#procedure", SearchPicker).focus_input()

    @work(thread=True, exclusive=True, group="citizen-load", exit_on_error=False)
    def _load_typed(self, entry: ApplicantEntry) -> None:
        from counter_app.services import citizens

        app = self.counter_app
        record = citizens.open_typed(
            app.store, app.officer, entry, purpose=t("access.purpose.intake"), now=app.now()
        )
        self.post_message(self.CitizenLoaded(record))

    @work(thread=True, exclusive=True, group="citizen-load", exit_on_error=False)
    def _load_card(self, card: CccdData) -> None:
        from counter_app.services import citizens

        app = self.counter_app
        record = citizens.open_card(
            app.store, app.officer, card, purpose=t("access.purpose.intake"), now=app.now()
        )
        self.post_message(self.CitizenLoaded(record))

    @work(thread=True, exclusive=True, group="citizen-load", exit_on_error=False)
    def _load_citizen(self, citizen_id: str) -> None:
        from counter_app.services import citizens

        app = self.counter_app
        record = citizens.open_record(
            app.store, app.officer, citizen_id, purpose=t("access.purpose.intake"), now=app.now()
        )
        self.post_message(self.CitizenLoaded(record))

    def on_intake_screen_citizen_loaded(self, message: CitizenLoaded) -> None:
        self.record = message.record
        self.query_one("#citizen", SearchPicker).clear()
        titles = tuple(d.title for d in message.record.documents)
        card = citizen_card(message.record.citizen, titles)
        if self.applicant is not None and self.applicant.representative_name:
            card.append("\n").append_text(applicant_card(self.applicant, representative_only=True))
        self.query_one("#citizen-card", Static).update(card)
        citizen = message.record.citizen
        phone, email = self.query_one("#applicant-phone", Input), self.query_one("#applicant-email", Input)
        phone.value = phone.value or citizen.phone
        email.value = email.value or citizen.email
        self._rebuild_checklist()
        if self.choice is None:
            self.query_one("#procedure", SearchPicker).focus_input()

    # --- procedure -------------------------------------------------------------------------------

    def _find_procedures(self, text: str) -> list[PickItem]:
        from counter_app.services import catalogue

        app = self.counter_app
        found = catalogue.find_procedures(app.store, text, unit_id=app.officer.unit_id)
        return [
            PickItem(
                p.code,
                Text.assemble(
                    (fmt.procedure_short(p.name), "bold"),
                    f"\n  {p.code} · {fmt.processing_time(p.working_days)} · {fmt.fee(p.fee)}",
                ),
                p,
            )
            for p in found
        ]

    @on(SearchPicker.Picked, "#procedure")
    def _procedure_picked(self, event: SearchPicker.Picked) -> None:
        self._load_procedure(event.item.key)

    @work(thread=True, exclusive=True, group="procedure-load", exit_on_error=False)
    def _load_procedure(self, code: str) -> None:
        from counter_app.services import catalogue

        app = self.counter_app
        self.post_message(self.ProcedureLoaded(catalogue.choose_procedure(app.store, code, now=app.now())))

    def on_intake_screen_procedure_loaded(self, message: ProcedureLoaded) -> None:
        self.choice = choice = message.choice
        self.due_at = choice.due_at
        self.query_one("#procedure", SearchPicker).clear()
        self.query_one("#procedure-card", Static).update(procedure_card(choice.procedure))
        self.query_one("#fee-amount", Static).update(fee_text(choice.procedure))
        self._set_fee_status("paid" if choice.procedure.fee else "exempt")
        self._show_due()
        self._rebuild_checklist()
        self.query_one("#checklist", DocumentChecklist).focus()

    def _set_fee_status(self, status: str) -> None:
        self.fee_status = status
        buttons = list(self.query_one("#fee-status", RadioSet).query(RadioButton))
        buttons[FEE_STATUSES.index(status)].value = True

    def _refresh_due(self) -> None:
        if self.procedure is not None and self.outcome is None:
            app = self.counter_app
            self.due_at = app.store.calendar.due_at(app.now(), self.procedure.working_days)
            self._show_due()

    def _show_due(self) -> None:
        due = Text(fmt.long_moment(self.due_at), style="bold")
        if self.procedure is not None:
            rule = t("intake.due_rule", time=fmt.processing_time(self.procedure.working_days))
            due.append("\n" + rule, style="dim")
        self.query_one("#due", Static).update(due)

    def _rebuild_checklist(self) -> None:
        if self.choice is not None:
            self.query_one("#checklist", DocumentChecklist).set_rows(
                checklist_rows(self.choice, self.record, local_now().date())
            )

    # --- return method, fee ------------------------------------------------------------------------

    @on(RadioSet.Changed, "#return-method")
    def _return_changed(self, event: RadioSet.Changed) -> None:
        self.return_method = RETURN_METHODS[event.index]
        self.set_class(self.return_method == "post", "post")
        self.set_class(self.return_method == "other_unit", "other-unit")

    @on(RadioSet.Changed, "#fee-status")
    def _fee_changed(self, event: RadioSet.Changed) -> None:
        self.fee_status = FEE_STATUSES[event.index]

    def _find_units(self, text: str) -> list[PickItem]:
        from counter_app.screens.dialogs import unit_items

        return unit_items(self.counter_app, text)

    @on(SearchPicker.Picked, "#return-unit")
    def _return_unit_picked(self, event: SearchPicker.Picked) -> None:
        self.return_unit = event.item.value
        self.query_one("#return-unit-name", Static).update(
            t("intake.return_unit", unit=str(event.item.prompt))
        )

    # --- digitising components (screens.digitise) ----------------------------------------------------

    def action_scan_component(self) -> None:
        self.start_scan()

    def action_import_component(self) -> None:
        self.start_import()

    def action_view_component(self) -> None:
        """The highlighted component's file: the one scanned here, or the citizen's document it reuses."""
        from counter_app.screens.document_viewer import DocumentViewer

        row = self.query_one("#checklist", DocumentChecklist).current
        file = row.shown_file if row is not None else None
        if row is None or file is None:
            self.counter_app.notify(t("files.nothing_to_view"), severity="warning")
            return
        app = self.counter_app
        sha256 = file.sha256
        if row.file is None and self.record is not None:  # reused: read through the citizen's store
            citizen_id = self.record.citizen.id

            def load() -> bytes:
                from counter_app.services.document_files import read_for_view

                return read_for_view(app.store, app.officer, sha256=sha256, citizen_id=citizen_id)
        else:  # scanned at this counter, for the dossier being taken in

            def load() -> bytes:
                from counter_app.services import dossier_files

                return dossier_files.files_of(app.store).read(sha256)

        app.push_screen(DocumentViewer(row.name, load))

    async def action_back(self) -> None:
        """Esc stops a scan under way; otherwise it leaves the screen as everywhere else."""
        if not self.cancel_capture():
            await self.counter_app.action_back()

    def capture_target(self) -> tuple[int, str] | None:
        checklist = self.query_one("#checklist", DocumentChecklist)
        row = checklist.current
        if row is None:
            self.counter_app.notify(t("files.no_target"), severity="warning")
            return None
        return checklist.cursor_row, row.name

    def capture_done(self, index: int, file: FileRef) -> None:
        checklist = self.query_one("#checklist", DocumentChecklist)
        if index < len(checklist.rows_data):  # the procedure may have changed meanwhile
            checklist.attach(index, file)

    def capture_status(self, text: str) -> None:
        status = self.query_one("#capture-status", Static)
        status.update(text)
        status.set_class(not text, "-empty")

    # --- saving --------------------------------------------------------------------------------------

    def _documents(self) -> list[DocumentChoice]:
        rows = self.query_one("#checklist", DocumentChecklist).rows_data
        return [
            DocumentChoice(
                r.name,
                r.copy_kind,
                r.quantity,
                r.received,
                r.reused,
                r.reusable_id if r.reused else None,
                r.file,  # a reused row's file is the held document's: the service attaches it
            )
            for r in rows
        ]

    def _request(
        self, citizen: CitizenView | None, procedure: ProcedureView, documents: list[DocumentChoice]
    ) -> IntakeRequest:
        ticket = self.counter_app.serving
        other_unit = self.return_method == "other_unit" and self.return_unit is not None
        phone, email = self._contact()
        applicant = self.applicant
        if applicant is not None:
            applicant = replace(applicant, phone=phone, email=email)
        return IntakeRequest(
            procedure_code=procedure.code,
            documents=documents,
            citizen_id=citizen.id if citizen is not None else None,
            applicant_cccd=citizen.cccd if citizen is not None else "",
            applicant_phone=phone,
            applicant_email=email,
            applicant=applicant,
            return_method=self.return_method,
            return_unit_id=self.return_unit.id if other_unit and self.return_unit else None,
            return_address=self.query_one("#return-address", Input).value
            if self.return_method == "post"
            else "",
            fee_status=self.fee_status,
            ticket_id=ticket.id if ticket is not None else None,
        )

    def _contact(self) -> tuple[str, str]:
        return self.query_one("#applicant-phone", Input).value, self.query_one(
            "#applicant-email", Input
        ).value

    def _ready(self) -> tuple[CitizenView | None, ProcedureView] | None:
        if self.outcome is not None or self.saving:
            return None
        citizen, procedure = self.citizen, self.procedure
        if citizen is None and self.applicant is None:
            self.app.notify(t("intake.need_citizen"), severity="warning")
            self.query_one("#citizen", SearchPicker).focus_input()
            return None
        try:
            check_contact(*self._contact())
        except ServiceError as error:
            self.app.notify(str(error), severity="warning")
            self.query_one("#applicant-phone", Input).focus()
            return None
        if procedure is None:
            self.app.notify(t("intake.need_procedure"), severity="warning")
            self.query_one("#procedure", SearchPicker).focus_input()
            return None
        if self.return_method == "other_unit" and self.return_unit is None:
            self.app.notify(t("intake.need_return_unit"), severity="warning")
            self.query_one("#return-unit", SearchPicker).focus_input()
            return None
        return citizen, procedure

    def action_save(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        missing = [
            r.name for r in self.query_one("#checklist", DocumentChecklist).rows_data if not r.received
        ]
        if missing:
            text = t("intake.missing_received", names="; ".join(missing)) + " " + t("intake.missing_hint")
            self.app.notify(text, severity="warning")
            return
        if self.return_method == "post" and not self.query_one("#return-address", Input).value.strip():
            self.app.notify(t("intake.post_needs_address"), severity="warning")
            self.query_one("#return-address", Input).focus()
            return
        self.saving = True
        self._save("received", self._request(*ready, self._documents()))

    def action_supplement(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        from counter_app.screens.dialogs import SupplementAnswer, SupplementDialog

        rows = self.query_one("#checklist", DocumentChecklist).rows_data

        def answered(answer: SupplementAnswer | None) -> None:
            if answer is None:
                return
            documents = [d if d.name not in answer.missing else _not_received(d) for d in self._documents()]
            missing_docs = [d for d in documents if d.name in answer.missing]
            self.saving = True
            self._save(
                "supplement", self._request(*ready, documents), reason=answer.reason, missing=missing_docs
            )

        dialog = SupplementDialog(
            [r.name for r in rows],
            [r.name for r in rows if not r.received],
            suggestions=[t("reason.supplement.1"), t("reason.supplement.2")],
        )
        self.app.push_screen(dialog, answered)

    def action_refuse(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        from counter_app.screens.dialogs import ReasonDialog

        def answered(reason: str | None) -> None:
            if reason:
                self.saving = True
                self._save("refused", self._request(*ready, self._documents()), reason=reason)

        suggestions = [t("reason.refusal.1"), t("reason.refusal.2"), t("reason.refusal.3")]
        self.app.push_screen(
            ReasonDialog(t("refuse.title"), t("refuse.prompt"), suggestions=suggestions), answered
        )

    @work(thread=True, exclusive=True, group="intake-save", exit_on_error=False)
    def _save(
        self,
        kind: str,
        request: IntakeRequest,
        *,
        reason: str = "",
        missing: list[DocumentChoice] | None = None,
    ) -> None:
        from counter_app.services import intake
        from counter_app.services.printouts import print_safely

        app = self.counter_app
        store, actor, now = app.store, app.officer, app.now()
        try:
            if kind == "refused":
                dossier = intake.refuse(store, actor, request, reason, now=now)
            else:
                dossier = intake.receive(store, actor, request, now=now)
                if kind == "supplement":
                    dossier = intake.request_supplement(
                        store, actor, dossier.code, missing or [], reason, now=now
                    )
        except Exception as exc:
            self.post_message(self.Failed(exc))
            raise
        self.post_message(self.Saved(Outcome(kind, dossier.code, dossier.due_at)))
        # printed only now that the dossier is committed; a failed print leaves it saved
        self.post_message(self.Printed(print_safely(store, dossier.code, FORM_OF[kind])))

    def on_intake_screen_failed(self, message: Failed) -> None:
        self.saving = False

    def on_intake_screen_saved(self, message: Saved) -> None:
        self.saving = False
        self.outcome = outcome = message.outcome
        self.add_class("done")
        self.query_one("#result-title", Static).update(Text(t(f"result.{outcome.kind}"), style="bold"))
        self.query_one("#result-code", Digits).update(outcome.code)
        self.query_one("#result-code-text", Static).update(
            Text(t("result.code", code=outcome.code), style="bold")
        )
        if outcome.kind == "received":
            due = t("result.due", due=fmt.long_moment(outcome.due_at))
        else:
            due = t("result.clock_stopped" if outcome.kind == "supplement" else "result.not_received")
        self.query_one("#result-due", Static).update(Text(due, style="bold"))
        self.query_one("#result-print", Static).update(t("print.printing"))
        self.set_focus(None)
        self.refresh_bindings()
        self.counter_app.refresh_store_state()

    def on_intake_screen_printed(self, message: Printed) -> None:
        outcome = message.outcome
        self.print_ok, self.print_path = outcome.ok, outcome.path
        label = self.query_one("#result-print", Static)
        if outcome.ok:
            label.update(Text(outcome.message, style="green"))
        else:
            label.update(Text(outcome.message + " " + t("print.reprint_hint"), style="bold red"))
            self.app.notify(outcome.message, severity="error")
        self.refresh_bindings()

    def can_save(self) -> bool:
        return self.outcome is None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reprint":
            return self.outcome is not None
        if action in ("supplement", "refuse", "enter_applicant"):  # only while the dossier is being taken in
            return self.outcome is None
        return True

    def action_reprint(self) -> None:
        if self.outcome is None:
            return
        self.query_one("#result-print", Static).update(t("print.printing"))
        self._reprint(self.outcome)

    @work(thread=True, exclusive=True, group="intake-print", exit_on_error=False)
    def _reprint(self, outcome: Outcome) -> None:
        from counter_app.services.printouts import print_safely

        self.post_message(
            self.Printed(print_safely(self.counter_app.store, outcome.code, FORM_OF[outcome.kind]))
        )


def _not_received(document: DocumentChoice) -> DocumentChoice:
    return replace(document, received=False, reused=False, citizen_document_id=None)
