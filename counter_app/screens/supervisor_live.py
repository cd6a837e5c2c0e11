"""The live supervisor screen: queue and counters, overdue (red) and close-to-due (amber) dossiers, online
dossiers' 8-hour reception clock, handovers not yet accepted, the indicators of a chosen period with an
8-week sparkline each, and a table per officer.

It refreshes itself without blocking input: one worker thread reads everything
(:func:`counter_app.services.indicators.snapshot.supervisor_snapshot`), each table is updated by a keyed
diff (:class:`~counter_app.widgets.live_table.LiveTable`, rows built by :mod:`.supervisor_rows`) inside one
batch update, and the next refresh is scheduled with ``set_timer`` when the previous one is done —
skipped while a dialog or another screen covers this one.  The 8-week trend is read again once a minute
(Ctrl+R reads everything at once).  H / T / N switch the indicators to today / this month / this year.
Enter on a dossier opens it (the ``open_dossier`` callback, else the app's ``open_dossier``; an
:class:`SupervisorScreen.OpenDossier` message is posted too); L on an overdue dossier writes the apology
letter (Mẫu 04) with a new due date and prints it, through the same dialog and service as the dossier
screen (:mod:`.apology_flow`).
"""

from __future__ import annotations

import logging
import time as time_module
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from counter_app.locale import describe_error, t
from counter_app.locale import formats as fmt
from counter_app.screens import supervisor_rows as rows
from counter_app.screens.base import RefreshesItself, ReportsWorkerErrors
from counter_app.screens.keys import quiet
from counter_app.services import printouts
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.dashboard import RefusedEvents, refused_events
from counter_app.services.indicators.figures import WeekFigures
from counter_app.services.indicators.lists import DossierItem
from counter_app.services.indicators.snapshot import SupervisorSnapshot, supervisor_snapshot
from counter_app.widgets.live_table import LiveTable
from counter_app.widgets.status_bar import StatusBar

log = logging.getLogger("counter_app.tui")

REFRESH_EVERY_S = 5.0
#: the 8-week trend changes slowly: it is read again at most this often (Ctrl+R reads everything now)
WEEKLY_EVERY_S = 60.0
WEEKS = 8


DOSSIER_TABLES = ("live-attention", "live-online", "live-handovers", "live-refused")


