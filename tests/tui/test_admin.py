"""The administrator's screens (Ctrl+O): before, the account «quantri» saw exactly what a supervisor sees."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList

from counter_app.services import auth, calendar_days, catalogue_admin, officers

from .helpers import SIZE, login, type_text, wait_for


async def _as_admin(app, pilot) -> None:
    await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
    app.screen.query_one("#username", Input).value = "quantri"
    await login(pilot)


async def _open(app, pilot, area: int, *, listed: bool = True):
    """Ctrl+O, then the menu's line ``area``: the area's screen (once its table has rows, with ``listed``)."""
    from counter_app.screens.admin.menu import AdminScreen

    await pilot.press("ctrl+o")
    await wait_for(pilot, lambda: isinstance(app.screen, AdminScreen), "administration")
    menu = app.screen
    menu.query_one("#admin-areas", OptionList).highlighted = area
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.screen is not menu and app.screen.is_mounted, "area open")
    if listed:
        await wait_for(pilot, lambda: app.screen.table.row_count, "area listed")
    return app.screen


async def test_an_officer_is_refused_the_administration(app):
    from counter_app.screens.counter import CounterScreen

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("ctrl+o")
        await wait_for(
            pilot, lambda: any("quản trị" in n for _s, n in app.notices), "refused, with the reason"
        )
        assert isinstance(app.screen, CounterScreen)


async def test_officers_added_reset_disabled_and_given_a_role(app, store):
    from counter_app.screens.admin.forms import NewPinDialog, OfficerDialog, RoleDialog

    admin = auth.actor_for_username(store, "quantri")
    async with app.run_test(size=SIZE) as pilot:
        await _as_admin(app, pilot)
        screen = await _open(app, pilot, 0)
        assert "canbo1" in screen.table.row_keys
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, OfficerDialog), "new account form")
        await type_text(pilot, "canbo7", enter=True)
        await type_text(pilot, "Đỗ Thị Hạnh", enter=True)
        await type_text(pilot, "204817", enter=True)
        await type_text(pilot, "204817", enter=True)
        await wait_for(pilot, lambda: "canbo7" in screen.table.row_keys, "listed")
        added = officers.find(store, admin, "canbo7")
        assert (added.full_name, added.role, added.must_change_pin) == ("Đỗ Thị Hạnh", "officer", True)

        screen.table.move_cursor(row=screen.table.get_row_index("canbo7"))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, RoleDialog), "role dialog")
        await pilot.press("down", "enter")
        await wait_for(
            pilot, lambda: officers.find(store, admin, "canbo7").role == "supervisor", "now a supervisor"
        )
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, NewPinDialog), "new PIN dialog")
        await type_text(pilot, "306149", enter=True)
        await type_text(pilot, "306149", enter=True)
        await wait_for(pilot, lambda: any("Đã cấp lại" in n for _s, n in app.notices), "PIN reset")
        assert auth.login(store, "canbo7", "306149").must_change_pin
        await pilot.press("d")
        await wait_for(pilot, lambda: not officers.find(store, admin, "canbo7").active, "disabled")


async def test_calendar_days_declared_and_removed(app, store):
    from counter_app.screens.admin.forms import DayDialog

    async with app.run_test(size=SIZE) as pilot:
        await _as_admin(app, pilot)
        screen = await _open(app, pilot, 2, listed=False)
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, DayDialog), "day dialog")
        await type_text(pilot, "31/12/2026", enter=True)
        await type_text(pilot, "Quyết định 99/QĐ-UBND", enter=True)
        await wait_for(pilot, lambda: "2026-12-31" in screen.table.row_keys, "listed")
        assert [(d.day, d.working) for d in calendar_days.listed(store, year=2026)][-1] == (
            date(2026, 12, 31),
            False,
        )
        assert not store.calendar.is_working_day(date(2026, 12, 31))
        screen.table.move_cursor(row=screen.table.get_row_index("2026-12-31"))
        await pilot.press("delete")
        await wait_for(pilot, lambda: "2026-12-31" not in screen.table.row_keys, "removed")
        assert store.calendar.is_working_day(date(2026, 12, 31))


async def test_the_unit_receives_chosen_procedures_and_their_deadline_is_edited(app, store):
    from counter_app.screens.admin.forms import ProcedureDialog

    async with app.run_test(size=SIZE) as pilot:
        await _as_admin(app, pilot)
        screen = await _open(app, pilot, 1)
        code = "1.001193"
        screen.table.move_cursor(row=screen.table.get_row_index(code))
        await pilot.press("space")
        await wait_for(
            pilot, lambda: catalogue_admin.entry(store, code) and code in _enabled(store), "enabled"
        )
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ProcedureDialog), "edit dialog")
        app.screen.query_one("#same-day").value = False
        days = app.screen.query_one("#days", Input)
        days.value = "2"
        await pilot.press("f10")
        await wait_for(pilot, lambda: catalogue_admin.entry(store, code).working_days == 2, "deadline saved")


def _enabled(store) -> set[str]:
    with store.session() as s:
        return catalogue_admin.enabled_codes(s, store.unit_id)


async def test_the_unit_page_shows_the_identifier(app, store):
    from counter_app.screens.admin.unit import UnitScreen

    from .helpers import screen_text

    async with app.run_test(size=SIZE) as pilot:
        await _as_admin(app, pilot)
        assert isinstance(await _open(app, pilot, 3, listed=False), UnitScreen)
        await wait_for(pilot, lambda: store.settings.one_stop_code in screen_text(app), "identifier shown")


async def test_counters_and_queue_lines_added_from_the_unit_page(app, store):
    from sqlmodel import select

    from counter_app.db.models import Counter, QueueService
    from counter_app.screens.admin.forms import QueueLineDialog
    from counter_app.screens.admin.unit import UnitScreen

    with store.session() as s:
        before = len(s.exec(select(Counter).where(Counter.unit_id == store.unit_id)).all())
    async with app.run_test(size=SIZE) as pilot:
        await _as_admin(app, pilot)
        assert isinstance(await _open(app, pilot, 3, listed=False), UnitScreen)
        await pilot.press("n")
        await wait_for(pilot, lambda: any("Đã thêm quầy" in n for _s, n in app.notices), "counter added")
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, QueueLineDialog), "queue line dialog")
        await type_text(pilot, "u", enter=True)  # U marks priority tickets: refused
        await type_text(pilot, "Tư pháp", enter=True)
        await wait_for(pilot, lambda: any("trừ U" in n for _s, n in app.notices), "U refused")
        await pilot.press("q")
        await wait_for(pilot, lambda: isinstance(app.screen, QueueLineDialog), "queue line dialog again")
        await type_text(pilot, "e", enter=True)
        await type_text(pilot, "Tư pháp", enter=True)
        await wait_for(
            pilot, lambda: any("Đã thêm dòng xếp hàng E" in n for _s, n in app.notices), "line added"
        )
    with store.session() as s:
        after = len(s.exec(select(Counter).where(Counter.unit_id == store.unit_id)).all())
        line = s.get(QueueService, "E")
    assert after == before + 1 and line is not None and line.name == "Tư pháp"


async def test_a_procedures_components_edited_as_text(app, store):
    from textual.widgets import TextArea

    from counter_app.screens.admin.forms import DocumentsDialog

    code = "1.001193"
    before = catalogue_admin.entry(store, code).documents
    async with app.run_test(size=SIZE) as pilot:
        await _as_admin(app, pilot)
        screen = await _open(app, pilot, 1)
        screen.table.move_cursor(row=screen.table.get_row_index(code))
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, DocumentsDialog), "documents dialog")
        area = app.screen.query_one("#documents", TextArea)
        area.text = area.text + "\n- Giấy ủy quyền (Bản chính: 1, Bản sao: 0)"
        await pilot.press("f10")
        await wait_for(
            pilot, lambda: len(catalogue_admin.entry(store, code).documents) == len(before) + 1, "saved"
        )
    after = catalogue_admin.entry(store, code).documents
    assert [(d.name, d.copy_kind, d.quantity) for d in after[: len(before)]] == [
        (d.name, d.copy_kind, d.quantity) for d in before
    ]  # the prefilled text reads back as it was
    assert (after[-1].name, after[-1].copy_kind) == ("Giấy ủy quyền", "original")
