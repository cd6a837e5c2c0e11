"""Find (F4): citizens by CCCD or name (accents ignored, as you type) and dossiers by code."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from counter_app.domain.states import Status
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.screens.keys import quiet
from counter_app.services.dashboard import DossierRow
from counter_app.services.views import CitizenView
from counter_app.widgets.live_table import LiveTable
from counter_app.widgets.status_bar import StatusBar
from counter_app.widgets.vn_input import VnInput


class FindScreen(CounterAppAccess, ReportsWorkerErrors, Screen[None]):
    DEFAULT_CSS = """
    FindScreen #find-title { height: 1; padding: 0 1; background: $boost; }
    FindScreen #find-box { height: auto; }
    FindScreen #find-main { height: 1fr; }
    FindScreen #find-citizens-box { width: 56; height: 100%; }
    FindScreen #find-dossiers-box { width: 1fr; height: 100%; }
    FindScreen DataTable { height: 1fr; }
    /* under 120 columns the citizens found and their dossiers stack */
    FindScreen.-narrow #find-main { layout: vertical; }
    FindScreen.-narrow #find-citizens-box, FindScreen.-narrow #find-dossiers-box { width: 100%; height: 1fr; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("f3", "intake_for_citizen", t("key.intake_for_citizen"), id="find.intake"),
        Binding("down", "focus_results", show=False, id="find.down"),
        *quiet("f5", "f6", "f7"),
    ]

    @dataclass
    class Found(Message):
        query: str
        citizens: list[CitizenView]
        dossiers: list[DossierRow]

    @dataclass
    class CitizenDossiers(Message):
        citizen_id: str
        dossiers: list[DossierRow]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial_query = query
        self.citizens: dict[str, CitizenView] = {}

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("find.title"), style="bold"), id="find-title")
        with VerticalGroup(id="find-box", classes="box") as box:
            box.border_title = t("find.search")
            yield VnInput(id="find-input", value=self.initial_query, placeholder=t("find.hint"))
        with HorizontalGroup(id="find-main"):
            with VerticalGroup(id="find-citizens-box", classes="box") as box:
                box.border_title = t("find.citizens")
                yield LiveTable(
                    [("name", t("col.name"), 24), ("cccd", t("col.cccd"), 12), ("birth", t("col.birth"), 10)],
                    id="find-citizens",
                )
            with VerticalGroup(id="find-dossiers-box", classes="box") as box:
                box.border_title = t("find.dossiers")
                yield LiveTable(
                    [
                        ("code", t("col.code"), 26),
                        ("applicant", t("col.applicant"), 16),
                        ("procedure", t("col.procedure"), 18),
                        ("status", t("col.status"), 15),
                    ],
                    id="find-dossiers",
                )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#find-input", Input).focus()
        if self.initial_query:
            self._search(self.initial_query)

    @on(Input.Changed, "#find-input")
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted, "#find-input")
    def _entered(self) -> None:
        self.action_focus_results()

    def action_focus_results(self) -> None:
        for selector in ("#find-citizens", "#find-dossiers"):
            table = self.query_one(selector, DataTable)
            if table.row_count:
                table.focus()
                return

    @work(thread=True, exclusive=True, group="find", exit_on_error=False)
    def _search(self, text: str) -> None:
        from counter_app.services import citizens as citizen_service
        from counter_app.services import dashboard

        store, unit_id = self.counter_app.store, self.counter_app.officer.unit_id
        text = text.strip()
        citizens: list[CitizenView] = []
        dossiers: list[DossierRow] = []
        if text:
            citizens = citizen_service.find(store, text, limit=30)
            dossiers = dashboard.find_dossiers(store, text, unit_id=unit_id)
            if len(citizens) == 1 and not dossiers:
                dossiers = dashboard.citizen_dossiers(
                    store, citizens[0].id, citizens[0].cccd, unit_id=unit_id
                )
        self.post_message(self.Found(text, citizens, dossiers))

    def on_find_screen_found(self, message: Found) -> None:
        if message.query != self.query_one("#find-input", Input).value.strip():
            return
        self.citizens = {c.id: c for c in message.citizens}
        self.query_one("#find-citizens", LiveTable).show(
            (c.id, [c.full_name, c.cccd, fmt.day(c.birth_date)]) for c in message.citizens
        )
        self._fill_dossiers(message.dossiers)
        box = self.query_one("#find-citizens-box")
        box.border_subtitle = t("home.count", count=len(message.citizens)) if message.query else ""

    def _fill_dossiers(self, rows: list[DossierRow]) -> None:
        self.query_one("#find-dossiers", LiveTable).show(
            (
                r.code,
                [r.code, r.applicant_name, fmt.procedure_short(r.procedure_name), Status(r.status).label],
            )
            for r in rows
        )

    @on(DataTable.RowHighlighted, "#find-citizens")
    def _citizen_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value in self.citizens:
            citizen = self.citizens[event.row_key.value]
            self._load_dossiers(citizen.id, citizen.cccd)

    @work(thread=True, exclusive=True, group="find-dossiers", exit_on_error=False)
    def _load_dossiers(self, citizen_id: str, cccd: str) -> None:
        from counter_app.services import citizens, dashboard

        app = self.counter_app
        dossiers = dashboard.citizen_dossiers(app.store, citizen_id, cccd, unit_id=app.officer.unit_id)
        citizens.log_view(app.store, app.officer, citizen_id, purpose=t("access.purpose.find"), now=app.now())
        self.post_message(self.CitizenDossiers(citizen_id, dossiers))

    def on_find_screen_citizen_dossiers(self, message: CitizenDossiers) -> None:
        if self.query_one("#find-citizens", LiveTable).current_key == message.citizen_id:
            self._fill_dossiers(message.dossiers)

    @on(DataTable.RowSelected, "#find-citizens")
    def _citizen_selected(self) -> None:
        dossiers = self.query_one("#find-dossiers", DataTable)
        if dossiers.row_count:
            dossiers.focus()
        else:
            self.action_intake_for_citizen()

    @on(DataTable.RowSelected, "#find-dossiers")
    def _dossier_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.counter_app.open_dossier(event.row_key.value)

    def _highlighted_citizen(self) -> CitizenView | None:
        key = self.query_one("#find-citizens", LiveTable).current_key
        return self.citizens.get(key) if key else None

    def action_intake_for_citizen(self) -> None:
        citizen = self._highlighted_citizen()
        if citizen is None:
            self.counter_app.action_new_intake()
        else:
            self.counter_app.action_new_intake(citizen_id=citizen.id)