class SupervisorScreen(RefreshesItself, ReportsWorkerErrors, Screen[None]):
    """The supervisor's live screen for ``actor``'s unit (or ``unit_id``)."""

    DEFAULT_CSS = """
    SupervisorScreen #live-header { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    SupervisorScreen #live-main { layout: horizontal; height: 1fr; }
    SupervisorScreen #live-left { layout: vertical; width: 62; height: 100%; }
    SupervisorScreen #live-right { layout: vertical; width: 1fr; height: 100%; }
    SupervisorScreen #live-queue-box { height: 8; }
    SupervisorScreen #live-counters-box { height: 7; }
    SupervisorScreen #live-indicators-box { height: 17; }
    SupervisorScreen #live-officers-box { height: 1fr; }
    SupervisorScreen #live-attention-box { height: 1fr; }
    SupervisorScreen #live-online-box { height: 9; }
    SupervisorScreen #live-handovers-box { height: 8; }
    SupervisorScreen #live-refused-box { height: 7; border: round $error; }
    SupervisorScreen LiveTable { height: 1fr; }
    /* under 120 columns the two columns of boxes stack, and the screen scrolls with the focus */
    SupervisorScreen.-narrow #live-main { layout: vertical; overflow-y: auto; }
    SupervisorScreen.-narrow #live-left, SupervisorScreen.-narrow #live-right { width: 100%; height: auto; }
    SupervisorScreen.-narrow #live-officers-box { height: 8; }
    SupervisorScreen.-narrow #live-attention-box { height: 14; }
    """
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("h", "period('today')", t("live.key.today"), id="supervisor.today"),
        Binding("t", "period('month')", t("live.key.month"), id="supervisor.month"),
        Binding("n", "period('year')", t("live.key.year"), id="supervisor.year"),
        Binding("l", "apology", t("live.key.apology"), id="supervisor.apology"),
        Binding("enter", "open_selected", t("live.key.open"), id="supervisor.open"),
        Binding("s", "print_ledger", t("reachable.key.ledger"), id="supervisor.ledger"),
        Binding("d", "print_catalogue", t("reachable.key.catalogue"), id="supervisor.catalogue"),
        Binding("ctrl+r", "refresh_now", t("live.key.refresh"), id="supervisor.refresh"),
        Binding("tab", "app.focus_next", t("live.key.next_table"), id="supervisor.next_table", show=False),
        # the counter app's keys still work here, out of the footer so that the screen's own keys fit
        *quiet("f2", "f3", "f5", "f6"),
    ]

    @dataclass
    class Loaded(Message):
        snapshot: SupervisorSnapshot
        #: events of the unit's counters the central store refused (None: not read)
        refused: RefusedEvents | None = None

    @dataclass
    class Failed(Message):
        error: str
        at: datetime

    @dataclass
    class OpenDossier(Message):
        """Posted (it bubbles to the app) when the supervisor opens a dossier with Enter."""

        code: str

    def __init__(
        self,
        store: Store,
        actor: Actor,
        *,
        open_dossier: Callable[[str], None] | None = None,
        clock: Callable[[], datetime] | None = None,
        unit_id: str | None = None,
        refresh_every: float = REFRESH_EVERY_S,
        period: str = "today",
        weeks: int = WEEKS,
    ) -> None:
        super().__init__()
        self.store = store
        self.actor = actor
        self.open_dossier = open_dossier
        self.clock = clock
        self.unit_id = unit_id or actor.unit_id
        self.refresh_every = refresh_every
        self.period = period
        self.weeks = weeks
        self.snapshot: SupervisorSnapshot | None = None
        #: the refused events last read (the red box below the handovers)
        self.refused: RefusedEvents | None = None
        #: refreshes applied so far (tests wait on it)
        self.refreshes = 0
        self._items: dict[str, DossierItem] = {}
        self._weekly: tuple[float, list[WeekFigures]] | None = None  # (monotonic time read, series)

    # --- layout ----------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("live.loading")), id="live-header")
        with Container(id="live-main"):
            with Container(id="live-left"):
                yield self._box("live-queue", t("live.queue"), rows.queue_columns())
                yield self._box("live-counters", t("live.counters"), rows.counter_columns())
                yield self._box("live-indicators", t("live.indicators", period=""), rows.indicator_columns())
                yield self._box("live-officers", t("live.officers"), rows.officer_columns())
            with Container(id="live-right"):
                yield self._box("live-attention", t("live.attention"), rows.attention_columns())
                yield self._box("live-online", t("live.online"), rows.online_columns())
                yield self._box("live-handovers", t("live.handovers"), rows.handover_columns())
                refused = self._box("live-refused", t("bounds.live.refused"), rows.refused_columns())
                refused.display = False
                yield refused
        yield Footer(compact=True)

    @staticmethod
    def _box(name: str, title: str, columns: rows.Columns) -> Container:
        box = Container(LiveTable(columns, id=name), id=f"{name}-box", classes="box")
        box.border_title = title
        return box

    def on_mount(self) -> None:
        attention = self.query_one("#live-attention", LiveTable)
        attention.focus()
        # stacked on a narrow screen, the overdue dossiers are below the queue: show them
        box = self.query_one("#live-attention-box")
        self.call_after_refresh(box.scroll_visible, top=True, animate=False)
        self.refresh_now()

    # --- refresh loop ---------------------------------------------------------------------------------------

    def now(self) -> datetime:
        if self.clock is not None:
            return self.clock()
        app_now = getattr(self.app, "now", None)
        return app_now() if callable(app_now) else local_now()

    def refresh_now(self, *, everything: bool = False) -> None:
        """Read the store now (the pending timer, if any, is dropped); ``everything`` reads the trend too."""
        if everything:
            self._weekly = None
        super().refresh_now()

    def _may_refresh(self) -> bool:
        return self.app.screen is self  # a dialog or another screen is on top: look again later

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.refreshes:
            self.refresh_now()

    @work(thread=True, exclusive=True, group="supervisor-live", exit_on_error=False)
    def _load(self) -> None:
        now = self.now()
        cached = self._weekly
        weekly = cached[1] if cached and time_module.monotonic() - cached[0] < WEEKLY_EVERY_S else None
        try:
            snapshot = supervisor_snapshot(
                self.store,
                now,
                self.unit_id,
                actor=self.actor,
                period=self.period,
                weeks=self.weeks,
                weekly=weekly,
            )
            refused = refused_events(self.store, self.unit_id)
        except Exception as exc:  # the screen keeps the last figures and says why they are stale
            log.warning("supervisor refresh failed: %s", exc)
            self.post_message(self.Failed(describe_error(exc), now))
            return
        self.post_message(self.Loaded(snapshot, refused))

    def on_supervisor_screen_loaded(self, message: Loaded) -> None:
        snapshot = message.snapshot
        if snapshot.period.kind != self.period:  # a period switched while this one was being read
            return
        self.snapshot = snapshot
        if self._weekly is None or self._weekly[1] is not snapshot.weekly:
            self._weekly = (time_module.monotonic(), snapshot.weekly)
        with self.app.batch_update():
            self._show(snapshot)
            if message.refused is not None:
                self._show_refused(message.refused)
        self.refreshes += 1
        self._schedule()

    def on_supervisor_screen_failed(self, message: Failed) -> None:
        header = self.query_one("#live-header", Static)
        header.update(
            Text(
                t("live.stale", time=fmt.clock(message.at, seconds=True), error=message.error),
                style="bold red",
            )
        )
        self._schedule()

    # --- showing a snapshot ------------------------------------------------------------------------------------

    def _table(self, name: str) -> LiveTable:
        return self.query_one(f"#{name}", LiveTable)

    def _show(self, s: SupervisorSnapshot) -> None:
        header = Text()
        header.append(t("live.title"), style="bold")
        header.append(f"  ·  {s.period.label}  ·  ")
        header.append(t("live.updated", time=fmt.clock(s.now, seconds=True)), style="dim")
        self.query_one("#live-header", Static).update(header)
        self.query_one("#live-indicators-box").border_title = t("live.indicators", period=s.period.label)
        per_day = self.store.calendar.hours_per_day
        self._items = {item.code: item for item in s.attention}
        self._table("live-queue").show(rows.queue_rows(s.queue))
        self._table("live-counters").show(rows.counter_rows(s.queue))
        self._table("live-indicators").show(rows.indicator_rows(s))
        self._table("live-officers").show(rows.officer_rows(s.figures.officers))
        self._table("live-attention").show(rows.attention_rows(s, per_day))
        self._table("live-online").show(rows.online_rows(s, per_day))
        self._table("live-handovers").show(rows.handover_rows(s))
        overdue = len(s.overdue)
        self.query_one("#live-queue-box").border_subtitle = t("board.waiting") + f": {s.queue.waiting}"
        self.query_one("#live-attention-box").border_subtitle = t(
            "live.attention_count", overdue=overdue, close=len(s.attention) - overdue
        )
        self.query_one("#live-online-box").border_subtitle = t("live.count", count=len(s.online))
        self.query_one("#live-handovers-box").border_subtitle = t("live.count", count=len(s.handovers))

    def _show_refused(self, refused: RefusedEvents) -> None:
        """The dossiers with events the central store refused: shown only when there are some."""
        box = self.query_one("#live-refused-box")
        box.display = refused.count > 0
        self.refused = refused
        self._table("live-refused").show(rows.refused_rows(refused))
        box.border_subtitle = t("bounds.live.refused_count", count=refused.count, dossiers=refused.dossiers)

    # --- actions --------------------------------------------------------------------------------------------------

    def action_period(self, kind: str) -> None:
        if kind == self.period:
            return
        self.period = kind
        self.refresh_now()

    def action_refresh_now(self) -> None:
        self.refresh_now(everything=True)

    def _selected(self, table_id: str | None = None) -> str | None:
        """The dossier code under the cursor of ``table_id`` (default: the focused dossier table)."""
        focused = self.focused
        if table_id is not None:
            return self._table(table_id).current_key
        if isinstance(focused, LiveTable) and focused.id in DOSSIER_TABLES:
            return focused.current_key
        return None

    def open(self, code: str) -> None:
        """Open dossier ``code``: the ``open_dossier`` callback, else the app's ``open_dossier``; the
        :class:`OpenDossier` message is posted either way."""
        self.post_message(self.OpenDossier(code))
        opener = self.open_dossier or getattr(self.app, "open_dossier", None)
        if callable(opener):
            opener(code)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id in DOSSIER_TABLES:
            event.stop()
            if event.row_key.value:
                self.open(event.row_key.value)

    def action_open_selected(self) -> None:
        code = self._selected()
        if code:
            self.open(code)

    def action_print_ledger(self) -> None:
        """S: the tracking ledger (Mẫu 07 of Circular 03/2025/TT-VPCP) of the period the indicators show."""
        from counter_app.services.indicators.periods import as_period

        period = as_period(self.period, self.now())
        self.app.notify(t("reachable.printing.ledger", period=period.label))
        self._print(lambda: printouts.print_ledger_safely(self.store, self.actor, period.start, period.end))

    def action_print_catalogue(self) -> None:
        """D: the catalogue poster of the procedures the unit takes in, each with its QR code."""
        self.app.notify(t("reachable.printing.catalogue"))
        self._print(lambda: printouts.print_catalogue_safely(self.store))

    @work(thread=True, group="supervisor-print", exit_on_error=False)
    def _print(self, print_it: Callable[[], printouts.PrintOutcome]) -> None:
        outcome = print_it()
        self.app.call_from_thread(
            self.app.notify, outcome.message, severity="information" if outcome.ok else "error"
        )

    def action_apology(self) -> None:
        code = self._selected("live-attention")
        item = self._items.get(code) if code else None
        if item is None or item.urgency != "overdue":
            self.app.notify(t("live.apology.only_overdue"), severity="warning")
            return
        from counter_app.screens.apology_flow import write_apology

        write_apology(
            self,
            self.store,
            self.actor,
            code=item.code,
            applicant=item.applicant_name,
            due_at=item.due_at,
            now=self.now(),
            on_done=self.refresh_now,
        )
