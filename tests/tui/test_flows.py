"""Whole flows other than the golden path: supplement, refusal, return with rating, queue, scans, roles."""

from __future__ import annotations

from sqlmodel import select

from counter_app.db.models import QueueTicket
from counter_app.domain.states import Status
from counter_app.services import lookup, rating
from counter_app.services.demo import demo_card_payloads

from .helpers import (
    FIXED_NOW,
    SIZE,
    counts,
    find_code,
    login,
    notices,
    open_dossier_screen,
    open_supervisor_screen,
    screen_actions,
    start_intake,
    type_text,
    wait_for,
)


def assert_printed(screen) -> None:
    """The form was printed: its PDF exists."""
    assert screen.print_ok and screen.print_path.is_file(), screen.app.notices


def detail(store, code):
    with store.session() as session:
        return lookup.dossier_detail(session, code)


async def test_intake_with_missing_document_asks_for_supplement(app, store):
    payload = demo_card_payloads(store, limit=1)[0]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await start_intake(pilot, payload)
        first = screen.query_one("#checklist").rows_data[0].name
        await pilot.press("space")  # the first document was not brought
        assert not screen.query_one("#checklist").rows_data[0].received
        await pilot.press("f10")  # refused: something is missing
        await wait_for(
            pilot, lambda: any("Thiếu giấy tờ" in n for n in notices(app, "warning")), "missing notice"
        )
        assert screen.outcome is None
        await pilot.press("f8")
        from counter_app.screens.dialogs import SupplementDialog

        await wait_for(pilot, lambda: isinstance(app.screen, SupplementDialog), "supplement dialog")
        assert app.screen.query_one("#missing").selected == [first]  # the unticked document, pre-selected
        await pilot.press("f10")  # the usual reason is pre-filled
        await wait_for(pilot, lambda: screen.outcome is not None, "saved with a supplement request")
        assert screen.outcome.kind == "supplement"
        code = screen.outcome.code
        await wait_for(pilot, lambda: screen.print_ok is not None, "print attempted")
        assert_printed(screen)
    found = detail(store, code)
    assert found.dossier.status == Status.SUPPLEMENT_REQUESTED
    assert found.dossier.clock_stopped_at is not None
    assert [e.type for e in found.events] == ["received", "supplement_requested"]
    assert [m["name"] for m in found.events[1].payload["missing"]] == [first]


async def test_intake_refusal_records_the_reason(app, store):
    payload = demo_card_payloads(store, limit=2)[1]
    before = counts(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await start_intake(pilot, payload, "ket hon")
        assert screen.procedure.code == "1.000894"
        await pilot.press("f9")
        from counter_app.screens.dialogs import ReasonDialog

        await wait_for(pilot, lambda: isinstance(app.screen, ReasonDialog), "reason dialog")
        await type_text(pilot, "Người nộp chưa đủ 18 tuổi", enter=True)
        await wait_for(pilot, lambda: screen.outcome is not None, "refusal saved")
        assert screen.outcome.kind == "refused"
        code = screen.outcome.code
        await wait_for(pilot, lambda: screen.print_ok is not None, "print attempted")
        assert_printed(screen)
    found = detail(store, code)
    assert found.dossier.status == Status.REFUSED
    assert found.dossier.due_at is None
    assert [e.type for e in found.events] == ["refused"]
    assert found.events[0].payload["reason"] == "Người nộp chưa đủ 18 tuổi"
    assert counts(store)["Dossier"] == before["Dossier"] + 1


async def test_dossier_view_supplement_then_supplement_received(app, store):
    code = find_code(store, status=Status.PROCESSING)
    old_due = detail(store, code).dossier.due_at
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await type_text(pilot, code, enter=True)  # scanned at the counter screen
        from counter_app.screens.dossier import DossierScreen

        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen), "dossier view")
        screen = app.screen
        await wait_for(pilot, lambda: screen.detail is not None, "dossier loaded")
        active = {b.binding.action for b in screen.active_bindings.values()}
        assert {"supplement", "handover", "result_ready", "withdraw"} <= active
        assert "return" not in active and "supplement_received" not in active
        await pilot.press("b")
        from counter_app.screens.dialogs import SupplementDialog

        await wait_for(pilot, lambda: isinstance(app.screen, SupplementDialog), "supplement dialog")
        await pilot.press("space", "f10")
        await wait_for(
            pilot, lambda: screen.detail.dossier.status == Status.SUPPLEMENT_REQUESTED, "supplement requested"
        )
        await wait_for(
            pilot,
            lambda: "supplement_received" in {b.binding.action for b in screen.active_bindings.values()},
            "new action",
        )
        await pilot.press("n")
        await wait_for(
            pilot, lambda: screen.detail.dossier.status == Status.PROCESSING, "supplement received"
        )
    found = detail(store, code)
    assert [e.type for e in found.events][-2:] == ["supplement_requested", "supplement_received"]
    assert found.dossier.due_at != old_due


