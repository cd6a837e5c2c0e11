"""The live supervisor screen: queue and counters, overdue (red) and close-to-due (amber) dossiers, online
dossiers' 8-hour reception clock, handovers not yet accepted, the indicators of a chosen period with an
8-week sparkline each, and a table per officer.

It refreshes itself without blocking input: one worker thread reads everything
(:func:`counter_app.services.indicators.supervisor_snapshot`), the tables are updated by keyed diffs
(rows that left are removed, changed cells updated, new rows added, then sorted) inside one batch
update, and the next refresh is scheduled with ``set_timer`` when the previous one is done — skipped
while a dialog or another screen covers this one.  The 8-week trend is read again once a minute (Ctrl+R
reads everything at once).  H / T / N switch the indicators to today / this month / this year.  Enter on
a dossier opens it (the ``open_dossier`` callback, else the app's ``open_dossier``; an
:class:`SupervisorScreen.OpenDossier` message is posted too); L on an overdue dossier writes the apology
letter (Mẫu 04) with a new due date and prints it.
"""

from __future__ import annotations

import logging
import time as time_module
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Label, Static

from counter_app.locale import describe_error, t
from counter_app.locale import formats as fmt
from counter_app.screens.base import RefreshesItself
from counter_app.screens.keys import quiet
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.indicators.figures import OfficerFigures, Rate, WeekFigures
from counter_app.services.indicators.lists import DossierItem
from counter_app.services.indicators.snapshot import SupervisorSnapshot, supervisor_snapshot
from counter_app.services.queue import QueueState
from counter_app.widgets.status_bar import StatusBar

log = logging.getLogger("counter_app.tui")

REFRESH_EVERY_S = 5.0
#: the 8-week trend changes slowly: it is read again at most this often (Ctrl+R reads everything now)
WEEKLY_EVERY_S = 60.0
WEEKS = 8
APOLOGY_EXTRA_DAYS = 2
SPARK = "▁▂▃▄▅▆▇█"
DATE_FORMAT = "%H:%M %d/%m/%Y"


# --- pure helpers -----------------------------------------------------------------------------------------


def sparkline(values: Sequence[float | None], *, maximum: float | None = None) -> str:
    """A one-line chart: one block per value, scaled to ``maximum`` (default: the largest value);
    a blank where there is nothing to measure."""
    known = [v for v in values if v is not None]
    top = maximum if maximum is not None else max(known, default=0)
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif top <= 0:
            out.append(SPARK[0])
        else:
            out.append(SPARK[min(len(SPARK) - 1, max(0, round(v / top * (len(SPARK) - 1))))])
    return "".join(out)


def sync_table(
    table: DataTable, rows: Iterable[tuple[str, Sequence[object]]], columns: Sequence[str]
) -> None:
    """Make ``table`` show ``rows`` (key, cells) in that order by a keyed diff: remove the rows that left,
    update the cells that changed, add the new rows, then restore the order; the cursor stays on the
    same key.  ``columns`` are the table's column keys; the text of the first one tells the rows apart
    when they have to be put back in order."""
    rows = list(rows)
    wanted = {key: cells for key, cells in rows}
    selected = None
    if table.row_count and table.is_valid_row_index(table.cursor_row):
        selected = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    for row_key in [k for k in table.rows if k.value not in wanted]:
        table.remove_row(row_key)
    for key, cells in rows:
        if key in table.rows:
            for column, old, new in zip(columns, table.get_row(key), cells, strict=True):
                if old != new:
                    table.update_cell(key, column, new)
        else:
            table.add_row(*cells, key=key)
    if [row.key.value for row in table.ordered_rows] != [key for key, _ in rows]:
        order = {str(cells[0]): i for i, (_, cells) in enumerate(rows)}
        table.sort(columns[0], key=lambda cell: order.get(str(cell), len(order)))
    if selected in wanted:
        table.move_cursor(row=table.get_row_index(selected), animate=False)


# --- the apology dialog -------------------------------------------------------------------------------------


