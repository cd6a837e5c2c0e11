"""A dossier leaving the unit (issue 15), through the keys: h recalls a handover not answered yet (and says so
in one line when the other unit took it in meanwhile), o notes a handover sent back (dossier view and F6),
F10 in F5 records a result's hand-over to the post office, then the post's delivery."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import select

from counter_app.db.models import Handover
from counter_app.domain.states import Status
from counter_app.services import handover, inbox, intake, lookup, workflow
from counter_app.services.context import Actor

from .helpers import FIXED_NOW, SIZE, clerk, counts, find_code, login, notices, open_dossier_screen, wait_for

CENTRE = "P51"


def province() -> Actor:
    return Actor("p-officer", "Cán bộ tỉnh", "officer", CENTRE, "000.00.00.H51#1")


def _handed(store) -> str:
    code = find_code(store, status=Status.PROCESSING)
    handover.send(store, clerk(store, "canbo1", 1), code, CENTRE, "Chuyển nhầm", now=FIXED_NOW)
    return code


def _state(store, code) -> str:
    with store.session() as s:
        d = lookup.dossier_by_code(s, code)
        return s.exec(select(Handover).where(Handover.dossier_id == d.id)).one().state


async def _reason(pilot, text: str) -> None:
    from counter_app.screens.dialogs import ReasonDialog

    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ReasonDialog), "reason dialog")
    app.screen.query_one("#reason").value = text
    await pilot.press("f10")


async def test_h_recalls_a_handover_the_other_unit_has_not_answered(app, store):
    code = _handed(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        await wait_for(pilot, lambda: screen.check_action("recall_handover", ()), "recall offered")
        await pilot.press("h")
        await _reason(pilot, "Chuyển nhầm đơn vị")
        await wait_for(pilot, lambda: _state(store, code) == "recalled", "recalled")
        await wait_for(pilot, lambda: any("Đã thu hồi" in n for n in notices(app)), "notice")
        await wait_for(
            pilot, lambda: not screen.check_action("recall_handover", ()), "nothing left to recall"
        )
    assert code not in [i.code for i in inbox.items(store, CENTRE)]


async def test_h_after_the_other_unit_accepted_says_so_in_one_line(app, store):
    code = _handed(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        await wait_for(pilot, lambda: screen.check_action("recall_handover", ()), "recall offered")
        handover.answer(store, province(), code, accept=True, now=FIXED_NOW)  # arrives by sync meanwhile
        before = counts(store)
        await pilot.press("h")
        await _reason(pilot, "Chuyển nhầm đơn vị")
        await wait_for(
            pilot, lambda: any("đã tiếp nhận hồ sơ" in n for n in notices(app, "error")), "refused"
        )
        (message,) = [n for n in notices(app, "error") if "đã tiếp nhận hồ sơ" in n]
        assert "\n" not in message
    assert counts(store) == before and _state(store, code) == "accepted"


async def test_o_notes_a_handover_sent_back_in_the_dossier_view(app, store):
    code = _handed(store)
    handover.answer(store, province(), code, accept=False, reason="Không thuộc thẩm quyền", now=FIXED_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        progress = screen.query_one("#progress")
        await wait_for(
            pilot, lambda: "Không thuộc thẩm quyền" in str(progress.render()), "flag in the header"
        )
        assert screen.check_action("note_sent_back", ())
        await pilot.press("o")
        await wait_for(pilot, lambda: "Không thuộc thẩm quyền" not in str(progress.render()), "flag gone")
        assert not screen.check_action("note_sent_back", ())
    assert inbox.returned_handovers(store, store.unit_id) == []


async def test_o_in_the_inbox_notes_our_handover_sent_back(app, store):
    from counter_app.screens.handover_inbox import HandoverInboxScreen

    code = _handed(store)
    handover.answer(store, province(), code, accept=False, reason="Không thuộc thẩm quyền", now=FIXED_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverInboxScreen), "inbox")
        screen = app.screen
        table = screen.query_one("#inbox")
        await wait_for(pilot, lambda: code in screen.returned, "our handover sent back, flagged")
        while table.current_key != code:
            await pilot.press("down")
        await pilot.press("o")
        await wait_for(pilot, lambda: code not in [k.value for k in table.rows], "row gone once noted")
    assert inbox.returned_handovers(store, store.unit_id) == []


def _ready_by_post(store) -> str:
    actor = clerk(store, "canbo1", 1)
    with store.session() as s:
        citizen = lookup.search_citizens(s, "0", limit=1)[0]
        documents = [
            intake.DocumentChoice(d.name, d.copy_kind, d.quantity)
            for d in lookup.procedure_documents(s, "1.004873")
        ]
    request = intake.IntakeRequest(
        procedure_code="1.004873", documents=documents, citizen_id=citizen.id, return_method="post"
    )
    request = replace(request, return_address="12 Lê Lợi, Cẩm Thành")
    d = intake.receive(store, actor, request, now=FIXED_NOW.replace(hour=8))
    workflow.mark_result_ready(store, actor, d.code, now=FIXED_NOW.replace(hour=9))
    return d.code


async def test_f5_records_a_result_handed_to_the_post_then_delivered(app, store):
    from counter_app.screens.counter import CounterScreen
    from counter_app.screens.return_result import ReturnScreen

    code = _ready_by_post(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        app.action_return_result(code)
        await wait_for(pilot, lambda: isinstance(app.screen, ReturnScreen), "return screen")
        screen = app.screen
        await wait_for(pilot, lambda: screen.query_one("#return-post").display, "post box")
        assert not screen.query_one("#return-receiver").display  # the citizen is not at the counter
        assert screen.query_one("#post-day").value == "20/11/2026"
        screen.query_one("#post-item").value = "EB123456784VN"  # one digit wrong
        before = counts(store)
        await pilot.press("f10")
        await wait_for(pilot, lambda: any("Mã bưu gửi" in n for n in notices(app, "error")), "bad code")
        assert counts(store) == before
        screen.query_one("#post-item").value = "EB123456785VN"
        await pilot.press("f10")
        await wait_for(
            pilot, lambda: "EB123456785VN" in str(screen.query_one("#post-state").render()), "posted"
        )
        assert not screen.query_one("#post-item").display
        await pilot.press("f10")  # the post confirmed delivery today
        await wait_for(pilot, lambda: isinstance(app.screen, CounterScreen), "back home")
    with store.session() as s:
        d = lookup.dossier_by_code(s, code)
        assert (d.status, d.post_item_code, d.returned_at) == (Status.RETURNED, "EB123456785VN", FIXED_NOW)