async def test_return_asks_the_counters_tablet_for_the_rating_and_the_officer_cannot_rate(app, store):
    code = find_code(store, status=Status.RESULT_READY)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f5")
        from counter_app.screens.return_result import ReturnScreen

        await wait_for(pilot, lambda: isinstance(app.screen, ReturnScreen), "return screen")
        screen = app.screen
        await type_text(pilot, code, enter=True)  # the receipt's barcode
        await wait_for(pilot, lambda: screen.detail is not None, "dossier ready to return")
        assert screen.query_one("#id-checked").has_focus
        await pilot.press("space", "f10")
        from counter_app.screens.counter import CounterScreen

        # no rating keys for the officer: the counter's tablet is asked, and the screen says so
        await wait_for(pilot, lambda: isinstance(app.screen, CounterScreen), "back home")
        await wait_for(pilot, lambda: any("máy tính bảng" in n for n in notices(app)), "tablet asked")
        await pilot.press("1")  # a key the officer might press: it rates nothing
    found = detail(store, code)
    assert found.dossier.status == Status.RETURNED
    assert found.dossier.satisfaction is None and found.dossier.satisfaction_by == ""
    returned = [e for e in found.events if e.type == "returned"][0]
    assert returned.payload["id_checked"] is True
    assert returned.payload["receiver_name"] == found.dossier.applicant_name
    assert found.events[-1].type == "returned"
    assert rating.pending(store, app.officer.counter_id, now=FIXED_NOW) is not None


async def test_return_refuses_a_dossier_without_result(app, store):
    code = find_code(store, status=Status.PROCESSING)
    before = counts(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f5")
        await type_text(pilot, code, enter=True)
        await wait_for(pilot, lambda: any("chưa có kết quả" in n for n in notices(app)), "not ready notice")
        assert app.screen.detail is None
        assert not app.screen.query_one("#return-receiver").display
    assert counts(store) == before


async def test_call_recall_no_show(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        ticket = app.serving
        assert ticket.priority  # priority tickets first
        await pilot.press("f8")
        await wait_for(pilot, lambda: app.serving.recalls == 1, "recalled")
        await pilot.press("f9")
        from counter_app.screens.dialogs import ConfirmDialog

        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "confirm dialog")
        await pilot.press("enter")  # the default answer is the safe one: no
        await wait_for(pilot, lambda: not isinstance(app.screen, ConfirmDialog), "dialog closed")
        assert app.serving is not None
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog), "confirm dialog")
        await pilot.press("c")
        await wait_for(pilot, lambda: app.serving is None, "no-show recorded")
    with store.session() as session:
        row = session.get(QueueTicket, ticket.id)
    assert row.status == "no_show" and row.recalls == 1


async def test_issue_ticket_and_transfer(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        before = counts(store)["QueueTicket"]
        await pilot.press("ctrl+n")
        from counter_app.screens.dialogs import IssueTicketDialog, TransferDialog

        await wait_for(pilot, lambda: isinstance(app.screen, IssueTicketDialog), "ticket dialog")
        await wait_for(pilot, lambda: app.screen.query_one("#services").option_count == 4, "services listed")
        await pilot.press("down", "ctrl+u", "enter")  # service B, priority
        await wait_for(pilot, lambda: counts(store)["QueueTicket"] == before + 1, "ticket issued")
        assert any("Đã cấp số UB" in n or "Đã cấp số B" in n for n in notices(app))
        await pilot.press("f2")
        await wait_for(pilot, lambda: app.serving is not None, "ticket called")
        ticket = app.serving
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, TransferDialog), "transfer dialog")
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: app.serving is None, "transferred")
    with store.session() as session:
        row = session.get(QueueTicket, ticket.id)
        issued = session.exec(
            select(QueueTicket)
            .where(QueueTicket.service == "B", QueueTicket.priority == True)  # noqa: E712
            .order_by(QueueTicket.issued_at.desc())
        ).first()
    # counter 2 is free: the ticket is called there (the board shows it in counter 2's box)
    assert row.status == "serving" and row.counter_id.endswith("#2")
    assert issued is not None