class ApologyLetterDialog(ModalScreen[tuple[datetime, str] | None]):
    """Reason and new due date for the apology letter (Mẫu 04) of an overdue dossier."""

    DEFAULT_CSS = """
    ApologyLetterDialog { align: center middle; }
    ApologyLetterDialog > Vertical {
        width: 84; height: auto; border: round $error; padding: 1 2; background: $surface;
    }
    ApologyLetterDialog Label { margin-top: 1; }
    ApologyLetterDialog #apology-error { color: $error; height: auto; }
    ApologyLetterDialog #apology-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("f10", "confirm", t("live.key.confirm"), id="supervisor.apology.confirm"),
        Binding("escape", "cancel", t("live.key.cancel"), id="supervisor.apology.cancel"),
    ]

    def __init__(self, item: DossierItem, new_due: datetime, now: datetime) -> None:
        super().__init__()
        self.item = item
        self.new_due = new_due
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = t("live.apology.title")
            yield Static(
                Text(
                    t("live.apology.dossier", code=self.item.code, applicant=self.item.applicant_name),
                    style="bold",
                )
            )
            yield Static(t("live.apology.due", due=fmt.moment(self.item.due_at)))
            yield Label(t("live.apology.new_due"))
            yield Input(value=f"{self.new_due:{DATE_FORMAT}}", id="apology-date")
            yield Label(t("live.apology.reason"))
            yield Input(value=t("live.apology.default_reason"), id="apology-reason", max_length=500)
            yield Static("", id="apology-error")
            yield Static(t("live.apology.keys"), id="apology-keys")

    def on_mount(self) -> None:
        self.query_one("#apology-date", Input).focus()

    @on(Input.Submitted, "#apology-date")
    def _date_done(self) -> None:
        self.query_one("#apology-reason", Input).focus()

    @on(Input.Submitted, "#apology-reason")
    def _reason_done(self) -> None:
        self.action_confirm()

    def answer(self) -> tuple[datetime, str] | None:
        """The parsed answer, or None (and the reason shown) when it is not acceptable."""
        error = self.query_one("#apology-error", Static)
        try:
            new_due = datetime.strptime(self.query_one("#apology-date", Input).value.strip(), DATE_FORMAT)
        except ValueError:
            new_due = None
        if new_due is None or new_due <= max(self.now, self.item.due_at or self.now):
            error.update(t("live.apology.bad_date"))
            return None
        reason = self.query_one("#apology-reason", Input).value.strip()
        if not reason:
            error.update(t("intake.reason_required"))
            return None
        return new_due, reason

    def action_confirm(self) -> None:
        result = self.answer()
        if result is not None:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


# --- the screen -------------------------------------------------------------------------------------------------

_QUEUE_COLUMNS = ("code", "name", "waiting", "priority", "longest")
_COUNTER_COLUMNS = ("counter", "state", "ticket", "since", "served")
_INDICATOR_COLUMNS = ("indicator", "value", "trend")
_OFFICER_COLUMNS = ("name", "received", "returned", "tickets", "service")
_ATTENTION_COLUMNS = ("code", "applicant", "due", "left")
_ONLINE_COLUMNS = ("code", "applicant", "deadline", "left")
_HANDOVER_COLUMNS = ("code", "direction", "unit", "sent")
DOSSIER_TABLES = ("live-attention", "live-online", "live-handovers")


class SupervisorScreen(RefreshesItself, Screen):
    """The supervisor's live screen for ``actor``'s unit (or ``unit_id``)."""

    DEFAULT_CSS = """
    SupervisorScreen #live-header { height: 1; padding: 0 1; }
    SupervisorScreen #live-main { layout: horizontal; height: 1fr; }
    SupervisorScreen #live-left { layout: vertical; width: 62; height: 100%; }
    SupervisorScreen #live-right { layout: vertical; width: 1fr; height: 100%; }
    SupervisorScreen .live-box {
        border: round $primary; border-title-style: bold; border-title-color: $text; padding: 0 1;
    }
    SupervisorScreen #live-queue-box { height: 8; }
    SupervisorScreen #live-counters-box { height: 7; }
    SupervisorScreen #live-indicators-box { height: 17; }
    SupervisorScreen #live-officers-box { height: 1fr; }
    SupervisorScreen #live-attention-box { height: 1fr; }
    SupervisorScreen #live-online-box { height: 9; }
    SupervisorScreen #live-handovers-box { height: 8; }
    SupervisorScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("h", "period('today')", t("live.key.today"), id="supervisor.today"),
        Binding("t", "period('month')", t("live.key.month"), id="supervisor.month"),
        Binding("n", "period('year')", t("live.key.year"), id="supervisor.year"),
        Binding("l", "apology", t("live.key.apology"), id="supervisor.apology"),
        Binding("enter", "open_selected", t("live.key.open"), id="supervisor.open"),
        Binding("ctrl+r", "refresh_now", t("live.key.refresh"), id="supervisor.refresh"),
        Binding("tab", "app.focus_next", t("live.key.next_table"), id="supervisor.next_table", show=False),
        # the counter app's keys still work here, out of the footer so that the screen's own keys fit
        *quiet("f2", "f3", "f5", "f6"),
    ]

    class Loaded(Message):
        def __init__(self, snapshot: SupervisorSnapshot) -> None:
            super().__init__()
            self.snapshot = snapshot

    class Failed(Message):
        def __init__(self, error: str, at: datetime) -> None:
            super().__init__()
            self.error = error
            self.at = at

    class OpenDossier(Message):
        """Posted (it bubbles to the app) when the supervisor opens a dossier with Enter."""

        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    class ApologyDone(Message):
        def __init__(self, note: str, severity: str = "information") -> None:
            super().__init__()
            self.note = note
            self.severity = severity

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
        #: refreshes applied so far (tests wait on it)
        self.refreshes = 0
        self._items: dict[str, DossierItem] = {}
        self._weekly: tuple[float, list[WeekFigures]] | None = None  # (monotonic time read, series)

    # --- layout ----------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("live.loading")), id="live-header")
        # plain containers: the app's stylesheet sizes every Vertical/Horizontal to its content
        with Container(id="live-main"):
            with Container(id="live-left"):
                yield self._box("live-queue", t("live.queue"))
                yield self._box("live-counters", t("live.counters"))
                yield self._box("live-indicators", t("live.indicators", period=""))
                yield self._box("live-officers", t("live.officers"))
            with Container(id="live-right"):
                yield self._box("live-attention", t("live.attention"))
                yield self._box("live-online", t("live.online"))
                yield self._box("live-handovers", t("live.handovers"))
        yield Footer(compact=True)

    @staticmethod
    def _box(name: str, title: str) -> Container:
        box = Container(
            DataTable(id=name, cursor_type="row", zebra_stripes=True), id=f"{name}-box", classes="live-box"
        )
        box.border_title = title
        return box

    def on_mount(self) -> None:
        def columns(table_id: str, spec: Sequence[tuple[str, str, int | None]]) -> None:
            table = self.query_one(f"#{table_id}", DataTable)
            for key, label, width in spec:
                table.add_column(label, key=key, width=width)

        columns(
            "live-queue",
            [
                ("code", "", 2),
                ("name", t("live.col.service"), 20),
                ("waiting", t("live.col.waiting"), 4),
                ("priority", t("live.col.priority"), 7),
                ("longest", t("live.col.longest"), 12),
            ],
        )
        columns(
            "live-counters",
            [
                ("counter", t("live.col.counter"), 10),
                ("state", t("live.col.state"), 13),
                ("ticket", t("live.col.ticket"), 5),
                ("since", t("live.col.since"), 6),
                ("served", t("live.col.served"), 10),
            ],
        )
        columns(
            "live-indicators",
            [
                ("indicator", t("live.col.indicator"), 27),
                ("value", t("live.col.value"), 15),
                ("trend", t("live.col.trend"), 8),
            ],
        )
        columns(
            "live-officers",
            [
                ("name", t("live.col.officer"), 18),
                ("received", t("live.col.received"), 9),
                ("returned", t("live.col.returned"), 6),
                ("tickets", t("live.col.tickets"), 5),
                ("service", t("live.col.service_time"), 10),
            ],
        )
        columns(
            "live-attention",
            [
                ("code", t("live.col.code"), 25),
                ("applicant", t("live.col.applicant"), 18),
                ("due", t("live.col.due"), 11),
                ("left", t("live.col.left"), 12),
            ],
        )
        columns(
            "live-online",
            [
                ("code", t("live.col.code"), 25),
                ("applicant", t("live.col.applicant"), 18),
                ("deadline", t("live.col.deadline"), 11),
                ("left", t("live.col.left"), 12),
            ],
        )
        columns(
            "live-handovers",
            [
                ("code", t("live.col.code"), 25),
                ("direction", t("live.col.direction"), 10),
                ("unit", t("live.col.unit"), 20),
                ("sent", t("live.col.sent"), 11),
            ],
        )
        self.query_one("#live-attention", DataTable).focus()
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
        except Exception as exc:  # the screen keeps the last figures and says why they are stale
            log.warning("supervisor refresh failed: %s", exc)
            self.post_message(self.Failed(describe_error(exc), now))
            return
        self.post_message(self.Loaded(snapshot))

    def on_supervisor_screen_loaded(self, message: Loaded) -> None:
        snapshot = message.snapshot
        if snapshot.period.kind != self.period:  # a period switched while this one was being read
            return
        self.snapshot = snapshot
        if self._weekly is None or self._weekly[1] is not snapshot.weekly:
            self._weekly = (time_module.monotonic(), snapshot.weekly)
        with self.app.batch_update():
            self._show(snapshot)
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

    def _show(self, s: SupervisorSnapshot) -> None:
        header = Text()
        header.append(t("live.title"), style="bold")
        header.append(f"  ·  {s.period.label}  ·  ")
        header.append(t("live.updated", time=fmt.clock(s.now, seconds=True)), style="dim")
        self.query_one("#live-header", Static).update(header)
        self.query_one("#live-indicators-box").border_title = t("live.indicators", period=s.period.label)
        self._show_queue(s.queue)
        self._show_indicators(s)
        self._show_officers(s.figures.officers)
        self._show_dossiers(s)

    def _table(self, name: str) -> DataTable:
        return self.query_one(f"#{name}", DataTable)

    def _show_queue(self, q: QueueState) -> None:
        sync_table(
            self._table("live-queue"),
            [
                (
                    svc.code,
                    [
                        svc.code,
                        svc.name,
                        str(svc.waiting),
                        Text(str(svc.waiting_priority), style="bold yellow" if svc.waiting_priority else ""),
                        fmt.hours_minutes(svc.longest_wait),
                    ],
                )
                for svc in q.services
            ],
            _QUEUE_COLUMNS,
        )
        styles = {"serving": "bold green", "idle": "yellow", "closed": "dim"}
        sync_table(
            self._table("live-counters"),
            [
                (
                    c.counter_id,
                    [
                        c.name,
                        Text(c.label, style=styles[c.state]),
                        Text(c.ticket or "", style="bold"),
                        fmt.clock(c.since),
                        str(c.served_today),
                    ],
                )
                for c in q.counters
            ],
            _COUNTER_COLUMNS,
        )
        self.query_one("#live-queue-box").border_subtitle = t("board.waiting") + f": {q.waiting}"

    def _show_indicators(self, s: SupervisorSnapshot) -> None:
        i = s.indicators
        weeks = s.weekly

        def rate(key: str, value: Rate) -> tuple[str, Text]:
            met = value.meets_target
            label = (
                t(key)
                if value.target is None
                else t("live.with_target", label=t(key), target=fmt.percent(value.target, 0))
            )
            style = "" if met is None else ("bold green" if met else "bold red")
            return label, Text(f"{fmt.percent(value.share)} {value.count}/{value.total}", style=style)

        def share_line(values: list[float | None]) -> str:
            return sparkline(values, maximum=1.0)

        rows: list[tuple[str, str, object, str]] = [
            ("received", t("indicators.received"), str(i.received), sparkline([w.received for w in weeks])),
            (
                "finished",
                t("live.ind.finished"),
                f"{i.finished.total} ({i.finished.early}/{i.finished.on_time}/{i.finished.late})",
                sparkline([w.finished.total for w in weeks]),
            ),
            ("on_time", *rate("live.ind.on_time", i.on_time), share_line([w.on_time.share for w in weeks])),
            ("on_time_land", *rate("live.ind.on_time_land", i.on_time_land), ""),
            (
                "in_progress_late",
                t("indicators.in_progress_late"),
                Text(str(i.in_progress_late), style="bold red" if i.in_progress_late else ""),
                "",
            ),
            (
                "close_to_due",
                t("live.ind.close_to_due"),
                Text(str(i.close_to_due), style="bold yellow" if i.close_to_due else ""),
                "",
            ),
            ("in_progress_on_time", t("indicators.in_progress_on_time"), str(i.in_progress_on_time), ""),
            ("waiting_supplement", t("indicators.waiting_supplement"), str(i.waiting_supplement), ""),
            ("returned", t("indicators.returned"), str(i.returned), sparkline([w.returned for w in weeks])),
            ("reuse", *rate("live.ind.reuse", i.reuse), share_line([w.reuse.share for w in weeks])),
            (
                "satisfaction",
                *rate("live.ind.satisfaction", i.satisfaction),
                share_line([w.satisfaction.share for w in weeks]),
            ),
            ("online", *rate("live.ind.online", i.online), share_line([w.online.share for w in weeks])),
            (
                "points",
                t("live.ind.points"),
                f"{fmt.points(i.points.total)}/{fmt.points(i.points.maximum)}",
                "",
            ),
        ]
        sync_table(
            self._table("live-indicators"),
            [(key, [label, value, Text(trend, style="cyan")]) for key, label, value, trend in rows],
            _INDICATOR_COLUMNS,
        )

    def _show_officers(self, officers: list[OfficerFigures]) -> None:
        sync_table(
            self._table("live-officers"),
            [
                (
                    o.officer_id,
                    [
                        o.name,
                        str(o.received),
                        str(o.returned),
                        str(o.tickets_served),
                        fmt.minutes_seconds(o.average_service),
                    ],
                )
                for o in officers
            ],
            _OFFICER_COLUMNS,
        )

    def _show_dossiers(self, s: SupervisorSnapshot) -> None:
        per_day = self.store.calendar.hours_per_day
        self._items = {item.code: item for item in s.attention}
        styles = {"overdue": "bold red", "close": "bold yellow", "ok": ""}
        sync_table(
            self._table("live-attention"),
            [
                (
                    item.code,
                    [
                        item.code,
                        *(
                            Text(text, style=styles[item.urgency])
                            for text in (
                                item.applicant_name,
                                fmt.short_moment(item.due_at),
                                fmt.working_time_left(item.hours_left, per_day),
                            )
                        ),
                    ],
                )
                for item in s.attention
            ],
            _ATTENTION_COLUMNS,
        )
        overdue = len(s.overdue)
        self.query_one("#live-attention-box").border_subtitle = t(
            "live.attention_count", overdue=overdue, close=len(s.attention) - overdue
        )
        online = []
        for o in s.online:
            style = "bold red" if o.hours_left <= 0 else ("bold yellow" if o.hours_left <= 2 else "")
            online.append(
                (
                    o.code,
                    [
                        o.code,
                        o.applicant_name,
                        Text(fmt.short_moment(o.deadline), style=style),
                        Text(fmt.working_time_left(o.hours_left, per_day), style=style),
                    ],
                )
            )
        sync_table(self._table("live-online"), online, _ONLINE_COLUMNS)
        self.query_one("#live-online-box").border_subtitle = t("live.count", count=len(s.online))
        sync_table(
            self._table("live-handovers"),
            [
                (
                    h.code,
                    [
                        h.code,
                        t("live.out") if h.direction == "out" else t("live.in"),
                        h.other_unit_name,
                        fmt.short_moment(h.sent_at),
                    ],
                )
                for h in s.handovers
            ],
            _HANDOVER_COLUMNS,
        )
        self.query_one("#live-handovers-box").border_subtitle = t("live.count", count=len(s.handovers))

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
        if table_id is None:
            if not isinstance(focused, DataTable) or focused.id not in DOSSIER_TABLES:
                return None
            table = focused
        else:
            table = self._table(table_id)
        if not table.row_count or not table.is_valid_row_index(table.cursor_row):
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def open(self, code: str) -> None:
        """Open dossier ``code``: the ``open_dossier`` callback, else the app's ``open_dossier``; the
        :class:`OpenDossier` message is posted either way."""
        self.post_message(self.OpenDossier(code))
        if self.open_dossier is not None:
            self.open_dossier(code)
        elif callable(getattr(self.app, "open_dossier", None)):
            self.app.open_dossier(code)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id in DOSSIER_TABLES:
            event.stop()
            self.open(event.row_key.value)

    def action_open_selected(self) -> None:
        code = self._selected()
        if code:
            self.open(code)

    def action_apology(self) -> None:
        code = self._selected("live-attention")
        item = self._items.get(code) if code else None
        if item is None or item.urgency != "overdue":
            self.app.notify(t("live.apology.only_overdue"), severity="warning")
            return
        now = self.now()
        new_due = self.store.calendar.due_at(max(now, item.due_at or now), APOLOGY_EXTRA_DAYS)

        def answered(answer: tuple[datetime, str] | None) -> None:
            if answer is not None:
                self._apologise(item.code, answer[0], answer[1])

        self.app.push_screen(ApologyLetterDialog(item, new_due, now), answered)

    @work(thread=True, exclusive=False, group="supervisor-apology", exit_on_error=False)
    def _apologise(self, code: str, new_due: datetime, reason: str) -> None:
        from counter_app.services import workflow

        try:
            workflow.apologise(self.store, self.actor, code, new_due, reason, now=self.now())
        except Exception as exc:
            self.post_message(self.ApologyDone(describe_error(exc), "error"))
            return
        notes = [t("live.apology.done", code=code, due=fmt.moment(new_due))]
        severity = "information"
        try:
            from counter_app.services.printing_service import print_form

            printed = print_form(self.store, code, "apology")
            notes.append(t("live.apology.printed", path=printed.path))
        except Exception as exc:  # the letter is recorded; only the print failed (a reprint is possible)
            log.exception("printing the apology letter of %s failed", code)
            notes.append(t("live.apology.print_failed", error=describe_error(exc)))
            severity = "warning"
        self.post_message(self.ApologyDone(" ".join(notes), severity))

    def on_supervisor_screen_apology_done(self, message: ApologyDone) -> None:
        self.app.notify(message.note, severity=message.severity)
        self.refresh_now()
