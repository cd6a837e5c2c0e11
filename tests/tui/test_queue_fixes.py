"""Issue 15, «Queue and board», at the counter: the priority reason typed in the ticket dialog, the queue column,
F2 over an unsaved intake, a ticket transferred to this counter, and the printed ticket (PDF, thermal, failure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.db.models import QueueTicket
from counter_app.screens.counter import CounterScreen
from counter_app.screens.dialogs import ConfirmDialog, IssueTicketDialog
from counter_app.services import queue
from counter_app.services.demo import demo_card_payloads
from counter_app.widgets.live_table import LiveTable

from .helpers import SIZE, clerk, counts, fixed_clock, login, notices, start_intake, type_text, wait_for


def latest_ticket(store) -> QueueTicket:
    with store.session() as session:
        ticket = session.exec(select(QueueTicket).order_by(QueueTicket.issued_at.desc())).first()
    assert ticket is not None
    return ticket


async def open_ticket_dialog(pilot) -> IssueTicketDialog:
    app = pilot.app
    await pilot.press("ctrl+n")
    await wait_for(pilot, lambda: isinstance(app.screen, IssueTicketDialog), "ticket dialog")
    await wait_for(pilot, lambda: app.screen.query_one("#services").option_count == 4, "services listed")
    return app.screen


async def test_the_priority_reason_typed_after_ctrl_u_is_kept(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        before = counts(store)["QueueTicket"]
        await open_ticket_dialog(pilot)
        await pilot.press("down", "down", "down", "ctrl+u")  # service D, priority
        await type_text(pilot, "Phụ nữ mang thai", enter=True)
        await wait_for(pilot, lambda: counts(store)["QueueTicket"] == before + 1, "ticket issued")
    ticket = latest_ticket(store)
    assert (ticket.service, ticket.priority, ticket.priority_reason) == ("D", True, "Phụ nữ mang thai")


async def test_the_waiting_column_counts_priority_tickets_too(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = app.screen
        await wait_for(pilot, lambda: screen.data is not None, "queue shown")
        [(normal, priority)] = [(n, p) for code, _name, n, p in screen.data.waiting if code == "D"]
        await open_ticket_dialog(pilot)
        await pilot.press("down", "down", "down", "ctrl+u", "enter")  # a priority ticket in the D line
        table = screen.query_one("#queue-table", LiveTable)
        await wait_for(pilot, lambda: str(table.get_row("D")[3]) == str(priority + 1), "D's priority shown")
        # «Đang chờ» is everyone waiting in the line (it left the priority tickets out), «Ưu tiên» how many
        # of them are priority tickets
        assert table.get_row("D")[2] == str(normal + priority + 1)
        for code, _name, n, p in screen.data.waiting:
            assert (table.get_row(code)[2], str(table.get_row(code)[3])) == (str(n + p), str(p))


async def test_f2_during_an_unsaved_intake_asks_first_and_the_safe_answer_keeps_it(app, store):
    from counter_app.screens.intake import IntakeScreen

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        first = app.serving
        intake = await start_intake(pilot, demo_card_payloads(store)[0])
        citizen = intake.citizen
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked before calling")
        assert first.number in app.screen.message
        await pilot.press("enter")  # the focus is on «Không»: keep the intake
        await wait_for(pilot, lambda: app.screen is intake, "back to the intake")
        await pilot.pause(0.2)
        assert app.serving.id == first.id and intake.citizen == citizen
        with store.session() as session:
            assert session.get(QueueTicket, first.id).status == "serving"
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked again")
        await pilot.press("c")  # yes: the intake is given up and the next number called
        await wait_for(pilot, lambda: app.serving is not None and app.serving.id != first.id, "next called")
        assert isinstance(app.screen, CounterScreen)
        assert not any(isinstance(s, IntakeScreen) for s in app.screen_stack)


async def test_f2_on_an_empty_intake_calls_at_once(app, store):
    from counter_app.screens.intake import IntakeScreen

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, IntakeScreen), "intake screen")
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called without a question")
        assert isinstance(app.screen, IntakeScreen)


def transfer_to_counter_one(store, *, earlier_priority: bool = False) -> QueueTicket:
    """Counter 2 calls a ticket and sends it to counter 1 (free): returns it."""
    two = clerk(store, "canbo2", 2)
    ticket = queue.call_next(store, two, now=datetime(2026, 11, 20, 9, 0))
    if earlier_priority:  # a priority ticket older than every other: the one counter 1's next call would take
        queue.issue(store, "C", priority=True, now=datetime(2026, 11, 20, 6, 0))
    queue.transfer(store, two, 1, now=datetime(2026, 11, 20, 9, 5))
    with store.session() as session:
        row = session.get(QueueTicket, ticket.id)
    assert row is not None
    return row


async def test_a_ticket_transferred_here_shows_at_the_next_refresh(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await wait_for(pilot, lambda: app.screen.data is not None, "counter screen loaded")
        sent = transfer_to_counter_one(store)
        app.screen.reload()  # the screen's own 15-second refresh
        await wait_for(pilot, lambda: app.serving is not None and app.serving.id == sent.id, "shown here")
        assert any(f"Số {sent.number} được chuyển đến quầy này" in n for n in notices(app))


async def test_f2_shows_a_ticket_transferred_here_rather_than_closing_it_unseen(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await wait_for(pilot, lambda: app.screen.data is not None, "counter screen loaded")
        sent = transfer_to_counter_one(store, earlier_priority=True)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "a ticket at the counter")
        assert app.serving.id == sent.id
    with store.session() as session:
        assert session.get(QueueTicket, sent.id).status == "serving"  # not closed as served, unseen


# --- the printed ticket ---


async def test_ctrl_n_keeps_the_ticket_as_a_pdf_without_a_thermal_printer(app, store):
    from tests.printing.helpers import nfc, page_texts

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await open_ticket_dialog(pilot)
        await pilot.press("down", "down", "down", "enter")  # service D
        await wait_for(pilot, lambda: any("lưu thành tệp PDF" in n for n in notices(app)), "ticket printed")
    [pdf] = list(store.settings.printed_dir.rglob("*.pdf"))
    [text] = page_texts(pdf.read_bytes())
    number = latest_ticket(store).number
    for part in ("SỐ THỨ TỰ CỦA BẠN", number, "Đất đai", "Vui lòng giữ phiếu và chú ý bảng hiển thị số."):
        assert nfc(part) in text


@pytest.fixture
def escpos_store(store):
    return replace(store, settings=replace(store.settings, escpos="network:192.0.2.10"))


async def test_ctrl_n_prints_on_the_configured_thermal_printer(escpos_store, monkeypatch):
    printer_module = pytest.importorskip("escpos.printer")
    from counter_app.app import make_app
    from counter_app.printing import output

    printers: list[object] = []

    def open_dummy(target: str):
        assert target == "network:192.0.2.10"
        printers.append(printer_module.Dummy())
        return printers[-1]

    monkeypatch.setattr(output, "open_escpos_printer", open_dummy)
    app = make_app(escpos_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await open_ticket_dialog(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("ra máy in nhiệt" in n for n in notices(app)), "ticket printed")
    [printer] = printers
    assert b"\x1dv0\x00\x48\x00" in printer.output  # the ticket as a 576-dot raster image
    assert not list(escpos_store.settings.printed_dir.rglob("*.pdf"))


async def test_a_thermal_printer_failure_says_so_in_one_line_and_keeps_the_ticket(escpos_store, monkeypatch):
    printer_module = pytest.importorskip("escpos.printer")
    from counter_app.app import make_app
    from counter_app.printing import output

    class OutOfPaper(printer_module.Dummy):
        def image(self, *args, **kwargs):
            raise OSError("printer reports: paper end\nstatus 0x0c")

    monkeypatch.setattr(output, "open_escpos_printer", lambda target: OutOfPaper())
    app = make_app(escpos_store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        before = counts(escpos_store)["QueueTicket"]
        await open_ticket_dialog(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: notices(app, "error"), "the failure said")
        assert counts(escpos_store)["QueueTicket"] == before + 1
    number = latest_ticket(escpos_store).number
    [error] = notices(app, "error")
    assert error.startswith(f"Số {number} đã được cấp nhưng không in được phiếu: Máy in nhiệt báo lỗi")
    assert "\n" not in error