async def test_malformed_scan_changes_nothing(app, store):
    good = demo_card_payloads(store, limit=1)[0]
    fields = good.split("|")
    bad = "|".join([fields[0], fields[1], fields[2], "31022000", *fields[4:]])  # 31 February
    before = counts(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        home = app.screen
        await type_text(pilot, bad, enter=True)  # into the counter screen's scan box
        await wait_for(pilot, lambda: notices(app, "error"), "error notice")
        assert "Ngày sinh «31022000»" in notices(app, "error")[-1]
        await type_text(pilot, "000.21025.H51-261399-1001", enter=True)  # a garbled dossier barcode
        await wait_for(pilot, lambda: len(notices(app, "error")) == 2, "second error notice")
        assert "Ngày tiếp nhận" in notices(app, "error")[-1]
        assert app.screen is home
    assert counts(store) == before


async def test_scanner_burst_with_no_input_focused(app, store):
    payload = demo_card_payloads(store, limit=1)[0]
    before = counts(store)
    async with app.run_test(size=SIZE) as pilot:
        app.scan_gap = 1.0  # a loaded test machine must not split the burst
        await login(pilot)
        app.screen.query_one("#due-table").focus()
        await type_text(pilot, payload[:20] + "|garbled", enter=True)
        await wait_for(pilot, lambda: notices(app, "error"), "error notice for a garbled burst")
        assert counts(store) == before
        await type_text(pilot, payload, enter=True)
        from counter_app.screens.intake import IntakeScreen

        await wait_for(pilot, lambda: isinstance(app.screen, IntakeScreen), "intake opened by the scan")
        await wait_for(pilot, lambda: app.screen.citizen is not None, "citizen of the card")
        assert app.screen.citizen.cccd == payload.split("|")[0]


async def test_non_supervisor_cannot_open_supervisor_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        home = app.screen
        await pilot.press("f7")
        await wait_for(pilot, lambda: notices(app, "warning"), "refusal notice")
        assert "chỉ dành cho lãnh đạo, giám sát" in notices(app, "warning")[-1]
        assert app.screen is home


async def test_supervisor_sees_overdue_dossiers(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_supervisor_screen(pilot)
        await wait_for(
            pilot, lambda: app.screen.query_one("#live-attention").row_count > 0, "overdue dossiers listed"
        )


async def test_wrong_pin_is_explained(app):
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
        app.screen.query_one("#pin").value = "000000"
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: any("mã PIN không đúng" in n for n in notices(app)), "wrong PIN message"
        )
        assert app.actor is None


async def test_handover_sent_then_accepted_from_the_inbox(app, store):
    code = find_code(store, status=Status.PROCESSING)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        app.open_dossier(code)
        from counter_app.screens.dialogs import HandoverDialog
        from counter_app.screens.dossier import DossierScreen

        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen) and app.screen.detail, "dossier")
        screen = app.screen
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverDialog), "handover dialog")
        dialog = app.screen
        await type_text(pilot, "trung tam phuc vu hanh chinh cong quang ngai")
        await wait_for(pilot, lambda: dialog.query_one("#unit-results").option_count > 0, "units found")
        await pilot.press("enter", "f10")
        await wait_for(
            pilot,
            lambda: any(h.state == "sent" for h in (screen.detail.handovers if screen.detail else [])),
            "handover sent",
        )
        target = screen.detail.handovers[-1].to_unit_id
    assert target == "P51"
    # the provincial centre's officer answers from the inbox (F6)
    from counter_app.app import make_app

    # at a counter of the centre (an officer logs in only at a counter of their own unit): the demo store
    # holds the centre's officer, so the centre's counter is this store, seen as unit P51's
    from counter_app.services.context import Store

    from .helpers import fixed_clock

    centre = Store(store.settings, store.engine)
    centre.__dict__["unit_id"] = "P51"  # Store.unit_id is a cached property
    other = make_app(centre, clock=fixed_clock)
    async with other.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: other.screen.query_one("#pin").has_focus, "login screen")
        other.screen.query_one("#username").value = "canbo.p51"
        await pilot.press("enter")
        await wait_for(pilot, lambda: other.actor is not None, "logged in")
        await pilot.press("f6")
        from counter_app.screens.handover_inbox import HandoverInboxScreen

        await wait_for(pilot, lambda: isinstance(other.screen, HandoverInboxScreen), "inbox")
        inbox = other.screen
        await wait_for(
            pilot, lambda: code in [k.value for k in inbox.query_one("#inbox").rows], "dossier in inbox"
        )
        while (
            inbox.query_one("#inbox")
            .coordinate_to_cell_key(inbox.query_one("#inbox").cursor_coordinate)
            .row_key.value
            != code
        ):
            await pilot.press("down")
        await pilot.press("n")
        await wait_for(
            pilot, lambda: code not in [k.value for k in inbox.query_one("#inbox").rows], "accepted"
        )
    assert detail(store, code).dossier.custodian_unit_id == "P51"


