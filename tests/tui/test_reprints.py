"""Reprints reproduce the document the citizen holds (issue 15).

Ctrl+R on the dossier view and «In lại …» in the palette print again the document the dossier's state calls
for, as it was issued and marked «Bản in lại»: after an apology the receipt keeps its first due date and its
signed QR (the new date is the apology's, Mẫu 04); a dossier waiting for supplements reprints its supplement
request (Mẫu 02), a refused one its refusal (Mẫu 03), never a receipt; each marked «Bản in lại».
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
import zxingcpp
from textual.command import CommandList, CommandPalette

from counter_app.domain.states import Status
from counter_app.locale.formats import long_time

from .helpers import FIXED_NOW, SIZE, find_code, login, notices, open_dossier_screen, type_text, wait_for


def _text(pdf: bytes) -> str:
    import unicodedata

    page = pypdf.PdfReader(__import__("io").BytesIO(pdf)).pages[0]
    return " ".join(unicodedata.normalize("NFC", page.extract_text()).split())


def _qr(pdf: bytes) -> str:
    page = pdfium.PdfDocument(pdf)[0].render(scale=300 / 72).to_pil()
    return next(r.text for r in zxingcpp.read_barcodes(page) if r.format.name == "QRCode")


def _printed(app, what: str) -> Path:
    """The PDF of the last «Đã tạo <what> (PDF): <path>» notice."""
    said = [n for n in notices(app) if n.startswith(f"Đã tạo {what}")][-1]
    return Path(re.search(r"\(PDF\): (\S+\.pdf)", said).group(1))


def _due(store, code: str):
    from sqlmodel import select

    from counter_app.db.models import Dossier

    with store.session() as session:
        return session.exec(select(Dossier.due_at).where(Dossier.code == code)).one()


async def test_ctrl_r_after_an_apology_reprints_the_receipt_as_issued(app, store):
    from counter_app.services import apology, printing_service

    code = find_code(store, status=Status.PROCESSING)
    first_due = _due(store, code)
    original = printing_service.print_form(store, code, "receipt").path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        new_due = first_due + timedelta(days=7)
        letter = apology.apologise(store, app.officer, code, new_due, "Cần xác minh thêm", now=FIXED_NOW)
        assert letter.printed.ok and _due(store, code) == new_due
        await open_dossier_screen(pilot, code)
        await pilot.press("ctrl+r")
        await wait_for(
            pilot,
            lambda: any(n.startswith("Đã tạo giấy tiếp nhận") for n in notices(app)),
            "receipt reprinted",
        )
        reprint = _printed(app, "giấy tiếp nhận").read_bytes()
    assert _qr(reprint) == _qr(original)  # the same signed claims: the citizen's paper still verifies
    text = _text(reprint)
    assert "Bản in lại" in text and "Bản in lại" not in _text(original)
    assert long_time(first_due) in text and long_time(new_due) not in text
    assert not notices(app, "error")


async def test_ctrl_r_on_a_dossier_waiting_for_supplements_reprints_the_request(app, store):
    code = find_code(store, status=Status.SUPPLEMENT_REQUESTED)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await open_dossier_screen(pilot, code)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: any(n.startswith("Đã tạo") for n in notices(app)), "something printed")
        assert not notices(app, "error")
        assert [n for n in notices(app) if n.startswith("Đã tạo")][-1].startswith(
            "Đã tạo phiếu yêu cầu bổ sung"
        )


async def _palette_reprint(pilot, code: str) -> str:
    """Open the palette, type the end of ``code``, pick its «In lại …» hit; returns the hit's text."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
    await type_text(pilot, code[-11:])
    hits = app.screen.query_one(CommandList)

    def reprint_index() -> int | None:
        for index in range(hits.option_count):
            prompt = str(hits.get_option_at_index(index).prompt)
            if prompt.startswith("In lại") and code in prompt:
                return index
        return None

    await wait_for(pilot, lambda: reprint_index() is not None, "a reprint hit")
    await pilot.pause(0.3)  # the palette searches again after each key: let the last search settle
    index = reprint_index()
    assert index is not None
    prompt = str(hits.get_option_at_index(index).prompt)
    hits.highlighted = index
    await pilot.press("enter")
    await wait_for(pilot, lambda: not CommandPalette.is_open(app), "palette closed")
    return prompt


@pytest.mark.parametrize(
    ("status", "offered", "document"),
    [
        (Status.REFUSED, "In lại phiếu từ chối tiếp nhận", "phiếu từ chối"),
        # the clock is stopped: the supplement request, not a receipt with a due date
        (Status.SUPPLEMENT_REQUESTED, "In lại phiếu yêu cầu bổ sung", "phiếu yêu cầu bổ sung"),
    ],
)
async def test_the_palette_reprints_what_applies_to_the_dossier(app, store, status, offered, document):
    code = find_code(store, status=status)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        prompt = await _palette_reprint(pilot, code)
        assert prompt.startswith(offered)
        await wait_for(pilot, lambda: any(n.startswith("Đã tạo") for n in notices(app)), "printed")
        assert not notices(app, "error")
        assert "Bản in lại" in _text(_printed(app, document).read_bytes())
        assert not [n for n in notices(app) if n.startswith("Đã tạo giấy tiếp nhận")]


async def test_ctrl_r_on_a_stopped_dossier_reprints_the_stop_notice(app, store):
    code = find_code(store, status=Status.STOPPED)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await open_dossier_screen(pilot, code)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: any(n.startswith("Đã tạo") for n in notices(app)), "something printed")
        assert not notices(app, "error")
        assert "Bản in lại" in _text(_printed(app, "thông báo dừng").read_bytes())
