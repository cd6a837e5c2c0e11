"""``counter-app queue-board``: the full-screen public display of the queue, as its own small App."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import App
from textual.binding import Binding

from counter_app.locale import t
from counter_app.screens.board import REFRESH_EVERY_S, QueueBoardScreen
from counter_app.services.announce import Announcer
from counter_app.services.context import Store


class QueueBoardApp(App[None]):
    """Shows :class:`QueueBoardScreen` and nothing else; Ctrl+Q quits."""

    TITLE = "Bảng gọi số thứ tự"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", t("board.key.quit"), id="board.quit", priority=True, show=False),
    ]

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime] | None = None,
        unit_id: str | None = None,
        refresh_every: float = REFRESH_EVERY_S,
        announcer: Announcer | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.unit_id = unit_id
        self.refresh_every = refresh_every
        self.announcer = announcer

    def on_mount(self) -> None:
        self.push_screen(
            QueueBoardScreen(
                self.store,
                clock=self.clock,
                unit_id=self.unit_id,
                refresh_every=self.refresh_every,
                announcer=self.announcer,
            )
        )


def make_board_app(
    store: Store,
    *,
    clock: Callable[[], datetime] | None = None,
    unit_id: str | None = None,
    refresh_every: float = REFRESH_EVERY_S,
    speak: bool = False,
) -> QueueBoardApp:
    """The queue board on ``store`` (the unit of its settings unless ``unit_id``); ``clock`` defaults to the
    wall clock. ``speak``: each new call is played aloud (``[speech]`` of the store's settings: the chime, then
    the voice unless turned off), as ``counter-app queue-board`` does."""
    settings = store.settings
    announcer = Announcer(settings.data_dir / "speech", settings.speech) if speak else None
    return QueueBoardApp(
        store, clock=clock, unit_id=unit_id, refresh_every=refresh_every, announcer=announcer
    )
