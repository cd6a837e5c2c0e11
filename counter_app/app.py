"""The counter TUI: the App, its global keys, the scanner, the status bar's data and the palette.

Screens are imported when first shown, so that start-up stays light.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from counter_app.config import Settings
from counter_app.locale import describe_error, t
from counter_app.locale import formats as fmt
from counter_app.services.context import Actor, Store, local_now
from counter_app.widgets.scan import CardScan, CodeScan, ScanError, classify, is_scan_like
from counter_app.widgets.vn_input import VnInput

if TYPE_CHECKING:
    from counter_app.db.models import QueueTicket
    from counter_app.services.dashboard import StoreState

log = logging.getLogger("counter_app.tui")

#: a scanner types much faster than a person: keys closer than this belong to one burst
SCAN_GAP_S = 0.08
#: shortest burst that can be a scan (a dossier code is about 25 characters, a CCCD payload 60+)
SCAN_MIN_CHARS = 10
STORE_STATE_EVERY_S = 5.0
IDLE_CHECK_EVERY_S = 5.0


def _dossier_provider():
    from counter_app.screens.commands import DossierProvider

    return DossierProvider


def _citizen_provider():
    from counter_app.screens.commands import CitizenProvider

    return CitizenProvider


def _counter_provider():
    from counter_app.screens.commands import CounterProvider

    return CounterProvider


def _reprint_provider():
    from counter_app.screens.commands import ReprintProvider

    return ReprintProvider


class CounterApp(App[None]):
    """The one-stop counter's application."""

    CSS_PATH = "app.tcss"
    TITLE = "Bộ phận Một cửa"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS = {_dossier_provider, _citizen_provider, _counter_provider, _reprint_provider}
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
        Binding("ctrl+p", "command_palette", t("key.palette"), id="app.palette", show=False),
        Binding("ctrl+q", "quit", t("key.quit"), show=False, priority=True, id="app.quit"),
        Binding("ctrl+c", "help_quit", show=False, system=True, id="app.help_quit"),
    ]

    actor: var[Actor | None] = var(None)
    serving: var[QueueTicket | None] = var(None, always_update=True)
    store_state: var[StoreState | None] = var(None)

    class TicketCalled(Message):
        def __init__(self, ticket: QueueTicket | None, note: str = "", severity: str = "information") -> None:
            super().__init__()
            self.ticket = ticket
            self.note = note
            self.severity = severity

    class StoreStateLoaded(Message):
        def __init__(self, state: StoreState) -> None:
            super().__init__()
            self.state = state

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
        self.scan_gap = SCAN_GAP_S
        #: the latest notices shown as (severity, text), newest last (the tests read them; the log keeps all)
        self.notices: deque[tuple[str, str]] = deque(maxlen=200)
        self._burst: list[events.Key] = []
        self._burst_at = 0.0
        self._burst_timer = None
        self._sync_failures = 0
        #: seconds without a key before the screen locks (from [security] idle_lock_minutes)
        self.idle_lock_s = self.settings.idle_lock_minutes * 60
        self.last_input_at = time.monotonic()
        self._locked = False

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

    @work(thread=True, exclusive=True, group="open-store", exit_on_error=False)
    def _open_store_in_background(self) -> None:
        try:
            self._store = self._open_store()
        except BaseException as exc:
            self._store_error = exc
            log.exception("opening the store failed")
            self.call_from_thread(self.notify, describe_error(exc), severity="error", timeout=30)
        finally:
            self._store_ready.set()

    def logged_in(self, actor: Actor, unit_title: str) -> None:
        """Called by the log-in screen: remember the officer and go to the counter screen."""
        from counter_app.screens.counter import CounterScreen

        self.actor = actor
        self.unit_title = unit_title
        self.switch_screen(CounterScreen())
        self.refresh_store_state()
        self.set_interval(STORE_STATE_EVERY_S, self.refresh_store_state)
        self.load_serving()
        if self.settings.central_url:
            self._sync_round()
        self.set_interval(IDLE_CHECK_EVERY_S, self._lock_if_idle)

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

    class SyncFinished(Message):
        def __init__(self, error: str = "") -> None:
            super().__init__()
            self.error = error

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync_round(self) -> None:
        """One exchange with the central store; the screen never waits for it."""
        from counter_app.sync.client import sync_once

        try:
            sync_once(self.store.engine, self.settings.central_url, self.store.unit_id, now=self.now())
        except Exception as exc:  # offline is a normal state of a counter: note it, retry later
            log.info("sync round failed: %s", exc)
            self.post_message(self.SyncFinished(" ".join(str(exc).split())[:200]))
            return
        self.post_message(self.SyncFinished())

    def on_counter_app_sync_finished(self, message: SyncFinished) -> None:
        from counter_app.sync.runner import next_delay

        self._sync_failures = self._sync_failures + 1 if message.error else 0
        self.refresh_store_state()
        self.set_timer(next_delay(self._sync_failures), self._sync_round)

    def now(self) -> datetime:
        return self.clock()

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

    # --- status bar --------------------------------------------------------------------------------

    def status_parts(self) -> list[tuple[str, str]]:
        settings = self.settings
        actor = self.actor
        number = actor.counter_parts[1] if actor and actor.counter_id else settings.counter
        parts = [
            (self.unit_title or t("status.unit_code", code=settings.one_stop_code), "bold"),
            (t("status.counter", number=number), "bold"),
            (t("status.officer", name=actor.name) if actor else t("status.not_logged_in"), ""),
            (f"{fmt.clock(self.now(), seconds=True)} {fmt.day(self.now())}", ""),
        ]
        state = self.store_state
        if state is not None:
            online = t("status.online") if state.online else t("status.offline")
            parts.append((online, "bold green" if state.online else "bold yellow"))
            parts.append((t("status.events_waiting", count=state.waiting_events), ""))
            if state.last_sync is not None:
                parts.append((t("status.last_sync", time=fmt.clock(state.last_sync)), "dim"))
            if state.rejected_events:
                parts.append((t("status.events_rejected", count=state.rejected_events), "bold red"))
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

    # --- notices -----------------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: str = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        self.notices.append((severity, message))
        log.info("notice (%s): %s", severity, message)
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def notify_error(self, exc: BaseException) -> None:
        self.notify(describe_error(exc), severity="error")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker) -> None:
        """One place that turns a failed worker (the app's or a screen's) into a clear notice."""
        error = worker.error
        if error is None:
            return
        from counter_app.services.storage_errors import translate

        error = translate(error)  # a full disk or a read-only store is said as such
        if getattr(error, "key", None) is None:
            log.error("worker %s failed", worker.name, exc_info=error)
            self.notify(t("error.unexpected", error=f"{type(error).__name__}: {error}"), severity="error")
        else:
            self.notify(describe_error(error), severity="error")

    def action_help_quit(self) -> None:
        self.notify(t("notice.quit_hint"))

    # --- global actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("quit", "help_quit"):
            return True
        if self.actor is None:
            return action == "help"
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

    def action_back(self) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()

    def go_home(self) -> None:
        """Back to the counter screen, closing everything above it."""
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def action_call_next(self) -> None:
        self._call_next()

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False)
    def _call_next(self) -> None:
        from counter_app.services import queue

        ticket = queue.call_next(self.store, self.actor, now=self.now())
        self.post_message(
            self.TicketCalled(
                ticket, t("queue.called", number=ticket.number, counter=self.actor.counter_parts[1])
            )
        )

    def load_serving(self) -> None:
        self._load_serving()

    @work(thread=True, exclusive=True, group="serving", exit_on_error=False)
    def _load_serving(self) -> None:
        from counter_app.services import dashboard

        self.post_message(self.TicketCalled(dashboard.serving_ticket(self.store, self.actor.counter_id)))

    def on_counter_app_ticket_called(self, message: TicketCalled) -> None:
        self.serving = message.ticket
        if message.note:
            self.notify(message.note, severity=message.severity)
        self.refresh_store_state()

    def action_new_intake(self, card: Any = None, citizen_id: str | None = None) -> None:
        from counter_app.screens.intake import IntakeScreen

        self._show(IntakeScreen(card=card, citizen_id=citizen_id))

    def _show(self, screen) -> None:
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
            require_role(self.actor, "supervisor")
        except Forbidden as exc:
            self.notify(describe_error(exc), title=t("notice.forbidden_title"), severity="warning")
            return
        from counter_app.screens.supervisor_live import SupervisorScreen

        self._show(SupervisorScreen(self.store, self.actor, open_dossier=self.open_dossier, clock=self.clock))

    def open_dossier(self, code: str) -> None:
        from counter_app.screens.dossier import DossierScreen

        self._show(DossierScreen(code))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.actor is None or CommandPalette.is_open(self):
            return
        self.push_screen(CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette"))

    def switch_counter(self, number: int) -> None:
        if self.actor is None:
            return
        counter_id = f"{self.settings.one_stop_code}#{number}"
        self.actor = replace(self.actor, counter_id=counter_id)
        self.notify(t("notice.counter_switched", number=number))
        self.load_serving()

    def reprint_receipt(self, code: str) -> None:
        """Print the receipt of ``code`` again, in a worker; the outcome comes back as a notice."""
        self._reprint(code)

    @work(thread=True, exclusive=False, group="print", exit_on_error=False)
    def _reprint(self, code: str) -> None:
        from counter_app.screens.printing import print_document

        outcome = print_document(self.store, code, "receipt")
        self.call_from_thread(self.notify, outcome.message, severity="information" if outcome.ok else "error")

    # --- the scanner ----------------------------------------------------------------------------

    def handle_scan_text(self, text: str) -> bool:
        """Act on a scanned payload; False when ``text`` is not a scan at all."""
        result = classify(text)
        if result is None:
            return False
        if isinstance(result, ScanError):
            self.notify(result.message, title=t("scan.bad_title"), severity="error")
            return True
        if self.actor is None:
            self.notify(t("scan.login_first"), severity="warning")
            return True
        handler = getattr(self.screen, "handle_scan", None)
        if callable(handler) and handler(result):
            return True
        from textual.command import CommandPalette

        if CommandPalette.is_open(self):
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
        """Collect a scanner's burst of keys when no input has focus (see :meth:`_capture_key`)."""
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self.last_input_at = time.monotonic()
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and not getattr(event, "_counter_replay", False)
            and self._capture_key(event)
        ):
            return
        await super().on_event(event)

    def _capture_key(self, event: events.Key) -> bool:
        """Hold keys that may be a scan; True when ``event`` was taken.

        A burst starts with a digit (both a CCCD payload and a dossier code do) typed while no input
        has focus; keys follow each other faster than :data:`SCAN_GAP_S`. On Enter the burst is acted on
        as a scan; otherwise (a person typing, a slow gap, any other key) the held keys are replayed
        in order, so a lone digit (e.g. a satisfaction rating) still works, a few milliseconds late.
        """
        if isinstance(self.focused, Input):
            return False
        now = time.monotonic()
        holding = bool(self._burst)
        if holding and now - self._burst_at > self.scan_gap:
            self._flush_burst()
            holding = False
        char = event.character
        if not holding:
            if char is None or not char.isdigit() or not event.is_printable:
                return False
        elif event.key == "enter":
            text = "".join(e.character or "" for e in self._burst)
            if len(text) >= SCAN_MIN_CHARS and is_scan_like(text):
                self._burst.clear()
                self._stop_burst_timer()
                self.handle_scan_text(text)
                return True
            self._burst.append(event)
            self._flush_burst()
            return True
        elif not event.is_printable:  # e.g. F3 right after a digit: keep the order of the keys
            self._burst.append(event)
            self._flush_burst()
            return True
        self._burst.append(event)
        self._burst_at = now
        self._stop_burst_timer()
        self._burst_timer = self.set_timer(self.scan_gap, self._flush_burst)
        return True

    def _stop_burst_timer(self) -> None:
        if self._burst_timer is not None:
            self._burst_timer.stop()
            self._burst_timer = None

    def _flush_burst(self) -> None:
        """Replay held keys as if just typed."""
        self._stop_burst_timer()
        held, self._burst = self._burst, []
        for original in held:
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
