"""The queue's fingerprint (``services.board.board_version``) that ``counter-app serve`` polls: every move
of the officers changes it, even within the same second, and nothing else does."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import select

from counter_app.db.models import Officer
from counter_app.services import queue
from counter_app.services.board import board_version
from counter_app.services.context import Actor

NOW = datetime(2026, 11, 23, 9, 0)  # every move below happens in this same second


def officer(store, counter: int) -> Actor:
    with store.session() as s:
        o = s.exec(select(Officer).where(Officer.username == "canbo1")).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, f"{store.settings.one_stop_code}#{counter}")


def test_every_move_changes_the_fingerprint_even_within_a_second(seeded_store):
    store = seeded_store
    one, two, three = officer(store, 1), officer(store, 2), officer(store, 3)
    seen = [board_version(store, NOW)]

    def moved(what: str) -> None:
        version = board_version(store, NOW)
        assert version != seen[-1], what
        seen.append(version)

    queue.issue(store, "A", now=NOW)
    moved("issued")
    queue.issue(store, "B", now=NOW)
    moved("issued again")
    queue.call_next(store, one, now=NOW)
    moved("F2 at counter 1")
    assert board_version(store, NOW) == seen[-1]  # nothing happened: the same fingerprint
    queue.recall(store, one, now=NOW)
    moved("F8")
    queue.transfer(store, one, 3, now=NOW)
    moved("Ctrl+T to the free counter 3")
    queue.call_next(store, two, now=NOW)
    moved("F2 at counter 2")
    queue.transfer(store, two, 3, now=NOW)
    moved("Ctrl+T to the busy counter 3")  # the board is as before counter 2's call: so is the fingerprint
    assert seen[-1] == seen[-3]
    queue.no_show(store, three, now=NOW)
    moved("absent at counter 3")
    queue.call_next(store, three, now=NOW)
    moved("F2 at counter 3: the ticket sent to it")
    queue.finish(store, three, now=NOW)
    moved("finished")
