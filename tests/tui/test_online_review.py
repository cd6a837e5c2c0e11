"""Online dossiers get the counter's review path (issue 15): F6 shows each one's 8-working-hour reception
deadline; Enter, ``n`` or ``t`` on one opens the review (what was submitted); from there ``n`` takes it in and
prints the receipt (Mẫu 01), ``b`` asks for supplements (Mẫu 02), ``t`` refuses it (Mẫu 03)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from counter_app.domain.states import Status
from counter_app.locale import formats as fmt
from counter_app.services import lookup
from counter_app.services.inbox import reception_deadline
from counter_app.services.printing_service import receipt_data

from .helpers import (
    FIXED_NOW,
    SIZE,
    find_code,
    login,
    notices,
    open_dossier_screen,
    screen_actions,
    type_text,
    wait_for,
)


def _imported(store) -> str:
    """An online dossier imported from a portal record (a fee, no payment data), submitted Thursday night."""
    from counter_app.services import portal
    from tests.services.test_online_and_inbox import RECORDS

    from .helpers import clerk

    record = {**RECORDS[0], "MaHoSo": "G22.51-261119-0009", "NgayTiepNhan": "20261119213000"}
    assert portal.import_online(store, clerk(store, "canbo1", 1), [record]).imported == [record["MaHoSo"]]
    return record["MaHoSo"]


def _dossier(store, code):
    with store.session() as session:
        return lookup.dossier_detail(session, code)


def _printed(app, form_words: str) -> Path:
    """The PDF a «Đã tạo <form_words> (PDF): <path>» notice names; it exists."""
    for note in notices(app, "information"):
        match = re.match(rf"Đã tạo {form_words} \(PDF\): (.+)$", note)
        if match:
            path = Path(match.group(1))
            assert path.is_file()
            return path
    raise AssertionError(f"no «{form_words}» printed: {app.notices}")


async def _inbox_at(pilot, code: str):
    from counter_app.screens.handover_inbox import HandoverInboxScreen

    app = pilot.app
    await pilot.press("f6")
    await wait_for(pilot, lambda: isinstance(app.screen, HandoverInboxScreen), "inbox")
    table = app.screen.query_one("#inbox")
    await wait_for(pilot, lambda: code in [k.value for k in table.rows], "online dossier in the inbox")
    while table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value != code:
        await pilot.press("down")
    return app.screen, table


async def _review(pilot, code: str, key: str = "enter"):
    from counter_app.screens.online_review import OnlineReviewScreen

    app = pilot.app
    await _inbox_at(pilot, code)
    await pilot.press(key)
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, OnlineReviewScreen) and app.screen.detail is not None,
        "online dossier under review",
    )
    await wait_for(pilot, lambda: "accept_online" in screen_actions(app.screen), "review keys offered")
    return app.screen


async def test_the_inbox_shows_each_online_dossiers_reception_deadline(app, store):
    code = find_code(store, status=Status.REGISTERED_ONLINE)
    arrived = _dossier(store, code).dossier.submitted_at
    deadline = reception_deadline(store.calendar, arrived)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        _screen, table = await _inbox_at(pilot, code)
        cell = str(table.get_cell(code, "deadline"))
    left = store.calendar.working_hours_between(FIXED_NOW, deadline)
    assert left > 0 and cell == f"{deadline:%d/%m %H:%M} còn {fmt.decimal(left)} giờ"


async def test_an_online_dossier_past_its_reception_deadline_says_how_late_in_hours(store):
    from counter_app.app import make_app

    code = find_code(store, status=Status.REGISTERED_ONLINE)
    deadline = reception_deadline(store.calendar, _dossier(store, code).dossier.submitted_at)
    later = deadline + timedelta(hours=2, minutes=10)
    app = make_app(store, clock=lambda: later)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        _screen, table = await _inbox_at(pilot, code)
        cell = str(table.get_cell(code, "deadline"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: getattr(app.screen, "detail", None) is not None, "review")
        progress = str(app.screen.query_one("#progress").render())
    assert cell == f"{deadline:%d/%m %H:%M} Quá hạn 2 giờ"
    assert f"Hạn tiếp nhận (8 giờ làm việc): {fmt.moment(deadline)}  Quá hạn 2 giờ" in progress


async def test_the_review_shows_what_was_submitted_without_blanks_or_a_paid_fee(app, store):
    code = _imported(store)
    detail = _dossier(store, code)
    deadline = reception_deadline(store.calendar, detail.dossier.submitted_at)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _review(pilot, code)
        progress = str(screen.query_one("#progress").render())
        applicant = str(screen.query_one("#applicant").render())
        documents = screen.query_one("#dossier-docs").row_count
    assert detail.dossier.applicant_name in applicant
    assert documents == len(detail.documents) > 0
    submitted = detail.dossier.submitted_at.strftime("%H:%M %d/%m/%Y")
    assert f"Nộp trực tuyến lúc {submitted} qua Cổng Dịch vụ công" in progress
    assert "Hẹn trả: (tính khi tiếp nhận)" in progress and "Hẹn trả: —" not in progress
    assert "Tiếp nhận: —" not in progress
    assert f"Hạn tiếp nhận (8 giờ làm việc): {deadline:%H:%M}" in progress
    assert "3.000 đồng (chưa có thông tin nộp phí)" in progress and "Đã nộp" not in progress


async def test_n_in_the_inbox_opens_the_review_and_n_there_takes_it_in_with_a_receipt(app, store):
    code = _imported(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _review(pilot, code, "n")
        assert _dossier(store, code).dossier.status == Status.REGISTERED_ONLINE  # nothing taken in unseen
        await pilot.press("n")
        await wait_for(pilot, lambda: any("giấy tiếp nhận" in n for n in notices(app)), "receipt printed")
        await wait_for(pilot, lambda: "accept_online" not in screen_actions(screen), "taken in")
        receipt = _printed(app, "giấy tiếp nhận hồ sơ và hẹn trả kết quả")
        progress = str(screen.query_one("#progress").render())
    dossier = _dossier(store, code).dossier
    assert dossier.status == Status.RECEIVED and dossier.ledger_line > 0
    assert dossier.due_at == store.calendar.due_at(FIXED_NOW, dossier.working_days)
    assert any(f"Đã tiếp nhận hồ sơ trực tuyến {code}" in n for n in notices(app))
    assert receipt.stat().st_size > 0 and "Tiếp nhận: 09:15 20/11/2026" in progress
    with store.session() as session:
        data = receipt_data(session, code)
    assert data.due_at == dossier.due_at and data.ledger_number
    assert (data.fee.amount, data.fee.status) == (3000, "unpaid")  # the import had no payment data


async def test_t_in_the_review_refuses_with_a_reason_and_prints_the_refusal(app, store):
    from counter_app.screens.dialogs import ReasonDialog

    code = find_code(store, status=Status.REGISTERED_ONLINE)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _review(pilot, code, "t")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, ReasonDialog), "reason dialog")
        await type_text(pilot, "Hồ sơ không thuộc thẩm quyền của xã", enter=True)
        await wait_for(pilot, lambda: any("phiếu từ chối" in n for n in notices(app)), "refusal printed")
        _printed(app, "phiếu từ chối tiếp nhận hồ sơ")
        await wait_for(pilot, lambda: "refuse_online" not in screen_actions(screen), "refused")
        await wait_for(
            pilot, lambda: "Từ chối" in str(screen.query_one("#dossier-title").render()), "reloaded"
        )
        progress = str(screen.query_one("#progress").render())
    # never taken in: still no «Tiếp nhận: — tại …» nor «Hẹn trả: — —», and no reception clock any more
    assert "Nộp trực tuyến lúc" in progress and "Tiếp nhận: —" not in progress
    assert "Hẹn trả: không có (hồ sơ chưa được tiếp nhận)" in progress and "Hạn tiếp nhận" not in progress
    found = _dossier(store, code)
    assert found.dossier.status == Status.REFUSED
    assert found.events[-1].type == "refused"
    assert found.events[-1].payload["reason"] == "Hồ sơ không thuộc thẩm quyền của xã"


async def test_b_in_the_review_asks_for_supplements_and_prints_the_request(app, store):
    from counter_app.screens.dialogs import SupplementDialog

    code = find_code(store, status=Status.REGISTERED_ONLINE)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _review(pilot, code)
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, SupplementDialog), "supplement dialog")
        await pilot.press("space")  # the first component is missing
        await pilot.press("f10")
        await wait_for(
            pilot, lambda: any("phiếu yêu cầu bổ sung" in n for n in notices(app)), "request printed"
        )
        _printed(app, "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
        # n is now the dossier view's «supplement received» again (the review's n is for status 1 only)
        await wait_for(
            pilot, lambda: "supplement_received" in screen_actions(screen), "n: supplement received"
        )
        assert "accept_online" not in screen_actions(screen)
    found = _dossier(store, code)
    assert found.dossier.status == Status.SUPPLEMENT_REQUESTED
    assert found.events[-1].type == "supplement_requested" and found.events[-1].payload["missing"]


async def test_the_dossier_view_of_an_online_dossier_not_taken_in_shows_its_reception_deadline(app, store):
    """Opened from anywhere (a scan, F4), not only from F6: no «Tiếp nhận: — tại …», no «Hẹn trả: — —», no
    «(Đã nộp)» for a fee nobody reported paid; the deadline instead."""
    code = _imported(store)
    detail = _dossier(store, code)
    deadline = reception_deadline(store.calendar, detail.dossier.submitted_at)
    left = store.calendar.working_hours_between(FIXED_NOW, deadline)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        progress = str(screen.query_one("#progress").render())
        offered = screen_actions(screen)
    assert "Tiếp nhận: — tại" not in progress and "Hẹn trả: —" not in progress
    assert "Nộp trực tuyến lúc" in progress and "Hẹn trả: (tính khi tiếp nhận" in progress
    assert f"Hạn tiếp nhận (8 giờ làm việc): {fmt.moment(deadline)}  còn {fmt.decimal(left)} giờ" in progress
    assert detail.dossier.fee == 3000
    assert "Phí, lệ phí: 3.000 đồng (chưa có thông tin nộp phí)" in progress and "Đã nộp" not in progress
    assert "Trích yếu: Xác nhận để đăng ký kết hôn" in progress
    assert "accept_online" not in offered  # taking in is the review's (F6): the view only shows
