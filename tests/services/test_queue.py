from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.db.models import Officer, QueueTicket
from counter_app.services import queue
from counter_app.services.context import Actor
from counter_app.services.errors import ServiceError

DAY = datetime(2026, 11, 23, 7, 0)


def officer(store, counter):
    with store.session() as s:
        o = s.exec(select(Officer).where(Officer.username == "canbo1")).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, f"{store.settings.one_stop_code}#{counter}")


def test_priority_first_then_oldest_recall_no_show_and_transfer(seeded_store):
    store = seeded_store
    a1 = queue.issue(store, "A", now=DAY.replace(minute=1))
    b1 = queue.issue(store, "B", now=DAY.replace(minute=2))
    assert (a1.ticket.number, b1.ticket.number, b1.waiting_ahead) == ("A001", "B001", 1)
    u = queue.issue(store, "A", priority=True, priority_reason="Người cao tuổi", now=DAY.replace(minute=3))
    one, two = officer(store, 1), officer(store, 2)
    call = DAY.replace(hour=7, minute=30)
    assert queue.call_next(store, one, now=call).number == u.ticket.number
    assert queue.recall(store, one, now=call).recalls == 1
    assert queue.call_next(store, two, now=call).number == "A001"
    transferred = queue.transfer(store, two, 1)
    assert transferred.status == "waiting"
    # the transferred A001 is older than B001 but waits for counter 1 only
    assert queue.call_next(store, two, now=call).number == "B001"
    assert queue.call_next(store, one, now=call).number == "A001"
    assert queue.no_show(store, one, now=call).status == "no_show"
    with pytest.raises(ServiceError, match="Không còn ai"):
        queue.call_next(store, one, now=call)
    with pytest.raises(ServiceError):
        queue.issue(store, "Z", now=DAY)


# --- issue 15: queue and board ------------------------------------------------------------------------------


def test_a_priority_ticket_counts_only_the_priority_tickets_ahead_of_it(seeded_store):
    store = seeded_store
    for minute in (1, 2, 3):
        queue.issue(store, "A", now=DAY.replace(minute=minute))
    # an empty line, and no priority ticket waiting: nobody is called before it (it said 3)
    first = queue.issue(
        store, "D", priority=True, priority_reason="Phụ nữ mang thai", now=DAY.replace(minute=4)
    )
    assert first.waiting_ahead == 0
    second = queue.issue(store, "B", priority=True, now=DAY.replace(minute=5))
    assert second.waiting_ahead == 1  # the priority D001 is called first, whatever the line
    ordinary = queue.issue(store, "D", now=DAY.replace(minute=6))
    assert ordinary.waiting_ahead == 5  # everyone waiting is called before an ordinary ticket


def test_no_shows_are_not_counted_as_citizens_served(seeded_store):
    from counter_app.services import dashboard

    store = seeded_store
    one = officer(store, 1)
    for minute in (1, 2, 3):
        queue.issue(store, "A", now=DAY.replace(minute=minute))
    call = DAY.replace(hour=7, minute=30)
    queue.call_next(store, one, now=call)
    queue.no_show(store, one, now=call)  # A001 did not come
    queue.call_next(store, one, now=call)
    queue.finish(store, one, now=call)  # A002 served
    queue.call_next(store, one, now=call)  # A003 being served
    day = dashboard.counter_day(store, one.counter_id, one.unit_id, DAY.date())
    assert day.tickets_served == 1


def board_at(store, when):
    from counter_app.services.board import board_state

    state = board_state(store, when)
    return {c.number: (c.state, c.ticket) for c in state.counters}, [
        (c.number, c.counter_number) for c in state.recent_calls
    ]


def test_a_ticket_transferred_to_a_free_counter_is_called_there(seeded_store):
    store = seeded_store
    one, two = officer(store, 1), officer(store, 2)
    queue.issue(store, "D", now=DAY.replace(minute=1))
    queue.issue(store, "A", now=DAY.replace(minute=2))
    called = DAY.replace(hour=7, minute=30)
    assert queue.call_next(store, one, now=called).number == "D001"
    moved = DAY.replace(hour=7, minute=40)
    ticket = queue.transfer(store, one, 2, now=moved)
    assert (ticket.status, ticket.called_at, ticket.counter_id) == ("serving", moved, two.counter_id)
    # the board says the same thing in the counter's box and under the last calls (the box said idle)
    counters, calls = board_at(store, moved)
    assert counters[2] == ("serving", "D001")
    assert counters[1][1] is None
    assert calls[0] == ("D001", 2)
    # counter 2 closes it with its next call, as its own
    assert queue.call_next(store, two, now=DAY.replace(hour=7, minute=50)).number == "A001"
    with store.session() as session:
        done = session.get(QueueTicket, ticket.id)
    assert (done.status, done.officer_id) == ("done", two.officer_id)


