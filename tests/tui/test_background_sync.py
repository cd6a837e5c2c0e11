"""The TUI syncs in the background with a configured central store, and the status bar says so."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, func, select

from counter_app.db.engine import make_engine
from counter_app.db.models import DossierEvent
from counter_app.sync.central_setup import init_central

from .helpers import SIZE, fixed_clock, login, wait_for


async def test_after_log_in_the_counter_pushes_its_events_and_shows_online(store, pg_database):
    central = make_engine(pg_database)
    init_central(central, now=fixed_clock())
    store.settings = replace(store.settings, central_url=pg_database)
    from counter_app.app import make_app

    app = make_app(store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await wait_for(
            pilot,
            lambda: app.store_state is not None and app.store_state.online,
            "online after the first round",
            timeout=30,
        )
        await wait_for(pilot, lambda: app.store_state.waiting_events == 0, "nothing waiting", timeout=10)
        bar = " ".join(text for text, _ in app.status_parts())
        assert "Trực tuyến" in bar and "0 sự kiện chờ đồng bộ" in bar and "Đồng bộ lúc" in bar
    with Session(central) as s:
        assert s.exec(select(func.count()).select_from(DossierEvent)).one() > 0
    central.dispose()


async def test_an_unreachable_centre_leaves_the_counter_working_offline(store):
    store.settings = replace(store.settings, central_url="postgresql://postgres@127.0.0.1:9/none")
    from counter_app.app import make_app

    app = make_app(store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await wait_for(pilot, lambda: app._sync_failures >= 1, "a failed round", timeout=20)
        app.refresh_store_state()
        await wait_for(pilot, lambda: app.store_state.waiting_events > 0, "events still waiting")
        bar = " ".join(text for text, _ in app.status_parts())
        assert "Ngoại tuyến" in bar
        await pilot.press("f3")  # the counter keeps working
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "IntakeScreen", "intake opens")


async def test_the_log_in_screen_shows_before_the_store_is_open(store):
    """counter-app starts the app with an opener: log-in works once the store is open behind it."""
    import threading

    from counter_app.app import make_app
    from counter_app.screens.counter import CounterScreen

    release = threading.Event()

    def slow_opener():
        release.wait(10)
        return store

    app = make_app(slow_opener, settings=store.settings, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "log-in screen up")
        assert not app._store_ready.is_set()
        await pilot.press("enter")  # the officer is faster than the disk
        release.set()
        await wait_for(
            pilot, lambda: isinstance(app.screen, CounterScreen), "logged in once the store opened"
        )
        # let the counter screen finish mounting and loading before the test ends the app
        await wait_for(
            pilot,
            lambda: (
                app.store_state is not None
                and app.screen.query("#queue-table")
                and app.screen.query_one("#queue-table").row_count > 0
            ),
            "counter screen loaded",
        )


async def test_a_central_store_nobody_set_up_is_said_in_the_status_bar(store, pg_database):
    """An empty database as the central store: the officer reads what to do, never the SQL error."""
    from sqlalchemy.engine import make_url

    store.settings = replace(store.settings, central_url=pg_database)
    from counter_app.app import make_app

    app = make_app(store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await wait_for(pilot, lambda: app._sync_failures >= 1, "a failed round", timeout=20)
        app.refresh_store_state()
        await wait_for(pilot, lambda: app.store_state and app.store_state.problem, "the problem in the state")
        bar = " ".join(text for text, _ in app.status_parts())
        place = f"127.0.0.1/{make_url(pg_database).database}"
        assert f"Kho trung tâm tại {place} chưa được thiết lập; hãy chạy `counter-app central init`." in bar
        assert "Ngoại tuyến" in bar and "relation" not in bar
