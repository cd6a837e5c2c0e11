"""The live supervisor screen: it refreshes by itself, lists overdue dossiers first (oldest due first, red)
then those close to due (amber), opens a dossier on Enter, writes and prints the apology letter of an
overdue one, switches the indicators' period, and does not refresh while a dialog covers it."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.app import App
from textual.widgets import DataTable, Input

from counter_app.db.models import Dossier, Officer
from counter_app.domain.states import Status
from counter_app.screens.dialogs import ApologyDialog
from counter_app.screens.supervisor_live import SupervisorScreen
from counter_app.screens.supervisor_rows import sparkline
from counter_app.services import intake
from counter_app.services.context import Actor
from counter_app.services.indicators.figures import RUNNING
from counter_app.services.intake import DocumentChoice, IntakeRequest

from .helpers import FIXED_NOW, SIZE, fixed_clock, wait_for


def officer(store, username: str = "giamsat", counter: int = 1) -> Actor:
    with store.session() as session:
        o = session.exec(select(Officer).where(Officer.username == username)).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, f"{store.settings.one_stop_code}#{counter}")


class Host(App[None]):
    """A bare app showing only the supervisor screen (the counter app wires it to F7)."""

    def __init__(self, store, actor, **options) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.screen_under_test = SupervisorScreen(
            store, actor, open_dossier=self.opened.append, clock=fixed_clock, **options
        )

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test)


@pytest.fixture
def host(store) -> Host:
    return Host(store, officer(store), refresh_every=0.1)


def table(screen, name: str) -> DataTable:
    return screen.query_one(f"#{name}", DataTable)


def keys(t: DataTable) -> list[str]:
    return [row.key.value for row in t.ordered_rows]


def overdue_in_store(store) -> list[str]:
    """The demo unit's running dossiers past their due time, oldest due first (what the list must show)."""
    with store.session() as session:
        rows = session.exec(
            select(Dossier.code, Dossier.due_at).where(
                Dossier.custodian_unit_id == store.unit_id,
                Dossier.status.in_([int(s) for s in RUNNING]),  # type: ignore[attr-defined]
                Dossier.due_at < FIXED_NOW,
            )
        ).all()
    return [code for code, _ in sorted(rows, key=lambda r: (r[1], r[0]))]


async def test_overdue_first_oldest_first_then_close_to_due(host, store):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        attention = table(screen, "live-attention")
        expected = overdue_in_store(store)
        assert expected, "the demo store has overdue dossiers"
        shown = keys(attention)
        assert shown[: len(expected)] == expected
        close = shown[len(expected) :]
        assert close and all(screen._items[code].urgency == "close" for code in close)
        assert [screen._items[c].due_at for c in close] == sorted(screen._items[c].due_at for c in close)
        assert attention.get_cell(expected[0], "due").style == "bold red"
        assert attention.get_cell(close[0], "due").style == "bold yellow"
        assert str(attention.get_cell(expected[0], "left")).startswith("trễ ")
        assert "quá hạn" in str(screen.query_one("#live-attention-box").border_subtitle)


async def test_refreshes_by_itself_with_keyed_updates(host, store):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        indicators = table(screen, "live-indicators")
        received = int(str(indicators.get_cell("received", "value")))
        attention = table(screen, "live-attention")
        before = keys(attention)
        # a dossier received today, due today at 17:00: it joins the amber list and today's figures
        request = IntakeRequest(
            procedure_code="1.001193",
            applicant_name="Trần Thị Mới",
            documents=[DocumentChoice("Tờ khai đăng ký khai sinh", reused=True)],
        )
        new = intake.receive(store, officer(store, "canbo1", 2), request, now=FIXED_NOW).code
        await wait_for(
            pilot,
            lambda: str(indicators.get_cell("received", "value")) == str(received + 1),
            "received count updated",
        )
        await wait_for(pilot, lambda: new in keys(attention), "new dossier listed")
        after = keys(attention)
        assert [k for k in after if k != new] == before  # the others kept their order
        assert after.index(new) > max(after.index(k) for k in before if screen._items[k].urgency == "overdue")
        if received == 0:  # «reused» ticked with no document of the citizen's store attached: not a reuse
            assert str(indicators.get_cell("reuse", "value")).startswith("0,0 %")


async def test_enter_opens_the_dossier(store):
    posted: dict[int, str] = {}

    def hook(message) -> None:  # called on each node the message bubbles through
        if isinstance(message, SupervisorScreen.OpenDossier):
            posted[id(message)] = message.code

    app = Host(store, officer(store), refresh_every=0.1)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        screen = app.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        attention = table(screen, "live-attention")
        attention.focus()
        await pilot.press("down")
        code = keys(attention)[1]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.opened == [code], "callback called with the code")
        assert list(posted.values()) == [code]
        online = table(screen, "live-online")
        online.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.opened) == 2, "online dossier opened")
        assert app.opened[1] == keys(online)[0]


