"""The log-in screen tells nobody which usernames exist, and takes only officers of the counter's own unit;
the log file keeps no citizen's data (issue 12, items 4 and 5).

Each test failed before: an unknown username was «Không có cán bộ …», an officer of unit 21025 logged in at
a counter of unit 21028, and a mis-scanned card's number and birth date went into ``counter-app.log``.
"""

from __future__ import annotations

import logging

import pytest
from sqlmodel import select
from textual.widgets import Input, Static

from counter_app.db.models import Officer
from counter_app.services.demo import demo_card_payloads

from .helpers import SIZE, login, notices, wait_for

REFUSED = "Tên đăng nhập hoặc mã PIN không đúng"


def _another_units_officer(store, username: str = "hoa.khac") -> None:
    """An officer of another unit, with the demo PIN, in this counter's store (the sync brings units'
    officers nowhere, but a store can hold them: a restore, a copied file)."""
    with store.session() as session:
        template = session.exec(select(Officer).where(Officer.username == "canbo1")).one()
        other = {"id": f"officer-{username}", "username": username, "unit_id": "70"}
        session.add(Officer(**(template.model_dump() | other)))


async def _try(app, pilot, username: str, pin: str) -> str:
    screen = app.screen
    before = len(notices(app, "error"))
    screen.query_one("#username", Input).value = username
    screen.query_one("#pin", Input).value = pin
    screen.query_one("#pin", Input).focus()
    await pilot.press("enter")
    await wait_for(pilot, lambda: len(notices(app, "error")) > before, f"{username} refused")
    return notices(app, "error")[-1]


async def test_every_refused_log_in_reads_the_same(app, store):
    _another_units_officer(store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
        messages = {
            await _try(app, pilot, "nobody", "246810"),
            await _try(app, pilot, "canbo2", "246810"),
            await _try(app, pilot, "hoa.khac", "123456"),  # the right PIN, another unit's officer
        }
        assert len(messages) == 1 and REFUSED in messages.pop()
        assert REFUSED in str(app.screen.query_one("#login-error", Static).render())
        assert app.actor is None


async def test_an_officer_of_another_unit_cannot_log_in_at_this_counter(app, store):
    _another_units_officer(store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
        assert REFUSED in await _try(app, pilot, "hoa.khac", "123456")
        assert app.actor is None
        with store.session() as session:  # refused before its PIN was even tried: nothing counted
            other = session.exec(select(Officer).where(Officer.username == "hoa.khac")).one()
            assert other.failed_attempts == 0


async def test_a_mis_scanned_card_leaves_no_personal_data_in_the_log(app, store, caplog):
    good = demo_card_payloads(store, limit=1)[0]
    fields = good.split("|")
    number, name, birth = fields[0], fields[2], fields[3]
    wrong_year = f"{birth[:4]}{int(birth[4:]) + 1}"  # the number's birth year no longer matches
    bad = "|".join([*fields[:3], wrong_year, *fields[4:]])
    with caplog.at_level(logging.DEBUG):
        async with app.run_test(size=SIZE) as pilot:
            await login(pilot)
            await pilot.press(*bad, "enter")
            await wait_for(pilot, lambda: notices(app, "error"), "error notice")
            assert number in notices(app, "error")[-1]  # the officer sees what is wrong, on the screen
    logged = caplog.text
    assert "notice (error)" in logged
    for secret in (number, name, birth, wrong_year):
        assert secret not in logged, secret


async def test_the_administrator_unlocks_a_locked_out_officer(app, store):
    from datetime import timedelta

    from counter_app.services import auth
    from counter_app.services.errors import ServiceError

    from .helpers import fixed_clock
    from .test_admin import _as_admin, _open

    for _ in range(auth.MAX_FAILED):
        with pytest.raises(ServiceError):
            auth.login(store, "canbo2", "864209", now=fixed_clock())
    with store.session() as session:
        locked = session.exec(select(Officer).where(Officer.username == "canbo2")).one()
        assert locked.locked_until == fixed_clock() + timedelta(minutes=5)
    async with app.run_test(size=SIZE) as pilot:
        await _as_admin(app, pilot)
        screen = await _open(app, pilot, 0)
        assert "tạm khóa đến" in str(screen.table.get_row("canbo2")[3])
        assert "đang hoạt động" in str(screen.table.get_row("canbo1")[3])
        screen.table.move_cursor(row=screen.table.get_row_index("canbo2"))
        await pilot.press("u")
        await wait_for(pilot, lambda: any("Đã mở khóa" in n for n in notices(app)), "unlocked")
        await wait_for(pilot, lambda: "đang hoạt động" in str(screen.table.get_row("canbo2")[3]), "active")
    with store.session() as session:
        unlocked = session.exec(select(Officer).where(Officer.username == "canbo2")).one()
        assert (unlocked.failed_attempts, unlocked.locked_until) == (0, None)
    assert auth.login(store, "canbo2", "123456", now=fixed_clock()).name == "Trần Văn Hùng"
