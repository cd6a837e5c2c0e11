"""What every screen and dialog of the counter shares."""

from __future__ import annotations

from textual.worker import Worker, WorkerState


class ReportsWorkerErrors:
    """Mix-in: a worker of this screen that fails becomes a clear notice from the app.

    Textual's ``Worker.StateChanged`` does not bubble, so each screen hands failures on to
    ``App.worker_failed`` (which shows the error's Vietnamese message, and logs anything unexpected).
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.app.worker_failed(event.worker)


class RefreshesItself:
    """Mix-in of the live screens (supervisor, queue board): read the store, show it, and only then schedule
    the next read with ``set_timer`` — never a fixed interval that could pile reads up on a slow store.

    The screen defines ``refresh_every`` (seconds) and ``_load`` (a worker that ends by calling
    :meth:`_schedule`), and may override :meth:`_may_refresh` to skip a tick (it is then tried again later).
    """

    _timer = None

    def refresh_now(self) -> None:
        """Read the store now; the pending timer, if any, is dropped."""
        self._stop_timer()
        self._load()

    def action_refresh_now(self) -> None:
        self.refresh_now()

    def _may_refresh(self) -> bool:
        return True

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _schedule(self) -> None:
        self._stop_timer()
        self._timer = self.set_timer(self.refresh_every, self._tick)

    def _tick(self) -> None:
        self._timer = None
        if not self._may_refresh():
            self._schedule()
            return
        self._load()
