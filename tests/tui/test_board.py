"""The public queue board: a snapshot at 120x36 with the clock fixed, refresh by keyed updates, and a board
that survives its store going away and recovers by itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import create_engine
from textual.widgets import Digits

from counter_app.board_app import make_board_app
from counter_app.screens.board import CounterCard, QueueBoardScreen
from counter_app.services import queue
from counter_app.services.context import Store

from .helpers import FIXED_NOW, clerk, fixed_clock, wait_for

BOARD_SIZE = (120, 36)


@pytest.fixture
def called(store) -> Store:
    """The demo morning queue with a few numbers called at counters 1 and 2 (counter 3 not open yet)."""
    one, two = clerk(store, "canbo1", 1), clerk(store, "canbo2", 2)
    queue.call_next(store, one, now=datetime(2026, 11, 20, 8, 1))
    queue.call_next(store, one, now=datetime(2026, 11, 20, 8, 20))
    queue.call_next(store, two, now=datetime(2026, 11, 20, 8, 40))
    queue.call_next(store, one, now=datetime(2026, 11, 20, 9, 2))
    return store


def board_state_waiting(store: Store) -> int:
    from counter_app.services.board import board_state

    return board_state(store, FIXED_NOW).waiting


def board(app) -> QueueBoardScreen:
    screen = app.screen
    assert isinstance(screen, QueueBoardScreen)
    return screen


def expected_numbers(store: Store) -> dict[int, str]:
    """What each counter serves according to the store."""
    from counter_app.services.board import board_state

    return {c.number: c.ticket or "" for c in board_state(store, FIXED_NOW).counters}


def card_numbers(screen: QueueBoardScreen) -> dict[int, str]:
    return {
        card.counter.number: card.query_one(Digits).value
        for card in screen.query(CounterCard)
        if card.counter is not None
    }


def test_queue_board_snapshot(snap_compare, called):
    app = make_board_app(called, clock=fixed_clock, refresh_every=3600)

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: board(app).refreshes >= 1, "first refresh of the board")
        await wait_for(pilot, lambda: card_numbers(board(app)) == expected_numbers(called), "cards filled")
        await pilot.pause()

    assert snap_compare(app, terminal_size=BOARD_SIZE, run_before=run_before)


async def test_board_refreshes_in_place(called):
    app = make_board_app(called, clock=fixed_clock, refresh_every=0.05)
    first = expected_numbers(called)
    assert first[1] and first[2] and not first[3]
    waiting = board_state_waiting(called)
    async with app.run_test(size=BOARD_SIZE) as pilot:
        await wait_for(pilot, lambda: card_numbers(board(app)) == first, "first state")
        screen = board(app)
        cards = {card.counter.number: card for card in screen.query(CounterCard)}
        assert screen.query_one("#board-waiting", Digits).value == str(waiting)
        assert "Tạm đóng" in str(cards[3].query_one(".card-note").render())
        queue.call_next(called, clerk(called, "canbo3", 3), now=FIXED_NOW)
        await wait_for(pilot, lambda: card_numbers(screen).get(3) not in ("", None), "counter 3 serving")
        # the same widgets, updated: nothing was rebuilt
        assert {card.counter.number: card for card in screen.query(CounterCard)} == cards
        assert "serving" in cards[3].classes
        assert screen.query_one("#board-waiting", Digits).value == str(waiting - 1)
        assert screen.query_one("#recent-number-0", Digits).value == card_numbers(screen)[3]


async def test_board_survives_the_store_going_away_and_recovers(called, tmp_path):
    good = called.engine
    counter_two = clerk(called, "canbo2", 2)
    first = expected_numbers(called)
    app = make_board_app(called, clock=fixed_clock, refresh_every=0.05)
    async with app.run_test(size=BOARD_SIZE) as pilot:
        await wait_for(pilot, lambda: card_numbers(board(app)) == first, "first state")
        screen = board(app)
        notice = screen.query_one("#board-notice")
        assert not notice.display
        # the store goes away: its file is no longer reachable (a dead path), the pool is dropped
        called.dispose()
        called.engine = create_engine(f"sqlite:///{tmp_path / 'missing' / 'gone.sqlite3'}")
        await wait_for(pilot, lambda: screen.offline and screen.failures >= 2, "refreshes failing")
        assert notice.display and "Mất kết nối kho dữ liệu" in str(notice.render())
        assert card_numbers(screen) == first  # the last state stays on the board
        # meanwhile the counters keep working on the real store
        queue.call_next(replace(called, engine=good), counter_two, now=FIXED_NOW)
        assert app.is_running
        called.engine = good  # the store is back
        await wait_for(pilot, lambda: not screen.offline, "board online again")
        await wait_for(pilot, lambda: card_numbers(screen)[2] not in (first[2], ""), "the new call shown")
        assert not notice.display


async def test_a_transferred_ticket_is_shown_called_at_its_new_counter(called):
    """Ctrl+T at counter 1 to the free counter 3: the board calls the number there, in counter 3's box and under
    the last calls alike (the box said «Tạm đóng» while the last calls said «→ QUẦY 3»)."""
    app = make_board_app(called, clock=fixed_clock, refresh_every=0.05)
    async with app.run_test(size=BOARD_SIZE) as pilot:
        first = expected_numbers(called)
        await wait_for(pilot, lambda: card_numbers(board(app)) == first, "first state")
        screen = board(app)
        moved = queue.transfer(called, clerk(called, "canbo1", 1), 3, now=FIXED_NOW)
        assert moved.number == first[1]
        await wait_for(pilot, lambda: card_numbers(screen)[3] == moved.number, "counter 3 serving it")
        cards = {card.counter.number: card for card in screen.query(CounterCard)}
        assert "serving" in cards[3].classes and card_numbers(screen)[1] == ""
        assert screen.query_one("#recent-number-0", Digits).value == moved.number
        assert "QUẦY 3" in str(screen.query_one("#recent-text-0").render())


def test_board_bindings_have_ids_and_vietnamese_descriptions():
    from counter_app.board_app import QueueBoardApp

    for binding in [*QueueBoardApp.BINDINGS, *QueueBoardScreen.BINDINGS]:
        assert binding.id and binding.description


@pytest.mark.needs_command("espeak-ng", "aplay")
async def test_the_board_says_each_new_call_and_a_recall_again_but_not_the_calls_before_it_started(called):
    """Issue 16: a chime and «Mời công dân số … đến quầy số …» for each call (played on ALSA's null device
    here), in order; a recall (F8) is said again; the morning's calls are not said when the board starts."""
    from datetime import timedelta

    from counter_app.config import SpeechSettings

    store = replace(called, settings=replace(called.settings, speech=SpeechSettings(output="null")))
    app = make_board_app(store, clock=fixed_clock, refresh_every=0.05, speak=True)
    async with app.run_test(size=BOARD_SIZE) as pilot:
        screen = board(app)
        await wait_for(pilot, lambda: screen.refreshes >= 2, "two refreshes")
        announcer = screen.announcer
        assert announcer is not None and announcer.history == []
        three = clerk(store, "canbo3", 3)
        ticket = queue.call_next(store, three, now=FIXED_NOW)
        await wait_for(pilot, lambda: len(announcer.history) == 1, "the call said", timeout=30)
        queue.recall(store, three, now=FIXED_NOW + timedelta(seconds=40))
        await wait_for(pilot, lambda: len(announcer.history) == 2, "the recall said again", timeout=30)
    spaced = " ".join(ticket.number)
    for said in announcer.history:
        assert said.phrase.shown == f"Mời công dân số {spaced} đến quầy số 3"
        assert said.spoken and said.played and said.audio.exists()
    assert announcer.history[0].audio == announcer.history[1].audio  # made once, played twice
    assert not [n for n in app._notifications if n.severity == "warning"]


async def test_a_board_without_aplay_says_why_in_one_line(called):
    app = make_board_app(called, clock=fixed_clock, refresh_every=3600, speak=True)
    app.announcer.player = "aplay-not-installed"
    async with app.run_test(size=BOARD_SIZE) as pilot:
        await wait_for(pilot, lambda: len(app._notifications) >= 1, "a warning")
        said = [n.message for n in app._notifications]
    assert any("aplay" in m and "\n" not in m for m in said)
