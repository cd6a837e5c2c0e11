"""The counter TUI: the App, its global keys, the scanner, the status bar's data and the palette.

Screens are imported when first shown, so that start-up stays light; nothing here imports SQLAlchemy
(the services it calls do, in the workers that run after the log-in screen is up).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from counter_app.config import Settings
from counter_app.domain.telex import MODES, STYLES, next_mode
from counter_app.domain.vntext import one_line
from counter_app.locale import describe_error, t
from counter_app.locale import formats as fmt
from counter_app.services.context import STORE_UNUSABLE, Actor, Store, local_now

# textual-image asks the terminal which graphics it can draw when it is imported, which only works before
# Textual starts reading the keyboard: the document viewer's page widget is imported with the App.
from counter_app.widgets import document_page as _document_page  # noqa: F401
from counter_app.widgets.key_burst import SCAN_GAP_S, KeyBurst
from counter_app.widgets.scan import CardScan, CodeScan, ScanError, classify, is_scan_like
from counter_app.widgets.status_bar import StatusBar
from counter_app.widgets.vn_input import VnInput

if TYPE_CHECKING:
    from textual.command import Provider

    from counter_app.domain.cccd import CccdData
    from counter_app.services.dashboard import StoreState
    from counter_app.services.rating import RatingAnswer
    from counter_app.services.views import TicketView

log = logging.getLogger("counter_app.tui")

STORE_STATE_EVERY_S = 5.0
#: how often the counter looks for its tablet's answers (and closes the requests whose wait is over)
RATINGS_EVERY_S = 3.0
IDLE_CHECK_EVERY_S = 5.0


def _palette(name: str) -> Callable[[], type[Provider]]:
    """A palette provider of :mod:`counter_app.screens.commands`, imported when the palette first opens."""

    def provider() -> type[Provider]:
        from counter_app.screens import commands

        provider_type: type[Provider] = getattr(commands, name)
        return provider_type

    return provider


#: how the status bar names who is logged in, by role (a supervisor is not «Cán bộ»)
ROLE_LABEL = {
    "officer": "queue_fixes.status.officer",
    "supervisor": "queue_fixes.status.supervisor",
    "admin": "queue_fixes.status.admin",
}


class CounterApp(App[None]):
    """The one-stop counter's application."""

    CSS_PATH = "app.tcss"
    TITLE = "Bộ phận Một cửa"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS = {
        _palette(name)
        for name in (
            "DossierProvider",
            "CitizenProvider",
            "CounterProvider",
            "ReprintProvider",
            "AccountProvider",
        )
    }
    NOTIFICATION_TIMEOUT = 6

    BINDINGS = [
        Binding("f1", "help", t("key.help"), id="app.help"),
        Binding("f2", "call_next", t("key.call_next"), id="app.call_next"),
        Binding("f3", "new_intake", t("key.new_intake"), id="app.new_intake"),
        Binding("f4", "find", t("key.find"), id="app.find"),
        Binding("f5", "return_result", t("key.return_result"), id="app.return_result"),
        Binding("f6", "handover_inbox", t("key.handover_inbox"), id="app.handover_inbox"),
        Binding("f7", "supervisor", t("key.supervisor"), id="app.supervisor"),
        Binding("f10", "save", t("key.save"), id="app.save"),
        Binding("escape", "back", t("key.back"), id="app.back"),
        # Ctrl+\ is a control character (0x1C) that every terminal, SSH and tmux pass through, that no
        # binding of ours nor of Textual's Input uses, and that sits on every Vietnamese (US-layout) keyboard
        # (F11/F12 are taken by many terminals: full screen, drop-down terminals; thin clients lack them)
        Binding("ctrl+backslash", "toggle_typing", t("typing.key"), id="app.typing", key_display="^\\"),
        Binding("ctrl+l", "logout", t("key.logout"), id="app.logout", show=False),
        Binding("ctrl+o", "admin", t("key.admin"), id="app.admin", show=False),
        Binding("ctrl+p", "command_palette", t("key.palette"), id="app.palette", show=False),
        Binding("ctrl+q", "quit", t("key.quit"), show=False, priority=True, id="app.quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="app.help_quit"),
    ]

    actor: var[Actor | None] = var(None)
    serving: var[TicketView | None] = var(None, always_update=True)
    store_state: var[StoreState | None] = var(None)
    #: how the text fields (every VnInput) turn keys into Vietnamese: off | telex | vni, per officer
    typing_mode: var[str] = var(MODES[0])
    #: where tones go in oa, oe, uy: old («hòa», UniKey's default) | new («hoà»)
    typing_style: var[str] = var(STYLES[0])

    @dataclass
    class TicketCalled(Message):
        ticket: TicketView | None
        note: str = ""

    @dataclass
    class StoreStateLoaded(Message):
        state: StoreState

    @dataclass
    class RatingsAnswered(Message):
        """The counter's tablet answered (or the citizen left without rating): one notice each."""

        answers: list[RatingAnswer]

    @dataclass
    class SyncFinished(Message):
        error: str = ""

    @dataclass
    class TypingLoaded(Message):
        officer_id: str | None
        mode: str
        style: str

    def __init__(
        self,
        store: Store | Callable[[], Store],
        *,
        settings: Settings | None = None,
        demo: bool = False,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        if isinstance(store, Store):
            self._store: Store | None = store
            self._open_store: Callable[[], Store] | None = None
            self.settings: Settings = store.settings
        else:  # opened in a worker while the log-in screen is already up
            if settings is None:
                raise ValueError("a store opener needs the settings")
            self._store, self._open_store, self.settings = None, store, settings
        self._store_ready = threading.Event()
        self._store_error: BaseException | None = None
        if self._store is not None:
            self._store_ready.set()
        self.demo = demo
        self.clock: Callable[[], datetime] = clock or local_now
        self.unit_title = ""
        #: the latest notices shown as (severity, text), newest last (the tests read them; the log keeps all)
        self.notices: deque[tuple[str, str]] = deque(maxlen=200)
        self._burst = KeyBurst(
            on_scan=self.handle_scan_text, replay=self._replay_keys, set_timer=self.set_timer
        )
        self._sync_failures = 0
        #: seconds without a key before the screen locks (from [security] idle_lock_minutes)
        self.idle_lock_s = self.settings.idle_lock_minutes * 60
        self.last_input_at = time.monotonic()
        self._locked = False
        self._timers_started = False
        #: the tablet's answers are read from this moment on, and told once each (by request id)
        self._ratings_seen_at: datetime | None = None
        self._ratings_told: set[str] = set()

    @property
    def scan_gap(self) -> float:
        """Longest pause between two keys of one scanner burst, in seconds."""
        return self._burst.gap

    @scan_gap.setter
    def scan_gap(self, seconds: float) -> None:
        self._burst.gap = seconds

    # --- start-up and log-in -------------------------------------------------------------------

    def on_mount(self) -> None:
        from counter_app.screens.login import LoginScreen

        self.push_screen(LoginScreen())
        if self._open_store is not None:
            self._open_store_in_background()

    @property
    def store(self) -> Store:
        """The counter's store; the first callers (the log-in worker) wait for it to be opened."""
        self._store_ready.wait()
        if self._store is None:
            raise self._store_error or RuntimeError("store not opened")
        return self._store

    @property
    def officer(self) -> Actor:
        """The officer logged in (screens after the log-in screen may rely on it)."""
        if self.actor is None:
            raise RuntimeError("no officer is logged in")
        return self.actor

    @work(thread=True, exclusive=True, group="open-store", exit_on_error=False)
    def _open_store_in_background(self) -> None:
        assert self._open_store is not None
        try:
            self._store = self._open_store()
        except BaseException as exc:
            self._store_error = exc
            from counter_app.services.redact import failure_kind
            from counter_app.services.storage_errors import translate

            log.error("opening the store failed: %s", failure_kind(exc))
            error = translate(exc) if isinstance(exc, Exception) else exc
            if getattr(error, "key", "") in STORE_UNUSABLE:  # a damaged or lost store: nothing to do here
                self.call_from_thread(self._cannot_open_store, describe_error(error))
            else:
                self.call_from_thread(self.notify, describe_error(error), severity="error", timeout=30)
        else:
            self.call_from_thread(self._store_opened, self._store)
        finally:
            self._store_ready.set()

    def _cannot_open_store(self, message: str) -> None:
        """Leave the TUI and say, on the terminal it returns to, why and what to run (exit status 3, a
        storage fault, as on the command line)."""
        from rich.text import Text

        self.notices.append(("error", message))
        self.exit(return_code=3, message=Text(f"counter-app: {message}"))

    def _store_opened(self, store: Store) -> None:
        """The store says which unit and identifier it was set up for: from now on the settings carry them
        (the log-in screen was drawn from the PC's settings alone)."""
        self.settings = store.settings
        for bar in self.screen.query(StatusBar):
            bar.refresh()
        refresh = getattr(self.screen, "settings_changed", None)
        if callable(refresh):
            refresh()

    def logged_in(self, actor: Actor, unit_title: str, *, pin: str | None = None) -> None:
        """Called by the log-in screen: remember the officer and go to the counter screen — first through the
        PIN dialog when an administrator set this PIN (``pin``: the one just typed)."""
        from counter_app.screens.counter import CounterScreen

        self.actor = actor
        self.unit_title = unit_title
        self.last_input_at = time.monotonic()
        switched = self.switch_screen(CounterScreen())
        if actor.must_change_pin:

            async def ask_for_a_pin() -> None:
                await switched  # on top of the counter screen, once it is in place
                self.change_own_pin(current=pin, forced=True)

            self.call_later(ask_for_a_pin)
        self.refresh_store_state()
        self.load_serving()
        self._load_typing(actor)
        self._ratings_seen_at = self.now()
        if not self._timers_started:  # once per run: a second officer's log-in reuses them
            self._timers_started = True
            self.set_interval(STORE_STATE_EVERY_S, self.refresh_store_state)
            self.set_interval(RATINGS_EVERY_S, self._check_ratings)
            self.set_interval(IDLE_CHECK_EVERY_S, self._lock_if_idle)
            if self.settings.central_url:
                self._sync_round()

    def action_logout(self) -> None:
        """Ctrl+L: the officer leaves the counter; the log-in screen takes every screen's place (nothing of
        theirs stays on show) and another officer may log in."""
        if self.actor is None:
            return
        from counter_app.screens.login import LoginScreen

        log.info("officer %s logged out", self.actor.officer_id)
        self.actor = None
        self.serving = None
        self.typing_mode, self.typing_style = MODES[0], STYLES[0]  # the next officer's own, at their log-in
        self._locked = False
        self.go_home()  # the counter screen, everything above it closed
        self.switch_screen(LoginScreen())

    def now(self) -> datetime:
        return self.clock()

    # --- the officer's own PIN ---------------------------------------------------------------------

    def change_own_pin(self, *, current: str | None = None, forced: bool = False) -> None:
        """Ask for a new PIN (and the current one, unless just typed at log-in) and set it. ``forced``: the
        administrator set this PIN; the officer cannot work until they chose their own (cancelling logs out,
        a refused PIN asks again)."""
        from counter_app.screens.pin_dialog import ChangePinDialog, PinChange

        def answered(change: PinChange | None) -> None:
            if change is not None:
                self._set_pin(change.current, change.new, forced)
            elif forced:
                self.notify(t("pin.must_change"), severity="warning")
                self.action_logout()

        self.push_screen(ChangePinDialog(current=current, forced=forced), answered)

    @work(thread=True, exclusive=True, group="pin", exit_on_error=False)
    def _set_pin(self, current: str, new: str, forced: bool) -> None:
        from counter_app.services import auth
        from counter_app.services.errors import ServiceError

        try:
            actor = auth.change_pin(self.store, self.officer, current, new, now=self.now())
        except ServiceError as exc:
            self.post_message(self.PinChanged(None, describe_error(exc), current if forced else None, forced))
            return
        self.post_message(self.PinChanged(actor, "", None, forced))

    @dataclass
    class PinChanged(Message):
        actor: Actor | None
        error: str
        #: the PIN in use, when the change was forced at log-in (to ask again without it)
        current: str | None
        forced: bool

    def on_counter_app_pin_changed(self, message: PinChanged) -> None:
        if message.actor is not None:
            self.actor = message.actor
            self.notify(t("pin.changed"))
            return
        self.notify(message.error, severity="error")
        if message.forced:
            self.change_own_pin(current=message.current, forced=True)

    # --- typing Vietnamese in the text fields -------------------------------------------------------

    @work(thread=True, exclusive=True, group="typing", exit_on_error=False)
    def _load_typing(self, actor: Actor) -> None:
        from counter_app.services import preferences

        chosen = preferences.typing_preference(self.store, actor)
        self.post_message(self.TypingLoaded(actor.officer_id, chosen.mode, chosen.style))

    def on_counter_app_typing_loaded(self, message: TypingLoaded) -> None:
        if self.actor is not None and self.actor.officer_id == message.officer_id:
            self.typing_mode, self.typing_style = message.mode, message.style

    def action_toggle_typing(self) -> None:
        """Ctrl+\\: the text fields' typing goes off → Telex → VNI → off; remembered for this officer."""
        if self.actor is None:
            return
        self.typing_mode = next_mode(self.typing_mode)
        self.notify(t(f"typing.switched.{self.typing_mode}"))
        self._save_typing(self.actor, self.typing_mode)

    def toggle_typing_style(self) -> None:
        """From the palette: tones on oa, oe, uy the old way («hòa», UniKey's default) or the new («hoà»)."""
        if self.actor is None:
            return
        self.typing_style = STYLES[(STYLES.index(self.typing_style) + 1) % len(STYLES)]
        self.notify(t(f"typing.style.now.{self.typing_style}"))
        self._save_typing(self.actor, style=self.typing_style)

    @work(thread=True, exclusive=False, group="typing-save", exit_on_error=False)
    def _save_typing(self, actor: Actor, mode: str | None = None, *, style: str | None = None) -> None:
        from counter_app.services import preferences

        preferences.set_typing(self.store, actor, mode=mode, style=style)

    # --- screen lock -------------------------------------------------------------------------------

    def _lock_if_idle(self) -> None:
        if self._locked or self.actor is None or time.monotonic() - self.last_input_at < self.idle_lock_s:
            return
        from counter_app.screens.lock import LockScreen

        self._locked = True
        log.info("screen locked after %d s idle", self.idle_lock_s)

        def unlocked(_result: bool | None) -> None:
            self._locked = False
            self.last_input_at = time.monotonic()

        self.push_screen(LockScreen(), unlocked)

    # --- background sync -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync_round(self) -> None:
        """One exchange with the central store; the screen never waits for it."""
        from counter_app.sync.runner import store_round

        try:
            if not self.settings.central_url:
                return
            store_round(self.store, now_source=self.now)()  # the events, then the digitised files
        except Exception as exc:  # offline is a normal state of a counter: note it, retry later
            from counter_app.services.redact import failure_kind

            log.info("sync round failed: %s", failure_kind(exc))
            self.post_message(self.SyncFinished(one_line(str(exc))[:200]))
            return
        self.post_message(self.SyncFinished())

    def on_counter_app_sync_finished(self, message: SyncFinished) -> None:
        from counter_app.sync.runner import next_delay

        self._sync_failures = self._sync_failures + 1 if message.error else 0
        self.refresh_store_state()
        self.set_timer(next_delay(self._sync_failures), self._sync_round)

    # --- status bar --------------------------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as the officer's keyboard labels them: F8, Ctrl+N, Esc, Space."""
        if binding.key_display:
            return binding.key_display
        key = binding.key.split(",")[0]
        names = {"escape": "Esc", "space": "Space", "enter": "Enter", "up": "↑", "down": "↓"}
        *modifiers, last = key.split("+")
        if last in names:
            label = names[last]
        elif len(last) == 1:
            label = last.upper() if modifiers else last
        else:
            label = last.upper() if len(last) <= 3 else last.capitalize()
        if modifiers == ["ctrl"]:
            return "^" + label
        return "+".join([m.capitalize() for m in modifiers] + [label])

    def status_parts(self) -> list[tuple[str, str]]:
        settings = self.settings
        actor = self.actor
        number = actor.counter_parts[1] if actor and actor.counter_id else settings.counter
        now = self.now()
        parts = [
            (self.unit_title or t("status.unit_code", code=settings.one_stop_code), "bold"),
            (t("status.counter", number=number), "bold"),
            (
                t(ROLE_LABEL.get(actor.role, ROLE_LABEL["officer"]), name=actor.name)
                if actor
                else t("status.not_logged_in"),
                "",
            ),
        ]
        if actor is not None:
            on = self.typing_mode != MODES[0]
            parts.append((t(f"typing.mode.{self.typing_mode}"), "bold" if on else "dim"))
        parts.append((f"{fmt.clock(now, seconds=True)} {fmt.day(now)}", ""))
        state = self.store_state
        if state is not None and not state.central_configured:
            # a stand-alone counter: nothing is waiting for a network, so no «offline» and no count
            parts.append((t("queue_fixes.status.standalone"), "dim"))
        elif state is not None:
            online = t("status.online") if state.online else t("status.offline")
            parts.append((online, "bold green" if state.online else "bold yellow"))
            parts.append((t("status.events_waiting", count=state.waiting_events), ""))
            if state.last_sync is not None:
                parts.append((t("status.last_sync", time=fmt.clock(state.last_sync)), "dim"))
            if state.rejected_events:
                parts.append((t("status.events_rejected", count=state.rejected_events), "bold red"))
            if state.problem and not state.online:
                parts.append((state.problem, "bold yellow"))
        if self.demo:
            parts.append((t("status.demo"), "bold magenta"))
        return parts

    def refresh_store_state(self) -> None:
        self._load_store_state()

    @work(thread=True, exclusive=True, group="store-state", exit_on_error=False)
    def _load_store_state(self) -> None:
        from counter_app.services import dashboard

        self.post_message(self.StoreStateLoaded(dashboard.store_state(self.store, self.now())))

    def on_counter_app_store_state_loaded(self, message: StoreStateLoaded) -> None:
        self.store_state = message.state

    # --- the citizen's rating on the counter's tablet (services.rating) ----------------------------

    @work(thread=True, exclusive=True, group="ratings", exit_on_error=False)
    def _check_ratings(self) -> None:
        """Close the requests whose wait is over (as not rated) and tell the officer what the tablet said;
        the officer sees the answer and cannot enter or change it."""
        from counter_app.services import rating

        actor, since = self.actor, self._ratings_seen_at
        if actor is None or actor.counter_id is None or since is None:
            return
        rating.close_expired(self.store, now=self.now())
        answers = rating.answers_since(self.store, actor.counter_id, since)
        if answers:
            self.post_message(self.RatingsAnswered(answers))

    def on_counter_app_ratings_answered(self, message: RatingsAnswered) -> None:
        for answer in message.answers:
            if answer.request_id in self._ratings_told:
                continue
            self._ratings_told.add(answer.request_id)
            if answer.level is None:
                self.notify(t("citizen_rating.not_rated", code=answer.dossier_code), severity="warning")
            else:
                level = t(f"satisfaction.{answer.level}")
                self.notify(t("citizen_rating.arrived", code=answer.dossier_code, level=level))
            self._ratings_seen_at = answer.closed_at

    # --- notices -----------------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
        log_as: str | None = None,
    ) -> None:
        self.notices.append((severity, message))
        if log_as is None:  # not its text: it may name a citizen
            log.info("notice (%s) shown", severity)
        else:
            log.info("notice (%s): %s", severity, log_as)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """One place that turns a failed worker (the app's or a screen's) into a clear notice."""
        error = worker.error
        if error is None:
            return
        from counter_app.services.storage_errors import translate

        error = translate(error)  # a full disk or a read-only store is said as such
        if getattr(error, "key", None) is None:
            from counter_app.services.redact import failure_kind

            log.error("worker %s failed: %s", worker.name, failure_kind(error))  # not the message: data
            self.notify(t("error.unexpected", error=f"{type(error).__name__}: {error}"), severity="error")
        else:
            self.notify(describe_error(error), severity="error")

    def action_help_quit(self) -> None:
        self.notify(t("notice.quit_hint"))

    # --- global actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("quit", "help_quit"):
            return True
        if self.actor is None:  # before log-in: help, and moving between the log-in fields
            return action in ("help", "focus_next", "focus_previous")
        if action == "save":
            if not callable(getattr(self.screen, "action_save", None)):
                return False
            can_save = getattr(self.screen, "can_save", None)
            return bool(can_save()) if callable(can_save) else True
        if action == "back":
            return len(self.screen_stack) > 2
        return True

    def action_help(self) -> None:
        from counter_app.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_save(self) -> None:
        save = getattr(self.screen, "action_save", None)
        if callable(save):
            save()

    async def action_back(self) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()

    def go_home(self) -> None:
        """Back to the counter screen, closing everything above it."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_call_next(self) -> None:
        """F2: call the next ticket — after asking, when an intake not saved yet would be left for it (the
        safe answer keeps the intake; yes closes it and calls)."""
        from counter_app.screens.dialogs import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):  # F2 again while the question is asked
            return
        if not self._unsaved_intake():
            self._call_next()
            return
        ticket = self.serving
        question = t(
            "queue_fixes.confirm_call_over_intake",
            ticket=t("queue_fixes.for_ticket", number=ticket.number) if ticket is not None else "",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.go_home()  # the unsaved intake is given up, with its citizen
                self._call_next()

        self.push_screen(ConfirmDialog(question), answered)

    def _unsaved_intake(self) -> bool:
        """Whether an intake screen holds a citizen or a procedure and its dossier is not saved yet."""
        from counter_app.screens.intake import IntakeScreen

        return any(
            isinstance(screen, IntakeScreen)
            and screen.outcome is None
            and (screen.record is not None or screen.applicant is not None or screen.choice is not None)
            for screen in self.screen_stack
        )

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False)
    def _call_next(self) -> None:
        from counter_app.screens.counter import is_transferred_here
        from counter_app.services import dashboard, queue

        actor = self.officer
        if actor.counter_id:
            stored = dashboard.serving_ticket(self.store, actor.counter_id)
            if is_transferred_here(stored, self.serving):  # not seen yet: show it rather than close it unseen
                assert stored is not None
                note = t("queue_fixes.transfer_arrived", number=stored.number)
                self.post_message(self.TicketCalled(stored, note))
                return
        ticket = queue.call_next(self.store, actor, now=self.now())
        note = t("queue.called", number=ticket.number, counter=actor.counter_parts[1])
        self.post_message(self.TicketCalled(ticket, note))

    def load_serving(self) -> None:
        self._load_serving()

    @work(thread=True, exclusive=True, group="serving", exit_on_error=False)
    def _load_serving(self) -> None:
        from counter_app.services import dashboard

        counter_id = self.officer.counter_id
        ticket = dashboard.serving_ticket(self.store, counter_id) if counter_id else None
        self.post_message(self.TicketCalled(ticket))

    def on_counter_app_ticket_called(self, message: TicketCalled) -> None:
        self.serving = message.ticket
        if message.note:
            self.notify(message.note)
        self.refresh_store_state()

    def action_new_intake(self, card: CccdData | None = None, citizen_id: str | None = None) -> None:
        from counter_app.screens.intake import IntakeScreen

        self._show(IntakeScreen(card=card, citizen_id=citizen_id))

    def _show(self, screen: Screen[Any]) -> None:
        """Push ``screen``, or put it in place of one of the same kind already on top."""
        if type(self.screen) is type(screen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_find(self, query: str = "") -> None:
        from counter_app.screens.find import FindScreen

        self._show(FindScreen(query=query))

    def action_return_result(self, code: str = "") -> None:
        from counter_app.screens.return_result import ReturnScreen

        self._show(ReturnScreen(code=code))

    def action_handover_inbox(self) -> None:
        from counter_app.screens.handover_inbox import HandoverInboxScreen

        self._show(HandoverInboxScreen())

    def action_supervisor(self) -> None:
        from counter_app.services.auth import require_role
        from counter_app.services.errors import Forbidden

        try:
            require_role(self.officer, "supervisor")
        except Forbidden as exc:
            self.notify(describe_error(exc), title=t("notice.forbidden_title"), severity="warning")
            return
        from counter_app.screens.supervisor_live import SupervisorScreen

        self._show(
            SupervisorScreen(self.store, self.officer, open_dossier=self.open_dossier, clock=self.clock)
        )

    def action_admin(self) -> None:
        """Ctrl+O: the administrator's screens (refused, with the reason, to anyone else)."""
        from counter_app.services.auth import require_role
        from counter_app.services.errors import Forbidden

        try:
            require_role(self.officer, "admin")
        except Forbidden as exc:
            self.notify(describe_error(exc), title=t("notice.forbidden_title"), severity="warning")
            return
        from counter_app.screens.admin.menu import AdminScreen

        self._show(AdminScreen())

    def open_dossier(self, code: str) -> None:
        from counter_app.screens.dossier import DossierScreen

        self._show(DossierScreen(code))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.actor is None or CommandPalette.is_open(cast(App[object], self)):
            return
        self.push_screen(CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette"))

    def switch_counter(self, number: int) -> None:
        if self.actor is None:
            return
        counter_id = f"{self.settings.one_stop_code}#{number}"
        self.actor = replace(self.actor, counter_id=counter_id)
        self.notify(t("notice.counter_switched", number=number))
        self.load_serving()

    def reprint(self, code: str, kind: str) -> None:
        """Print form ``kind`` of ``code`` again, as issued and marked «Bản in lại», in a worker; the outcome
        comes back as a notice (``services.printouts.reprint_kind`` says which form a dossier's state calls for)."""
        self.print_form(code, kind, reprint=True)

    @work(thread=True, exclusive=False, group="print", exit_on_error=False)
    def print_form(self, code: str, kind: str, reprint: bool = False) -> None:
        """Print form ``kind`` of dossier ``code`` in a worker; the outcome comes back as a notice."""
        from counter_app.services.printouts import print_safely

        outcome = print_safely(self.store, code, kind, reprint=reprint)
        self.call_from_thread(self.notify, outcome.message, severity="information" if outcome.ok else "error")

    # --- the scanner ----------------------------------------------------------------------------

    def handle_scan_text(self, text: str) -> bool:
        """Act on a scanned payload; False when ``text`` is not a scan at all."""
        result = classify(text, today=self.now().date())
        if result is None:
            return False
        if isinstance(result, ScanError):  # the log gets the error's kind, never the card's data
            self.notify(result.message, title=t("scan.bad_title"), severity="error", log_as=result.kind)
            return True
        if self.actor is None:
            self.notify(t("scan.login_first"), severity="warning")
            return True
        handler = getattr(self.screen, "handle_scan", None)
        if callable(handler) and handler(result):
            return True
        from textual.command import CommandPalette

        if CommandPalette.is_open(cast(App[object], self)):
            self.pop_screen()
        if isinstance(result, CardScan):
            self.action_new_intake(card=result.card)
        elif isinstance(result, CodeScan):
            self.open_dossier(result.code)
        return True

    def on_vn_input_scanned(self, message: VnInput.Scanned) -> None:
        message.stop()
        self.handle_scan_text(message.text)

    def on_input_submitted(self, message: Input.Submitted) -> None:
        # inputs that are not ours (e.g. the command palette's) get the same scanner behaviour
        if not isinstance(message.input, VnInput) and is_scan_like(message.value):
            message.stop()
            message.input.value = ""
            self.handle_scan_text(message.value)

    def on_paste(self, event: events.Paste) -> None:
        # a payload pasted with no input focused (an input takes pastes itself)
        if is_scan_like(event.text):
            event.stop()
            self.handle_scan_text(event.text.splitlines()[0] if event.text.strip() else event.text)

    async def on_event(self, event: events.Event) -> None:
        """Collect a scanner's burst of keys when no input has focus (see :class:`KeyBurst`)."""
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self.last_input_at = time.monotonic()
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and not getattr(event, "_counter_replay", False)
            and not isinstance(self.focused, Input)
            and self._burst.take(event, time.monotonic())
        ):
            return
        await super().on_event(event)

    def _replay_keys(self, keys: list[events.Key]) -> None:
        """Post held keys again, as if just typed."""
        for original in keys:
            replay = events.Key(original.key, original.character)
            replay._counter_replay = True  # type: ignore[attr-defined]
            self.post_message(replay)


def make_app(
    store: Store | Callable[[], Store],
    *,
    settings: Settings | None = None,
    demo: bool | None = None,
    clock: Callable[[], datetime] | None = None,
) -> CounterApp:
    """The app on ``store`` — or on the store a zero-argument opener returns, opened in the background
    while the log-in screen is shown (then ``settings`` are required). ``demo`` defaults to the
    settings' flag, ``clock`` to the wall clock."""
    settings = store.settings if isinstance(store, Store) else settings
    demo = (settings.demo if settings is not None else False) if demo is None else demo
    return CounterApp(store, settings=settings, demo=demo, clock=clock)


__all__ = ["SCAN_GAP_S", "CounterApp", "make_app"]
