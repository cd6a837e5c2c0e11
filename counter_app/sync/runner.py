"""Running sync again and again: a round every interval, backing off while the central store is away."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from counter_app.services.redact import failure_kind
from counter_app.sync.client import SyncReport, sync_once

log = logging.getLogger(__name__)
INTERVAL_S = 30.0
BACKOFF_START_S = 5.0
BACKOFF_MAX_S = 300.0


def next_delay(
    failures: int,
    *,
    interval: float = INTERVAL_S,
    start: float = BACKOFF_START_S,
    maximum: float = BACKOFF_MAX_S,
) -> float:
    """Seconds to wait after ``failures`` failed rounds in a row (0: the normal interval)."""
    if failures <= 0:
        return interval
    return min(maximum, start * 2 ** (failures - 1))


@dataclass
class SyncLoop:
    """Calls :func:`sync_once` forever (or ``rounds`` times); each failure doubles the wait, up to 5 minutes."""

    round: Callable[[], SyncReport]
    interval: float = INTERVAL_S
    sleep: Callable[[float], None] = time.sleep
    failures: int = 0

    def run(
        self, rounds: int | None = None, on_report: Callable[[SyncReport | Exception], None] | None = None
    ):
        done = 0
        while rounds is None or done < rounds:
            try:
                report: SyncReport | Exception = self.round()
                self.failures = 0
            except Exception as exc:  # the central store is away: log, wait longer, try again
                log.warning("sync round failed: %s", failure_kind(exc))  # not its text: it may quote a row
                report = exc
                self.failures += 1
            if on_report:
                on_report(report)
            done += 1
            if rounds is None or done < rounds:
                self.sleep(next_delay(self.failures, interval=self.interval))


def store_round(store, *, now_source=None) -> Callable[[], SyncReport]:
    """A round for a counter's store, reading the central URL and the unit from its settings: the events
    (:func:`sync_once`), then, with an object store configured, the digitised files
    (:func:`counter_app.sync.file_push.push_round`: a file push that fails leaves the files queued for the
    next round and does not fail the events' round)."""
    from counter_app.services.context import local_now

    def one() -> SyncReport:
        now = (now_source or local_now)()
        report = sync_once(
            store.engine,
            store.settings.central_url,
            store.unit_id,
            now=now,
            keys_dir=store.settings.keys_dir,
            counter_id=store.settings.counter_id,
        )
        if store.settings.files is not None:
            from counter_app.sync.file_push import push_round

            report.files = push_round(store, now=now)
        return report

    return one
