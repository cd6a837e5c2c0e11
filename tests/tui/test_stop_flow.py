"""Stopping a dossier from its screen (``d``): the reason is asked, the stop recorded, the notice (Mẫu 05 of
Circular 03/2025/TT-VPCP) printed and kept; the key is offered only where the rules allow a stop."""

from __future__ import annotations

from counter_app.domain.states import Status
from counter_app.services import lookup
from tests.printing.helpers import page_texts

from .helpers import SIZE, find_code, login, notices, open_dossier_screen, screen_actions, type_text, wait_for


async def test_stop_asks_the_reason_records_it_and_prints_the_notice(app, store):
    code = find_code(store, status=Status.PROCESSING)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        assert "stop" in screen_actions(screen)
        await pilot.press("d")
        from counter_app.screens.dialogs import ReasonDialog

        await wait_for(pilot, lambda: isinstance(app.screen, ReasonDialog), "reason dialog")
        await pilot.press("enter")  # no reason yet: refused, the dialog stays
        await wait_for(pilot, lambda: any("Cần ghi rõ lý do" in n for n in notices(app)), "reason required")
        assert isinstance(app.screen, ReasonDialog)
        await type_text(pilot, "Người nộp đề nghị dừng giải quyết", enter=True)
        await wait_for(pilot, lambda: screen.detail.dossier.status == Status.STOPPED, "stopped")
        await wait_for(pilot, lambda: any("thông báo dừng giải quyết" in n for n in notices(app)), "printed")
        assert not {"stop", "withdraw", "supplement", "handover"} & screen_actions(screen)
        assert "reprint" in screen_actions(screen)  # the notice can be printed again
    with store.session() as session:
        found = lookup.dossier_detail(session, code)
    assert found.events[-1].type == "stopped"
    assert found.events[-1].payload["reason"] == "Người nộp đề nghị dừng giải quyết"
    [pdf] = list(store.settings.printed_dir.rglob(f"{code}-thong-bao-dung*.pdf"))
    text = " ".join(page_texts(pdf.read_bytes()))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "Người nộp đề nghị dừng giải quyết" in text


async def test_stop_is_not_offered_once_the_result_is_ready(app, store):
    code = find_code(store, status=Status.RESULT_READY)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await open_dossier_screen(pilot, code)
        assert "stop" not in screen_actions(screen)