async def test_dossier_actions_follow_the_state_machine(app, store):
    code = find_code(store, status=Status.RECEIVED)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        assert {"process", "result_ready", "apologise"} <= screen_actions(screen)
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.detail.dossier.status == Status.PROCESSING, "processing")
        assert "process" not in screen_actions(screen)
        await pilot.press("l")  # apology letter with a new date: 2 more working days and the usual reason
        from counter_app.screens.dialogs import ApologyDialog

        await wait_for(pilot, lambda: isinstance(app.screen, ApologyDialog), "apology dialog")
        new_due = app.screen.new_due
        await pilot.press("f10")
        await wait_for(pilot, lambda: screen.detail.dossier.due_at == new_due, "new due date")
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.detail.dossier.status == Status.RESULT_READY, "result ready")
        assert screen_actions(screen) >= {"return", "reprint"} and "withdraw" not in screen_actions(screen)
        await pilot.press("t")
        from counter_app.screens.return_result import ReturnScreen

        await wait_for(
            pilot,
            lambda: isinstance(app.screen, ReturnScreen) and app.screen.detail is not None,
            "return screen with the dossier",
        )
    types = [e.type for e in detail(store, code).events]
    assert types[-3:] == ["processing", "apology", "result_ready"]


async def test_withdraw_needs_a_reason(app, store):
    code = find_code(store, status=Status.PROCESSING)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        await pilot.press("u")
        from counter_app.screens.dialogs import ReasonDialog

        await wait_for(pilot, lambda: isinstance(app.screen, ReasonDialog), "reason dialog")
        await pilot.press("enter")  # no reason yet: refused, the dialog stays
        await wait_for(pilot, lambda: any("Cần ghi rõ lý do" in n for n in notices(app)), "reason required")
        assert isinstance(app.screen, ReasonDialog)
        await type_text(pilot, "Công dân xin rút để bổ sung giấy tờ khác", enter=True)
        await wait_for(pilot, lambda: screen.detail.dossier.status == Status.WITHDRAWN, "withdrawn")
        assert not {"withdraw", "supplement", "handover"} & screen_actions(screen)


async def test_command_palette_opens_a_dossier_and_switches_counter(app, store):
    code = find_code(store, status=Status.PROCESSING)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("ctrl+p")
        from textual.command import CommandPalette

        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await type_text(pilot, code[-11:])
        from textual.command import CommandList

        hits = app.screen.query_one(CommandList)

        def top() -> str:
            return str(hits.highlighted_option.prompt) if hits.highlighted_option is not None else ""

        # the hits of the whole query (the palette searches again after every key): opening ranks first
        await wait_for(pilot, lambda: top().startswith(f"Mở hồ sơ {code}"), "open-dossier hit on top")
        await pilot.press("enter")
        from counter_app.screens.dossier import DossierScreen

        await wait_for(
            pilot, lambda: isinstance(app.screen, DossierScreen), "dossier opened from the palette"
        )
        assert app.screen.code == code
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await type_text(pilot, "quay 2")  # accents not needed
        hits = app.screen.query_one(CommandList)
        await wait_for(
            pilot,
            lambda: (
                hits.highlighted_option is not None and "quầy số 2" in str(hits.highlighted_option.prompt)
            ),
            "counter hit first",
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.actor.counter_id.endswith("#2"), "switched to counter 2")


async def test_a_refused_action_in_a_worker_is_explained(app):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f8")  # recall, with no ticket called yet
        await wait_for(pilot, lambda: notices(app, "error"), "error notice")
        assert notices(app, "error")[-1] == "Quầy chưa gọi số nào."


async def test_help_lists_sample_cards_to_paste_in_demo_mode(app, store):
    from counter_app.services.demo import demo_card_payloads

    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.screen.query("#help-samples"), "help screen")
        samples = app.screen.query_one("#help-samples")
        await wait_for(
            pilot, lambda: demo_card_payloads(store, 1)[0] in str(samples.render()), "sample cards shown"
        )
        assert "Enter" in str(samples.render())


async def test_online_dossiers_wait_in_the_inbox_and_are_taken_in_there(app, store):
    """``n`` on an online dossier opens its review (tests/tui/test_online_review.py); ``n`` there takes it in."""
    from counter_app.domain.states import Status
    from counter_app.screens.handover_inbox import HandoverInboxScreen

    code = find_code(store, status=Status.REGISTERED_ONLINE)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverInboxScreen), "inbox")
        inbox = app.screen
        table = inbox.query_one("#inbox")
        await wait_for(pilot, lambda: code in [k.value for k in table.rows], "online dossier in the inbox")
        while table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value != code:
            await pilot.press("down")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is not inbox and app.screen.detail is not None, "review")
        await pilot.press("n")
        await wait_for(pilot, lambda: detail(store, code).dossier.status == Status.RECEIVED, "taken in")
        await pilot.press("escape")
        await wait_for(pilot, lambda: code not in [k.value for k in table.rows], "gone from the inbox")
    assert detail(store, code).dossier.status == Status.RECEIVED
