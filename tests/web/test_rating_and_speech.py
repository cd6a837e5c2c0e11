"""The citizen's side of issue 16, parts 3 and 5, end to end in Debian's headless Chromium against a real
``counter-app serve``: the rating tablet at a counter shows the procedure of the result just returned and
records the citizen's touch as the dossier's rating (never the officer's); bad answers are refused in one line;
a paired rating tablet reaches its page only; the board page fetches and plays the spoken call of each call.
"""

from __future__ import annotations

import io
import re
import wave
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from counter_app.db.models import Dossier, DossierEvent
from counter_app.domain.states import Status
from counter_app.services import queue, rating, workflow
from counter_app.services.announce import SAMPLE_RATE, chime
from counter_app.services.context import local_now

from .test_serve import CHROMIUM, TABLET, TV, Server, cli, free_port, officer_at

pytestmark = [pytest.mark.needs_command("chromium"), pytest.mark.slow]


def _returned_and_asked(store, counter: int = 1):
    """As F5 does: a result returned at ``counter``, and the counter's tablet asked for the rating."""
    officer = officer_at(store, counter)
    with store.session() as s:
        dossier = s.exec(
            select(Dossier).where(
                Dossier.status == Status.RESULT_READY, Dossier.custodian_unit_id == officer.unit_id
            )
        ).first()
        code = dossier.code
    now = local_now()
    workflow.return_result(store, officer, code, receiver_name="", id_checked=True, now=now)
    asked = rating.open_request(store, officer, code, now=now)
    assert asked is not None and asked.procedure_name
    return officer, code, asked


def test_the_tablet_asks_the_citizen_and_records_their_rating(home, store, servers, browser, report_dir):
    server = Server(home, free_port()).start()
    servers.append(server)
    tablet = browser.new_page(viewport=TABLET)
    tablet.goto(f"{server.url}/rate/1")
    expect(tablet.locator("#idle")).to_contain_text("Cảm ơn quý khách")
    tablet.screenshot(path=report_dir / "rate-idle-tablet-1280x800.png")
    officer, code, asked = _returned_and_asked(store)
    question = tablet.locator("#ask .question")
    expect(question).to_contain_text(asked.procedure_name, timeout=3000)
    # nothing about the citizen: not the name, not the dossier's code
    with store.session() as s:
        name = s.exec(select(Dossier.applicant_name).where(Dossier.code == code)).one()
    shown = tablet.inner_text("body")
    assert name not in shown and code not in shown
    tablet.screenshot(path=report_dir / "rate-question-tablet-1280x800.png")
    tablet.set_viewport_size(TV)
    tablet.screenshot(path=report_dir / "rate-question-tv-1920x1080.png")
    tablet.set_viewport_size(TABLET)
    tablet.fill("#reason", "Hướng dẫn rõ ràng")
    tablet.get_by_role("button", name="Hài lòng", exact=True).click()
    expect(tablet.locator("#thanks")).to_have_text("Cảm ơn quý khách đã đánh giá.")
    tablet.screenshot(path=report_dir / "rate-thanks-tablet-1280x800.png")
    with store.session() as s:
        row = s.exec(select(Dossier).where(Dossier.code == code)).one()
        last = s.exec(
            select(DossierEvent).where(DossierEvent.dossier_id == row.id).order_by(DossierEvent.seq.desc())
        ).first()
    assert (row.satisfaction, row.satisfaction_by) == (2, "citizen")
    assert last.type == "rated" and last.officer_id is None and last.officer_name == "máy đánh giá quầy 1"
    assert last.payload["reason"] == "Hướng dẫn rõ ràng"
    # what the officer's screen reads (it tells it once; tests/tui/test_citizen_rating.py shows the notice)
    [answer] = rating.answers_since(store, officer.counter_id, local_now() - timedelta(minutes=5))
    assert (answer.dossier_code, answer.level) == (code, 2)
    # answered once: the same request again, a bad level, not JSON — each one line, nothing changed
    url = f"{server.url}/rate/1/answer"
    again = tablet.request.post(url, data={"request": asked.request_id, "level": 3})
    assert again.status == 400 and "không còn chờ đánh giá" in again.json()["error"]
    _, other, second = _returned_and_asked(store)
    bad = tablet.request.post(url, data={"request": second.request_id, "level": 7})
    assert bad.status == 400 and bad.json()["error"].startswith("Mức hài lòng phải là")
    form = tablet.request.post(url, form={"request": second.request_id, "level": "1"})
    assert form.status == 400 and "JSON" in form.json()["error"]
    assert tablet.request.get(f"{server.url}/rate/0").status == 404
    with store.session() as s:
        assert s.exec(select(Dossier.satisfaction_by).where(Dossier.code == other)).one() == ""


def test_a_paired_rating_tablet_reaches_its_counters_page_only(home, store, servers, browser):
    paired = cli(home, "serve", "pair", "--device", "tablet-q2", "--kind", "rating").stdout
    token = re.search(r"/pair\?token=([^&\s]+)&counter=<số quầy>", paired)[1]  # the link names the counter
    server = Server(home, free_port(), "--require-token").start()
    servers.append(server)
    stranger = browser.new_page(viewport=TABLET)
    assert stranger.goto(f"{server.url}/rate/2").status == 403
    tablet = browser.new_page(viewport=TABLET)
    tablet.goto(f"{server.url}/pair?token={token}&counter=2")
    assert tablet.url.endswith("/rate/2")
    _, code, asked = _returned_and_asked(store, counter=2)
    expect(tablet.locator("#ask .question")).to_contain_text(asked.procedure_name, timeout=3000)
    tablet.get_by_role("button", name="Rất hài lòng").click()
    expect(tablet.locator("#thanks")).to_be_visible()
    with store.session() as s:
        row = s.exec(select(Dossier).where(Dossier.code == code)).one()
        by = s.exec(
            select(DossierEvent.officer_name).where(
                DossierEvent.dossier_id == row.id, DossierEvent.type == "rated"
            )
        ).one()
    assert (row.satisfaction, row.satisfaction_by, by) == (1, "citizen", "tablet-q2")
    assert tablet.goto(f"{server.url}/kiosk").status == 403  # a rating tablet issues no tickets
    assert tablet.goto(f"{server.url}/board").status == 403


@pytest.mark.needs_command("espeak-ng")
def test_the_board_page_plays_the_spoken_call_of_each_call(home, store, servers, browser):
    server = Server(home, free_port()).start()
    servers.append(server)
    # a TV's browser is started allowing sound without a touch (docs/deploy.md)
    tv = browser.browser_type.launch(
        executable_path=CHROMIUM, args=["--autoplay-policy=no-user-gesture-required"]
    )
    try:
        board = tv.new_page(viewport=TV)
        board.goto(f"{server.url}/board")
        board.locator("#counters .counter").first.wait_for()
        queue.issue(store, "A", now=local_now())
        called = queue.call_next(store, officer_at(store, 1))
        audio = f"/board/audio/{called.number}/1.wav"
        board.wait_for_function(f"window.counterBoard.played.includes({audio!r})", timeout=20000, polling=200)
    finally:
        tv.close()
    sound = board_request_wav(server.url + audio)
    with wave.open(io.BytesIO(sound)) as w:
        seconds = w.getnframes() / w.getframerate()
    assert seconds > len(chime()) / 2 / SAMPLE_RATE + 1.5  # the chime, then the spoken phrase
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{server.url}/board/audio/B-004/1.wav", timeout=5)
    assert refused.value.code == 404


def board_request_wav(url: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url, timeout=30) as answer:
        assert answer.headers["Content-Type"] == "audio/wav"
        return answer.read()
