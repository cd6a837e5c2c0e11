"""What every screen, dialog and widget that runs workers shares: failures become one clear notice."""

from __future__ import annotations

from textual.worker import Worker, WorkerState


class ReportsWorkerErrors:
    """Mix-in: a worker of this node that fails becomes a clear notice from the app.

    Textual's ``Worker.StateChanged`` does not bubble, so each node hands failures on to the app's
    ``worker_failed`` (which shows the error's Vietnamese message and logs anything unexpected).
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            failed = getattr(self.app, "worker_failed", None)  # type: ignore[attr-defined]
            if callable(failed):
                failed(event.worker)