def test_a_ticket_transferred_to_a_busy_counter_waits_first_in_its_line(seeded_store):
    store = seeded_store
    one, two = officer(store, 1), officer(store, 2)
    for minute, service, priority in ((1, "A", False), (2, "B", False), (3, "C", True)):
        queue.issue(store, service, priority=priority, now=DAY.replace(minute=minute))
    t = DAY.replace(hour=7)
    assert queue.call_next(store, one, now=t.replace(minute=30)).number == "C001"  # priority
    assert queue.call_next(store, two, now=t.replace(minute=31)).number == "A001"
    ticket = queue.transfer(store, one, 2, now=t.replace(minute=35))
    assert ticket.status == "waiting"
    counters, calls = board_at(store, t.replace(minute=35))
    assert counters[2] == ("serving", "A001")
    assert ("C001", 2) not in calls  # not called at counter 2 yet
    assert queue.call_next(store, two, now=t.replace(minute=40)).number == "C001"
    counters, calls = board_at(store, t.replace(minute=40))
    assert counters[2] == ("serving", "C001") and calls[0] == ("C001", 2)


def test_a_transfer_to_a_counter_the_unit_does_not_have_is_refused(seeded_store):
    store = seeded_store
    one = officer(store, 1)
    queue.issue(store, "A", now=DAY.replace(minute=1))
    queue.call_next(store, one, now=DAY.replace(hour=7, minute=30))
    with pytest.raises(ServiceError, match="không có quầy số 9"):
        queue.transfer(store, one, 9)
    assert queue.recall(store, one).number == "A001"  # still served here


# --- printed tickets ---


def with_escpos(store, target="usb:0x0416:0x5011"):
    from dataclasses import replace

    return replace(store, settings=replace(store.settings, escpos=target))


def test_without_a_thermal_printer_the_ticket_is_kept_as_a_pdf(seeded_store):
    from counter_app.services.printing_service import print_ticket
    from tests.printing.helpers import nfc, page_texts

    store = seeded_store
    issued = queue.issue(store, "D", priority=True, now=DAY.replace(minute=1))
    printed = print_ticket(store, issued)
    assert printed.ok and printed.path is not None and printed.path.is_file()
    assert printed.path.is_relative_to(store.settings.printed_dir)
    [text] = page_texts(printed.path.read_bytes())
    for part in ("SỐ THỨ TỰ CỦA BẠN", "D001", "Đất đai", "Số người đang chờ trước bạn: 0"):
        assert nfc(part) in text
    assert str(printed.path) in printed.message


def test_a_ticket_prints_on_the_configured_escpos_printer(seeded_store, monkeypatch):
    printer_module = pytest.importorskip("escpos.printer")
    from counter_app.printing import output
    from counter_app.services.printing_service import print_ticket

    opened: list[tuple[str, object]] = []

    def open_dummy(target):
        printer = printer_module.Dummy()
        opened.append((target, printer))
        return printer

    monkeypatch.setattr(output, "open_escpos_printer", open_dummy)
    store = with_escpos(seeded_store)
    issued = queue.issue(store, "A", now=DAY.replace(minute=1))
    printed = print_ticket(store, issued)
    [(target, printer)] = opened
    assert target == "usb:0x0416:0x5011" and printed.printer == target
    assert b"\x1dv0\x00\x48\x00" in printer.output  # a 576-dot raster image, then the cut
    assert printed.path is None and "A001" in printed.message
    assert not list(store.settings.printed_dir.rglob("*.pdf"))


def test_a_failing_thermal_printer_says_so_in_one_line_and_the_ticket_stays(seeded_store, monkeypatch):
    printer_module = pytest.importorskip("escpos.printer")
    from counter_app.printing import output
    from counter_app.services.printing_service import print_ticket_safely

    class Unplugged(printer_module.Dummy):
        def image(self, *args, **kwargs):
            raise OSError("USB device not found\n(is it plugged in?)")

    monkeypatch.setattr(output, "open_escpos_printer", lambda target: Unplugged())
    store = with_escpos(seeded_store)
    issued = queue.issue(store, "B", now=DAY.replace(minute=1))
    printed = print_ticket_safely(store, issued)
    assert not printed.ok
    assert printed.message.startswith("Số B001 đã được cấp nhưng không in được phiếu: Máy in nhiệt báo lỗi")
    assert "\n" not in printed.message and "USB device not found" in printed.message
    with store.session() as session:
        assert session.get(QueueTicket, issued.ticket.id).status == "waiting"
