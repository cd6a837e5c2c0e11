"""The pilot tests' own helpers: a wait that fails with the reason, not with a bare timeout."""

from __future__ import annotations

import pytest

from .helpers import wait_for


class FakePilot:
    """Just what ``wait_for`` needs of a Pilot: a pause that yields to the event loop."""

    def __init__(self) -> None:
        self.pauses = 0

    async def pause(self, delay: float | None = None) -> None:
        self.pauses += 1


async def test_a_condition_that_keeps_raising_fails_with_its_own_error():
    def condition() -> bool:
        raise KeyError("#checklist")

    with pytest.raises(KeyError, match="#checklist") as raised:
        await wait_for(FakePilot(), condition, "checklist filled", timeout=0.05)
    assert any("checklist filled" in note for note in getattr(raised.value, "__notes__", []))


async def test_a_condition_that_stays_false_times_out_naming_what_it_waited_for():
    with pytest.raises(TimeoutError, match="checklist filled"):
        await wait_for(FakePilot(), lambda: False, "checklist filled", timeout=0.05)


async def test_an_error_before_the_condition_holds_is_retried():
    calls = []

    def condition() -> bool:
        calls.append(None)
        if len(calls) < 3:
            raise LookupError("not mounted yet")
        return True

    pilot = FakePilot()
    await wait_for(pilot, condition, "mounted", timeout=5)
    assert len(calls) == 3 and pilot.pauses == 2


async def test_an_error_then_false_at_the_deadline_is_a_timeout():
    """Only the last evaluation counts: an early error that later became a plain False is a timeout."""
    calls = []

    def condition() -> bool:
        calls.append(None)
        if len(calls) == 1:
            raise LookupError("not mounted yet")
        return False

    with pytest.raises(TimeoutError, match="mounted"):
        await wait_for(FakePilot(), condition, "mounted", timeout=0.05)
