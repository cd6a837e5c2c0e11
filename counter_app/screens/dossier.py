"""One dossier: applicant, procedure, documents, custody, due date, timeline, and the allowed actions.

Only the actions the state machine (``domain.states``) allows from the current status, for a unit
that may act on the dossier, are offered in the footer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from counter_app.domain import states
from counter_app.domain.custody import sent_back_open
from counter_app.domain.file_ref import FileRef
from counter_app.domain.states import Status
from counter_app.domain.vntext import one_line
from counter_app.locale import formats as fmt
from counter_app.locale import has, t
from counter_app.screens.base import ReportsWorkerErrors
from counter_app.screens.digitise import Digitises
from counter_app.screens.keys import quiet
from counter_app.services import dossier_files, handover, intake, workflow
from counter_app.services.context import Actor, Store
from counter_app.services.intake import DocumentChoice
from counter_app.services.printouts import has_control_sheet, reprint_kind
from counter_app.services.views import DossierDetail, DossierView, HandoverView
from counter_app.widgets.checklist import file_cell
from counter_app.widgets.live_table import LiveTable, Row
from counter_app.widgets.status_bar import StatusBar

log = logging.getLogger("counter_app.tui")

#: statuses in which the dossier has a result (its row in the components' table, digitised there)
RESULT_STATUSES = frozenset({Status.RESULT_READY, Status.RETURNED})
RESULT_ROW = "result"
HANDOVER_STATUSES = frozenset({Status.RECEIVED, Status.PROCESSING, Status.AWAITING_FEE, Status.RESULT_READY})


def timeliness_text(dossier: DossierView, now: datetime) -> Text:
    """On time / late, for a finished dossier against its due time, for an open one against now."""
    if dossier.due_at is None:
        return Text("—", style="dim")
    if dossier.finished_at is not None:
        timeliness = states.timeliness(dossier.finished_at, dossier.due_at)
        style = "bold red" if timeliness is states.Timeliness.LATE else "bold green"
        return Text(timeliness.label, style=style)
    if Status(dossier.status) in states.TERMINAL:
        return Text("—", style="dim")
    if dossier.clock_stopped_at is not None:
        return Text(t("dossier.clock_stopped"), style="bold yellow")
    if now > dossier.due_at:
        return Text(fmt.overdue(dossier.due_at, now), style="bold red")
    if now.date() == dossier.due_at.date():
        return Text(t("dossier.due_today"), style="bold yellow")
    return Text(t("dossier.in_time"), style="bold green")


class DossierScreen(Digitises, ReportsWorkerErrors, Screen[None]):
    DEFAULT_CSS = """
    DossierScreen #dossier-title { height: auto; padding: 0 1; background: $boost; }
    DossierScreen #dossier-body { height: 1fr; }
    DossierScreen #dossier-top { height: auto; }
    DossierScreen #dossier-applicant, DossierScreen #dossier-progress { width: 1fr; height: auto; min-height: 10; }
    DossierScreen #dossier-docs-box, DossierScreen #dossier-timeline-box { height: auto; }
    DossierScreen #dossier-docs { height: auto; max-height: 10; }
    DossierScreen #dossier-timeline { height: auto; }
    DossierScreen #dossier-refused-box { height: auto; border: round $error; }
    DossierScreen #dossier-refused { height: auto; }
    DossierScreen #refused-explain { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("x", "process", t("key.process"), id="dossier.process"),
        Binding("b", "supplement", t("key.supplement_short"), id="dossier.supplement"),
        Binding("n", "supplement_received", t("key.supplement_received"), id="dossier.supplement_received"),
        Binding("g", "handover", t("key.handover"), id="dossier.handover"),
        Binding("k", "result_ready", t("key.result_ready"), id="dossier.result_ready"),
        Binding("l", "apologise", t("key.apologise"), id="dossier.apologise"),
        Binding("u", "withdraw", t("key.withdraw"), id="dossier.withdraw"),
        Binding("d", "stop", t("forms2025.key.stop"), id="dossier.stop"),
        Binding("t", "return", t("key.return_this"), id="dossier.return"),
        Binding("ctrl+r", "reprint", t("key.reprint"), id="dossier.reprint"),
        Binding("h", "recall_handover", t("leaving.key.recall"), id="dossier.recall_handover"),
        Binding("o", "note_sent_back", t("leaving.key.note_sent_back"), id="dossier.note_sent_back"),
        # the control sheet is in the help (F1), out of a footer that needs the room
        Binding("p", "control_sheet", t("reachable.key.control"), id="dossier.control_sheet", show=False),
        # the components' keys are under their table (the box's subtitle), out of a footer that needs the room
        Binding("s", "scan_component", t("files.key.scan"), id="dossier.scan", show=False),
        Binding("f", "import_component", t("files.key.import"), id="dossier.import", show=False),
        Binding("v", "view_component", t("files.key.view"), id="dossier.view", show=False),
        *quiet("f2", "f4", "f5", "f6", "f7"),
    ]

    @dataclass
    class Loaded(Message):
        detail: DossierDetail

    @dataclass
    class NotLoaded(Message):
        """The dossier could not be shown (a code nobody issued, or one outside the officer's unit: the
        same «not found»; a refusal, a store fault): one line, in the title and in a notice."""

        error: str

    @dataclass
    class Done(Message):
        note: str
        print_kind: str | None = None

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.detail: DossierDetail | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("dossier.loading", code=self.code)), id="dossier-title")
        with VerticalScroll(id="dossier-body"):
            with HorizontalGroup(id="dossier-top"):
                with VerticalGroup(id="dossier-applicant", classes="box") as box:
                    box.border_title = t("dossier.applicant")
                    yield Static("", id="applicant")
                with VerticalGroup(id="dossier-progress", classes="box") as box:
                    box.border_title = t("dossier.progress")
                    yield Static("", id="progress")
            with VerticalGroup(id="dossier-docs-box", classes="box") as box:
                box.border_title = t("dossier.documents")
                box.border_subtitle = t("layout.dossier_documents_keys")
                yield LiveTable(
                    [
                        ("no", t("col.no"), 3),
                        ("name", t("col.document"), 30),
                        ("copy_kind", t("col.copy_kind"), 14),
                        ("quantity", t("col.quantity"), 4),
                        ("state", t("col.state"), 12),
                        ("file", t("files.col.digitised"), 10),
                    ],
                    id="dossier-docs",
                )
            with VerticalGroup(id="dossier-refused-box", classes="box") as box:
                box.border_title = t("bounds.dossier.refused_title")
                box.display = False
                yield Static("", id="dossier-refused")
                yield Static("", id="refused-explain")
            with VerticalGroup(id="dossier-timeline-box", classes="box") as box:
                box.border_title = t("dossier.timeline")
                yield LiveTable(
                    [
                        ("when", t("col.when"), 16),
                        ("event", t("col.event"), 20),
                        ("who", t("col.who"), 14),
                        ("where", t("col.where"), 20),
                        ("note", t("col.note"), 12),
                    ],
                    id="dossier-timeline",
                )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="dossier", exit_on_error=False)
    def _load(self) -> None:
        from counter_app.locale import describe_error
        from counter_app.services import access
        from counter_app.services.errors import ServiceError
        from counter_app.services.redact import failure_kind
        from counter_app.services.storage_errors import translate

        app = self.counter_app
        try:
            detail = access.dossier_detail(
                app.store, app.officer, self.code, purpose=t("access.purpose.dossier")
            )
        except (
            Exception
        ) as exc:  # not found, forbidden, a store fault: the screen says it, never «loading» on
            error = translate(exc)
            if isinstance(error, ServiceError):
                message = describe_error(error)
            else:
                log.error("loading a dossier failed: %s", failure_kind(error))  # not the message: data
                message = t("error.unexpected", error=f"{type(error).__name__}: {error}")
            self.post_message(self.NotLoaded(one_line(message)))
            return
        self.post_message(self.Loaded(detail))

    def on_dossier_screen_not_loaded(self, message: NotLoaded) -> None:
        self.query_one("#dossier-title", Static).update(Text(message.error, style="bold red"))
        self.app.notify(message.error, severity="error")

    def on_dossier_screen_loaded(self, message: Loaded) -> None:
        self.detail = detail = message.detail
        dossier, procedure = detail.dossier, detail.procedure
        now = self.counter_app.now()
        status = Status(dossier.status)
        title = Text(t("dossier.title", code=dossier.code), style="bold")
        title.append("   " + status.label, style="bold reverse")
        title.append("   " + procedure.name, style="bold")
        self.query_one("#dossier-title", Static).update(title)

        applicant = Text()
        applicant.append(dossier.applicant_name + "\n", style="bold")
        if dossier.applicant_cccd:
            applicant.append(t("citizen.cccd", cccd=dossier.applicant_cccd) + "\n")
        applicant.append(t("citizen.address", address=dossier.applicant_address or "—") + "\n")
        if dossier.applicant_phone:
            applicant.append(t("citizen.phone", phone=dossier.applicant_phone) + "\n")
        applicant.append(t("dossier.channel", channel=states.Channel(dossier.channel).label) + "\n")
        applicant.append(t("dossier.return_method", method=t(f"return_method.{dossier.return_method}")))
        if dossier.return_address:
            applicant.append("\n" + t("dossier.return_address", address=dossier.return_address))
        if dossier.satisfaction:
            applicant.append(
                "\n" + t("dossier.satisfaction", level=t(f"satisfaction.{dossier.satisfaction}"))
            )
        elif dossier.satisfaction_by == "not_rated":
            applicant.append("\n" + t("event.not_rated"), style="dim")
        self.query_one("#applicant", Static).update(applicant)

        unit_name = self._unit_name
        progress = Text()
        progress.append(
            t("dossier.procedure_line", code=procedure.code, time=fmt.processing_time(dossier.working_days))
            + "\n"
        )
        from counter_app.screens import online_review  # an online dossier not yet taken in: no «— tại …»

        if online_review.never_received(dossier):
            received_line, due_line = online_review.progress_lines(self.counter_app.store, dossier, now)
        else:
            received_line = Text(
                t(
                    "dossier.received_line",
                    when=fmt.moment(dossier.received_at),
                    unit=unit_name(dossier.received_unit_id),
                )
            )
            if dossier.due_at is None:  # refused at the counter: never taken in, so it never had a due date
                due_line = Text(t("online_review.due_none"))
            else:
                due_line = Text(t("dossier.due_line", due=fmt.long_moment(dossier.due_at)) + "  ")
                due_line.append_text(timeliness_text(dossier, now))
        progress.append_text(received_line + "\n")
        progress.append(
            t("dossier.custodian", unit=unit_name(dossier.custodian_unit_id)) + "\n", style="bold"
        )
        progress.append_text(due_line)
        if dossier.original_due_at and dossier.due_at and dossier.original_due_at != dossier.due_at:
            progress.append(
                "\n" + t("dossier.original_due", due=fmt.moment(dossier.original_due_at)), style="dim"
            )
        if dossier.finished_at:
            progress.append("\n" + t("dossier.finished", when=fmt.moment(dossier.finished_at)))
        if dossier.posted_at and dossier.status == Status.RESULT_READY:
            progress.append(
                "\n"
                + t("leaving.post.posted_line", item=dossier.post_item_code, day=fmt.day(dossier.posted_at)),
                style="bold",
            )
        if dossier.returned_at:
            progress.append("\n" + t("dossier.returned", when=fmt.moment(dossier.returned_at)))
        if dossier.fee:
            progress.append("\n" + t("dossier.fee", fee=online_review.fee_text(dossier)))
        else:
            progress.append("\n" + t("dossier.no_fee"))
        pending = [h for h in detail.handovers if h.state == "sent"]
        if pending:
            progress.append(
                "\n" + t("dossier.handover_pending", unit=unit_name(pending[0].to_unit_id)),
                style="bold yellow",
            )
        sent_back = _sent_back(detail, self.counter_app.officer.unit_id)
        if sent_back is not None:
            progress.append(
                "\n"
                + t(
                    "bounds.dossier.handover_returned",
                    unit=unit_name(sent_back.to_unit_id),
                    when=fmt.moment(sent_back.answered_at),
                    reason=sent_back.answer_reason or fmt.NONE,
                )
                + " "
                + t("leaving.sent_back.hint"),
                style="bold red",
            )
        if dossier.needs_attention:
            progress.append(
                "\n" + t("bounds.dossier.needs_attention", note=_attention_note(dossier.needs_attention)),
                style="bold red",
            )
        self.query_one("#progress", Static).update(progress)
        self._show_refused(detail)

        docs: list[Row] = []
        for index, doc in enumerate(detail.documents, start=1):
            if doc.reused:
                state = Text(t("doc.reused"), style="cyan")
            elif doc.received:
                state = Text(t("doc.received"), style="green")
            else:
                state = Text(t("doc.missing"), style="bold red")
            file = FileRef.from_columns(doc.file_hash, doc.file_size, doc.file_pages)
            cells = [str(index), doc.name, t(f"copy_kind.{doc.copy_kind}"), str(doc.quantity), state]
            docs.append((str(index), [*cells, file_cell(file)]))
        if Status(dossier.status) in RESULT_STATUSES:
            result = FileRef.from_columns(
                dossier.result_file_hash, dossier.result_file_size, dossier.result_file_pages
            )
            cells = ["", Text(t("files.result_row"), style="bold"), "", "", ""]
            docs.append((RESULT_ROW, [*cells, file_cell(result)]))
        self.query_one("#dossier-docs", LiveTable).show(docs)
        timeline: list[Row] = []
        for event in detail.events:
            label = t(f"event.{event.type}") if has(f"event.{event.type}") else event.type
            where = unit_name(event.unit_id)
            if event.counter_id and "#" in event.counter_id:
                where += " · " + t("status.counter", number=event.counter_id.rsplit("#", 1)[1])
            cells = [
                fmt.moment(event.device_time),
                label,
                event.officer_name or fmt.NONE,
                where,
                _event_note(event.payload),
            ]
            timeline.append((event.id, cells))
        self.query_one("#dossier-timeline", LiveTable).show(timeline)
        self.refresh_bindings()

    def _show_refused(self, detail: DossierDetail) -> None:
        """The events of this dossier the central store refused (what, when, who, why), and what to do about a
        refused withdrawal: who must record it now."""
        box = self.query_one("#dossier-refused-box")
        box.display = bool(detail.rejected)
        if not detail.rejected:
            return
        box.border_subtitle = t("bounds.dossier.refused_count", count=len(detail.rejected))
        lines = Text()
        for index, refused in enumerate(detail.rejected):
            label = t(f"event.{refused.type}") if has(f"event.{refused.type}") else refused.type
            if index:
                lines.append("\n")
            lines.append(
                t(
                    "bounds.dossier.refused_what",
                    when=fmt.moment(refused.recorded_at),
                    what=label,
                    who=refused.officer_name or fmt.NONE,
                )
                + "\n",
                style="bold",
            )
            lines.append(t("bounds.dossier.refused_why", at=fmt.moment(refused.at), reason=refused.reason))
        self.query_one("#dossier-refused", Static).update(lines)
        explain = self.query_one("#refused-explain", Static)
        if any(r.type == "withdrawn" for r in detail.rejected):
            custodian = detail.dossier.custodian_unit_id
            own = custodian == self.counter_app.officer.unit_id
            key = "bounds.dossier.withdraw_refused_own" if own else "bounds.dossier.withdraw_refused_other"
            explain.update(Text(t(key, unit=self._unit_name(custodian)), style="bold"))
            explain.display = True
        else:
            explain.display = False

    def _unit_name(self, unit_id: str | None) -> str:
        if not unit_id or self.detail is None:
            return "—"
        unit = self.detail.units.get(unit_id)
        return unit.name if unit is not None else unit_id

    # --- which actions ------------------------------------------------------------------------------

    def _may_act(self) -> bool:
        return (
            self.detail is not None
            and self.detail.dossier.custodian_unit_id == self.counter_app.officer.unit_id
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.detail is None:
            return action not in {b.action for b in self.BINDINGS if isinstance(b, Binding)}
        dossier = self.detail.dossier
        status = Status(dossier.status)
        pending = any(h.state == "sent" for h in self.detail.handovers)
        if action == "process":
            return self._may_act() and states.can_transition(status, Status.PROCESSING)
        if action == "supplement":
            return self._may_act() and states.can_transition(status, Status.SUPPLEMENT_REQUESTED)
        if action == "supplement_received":
            return self._may_act() and status == Status.SUPPLEMENT_REQUESTED
        if action == "handover":
            return self._may_act() and status in HANDOVER_STATUSES and not pending
        if action == "result_ready":
            return self._may_act() and states.can_transition(status, Status.RESULT_READY)
        if action == "apologise":
            return (
                self._may_act()
                and status in states.OPEN
                and status != Status.RESULT_READY
                and dossier.due_at is not None
            )
        if action == "withdraw":
            return self._may_act() and states.can_transition(status, Status.WITHDRAWN)
        if action == "recall_handover":
            return self._may_act() and any(
                h.state == "sent" and h.from_unit_id == dossier.custodian_unit_id
                for h in self.detail.handovers
            )
        if action == "note_sent_back":
            return _sent_back(self.detail, self.counter_app.officer.unit_id) is not None
        if action == "stop":
            return self._may_act() and status in workflow.STOPPABLE and not pending
        if action == "return":
            return status == Status.RESULT_READY and self.counter_app.officer.unit_id in (
                dossier.custodian_unit_id,
                dossier.return_unit_id,
            )
        if action == "reprint":
            return reprint_kind(status) is not None
        if action == "control_sheet":  # none for a dossier refused, or online and not taken in
            return has_control_sheet(dossier)
        if action in ("scan_component", "import_component"):
            return self._may_digitise(status)
        return True

    def _may_digitise(self, status: Status) -> bool:
        """Components while the dossier is open, by its holder; the result once it exists, by its holder or
        its return point (``services.dossier_files``)."""
        assert self.detail is not None
        dossier = self.detail.dossier
        if status in RESULT_STATUSES:
            return self.counter_app.officer.unit_id in (dossier.custodian_unit_id, dossier.return_unit_id)
        return self._may_act() and status in dossier_files.OPEN_STATUSES

    # --- actions ------------------------------------------------------------------------------------

    def action_process(self) -> None:
        self._act(
            "process", lambda store, actor, now: workflow.start_processing(store, actor, self.code, now=now)
        )

    def action_result_ready(self) -> None:
        self._act(
            "result_ready",
            lambda store, actor, now: workflow.mark_result_ready(store, actor, self.code, now=now),
        )

    def action_supplement_received(self) -> None:
        self._act(
            "supplement_received",
            lambda store, actor, now: intake.supplement_received(store, actor, self.code, now=now),
            print_kind="receipt",
        )

    def action_supplement(self) -> None:
        from counter_app.screens.dialogs import SupplementAnswer, SupplementDialog

        detail = self._detail()
        by_name = {d.name: d for d in detail.documents}

        def answered(answer: SupplementAnswer | None) -> None:
            if answer is None:
                return
            missing = [DocumentChoice(n, by_name[n].copy_kind, by_name[n].quantity) for n in answer.missing]
            self._act(
                "supplement",
                lambda store, actor, now: intake.request_supplement(
                    store, actor, self.code, missing, answer.reason, now=now
                ),
                print_kind="supplement",
            )

        dialog = SupplementDialog(
            list(by_name),
            [d.name for d in detail.documents if not d.received],
            suggestions=[t("reason.supplement.1"), t("reason.supplement.2")],
        )
        self.app.push_screen(dialog, answered)

    def action_handover(self) -> None:
        from counter_app.screens.dialogs import HandoverAnswer, HandoverDialog

        documents = [d.name for d in self._detail().documents]

        def answered(answer: HandoverAnswer | None) -> None:
            if answer is not None:
                self._act(
                    "handover",
                    lambda store, actor, now: handover.send(
                        store, actor, self.code, answer.unit_id, answer.reason, documents, now=now
                    ),
                    unit_name=answer.unit_name,
                )

        self.app.push_screen(HandoverDialog(suggestions=[t("reason.handover.1")]), answered)

    def action_recall_handover(self) -> None:
        """h: take back the handover the other unit has not answered yet, with a reason (``handover.recall``)."""
        from counter_app.screens.dialogs import ReasonDialog

        pending = [h for h in self._detail().handovers if h.state == "sent"]
        if not pending:
            return
        unit_name = self._unit_name(pending[0].to_unit_id)

        def answered(reason: str | None) -> None:
            if reason:
                self._act(
                    "recall",
                    lambda store, actor, now: handover.recall(store, actor, self.code, reason, now=now),
                    unit_name=unit_name,
                )

        dialog = ReasonDialog(
            t("leaving.recall.title"),
            t("leaving.recall.prompt", code=self.code, unit=unit_name),
            suggestions=[t("leaving.recall.suggestion")],
        )
        self.app.push_screen(dialog, answered)

    def action_note_sent_back(self) -> None:
        """o: the officer has seen that the other unit sent the handover back; the flag goes."""
        self._act(
            "note_sent_back",
            lambda store, actor, now: handover.note_sent_back(store, actor, self.code, now=now),
        )

    def action_apologise(self) -> None:
        from counter_app.screens.apology_flow import write_apology

        app, dossier = self.counter_app, self._detail().dossier
        write_apology(
            self,
            app.store,
            app.officer,
            code=dossier.code,
            applicant=dossier.applicant_name,
            due_at=dossier.due_at,
            now=app.now(),
            on_done=self.reload,
        )

    def action_withdraw(self) -> None:
        from counter_app.screens.dialogs import ReasonDialog

        def answered(reason: str | None) -> None:
            if reason:
                self._act(
                    "withdraw",
                    lambda store, actor, now: workflow.withdraw(store, actor, self.code, reason, now=now),
                )

        dialog = ReasonDialog(
            t("withdraw.title"), t("withdraw.prompt", code=self.code), suggestions=[t("reason.withdraw.1")]
        )
        self.app.push_screen(dialog, answered)

    def action_stop(self) -> None:
        from counter_app.screens.stop_flow import stop_dossier

        app = self.counter_app
        stop_dossier(
            self,
            app.store,
            app.officer,
            code=self._detail().dossier.code,
            now=app.now(),
            on_done=self._stopped,
        )

    def _stopped(self) -> None:
        self.counter_app.refresh_store_state()
        self.reload()

    def action_return(self) -> None:
        self.counter_app.action_return_result(self.code)

    # --- digitising (screens.digitise) ----------------------------------------------------------------

    def action_scan_component(self) -> None:
        self.start_scan()

    def action_import_component(self) -> None:
        self.start_import()

    def action_view_component(self) -> None:
        """The highlighted component's (or the result's) file, read through the dossier's access rules."""
        from counter_app.screens.document_viewer import DocumentViewer

        detail = self._detail()
        key = self.query_one("#dossier-docs", LiveTable).current_key
        dossier = detail.dossier
        if key == RESULT_ROW:
            sha256, title = dossier.result_file_hash, t("files.result_row")
        elif key is not None and key.isdigit():
            doc = detail.documents[int(key) - 1]
            sha256, title = doc.file_hash, doc.name
        else:
            sha256, title = "", ""
        if not sha256:
            self.counter_app.notify(t("files.nothing_to_view"), severity="warning")
            return
        app, code = self.counter_app, self.code

        def load() -> bytes:
            from counter_app.services.document_files import read_for_view

            if app.store.settings.files is not None and not dossier_files.files_of(app.store).has(sha256):
                # a dossier handed over from another unit: its files come from the object store on first view
                from counter_app.sync.file_push import fetch_dossier_file

                fetch_dossier_file(app.store, app.officer, sha256, dossier_code=code)
            return read_for_view(app.store, app.officer, sha256=sha256, dossier_code=code)

        app.push_screen(DocumentViewer(title, load))

    async def action_back(self) -> None:
        """Esc stops a scan under way; otherwise it leaves the screen as everywhere else."""
        if not self.cancel_capture():
            await self.counter_app.action_back()

    def capture_target(self) -> tuple[int, str] | None:
        """The highlighted row: a component (its position) or the result (position 0)."""
        detail = self._detail()
        key = self.query_one("#dossier-docs", LiveTable).current_key
        if key == RESULT_ROW:
            return 0, t("files.result_row")
        if key is None or not key.isdigit():
            self.counter_app.notify(t("files.no_row"), severity="warning")
            return None
        position = int(key)
        if Status(detail.dossier.status) in RESULT_STATUSES:
            self.counter_app.notify(t("files.dossier_closed", code=self.code), severity="warning")
            return None
        return position, detail.documents[position - 1].name

    def capture_done(self, index: int, file: FileRef) -> None:
        if index == 0:
            self._act(
                "result_digitised",
                lambda store, actor, now: dossier_files.digitise_result(
                    store, actor, self.code, file, now=now
                ),
            )
        else:
            self._act(
                "document_digitised",
                lambda store, actor, now: dossier_files.attach_component_file(
                    store, actor, self.code, index, file, now=now
                ),
            )

    def action_reprint(self) -> None:
        """Ctrl+R: the document the dossier's state calls for, as it was issued (``services.printouts``)."""
        kind = reprint_kind(self._detail().dossier.status)
        if kind is None:
            return
        self.app.notify(t("print.printing"))
        self.counter_app.reprint(self.code, kind)

    def action_control_sheet(self) -> None:
        """P: the processing control sheet (Mẫu 06 of Circular 03/2025/TT-VPCP) of this dossier, as it stands."""
        self.app.notify(t("print.printing"))
        self.counter_app.print_form(self.code, "control")

    def _detail(self) -> DossierDetail:
        if self.detail is None:
            raise RuntimeError("the dossier is not loaded yet")
        return self.detail

    def _act(
        self,
        kind: str,
        act: Callable[[Store, Actor, datetime], object],
        *,
        print_kind: str | None = None,
        unit_name: str = "",
    ) -> None:
        """Run ``act`` (one service call) in a worker; then say it is done, reload, and print ``print_kind``."""

        def run() -> None:
            app = self.counter_app
            act(app.store, app.officer, app.now())
            self.post_message(
                self.Done(t(f"dossier.done.{kind}", code=self.code, unit=unit_name), print_kind)
            )

        self.run_worker(run, thread=True, exclusive=True, group="dossier-action", exit_on_error=False)

    def on_dossier_screen_done(self, message: Done) -> None:
        self.app.notify(message.note)
        self.counter_app.refresh_store_state()
        self.reload()
        if message.print_kind:
            self.counter_app.print_form(self.code, message.print_kind)


def _attention_note(note: str) -> str:
    """``needs_attention`` as the officer reads it: the sync writes ``<event type>: <reason>`` for a refused
    event, whose type is said in Vietnamese here."""
    kind, sep, reason = note.partition(": ")
    if sep and has(f"event.{kind}"):
        return f"{t(f'event.{kind}')}: {reason}"
    return note


def _sent_back(detail: DossierDetail, unit_id: str) -> HandoverView | None:
    """The unit's last handover of this dossier, when the receiving unit sent it back, the dossier is still
    open in the unit's hands, and the unit has neither noted it nor acted on it since
    (:func:`counter_app.domain.custody.sent_back_open`)."""
    dossier = detail.dossier
    if (
        not detail.handovers
        or dossier.custodian_unit_id != unit_id
        or Status(dossier.status) not in states.OPEN
    ):
        return None
    last = detail.handovers[-1]
    if last.state != "returned" or last.from_unit_id != unit_id:
        return None
    return last if sent_back_open(last.id, ((e.type, e.payload) for e in detail.events)) else None


def _event_note(payload: Mapping[str, Any]) -> str:
    if not payload:
        return ""
    if "reason" in payload:
        return str(payload["reason"])
    handover = payload.get("handover") or {}
    if handover.get("answer_reason"):
        return str(handover["answer_reason"])
    if handover.get("reason"):
        return str(handover["reason"])
    rating = (payload.get("set") or {}).get("satisfaction")
    if rating:
        return t(f"satisfaction.{rating}")
    if payload.get("receiver_name"):
        return t("dossier.receiver", name=payload["receiver_name"])
    return ""