async def test_apology_letter_for_an_overdue_dossier(host, store):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        attention = table(screen, "live-attention")
        attention.focus()
        # on a close-to-due dossier the key only explains
        attention.move_cursor(row=attention.row_count - 1)
        await pilot.press("l")
        await pilot.pause()
        assert not isinstance(host.screen, ApologyDialog)
        attention.move_cursor(row=0)
        code = keys(attention)[0]
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(host.screen, ApologyDialog), "apology dialog")
        dialog = host.screen
        assert dialog.new_due == store.calendar.due_at(FIXED_NOW, 2)  # the default: 2 more working days
        dialog.query_one("#days", Input).value = "4"
        await wait_for(pilot, lambda: dialog.new_due == store.calendar.due_at(FIXED_NOW, 4), "new date shown")
        dialog.query_one("#reason", Input).value = "Cần xác minh thêm tại địa phương"
        await pilot.press("f10")
        await wait_for(pilot, lambda: host.screen is screen, "dialog closed")
        with store.session() as session:

            def moved() -> bool:
                session.expire_all()
                row = session.exec(select(Dossier).where(Dossier.code == code)).one()
                return row.due_at == store.calendar.due_at(FIXED_NOW, 4)

            await wait_for(pilot, moved, "due date moved by the apology")
        await wait_for(
            pilot, lambda: list(store.settings.printed_dir.rglob("*mau04*.pdf")), "apology printed"
        )
        await wait_for(pilot, lambda: code not in keys(attention), "no longer overdue")


async def test_apology_dialog_refuses_no_extension(host, store):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        table(screen, "live-attention").focus()
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(host.screen, ApologyDialog), "apology dialog")
        dialog = host.screen
        dialog.query_one("#days", Input).value = "0"
        await pilot.pause()
        await pilot.press("f10")
        await pilot.pause()
        assert host.screen is dialog
        assert "ít nhất 1" in str(dialog.query_one("#new-due").render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: host.screen is screen, "dialog cancelled")


async def test_no_refresh_while_a_dialog_is_open_and_period_keys(host, store):
    async with host.run_test(size=SIZE) as pilot:
        screen = host.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 2, "refreshing")
        table(screen, "live-attention").focus()
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(host.screen, ApologyDialog), "apology dialog")
        await pilot.pause(0.15)
        count = screen.refreshes
        await pilot.pause(0.5)  # five refresh periods
        assert screen.refreshes == count
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen.refreshes > count, "refreshing again")
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.snapshot.period.kind == "year", "year figures")
        assert "Năm 2026" in str(screen.query_one("#live-indicators-box").border_title)
        year_received = int(str(table(screen, "live-indicators").get_cell("received", "value")))
        assert year_received > 0
        await pilot.press("t")
        await wait_for(pilot, lambda: screen.snapshot.period.kind == "month", "month figures")
        await pilot.press("h")
        await wait_for(pilot, lambda: screen.snapshot.period.kind == "today", "today's figures")


async def test_keeps_the_last_figures_when_the_store_fails(host, store, tmp_path):
    from sqlalchemy import create_engine

    async with host.run_test(size=SIZE) as pilot:
        screen = host.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        rows = keys(table(screen, "live-attention"))
        good = store.engine
        store.engine = create_engine(f"sqlite:///{tmp_path / 'missing' / 'x.sqlite3'}")
        header = screen.query_one("#live-header")
        await wait_for(pilot, lambda: "Không đọc được kho dữ liệu" in str(header.render()), "stale notice")
        assert keys(table(screen, "live-attention")) == rows
        store.engine = good
        count = screen.refreshes
        await wait_for(pilot, lambda: screen.refreshes > count, "recovered")
        assert "GIÁM SÁT TRỰC TIẾP" in str(header.render())


async def test_in_the_counter_app(app, store):
    """Pushed in the real app (as F7 will do): the status bar, and Enter opens the dossier screen."""
    from counter_app.screens.dossier import DossierScreen

    from .helpers import login

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
        app.screen.query_one("#username").value = "giamsat"  # the service refuses an officer's figures
        await login(pilot)
        screen = SupervisorScreen(app.store, app.actor, open_dossier=app.open_dossier, refresh_every=0.2)
        app.push_screen(screen)
        await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh")
        code = keys(table(screen, "live-attention"))[0]
        table(screen, "live-attention").focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen), "dossier screen")
        assert app.screen.code == code


def test_sparkline():
    assert sparkline([0, 1, 2, 4, 8]) == "▁▂▃▅█"
    assert sparkline([0.0, 0.5, 1.0], maximum=1.0) == "▁▅█"
    assert sparkline([None, 1.0], maximum=1.0) == " █"
    assert sparkline([0, 0]) == "▁▁"
    assert sparkline([]) == ""


def test_bindings_have_ids_and_vietnamese_descriptions():
    own = [b for b in SupervisorScreen.BINDINGS if not (b.id or "").startswith("quiet.")]  # the app's keys
    for binding in [*own, *ApologyDialog.BINDINGS]:
        assert binding.id and binding.description
    assert {b.id for b in SupervisorScreen.BINDINGS} >= {
        "supervisor.today",
        "supervisor.month",
        "supervisor.year",
        "supervisor.apology",
        "supervisor.open",
    }


def test_status_constants():
    assert Status.SUPPLEMENT_REQUESTED not in RUNNING  # its clock is stopped: never listed as overdue
