"""What every screen and dialog of the counter shares: typed access to the app, worker failures, refreshes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from counter_app.widgets.workers import ReportsWorkerErrors

if TYPE_CHECKING:
    from counter_app.app import CounterApp

__all__ = ["CounterAppAccess", "RefreshesItself", "ReportsWorkerErrors"]


class CounterAppAccess:
    """Mix-in: ``self.counter_app`` is the running :class:`~counter_app.app.CounterApp`, typed, so a
    screen reaches the store, the officer and the clock through one accessor the type checker knows."""

    @property
    def counter_app(self) -> CounterApp:
        return cast("CounterApp", cast(Any, self).app)


class RefreshesItself:
    """Mix-in of the live screens (supervisor, queue board): read the store, show it, and only then schedule
    the next read with ``set_timer`` — never a fixed interval that could pile reads up on a slow store.

    The screen defines ``refresh_every`` (seconds) and ``_load`` (a worker that ends by calling
    :meth:`_schedule`), and may override :meth:`_may_refresh` to skip a tick (it is then tried again later).
    """

    _timer: Any = None
    refresh_every: float

    if TYPE_CHECKING:  # provided by the screen (a worker that ends by calling _schedule)

        def _load(self) -> Any: ...

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
        self._timer = cast(Any, self).set_timer(self.refresh_every, self._tick)

    def _tick(self) -> None:
        self._timer = None
        if not self._may_refresh():
            self._schedule()
            return
        self._load()
