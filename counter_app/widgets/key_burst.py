"""Telling a handheld scanner's burst of keys from a person typing, when no input has focus.

A scanner in keyboard mode types a CCCD payload or a dossier code much faster than a person, then
Enter. The app hands every key that reaches it (with no input focused) to :class:`KeyBurst`; a burst
starts with a digit or a capital letter (:func:`~counter_app.widgets.scan.can_start_scan`) and continues while keys follow each other faster than
``gap`` seconds. On Enter the burst is a scan when it is long enough and looks like one; otherwise —
a person typing, a slow gap, any other key — the held keys are given back in order to be replayed, so
a lone digit (a satisfaction rating) still works, a few milliseconds late.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events

from counter_app.widgets.scan import can_start_scan, is_scan_like

#: a scanner types much faster than a person: keys closer than this belong to one burst
SCAN_GAP_S = 0.08
#: shortest burst that can be a scan (a dossier code is about 25 characters, a CCCD payload 60+)
SCAN_MIN_CHARS = 10


class KeyBurst:
    """Holds keys that may be a scan.

    ``on_scan(text)`` is called with a complete scan; ``replay(keys)`` with keys that turned out not to be
    one; ``set_timer(delay, callback)`` schedules the end of a burst (the app's ``set_timer``).
    """

    def __init__(
        self,
        *,
        on_scan: Callable[[str], object],
        replay: Callable[[list[events.Key]], None],
        set_timer: Callable[[float, Callable[[], None]], Any],
        gap: float = SCAN_GAP_S,
    ) -> None:
        self.on_scan = on_scan
        self.replay = replay
        self.set_timer = set_timer
        self.gap = gap
        self._held: list[events.Key] = []
        self._last_at = 0.0
        self._timer: Any = None

    def take(self, event: events.Key, now: float) -> bool:
        """True when ``event`` was taken (held, or ended a scan); False to let it through now."""
        holding = bool(self._held)
        if holding and now - self._last_at > self.gap:
            self.flush()
            holding = False
        char = event.character
        if not holding:
            if not can_start_scan(char) or not event.is_printable:
                return False
        elif event.key == "enter":
            text = "".join(e.character or "" for e in self._held)
            if len(text) >= SCAN_MIN_CHARS and is_scan_like(text):
                self._held.clear()
                self._stop_timer()
                self.on_scan(text)
                return True
            self._held.append(event)
            self.flush()
            return True
        elif not event.is_printable:  # e.g. F3 right after a digit: keep the order of the keys
            self._held.append(event)
            self.flush()
            return True
        self._held.append(event)
        self._last_at = now
        self._stop_timer()
        self._timer = self.set_timer(self.gap, self.flush)
        return True

    def flush(self) -> None:
        """Give the held keys back, in order, to be replayed as if just typed."""
        self._stop_timer()
        held, self._held = self._held, []
        if held:
            self.replay(held)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
