"""Words and layout (issue 15): table cells are never cut without «…», the highlighted row's cut cells show
in full under the table, and the intake screen works at 80×24 (before, «4. Hình thức trả kết quả» was a
sliver, «6. Ngày hẹn trả» and F10 were off the screen)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer

from counter_app.services.demo import demo_card_payloads
from counter_app.widgets.fit_table import CellDetail, fit_widths
from counter_app.widgets.live_table import LiveTable

from .helpers import login, open_supervisor_screen, screen_text, start_intake, wait_for


def test_columns_get_what_they_want_when_it_fits():
    assert fit_widths([3, 20, 8], [3, 10, 5], 40) == [3, 20, 8]


def test_the_widest_give_way_first_and_keep_their_floor():
    # 26-cell codes keep their floor; the long procedure name is cut first
    assert fit_widths([26, 14, 40, 5], [26, 10, 10, 5], 70) == [26, 14, 25, 5]
    # even the floors do not fit: the widest are cut further, never below a few cells
    widths = fit_widths([26, 14, 40, 5], [26, 10, 10, 5], 30)
    assert sum(widths) <= 30 and min(widths) >= 5
    # what a common level leaves over goes to the widest cut columns: the table uses its room
    assert fit_widths([10, 10, 3], [None, None, None], 18) == [8, 7, 3]


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        with Vertical():
            yield LiveTable([("code", "Mã", 6), ("name", "Thủ tục", 8)], id="t")


async def test_a_cut_cell_ends_in_an_ellipsis_and_shows_in_full_under_the_table():
    """Before, «Chứng thực bản sao…» showed as «Chứng thực bản s» and nowhere in full."""
    app = _Host()
    name = "Chứng thực bản sao từ bản chính giấy tờ, văn bản"
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(LiveTable)
        table.show([("a", ["A1", name]), ("b", ["B2", "Hộ tịch"])])
        table.focus()
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "Chứng thực bản" in text and "…" in text, text
        detail = app.query_one(CellDetail)
        assert detail.display and name in str(detail.render()), text
        table.move_cursor(row=1)  # nothing of «Hộ tịch» is cut: no line under the table
        await pilot.pause()
        assert not detail.has_class("-shown")
        assert table.get_row("a") == ["A1", name]  # the cells hold the whole text


def _usable(app, widget, width: int, height: int) -> bool:
    region = app.screen.find_widget(widget).visible_region
    return region.width >= width and region.height >= height


async def test_the_intake_works_at_80x24(app, store):
    payload = demo_card_payloads(store, limit=1)[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        screen = await start_intake(pilot, payload)
        # F10 (save and print) is in the footer, not cut off at its end
        footer = screen.query_one(Footer)
        assert _usable(app, footer, 80, 1)
        f10 = [key for key in footer.query("FooterKey") if key.key == "f10"]
        assert f10 and _usable(app, f10[0], 5, 1)
        # the return method is reachable with the focus, with room for its choices
        method = screen.query_one("#return-method")
        method.focus()
        await pilot.pause()
        await pilot.pause()
        assert _usable(app, method, 30, 3), app.screen.find_widget(method)
        assert "Qua dịch vụ bưu chính công ích" in screen_text(app)
        # the due date shows once scrolled to
        due = screen.query_one("#due")
        due.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.pause()
        assert _usable(app, due, 20, 1)
        assert "20/11/2026" in screen_text(app)


async def test_the_status_line_ends_in_an_ellipsis_when_cut(app):
    """At 80 columns the status line was cut mid-word («… │ Không đồng»), with no mark."""
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        await pilot.pause()
        first = screen_text(app).splitlines()[0].rstrip()
        assert first.endswith("…"), first


async def test_the_counter_supervisor_and_find_screens_reflow_at_80_columns(app):
    """At 80×24 the dossiers due today were 30 columns wide (beside a 50-column queue), the supervisor's
    overdue list 18 (beside a 62-column left half), the dossiers found 24: each now has the width."""
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot)
        screen = app.screen
        due = screen.query_one("#due-table")
        await wait_for(pilot, lambda: due.row_count > 0, "dossiers due today")
        assert _usable(app, due, 70, 3)
        app.action_find("Nguyễn")
        await wait_for(pilot, lambda: app.screen.query_one("#find-dossiers").row_count > 0, "dossiers found")
        assert _usable(app, app.screen.query_one("#find-dossiers"), 70, 2)


async def test_the_supervisor_shows_the_overdue_list_at_80_columns(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await open_supervisor_screen(pilot)
        attention = app.screen.query_one("#live-attention")
        await wait_for(pilot, lambda: attention.row_count > 0, "overdue listed")
        await pilot.pause()
        await pilot.pause()
        assert _usable(app, attention, 70, 8)
