"""Reused and received do not contradict each other on the intake checklist (issue 15).

A component reused from the citizen's data store stands for the paper: it counts as received. Space (received /
not received) on a reused row un-reuses it — the digitised document no longer stands for it and the row is
missing, like any other the officer marks not received — so no row is ever «reused» and «✘ Chưa nhận» at once
(which blocked F10 with «Thiếu giấy tờ bắt buộc» while the row said the document was there). The receipt prints
a reused row as «Dữ liệu số hóa» «(Tái sử dụng dữ liệu số)», never as paper received.
"""

from __future__ import annotations

import io
import unicodedata

import pypdf

from counter_app.services.demo import demo_card_payloads

from .helpers import SIZE, login, notices, start_intake, wait_for

MARRIAGE = "kết hôn"  # 1.000894: «Căn cước của hai bên nam, nữ», two copies, reusable from the store
CCCD_ROW = "Căn cước của hai bên nam, nữ"


def _text(path) -> str:
    page = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages[0]
    return " ".join(unicodedata.normalize("NFC", page.extract_text()).split())


async def test_space_on_a_reused_row_unreuses_it_and_the_receipt_marks_reuse(app, store):
    payload = demo_card_payloads(store, limit=1)[0]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await start_intake(pilot, payload, MARRIAGE)
        checklist = screen.query_one("#checklist")
        index = next(i for i, r in enumerate(checklist.rows_data) if r.name == CCCD_ROW)
        assert checklist.rows_data[index].reused and checklist.rows_data[index].received
        checklist.focus()
        checklist.move_cursor(row=index)
        await pilot.pause()

        await pilot.press("space")  # not received: the digitised document no longer stands for it
        row = checklist.rows_data[index]
        assert (row.reused, row.received) == (False, False)
        await pilot.press("f10")  # missing for real now: F10 says so, nothing is saved
        await wait_for(pilot, lambda: notices(app, "warning"), "missing document said")
        assert CCCD_ROW in notices(app, "warning")[-1] and screen.outcome is None

        await pilot.press("space")  # the paper handed in
        row = checklist.rows_data[index]
        assert (row.reused, row.received) == (False, True)
        await pilot.press("r")  # reuse the digitised document after all
        row = checklist.rows_data[index]
        assert (row.reused, row.received) == (True, True)
        assert all(r.received or not r.reused for r in checklist.rows_data)

        await pilot.press("f10")
        await wait_for(pilot, lambda: screen.outcome is not None, "dossier saved")
        await wait_for(pilot, lambda: screen.print_ok is not None, "print attempted")
        assert screen.print_ok, app.notices
        text = _text(screen.print_path)
    line = text[text.index(CCCD_ROW) :][:120]
    assert "(Tái sử dụng dữ liệu số)" in line and "Dữ liệu số hóa" in line and "Bản sao" not in line
