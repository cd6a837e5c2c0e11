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
