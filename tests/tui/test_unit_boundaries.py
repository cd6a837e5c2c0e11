"""Unit boundaries in the TUI: an officer of unit 21028 at its own counter finds, lists and opens only the
dossiers 21028 received, holds, returns or was handed; unit 21025's dossiers in the same store answer
«not found» exactly like a code nobody issued — from F4, the command palette and a scanned code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import select
from textual.command import CommandList, CommandPalette

from counter_app.config import load_settings
from counter_app.db.models import Dossier
from counter_app.screens.dossier import DossierScreen
from counter_app.screens.find import FindScreen
from counter_app.services.context import open_store
from counter_app.widgets.live_table import LiveTable

from .helpers import DEMO_DAY, SIZE, fixed_clock, login, notices, type_text, wait_for

UNIT = "21028"  # Phường Nghĩa Lộ
OTHER = "21025"  # Phường Cẩm Thành: its counters' dossiers are in 21028's demo store too


def _db_file(settings) -> Path:
    return Path(settings.db_url.removeprefix("sqlite:///"))


@pytest.fixture(scope="module")
def neighbour_template(tmp_path_factory) -> Path:
    """A demo store of unit 21028 (seeded once), which holds dossiers unit 21025's counters took in."""
    from counter_app.services.demo import seed_demo

    home = tmp_path_factory.mktemp("template-21028")
    settings = load_settings({"COUNTER_APP_HOME": str(home), "COUNTER_APP_UNIT": UNIT}, demo=True)
    store = open_store(settings)
    seed_demo(store, citizens=40, today=DEMO_DAY)
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.dispose()
    return _db_file(settings)


@pytest.fixture
def unit_store(neighbour_template, tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_UNIT", UNIT)
    settings = load_settings({"COUNTER_APP_HOME": str(tmp_path), "COUNTER_APP_UNIT": UNIT}, demo=True)
    target = _db_file(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(neighbour_template, target)
    store = open_store(settings)
    yield store
    store.dispose()


@pytest.fixture
def unit_app(unit_store):
    from counter_app.app import make_app

    return make_app(unit_store, clock=fixed_clock)


def _codes(store, unit_id: str) -> list[str]:
    with store.session() as s:
        return sorted(s.exec(select(Dossier.code).where(Dossier.received_unit_id == unit_id)).all())


def _fragment(theirs: list[str], ours: list[str]) -> str:
    """``-YYMM`` of a month in which both units received dossiers (as an officer types a date)."""
    months = {c.split("-")[1][:4] for c in theirs} & {c.split("-")[1][:4] for c in ours}
    assert months
    return "-" + max(months)


def _shown(screen) -> list[str]:
    table = screen.query_one("#find-dossiers", LiveTable)
    return [row.key.value for row in table.ordered_rows]


async def test_f4_lists_none_of_another_units_dossiers(unit_app, unit_store):
    theirs, ours = _codes(unit_store, OTHER), _codes(unit_store, UNIT)
    assert theirs, "the store holds dossiers of unit 21025"
    fragment = _fragment(theirs, ours)
    async with unit_app.run_test(size=SIZE) as pilot:
        await login(pilot)
        assert unit_app.officer.unit_id == UNIT
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(unit_app.screen, FindScreen), "find screen")
        screen = unit_app.screen
        await type_text(pilot, fragment)
        await wait_for(pilot, lambda: _shown(screen), "own dossiers listed")
        shown = _shown(screen)
        assert set(shown) <= set(ours) and not set(shown) & set(theirs)
        # the exact code of theirs lists nothing either, and no applicant's name shows
        await pilot.press(*["backspace"] * len(fragment))
        await type_text(pilot, theirs[0])
        await wait_for(pilot, lambda: screen.query_one("#find-input").value == theirs[0], "their code typed")
        await pilot.pause(0.2)
        assert _shown(screen) == []


async def test_opening_or_scanning_another_units_code_says_not_found(unit_app, unit_store):
    theirs = _codes(unit_store, OTHER)[0]
    nobodys = theirs[:-4] + "9999"
    async with unit_app.run_test(size=SIZE) as pilot:
        await login(pilot)
        unit_app.open_dossier(theirs)
        await wait_for(pilot, lambda: notices(unit_app, "error"), "an error notice")
        said = notices(unit_app, "error")[-1]
        assert said == f"Không tìm thấy hồ sơ mã «{theirs}»."
        assert unit_app.screen.detail is None  # nothing of the dossier was shown
        title = str(unit_app.screen.query_one("#dossier-title").render())
        assert title == said  # the screen says it too, instead of «loading» for ever
        unit_app.go_home()
        await pilot.pause()
        # a scanned code (a burst of keys with no input focused) answers the same, as one nobody issued does
        await type_text(pilot, theirs, enter=True)
        await wait_for(pilot, lambda: len(notices(unit_app, "error")) >= 2, "a second error notice")
        assert notices(unit_app, "error")[-1] == said
        unit_app.go_home()
        await pilot.pause()
        await type_text(pilot, nobodys, enter=True)
        await wait_for(pilot, lambda: len(notices(unit_app, "error")) >= 3, "a third error notice")
        assert notices(unit_app, "error")[-1] == said.replace(theirs, nobodys)
        # its own dossiers open as before
        own = _codes(unit_store, UNIT)[0]
        unit_app.open_dossier(own)
        await wait_for(
            pilot,
            lambda: isinstance(unit_app.screen, DossierScreen) and unit_app.screen.detail is not None,
            "own dossier opened",
        )


async def test_the_palette_offers_none_of_another_units_dossiers(unit_app, unit_store):
    theirs = _codes(unit_store, OTHER)[0]
    async with unit_app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(unit_app), "palette open")
        await type_text(pilot, theirs[-11:])
        hits = unit_app.screen.query_one(CommandList)

        def prompts() -> list[str]:
            return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]

        # the palette always offers to search the find screen: wait for that, then look at every hit
        await wait_for(pilot, lambda: any(theirs[-11:] in p for p in prompts()), "the hits are in")
        await pilot.pause(0.3)
        assert not any(theirs in p for p in prompts())


async def test_the_return_screen_does_not_find_another_units_dossier(unit_app, unit_store):
    from counter_app.screens.return_result import ReturnScreen

    theirs = _codes(unit_store, OTHER)[0]
    async with unit_app.run_test(size=SIZE) as pilot:
        await login(pilot)
        unit_app.action_return_result(theirs)
        await wait_for(pilot, lambda: isinstance(unit_app.screen, ReturnScreen), "return screen")
        await wait_for(pilot, lambda: notices(unit_app, "error"), "an error notice")
        assert notices(unit_app, "error")[-1] == f"Không tìm thấy hồ sơ mã «{theirs}»."
        assert unit_app.screen.detail is None
