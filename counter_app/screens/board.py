"""The public queue board: a full-screen display for a TV in the waiting room.

One card per counter with the number it serves now in large digits, the last few calls, and how many
citizens wait.  The board refreshes itself: a worker thread reads the store
(:func:`counter_app.services.board.board_state`), the widgets are updated in place by key (a card per
counter id, a slot per recent call; nothing is rebuilt), and the next refresh is scheduled with
``set_timer`` when the previous one is done.  When the store cannot be read the board keeps showing
the last state with a small notice, and recovers by itself at the next successful refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Digits, Static

from counter_app.locale import describe_error, t
from counter_app.locale import formats as fmt
from counter_app.screens.base import RefreshesItself
from counter_app.services.announce import Announcer, CallKey, new_calls, player_problem, speech_problem
from counter_app.services.board import BoardState, board_state
from counter_app.services.context import Store, local_now
from counter_app.services.queue import CounterState

log = logging.getLogger("counter_app.board")

REFRESH_EVERY_S = 2.0
RECENT_CALLS = 5


class CounterCard(Container):
    """A counter: its name, the number it serves in large digits, and since when (or idle / closed)."""

    DEFAULT_CSS = """
    CounterCard {
        layout: vertical;
        height: 7;
        border: heavy $primary;
        padding: 0 1;
        align-horizontal: center;
    }
    CounterCard.serving { border: heavy $success; }
    CounterCard.closed { border: heavy $panel; }
    CounterCard .card-name { text-style: bold; width: 100%; text-align: center; }
    CounterCard Digits { width: 100%; text-align: center; color: $warning; text-style: bold; }
    CounterCard .card-note { width: 100%; text-align: center; color: $text-muted; }
    """

    def __init__(self, counter: CounterState) -> None:
        super().__init__(id=f"card-{counter.number}", classes=counter.state)
        self.counter: CounterState | None = None
        self._first = counter

    def compose(self) -> ComposeResult:
        yield Static("", classes="card-name")
        yield Digits("", classes="card-number")
        yield Static("", classes="card-note")

    def on_mount(self) -> None:
        self.show(self._first)

    def show(self, counter: CounterState) -> None:
        """Update what changed since the last state shown."""
        old = self.counter
        if old == counter:
            return
        self.counter = counter
        if old is None or old.number != counter.number:
            self.query_one(".card-name", Static).update(t("board.counter", number=counter.number))
        number = counter.ticket or ""
        digits = self.query_one(Digits)
        if digits.value != number:
            digits.update(number)
        if counter.state == "serving":
            note = t("board.since", time=fmt.clock(counter.since)) if counter.since else ""
        else:
            note = t("board.idle") if counter.state == "idle" else t("board.closed")
        self.query_one(".card-note", Static).update(note)
        for state in ("serving", "idle", "closed"):
            self.set_class(counter.state == state, state)


class QueueBoardScreen(RefreshesItself, Screen):
    """The board of one unit (default: the store's own)."""

    DEFAULT_CSS = """
    QueueBoardScreen { background: $background; }
    QueueBoardScreen #board-header { layout: horizontal; height: 3; background: $primary; padding: 0 2; }
    QueueBoardScreen #board-unit { width: 1fr; content-align: left middle; height: 3; text-style: bold; }
    QueueBoardScreen #board-title { width: 2fr; content-align: center middle; height: 3; text-style: bold; }
    QueueBoardScreen #board-clock { width: 1fr; content-align: right middle; height: 3; text-style: bold; }
    QueueBoardScreen #board-counters {
        layout: grid; grid-size: 3; grid-gutter: 1 2; height: auto; max-height: 70%; padding: 1 2;
    }
    QueueBoardScreen #board-bottom { layout: horizontal; height: 1fr; padding: 0 2; }
    QueueBoardScreen #board-recent-box {
        width: 2fr; border: round $primary; border-title-style: bold; padding: 0 2; height: 100%;
    }
    QueueBoardScreen .recent-call { layout: horizontal; height: 4; }
    QueueBoardScreen .recent-call Digits { width: 18; text-style: bold; }
    QueueBoardScreen .recent-call Static { width: 1fr; height: 3; content-align: left middle; text-style: bold; }
    QueueBoardScreen #board-waiting-box {
        width: 1fr; border: round $primary; border-title-style: bold; padding: 0 2; height: 100%;
        align-horizontal: center;
    }
    QueueBoardScreen #board-waiting { width: 100%; text-align: center; color: $accent; text-style: bold; }
    QueueBoardScreen #board-waiting-services { width: 100%; text-align: center; color: $text-muted; }
    QueueBoardScreen #board-notice { dock: bottom; height: 1; padding: 0 2; color: $warning; display: none; }
    QueueBoardScreen #board-notice.shown { display: block; }
    """
    BINDINGS = [
        Binding("ctrl+r", "refresh_now", t("board.key.refresh"), id="board.refresh", show=False),
    ]

    @dataclass
    class Loaded(Message):
        state: BoardState

    @dataclass
    class Failed(Message):
        error: str
        at: datetime

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime] | None = None,
        unit_id: str | None = None,
        refresh_every: float = REFRESH_EVERY_S,
        recent: int = RECENT_CALLS,
        announcer: Announcer | None = None,
    ) -> None:
        super().__init__()
        #: plays each new call aloud (None: a silent board)
        self.announcer = announcer
        self._seen_calls: set[CallKey] | None = None
        self.store = store
        self.clock = clock or local_now
        self.unit_id = unit_id
        self.refresh_every = refresh_every
        self.recent = recent
        #: the last state shown (kept while the store is unavailable)
        self.state: BoardState | None = None
        #: True while the last refresh failed
        self.offline = False
        #: successful refreshes so far (tests wait on it)
        self.refreshes = 0
        self.failures = 0
        self._cards: dict[str, CounterCard] = {}
        self._slots: dict[int, tuple | None] = {}

    def compose(self) -> ComposeResult:
        # plain containers (styled here), so that no application stylesheet resizes them
        with Container(id="board-header"):
            yield Static("", id="board-unit")
            yield Static(t("board.title"), id="board-title")
            yield Static("", id="board-clock")
        yield Container(id="board-counters")
        with Container(id="board-bottom"):
            with Container(id="board-recent-box") as box:
                box.border_title = t("board.recent")
                for i in range(self.recent):
                    with Container(classes="recent-call"):
                        yield Digits("", id=f"recent-number-{i}")
                        yield Static("", id=f"recent-text-{i}")
            with Container(id="board-waiting-box") as box:
                box.border_title = t("board.waiting")
                yield Digits("0", id="board-waiting")
                yield Static("", id="board-waiting-services")
        yield Static("", id="board-notice")

    def on_mount(self) -> None:
        self._show_clock()
        self.set_interval(1.0, self._show_clock)
        self.refresh_now()
        if self.announcer is not None:
            self._check_sound(self.announcer)

    @work(thread=True, group="queue-board-sound", exit_on_error=False)
    def _check_sound(self, announcer: Announcer) -> None:
        """Say once, at start, why calls will not be heard, or heard as the chime alone."""
        for problem in (player_problem(command=announcer.player), speech_problem(announcer.settings)):
            if problem:
                log.warning("%s", problem)
                self.app.call_from_thread(self.app.notify, problem, severity="warning", timeout=30)

    def on_unmount(self) -> None:
        if self.announcer is not None:
            self.announcer.stop()

    def _show_clock(self) -> None:
        now = self.clock()
        self.query_one("#board-clock", Static).update(f"{fmt.clock(now)}  {fmt.day(now)}")

    # --- refresh loop -------------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="queue-board", exit_on_error=False)
    def _load(self) -> None:
        now = self.clock()
        try:
            state = board_state(self.store, now, self.unit_id, recent=self.recent)
        except Exception as exc:  # keep showing the last state; try again at the next tick
            log.warning("queue board refresh failed: %s", exc)
            self.post_message(self.Failed(describe_error(exc), now))
            return
        self.post_message(self.Loaded(state))

    def on_queue_board_screen_loaded(self, message: Loaded) -> None:
        with self.app.batch_update():
            self._show(message.state)
        fresh, self._seen_calls = new_calls(self._seen_calls, message.state.recent_calls)
        if self.announcer is not None:
            for call in fresh:
                self.announcer.announce(call.number, call.counter_number or 0)
        self.state = message.state
        self.refreshes += 1
        if self.offline:
            self.offline = False
            self.query_one("#board-notice", Static).remove_class("shown")
        self._schedule()

    def on_queue_board_screen_failed(self, message: Failed) -> None:
        self.failures += 1
        self.offline = True
        notice = self.query_one("#board-notice", Static)
        notice.update(t("board.offline", time=fmt.clock(message.at, seconds=True)))
        notice.add_class("shown")
        self._schedule()

    # --- showing a state -----------------------------------------------------------------------------------------

    def _show(self, state: BoardState) -> None:
        old = self.state
        if old is None or old.unit_name != state.unit_name:
            self.query_one("#board-unit", Static).update(state.unit_name.upper())
        self._show_counters(state.counters)
        for i in range(self.recent):  # slot i shows the i-th latest call; only changed slots are touched
            call = state.recent_calls[i] if i < len(state.recent_calls) else None
            shown = (call.number, call.counter_number, fmt.clock(call.called_at)) if call else None
            if self._slots.get(i, ()) == shown:
                continue
            self._slots[i] = shown
            text = Text()
            if call is not None:
                text.append(f"→  {t('board.counter', number=call.counter_number or '?')}")
                text.append(f"    {fmt.clock(call.called_at)}", style="dim")
            self.query_one(f"#recent-number-{i}", Digits).update(call.number if call else "")
            self.query_one(f"#recent-text-{i}", Static).update(text)
        digits = self.query_one("#board-waiting", Digits)
        if digits.value != str(state.waiting):
            digits.update(str(state.waiting))
        services = "  ·  ".join(
            t("board.waiting_service", name=s.name, count=s.total) for s in state.services if s.total
        )
        self.query_one("#board-waiting-services", Static).update(services)

    def _show_counters(self, counters: list[CounterState]) -> None:
        container = self.query_one("#board-counters", Container)
        wanted = {c.counter_id for c in counters}
        for counter_id in [k for k in self._cards if k not in wanted]:
            self._cards.pop(counter_id).remove()
        for counter in counters:
            card = self._cards.get(counter.counter_id)
            if card is None:
                card = self._cards[counter.counter_id] = CounterCard(counter)
                container.mount(card)
            elif card.is_mounted:
                card.show(counter)
            else:
                card._first = counter
