"""Intake (F3): citizen → procedure → documents → return method → fee → due date → F10.

The golden path takes few keys: scan the card (focus moves to the procedure), type a few letters of
the procedure and Enter (the checklist comes pre-marked: received, or reused where the citizen's
digitised document matches), F10 saves and prints the receipt in a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Footer, Input, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from counter_app.domain.cccd import CccdData
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import ReportsWorkerErrors
from counter_app.screens.keys import quiet
from counter_app.screens.printing import PrintOutcome
from counter_app.widgets.checklist import DocRow, DocumentChecklist
from counter_app.widgets.scan import CardScan
from counter_app.widgets.status_bar import StatusBar
from counter_app.widgets.vn_input import VnInput

RETURN_METHODS = ("counter", "other_unit", "post")
FEE_STATUSES = ("paid", "exempt", "unpaid")


@dataclass(frozen=True)
class Outcome:
    kind: str  # received | supplement | refused
    code: str
    due_at: datetime | None


class IntakeScreen(ReportsWorkerErrors, Screen):
    BINDINGS = [
        Binding("f8", "supplement", t("key.supplement"), id="intake.supplement"),
        Binding("f9", "refuse", t("key.refuse"), id="intake.refuse"),
        Binding("ctrl+r", "reprint", t("key.reprint"), id="intake.reprint"),
        Binding("down", "results(1)", show=False, id="intake.results_down"),
        Binding("up", "results(-1)", show=False, id="intake.results_up"),
        *quiet("f4", "f5", "f6", "f7"),
    ]

    class CitizensFound(Message):
        def __init__(self, query: str, citizens: list) -> None:
            super().__init__()
            self.query = query
            self.citizens = citizens

    class CitizenLoaded(Message):
        def __init__(self, citizen, documents: list) -> None:
            super().__init__()
            self.citizen = citizen
            self.documents = documents

    class ProceduresFound(Message):
        def __init__(self, query: str, procedures: list) -> None:
            super().__init__()
            self.query = query
            self.procedures = procedures

    class ProcedureLoaded(Message):
        def __init__(self, procedure, documents: list, due_at: datetime) -> None:
            super().__init__()
            self.procedure = procedure
            self.documents = documents
            self.due_at = due_at

    class UnitFound(Message):
        def __init__(self, unit: tuple[str, str] | None) -> None:
            super().__init__()
            self.unit = unit

    class Saved(Message):
        def __init__(self, outcome: Outcome) -> None:
            super().__init__()
            self.outcome = outcome

    class Printed(Message):
        def __init__(self, outcome: PrintOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    class Failed(Message):
        def __init__(self, error: BaseException) -> None:
            super().__init__()
            self.error = error

    def __init__(self, *, card: CccdData | None = None, citizen_id: str | None = None) -> None:
        super().__init__()
        self.initial_card = card
        self.initial_citizen_id = citizen_id
        self.citizen = None
        self.citizen_docs: list = []
        self.citizen_results: list = []
        self.procedure = None
        self.procedure_docs: list = []
        self.procedure_results: list = []
        self.due_at: datetime | None = None
        self.return_method = "counter"
        self.return_unit: tuple[str, str] | None = None
        self.fee_status = "paid"
        self.saving = False
        self.outcome: Outcome | None = None
        self.print_ok: bool | None = None
        self.print_path = None
        self._pick_citizen_when_ready = False
        self._pick_procedure_when_ready = False
        self._citizen_results_for = ""
        self._procedure_results_for = ""

    # --- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static("", id="intake-title")
        with Vertical(id="intake-form"):
            with Horizontal(id="intake-top"):
                with Vertical(id="citizen-box") as box:
                    box.border_title = t("intake.citizen")
                    yield VnInput(id="citizen-input", placeholder=t("intake.citizen_hint"))
                    yield OptionList(id="citizen-results")
                    yield Static(t("intake.no_citizen"), id="citizen-card")
                with Vertical(id="procedure-box") as box:
                    box.border_title = t("intake.procedure")
                    yield VnInput(id="procedure-input", placeholder=t("intake.procedure_hint"))
                    yield OptionList(id="procedure-results")
                    yield Static(t("intake.no_procedure"), id="procedure-card")
            with Vertical(id="docs-box") as box:
                box.border_title = t("intake.documents")
                box.border_subtitle = t("intake.documents_keys")
                yield DocumentChecklist(id="checklist")
            with Horizontal(id="intake-bottom"):
                with Vertical(id="return-method-box") as box:
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
                    yield VnInput(
                        id="return-unit", placeholder=t("intake.return_unit_hint"), scan_aware=False
                    )
                    yield Static("", id="return-unit-name")
                with Vertical(id="fee-box") as box:
                    box.border_title = t("intake.fee")
                    yield Static(t("intake.no_procedure_fee"), id="fee-amount")
                    with RadioSet(id="fee-status"):
                        for index, status in enumerate(FEE_STATUSES):
                            yield RadioButton(t(f"fee_status.{status}"), value=index == 0)
                with Vertical(id="due-box") as box:
                    box.border_title = t("intake.due")
                    yield Static(t("intake.due_unknown"), id="due")
        with Vertical(id="intake-result"):
            yield Static("", id="result-title")
            yield Digits("", id="result-code")
            yield Static("", id="result-code-text")
            yield Static("", id="result-due")
            yield Static("", id="result-print")
            yield Static(t("intake.result_keys"), id="result-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_title()
        self.query_one("#citizen-results").display = False
        self.query_one("#procedure-results").display = False
        self.query_one("#return-address").display = False
        self.query_one("#return-unit").display = False
        self.query_one("#return-unit-name").display = False
        self.query_one("#intake-result").display = False
        self.query_one("#citizen-input", Input).focus()
        self.watch(self.app, "serving", lambda _ticket: self._show_title(), init=False)
        self.set_interval(30.0, self._refresh_due)
        if self.initial_card is not None:
            self._load_card(self.initial_card)
        elif self.initial_citizen_id is not None:
            self._load_citizen(self.initial_citizen_id)

    def _show_title(self) -> None:
        ticket = self.app.serving
        title = Text(t("intake.title"), style="bold")
        if ticket is not None:
            title.append("   " + t("intake.for_ticket", number=ticket.number), style="bold yellow")
        self.query_one("#intake-title", Static).update(title)

    # --- scanner -------------------------------------------------------------------------------------

    def handle_scan(self, scan) -> bool:
        if isinstance(scan, CardScan) and self.outcome is None and not self.saving:
            self.query_one("#citizen-input", Input).value = ""
            self._load_card(scan.card)
            return True
        return False

    # --- citizen ----------------------------------------------------------------------------------

    @on(Input.Changed, "#citizen-input")
    def _citizen_typed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if "|" in text:  # a scan arriving key by key
            return
        self._find_citizens(text)

    @work(thread=True, exclusive=True, group="citizen-search", exit_on_error=False)
    def _find_citizens(self, text: str) -> None:
        from counter_app.services import lookup

        citizens = []
        if text:
            with self.app.store.session() as session:
                citizens = lookup.search_citizens(session, text, limit=12)
        self.post_message(self.CitizensFound(text, citizens))

    def on_intake_screen_citizens_found(self, message: CitizensFound) -> None:
        if message.query != self.query_one("#citizen-input", Input).value.strip():
            return
        self.citizen_results = message.citizens
        self._citizen_results_for = message.query
        options = self.query_one("#citizen-results", OptionList)
        options.clear_options()
        for citizen in message.citizens:
            prompt = Text(citizen.full_name, style="bold")
            prompt.append(f"  {citizen.cccd}  {fmt.day(citizen.birth_date)}", style="")
            options.add_option(Option(prompt, id=citizen.id))
        options.display = bool(message.query)
        if message.citizens:
            options.highlighted = 0
        elif message.query:
            options.add_option(Option(t("intake.no_citizen_found"), disabled=True))
        if self._pick_citizen_when_ready:
            self._pick_citizen_when_ready = False
            self._pick_citizen()

    @on(Input.Submitted, "#citizen-input")
    def _citizen_entered(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        if self._citizen_results_for == text and self.citizen_results:
            self._pick_citizen()
        else:  # Enter came before the results of what was typed: pick when they arrive
            self._pick_citizen_when_ready = True

    def _pick_citizen(self) -> None:
        options = self.query_one("#citizen-results", OptionList)
        if options.highlighted is None or not self.citizen_results:
            self.app.notify(t("intake.no_citizen_found"), severity="warning")
            return
        self._load_citizen(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#citizen-results")
    def _citizen_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._load_citizen(event.option.id)

    @work(thread=True, exclusive=True, group="citizen-load", exit_on_error=False)
    def _load_card(self, card: CccdData) -> None:
        from counter_app.services import access, intake, lookup

        with self.app.store.session() as session:
            citizen = intake.upsert_citizen_from_card(session, card, now=self.app.now())
            documents = lookup.citizen_documents(session, citizen.id)
            access.record_view(
                session, self.app.actor, citizen.id, t("access.purpose.intake"), at=self.app.now()
            )
        self.post_message(self.CitizenLoaded(citizen, documents))

    @work(thread=True, exclusive=True, group="citizen-load", exit_on_error=False)
    def _load_citizen(self, citizen_id: str) -> None:
        from counter_app.db.models import Citizen
        from counter_app.services import access, lookup

        with self.app.store.session() as session:
            citizen = session.get(Citizen, citizen_id)
            documents = lookup.citizen_documents(session, citizen_id) if citizen else []
            if citizen is not None:  # personal data shown: who, when, why (Decree 13/2023)
                access.record_view(
                    session, self.app.actor, citizen.id, t("access.purpose.intake"), at=self.app.now()
                )
        if citizen is not None:
            self.post_message(self.CitizenLoaded(citizen, documents))

    def on_intake_screen_citizen_loaded(self, message: CitizenLoaded) -> None:
        self.citizen, self.citizen_docs = message.citizen, message.documents
        citizen = self.citizen
        self.query_one("#citizen-results").display = False
        self.query_one("#citizen-input", Input).value = ""
        card = Text()
        card.append(citizen.full_name + "\n", style="bold")
        card.append(t("citizen.cccd", cccd=citizen.cccd) + "\n")
        card.append(
            t("citizen.birth", birth=fmt.day(citizen.birth_date), gender=citizen.gender or "—") + "\n"
        )
        card.append(t("citizen.address", address=citizen.address or "—") + "\n")
        if citizen.phone:
            card.append(t("citizen.phone", phone=citizen.phone) + "\n")
        titles = sorted({d.title for d in self.citizen_docs})
        card.append(
            t("citizen.digitised", documents=", ".join(titles) if titles else t("citizen.none")), style="cyan"
        )
        self.query_one("#citizen-card", Static).update(card)
        self._rebuild_checklist()
        if self.procedure is None:
            self.query_one("#procedure-input", Input).focus()

    # --- procedure -------------------------------------------------------------------------------

    @on(Input.Changed, "#procedure-input")
    def _procedure_typed(self, event: Input.Changed) -> None:
        self._find_procedures(event.value.strip())

    @work(thread=True, exclusive=True, group="procedure-search", exit_on_error=False)
    def _find_procedures(self, text: str) -> None:
        from counter_app.services import lookup

        procedures = []
        if text:
            with self.app.store.session() as session:
                unit_id = self.app.actor.unit_id if self.app.actor else None
                procedures = lookup.search_procedures(session, text, limit=12, unit_id=unit_id)
        self.post_message(self.ProceduresFound(text, procedures))

    def on_intake_screen_procedures_found(self, message: ProceduresFound) -> None:
        if message.query != self.query_one("#procedure-input", Input).value.strip():
            return
        self.procedure_results = message.procedures
        self._procedure_results_for = message.query
        options = self.query_one("#procedure-results", OptionList)
        options.clear_options()
        for procedure in message.procedures:
            prompt = Text(fmt.procedure_short(procedure.name), style="bold")
            prompt.append(
                f"\n  {procedure.code} · {fmt.processing_time(procedure.working_days)} · "
                f"{fmt.fee(procedure.fee)}",
                style="dim",
            )
            options.add_option(Option(prompt, id=procedure.code))
        options.display = bool(message.query)
        if message.procedures:
            options.highlighted = 0
        elif message.query:
            options.add_option(Option(t("intake.no_procedure_found"), disabled=True))
        if self._pick_procedure_when_ready:
            self._pick_procedure_when_ready = False
            self._pick_procedure()

    @on(Input.Submitted, "#procedure-input")
    def _procedure_entered(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        if self._procedure_results_for == text and self.procedure_results:
            self._pick_procedure()
        else:  # Enter came before the results of what was typed: pick when they arrive
            self._pick_procedure_when_ready = True

    def _pick_procedure(self) -> None:
        options = self.query_one("#procedure-results", OptionList)
        if options.highlighted is None or not self.procedure_results:
            self.app.notify(t("intake.no_procedure_found"), severity="warning")
            return
        self._load_procedure(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#procedure-results")
    def _procedure_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._load_procedure(event.option.id)

    @work(thread=True, exclusive=True, group="procedure-load", exit_on_error=False)
    def _load_procedure(self, code: str) -> None:
        from counter_app.services import lookup

        with self.app.store.session() as session:
            procedure = lookup.procedure(session, code)
            documents = lookup.procedure_documents(session, code)
        due_at = self.app.store.calendar.due_at(self.app.now(), procedure.working_days)
        self.post_message(self.ProcedureLoaded(procedure, documents, due_at))

    def on_intake_screen_procedure_loaded(self, message: ProcedureLoaded) -> None:
        self.procedure, self.procedure_docs, self.due_at = (
            message.procedure,
            message.documents,
            message.due_at,
        )
        procedure = self.procedure
        self.query_one("#procedure-results").display = False
        self.query_one("#procedure-input", Input).value = ""
        card = Text()
        card.append(procedure.name + "\n", style="bold")
        card.append(t("procedure.code", code=procedure.code, field=procedure.field_name) + "\n")
        card.append(t("procedure.time", time=fmt.processing_time(procedure.working_days)) + "\n")
        fee = fmt.fee(procedure.fee) + (f" ({procedure.fee_note})" if procedure.fee_note else "")
        card.append(t("procedure.fee", fee=fee))
        self.query_one("#procedure-card", Static).update(card)
        self.query_one("#fee-amount", Static).update(fee)
        self._set_fee_status("paid" if procedure.fee else "exempt")
        self._show_due()
        self._rebuild_checklist()
        self.query_one("#checklist", DocumentChecklist).focus()

    def _set_fee_status(self, status: str) -> None:
        self.fee_status = status
        buttons = list(self.query_one("#fee-status", RadioSet).query(RadioButton))
        buttons[FEE_STATUSES.index(status)].value = True

    def _refresh_due(self) -> None:
        if self.procedure is not None and self.outcome is None:
            self.due_at = self.app.store.calendar.due_at(self.app.now(), self.procedure.working_days)
            self._show_due()

    def _show_due(self) -> None:
        due = Text(fmt.long_moment(self.due_at), style="bold")
        if self.procedure is not None:
            due.append(
                "\n" + t("intake.due_rule", time=fmt.processing_time(self.procedure.working_days)),
                style="dim",
            )
        self.query_one("#due", Static).update(due)

    def action_results(self, step: int) -> None:
        focused = self.focused
        if focused is None or focused.id not in ("citizen-input", "procedure-input"):
            return
        options = self.query_one("#" + focused.id.replace("input", "results"), OptionList)
        if options.display and options.option_count:
            (options.action_cursor_down if step > 0 else options.action_cursor_up)()

    # --- documents -------------------------------------------------------------------------------

    def _rebuild_checklist(self) -> None:
        if self.procedure is None:
            return
        held: dict[str, object] = {}
        for doc in self.citizen_docs:
            held.setdefault(doc.kind, doc)
        rows = []
        for required in self.procedure_docs:
            doc = held.get(required.doc_kind) if required.doc_kind else None
            title = ""
            if doc is not None:
                title = doc.title + (f" {doc.number}" if doc.number else "")
            rows.append(
                DocRow(
                    required.name,
                    required.copy_kind,
                    required.quantity,
                    received=True,
                    reused=doc is not None,
                    reusable_id=doc.id if doc is not None else None,
                    reusable_title=title,
                )
            )
        self.query_one("#checklist", DocumentChecklist).set_rows(rows)

    # --- return method, fee ------------------------------------------------------------------------

    @on(RadioSet.Changed, "#return-method")
    def _return_changed(self, event: RadioSet.Changed) -> None:
        self.return_method = RETURN_METHODS[event.index]
        self.query_one("#return-address").display = self.return_method == "post"
        self.query_one("#return-unit").display = self.return_method == "other_unit"
        self.query_one("#return-unit-name").display = self.return_method == "other_unit"

    @on(RadioSet.Changed, "#fee-status")
    def _fee_changed(self, event: RadioSet.Changed) -> None:
        self.fee_status = FEE_STATUSES[event.index]

    @on(Input.Submitted, "#return-unit")
    def _return_unit_entered(self, event: Input.Submitted) -> None:
        self._find_return_unit(event.value)

    @work(thread=True, exclusive=True, group="return-unit", exit_on_error=False)
    def _find_return_unit(self, text: str) -> None:
        from counter_app.services import lookup

        with self.app.store.session() as session:
            units = lookup.search_units(session, text, limit=1)
        self.post_message(self.UnitFound((units[0].id, units[0].name) if units else None))

    def on_intake_screen_unit_found(self, message: UnitFound) -> None:
        self.return_unit = message.unit
        label = self.query_one("#return-unit-name", Static)
        label.update(
            t("intake.return_unit", unit=message.unit[1]) if message.unit else t("intake.unit_not_found")
        )

    # --- saving --------------------------------------------------------------------------------------

    def _documents(self) -> list:
        from counter_app.services.intake import DocumentChoice

        rows = self.query_one("#checklist", DocumentChecklist).rows_data
        return [
            DocumentChoice(
                r.name, r.copy_kind, r.quantity, r.received, r.reused, r.reusable_id if r.reused else None
            )
            for r in rows
        ]

    def _request(self, documents: list | None = None):
        from counter_app.services.intake import IntakeRequest

        ticket = self.app.serving
        return IntakeRequest(
            procedure_code=self.procedure.code,
            documents=documents if documents is not None else self._documents(),
            citizen_id=self.citizen.id,
            applicant_cccd=self.citizen.cccd,
            return_method=self.return_method,
            return_unit_id=self.return_unit[0]
            if self.return_method == "other_unit" and self.return_unit
            else None,
            return_address=self.query_one("#return-address", Input).value
            if self.return_method == "post"
            else "",
            fee_status=self.fee_status,
            ticket_id=ticket.id if ticket is not None else None,
        )

    def _ready(self) -> bool:
        if self.outcome is not None or self.saving:
            return False
        if self.citizen is None:
            self.app.notify(t("intake.need_citizen"), severity="warning")
            self.query_one("#citizen-input", Input).focus()
            return False
        if self.procedure is None:
            self.app.notify(t("intake.need_procedure"), severity="warning")
            self.query_one("#procedure-input", Input).focus()
            return False
        if self.return_method == "other_unit" and self.return_unit is None:
            self.app.notify(t("intake.need_return_unit"), severity="warning")
            self.query_one("#return-unit", Input).focus()
            return False
        return True

    def action_save(self) -> None:
        if not self._ready():
            return
        missing = [
            r.name for r in self.query_one("#checklist", DocumentChecklist).rows_data if not r.received
        ]
        if missing:
            self.app.notify(
                t("intake.missing_received", names="; ".join(missing)) + " " + t("intake.missing_hint"),
                severity="warning",
            )
            return
        if self.return_method == "post" and not self.query_one("#return-address", Input).value.strip():
            self.app.notify(t("intake.post_needs_address"), severity="warning")
            self.query_one("#return-address", Input).focus()
            return
        self.saving = True
        self._save("received", self._request())

    def action_supplement(self) -> None:
        if not self._ready():
            return
        from counter_app.screens.dialogs import SupplementDialog

        rows = self.query_one("#checklist", DocumentChecklist).rows_data
        missing = [r.name for r in rows if not r.received]

        def answered(answer) -> None:
            if answer is None:
                return
            names, reason = answer
            documents = [d if d.name not in names else _not_received(d) for d in self._documents()]
            missing_docs = [d for d in documents if d.name in names]
            self.saving = True
            self._save("supplement", self._request(documents), reason=reason, missing=missing_docs)

        self.app.push_screen(
            SupplementDialog(
                [r.name for r in rows],
                missing,
                suggestions=[t("reason.supplement.1"), t("reason.supplement.2")],
            ),
            answered,
        )

    def action_refuse(self) -> None:
        if not self._ready():
            return
        from counter_app.screens.dialogs import ReasonDialog

        def answered(reason) -> None:
            if reason:
                self.saving = True
                self._save("refused", self._request(), reason=reason)

        self.app.push_screen(
            ReasonDialog(
                t("refuse.title"),
                t("refuse.prompt"),
                suggestions=[t("reason.refusal.1"), t("reason.refusal.2"), t("reason.refusal.3")],
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="intake-save", exit_on_error=False)
    def _save(self, kind: str, request, *, reason: str = "", missing: list | None = None) -> None:
        from counter_app.screens.printing import print_document
        from counter_app.services import intake

        app = self.app
        store, actor, now = app.store, app.actor, app.now()
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
        form = {"received": "receipt", "supplement": "supplement", "refused": "refusal"}[kind]
        self.post_message(self.Printed(print_document(store, dossier.code, form)))

    def on_intake_screen_failed(self, message: Failed) -> None:
        self.saving = False

    def on_intake_screen_saved(self, message: Saved) -> None:
        self.saving = False
        self.outcome = outcome = message.outcome
        self.query_one("#intake-form").display = False
        self.query_one("#intake-result").display = True
        title = {
            "received": t("result.received"),
            "supplement": t("result.supplement"),
            "refused": t("result.refused"),
        }[outcome.kind]
        self.query_one("#result-title", Static).update(Text(title, style="bold"))
        self.query_one("#result-code", Digits).update(outcome.code)
        self.query_one("#result-code-text", Static).update(
            Text(t("result.code", code=outcome.code), style="bold")
        )
        if outcome.kind == "received":
            due = t("result.due", due=fmt.long_moment(outcome.due_at))
        elif outcome.kind == "supplement":
            due = t("result.clock_stopped")
        else:
            due = t("result.not_received")
        self.query_one("#result-due", Static).update(Text(due, style="bold"))
        self.query_one("#result-print", Static).update(t("print.printing"))
        self.set_focus(None)
        self.refresh_bindings()
        self.app.refresh_store_state()

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
        if action in ("supplement", "refuse"):
            return self.outcome is None
        return True

    def action_reprint(self) -> None:
        if self.outcome is None:
            return
        self.query_one("#result-print", Static).update(t("print.printing"))
        self._reprint(self.outcome)

    @work(thread=True, exclusive=True, group="intake-print", exit_on_error=False)
    def _reprint(self, outcome: Outcome) -> None:
        from counter_app.screens.printing import print_document

        form = {"received": "receipt", "supplement": "supplement", "refused": "refusal"}[outcome.kind]
        self.post_message(self.Printed(print_document(self.app.store, outcome.code, form)))


def _not_received(document):
    from dataclasses import replace

    return replace(document, received=False, reused=False, citizen_document_id=None)
