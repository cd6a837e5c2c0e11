"""``counter-app serve`` end to end: a real server process on loopback on a copy of the demo store, the
officer's calls made through the services from this process (as the TUI does from its own), and the pages
driven in Debian's headless Chromium through Playwright.

Screenshots of the pages at tablet (1280×800) and TV (1920×1080) sizes are written to the report directory
(``COUNTER_APP_TEST_REPORT``, default ``<pytest basetemp>/web-report``); its path is printed.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from counter_app.db.models import Officer, QueueTicket
from counter_app.services import queue
from counter_app.services.context import Actor, local_now, open_store
from tests.conftest import make_settings, temporary_database

pytestmark = [pytest.mark.needs_command("chromium"), pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
TABLET = {"width": 1280, "height": 800}
TV = {"width": 1920, "height": 1080}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "counter_app.cli", *args],
        env=server_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def server_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    return {**env, "COUNTER_APP_HOME": str(home), "PYTHONPATH": str(ROOT)}


class Server:
    """``counter-app serve`` in its own process, on a loopback port; started again on the same port."""

    def __init__(self, home: Path, port: int, *args: str) -> None:
        self.home, self.port, self.args = home, port, args
        self.process: subprocess.Popen[str] | None = None
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> Server:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "counter_app.cli", "serve", "--port", str(self.port), *self.args],
            env=server_env(self.home),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.process.stdout.read() if self.process.stdout else ""
            try:
                with urllib.request.urlopen(f"{self.url}/static/common.css", timeout=1):
                    return self
            except urllib.error.HTTPError:
                return self  # it answers (a refusal when tokens are required)
            except OSError:
                time.sleep(0.1)
        raise AssertionError("counter-app serve did not answer within 30 s")

    def stop(self) -> float:
        """SIGTERM, as a service manager stops it; how long it took to exit."""
        assert self.process is not None
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=15)
        return time.monotonic() - started

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def officer_at(store, counter: int) -> Actor:
    with store.session() as session:
        o = session.exec(select(Officer).where(Officer.username == "canbo1")).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, f"{store.settings.one_stop_code}#{counter}")


def board_number(page, counter: int):
    return page.locator(f'#counters [data-counter="{counter}"] .number')


def test_the_kiosk_issues_a_ticket_and_the_officers_call_is_on_the_board_within_a_second(
    home, store, servers, browser, report_dir
):
    printer = home / "thermal-printer.bin"  # python-escpos writes what the printer would receive
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text(f'[printing]\nescpos = "file:{printer}"\n', encoding="utf-8")
    server = Server(home, free_port()).start()
    servers.append(server)

    kiosk = browser.new_page(viewport=TABLET)
    kiosk.goto(f"{server.url}/kiosk")
    kiosk.locator('button[data-service="A"]').wait_for()
    assert "Hộ tịch" in kiosk.inner_text("#pick")
    kiosk.screenshot(path=report_dir / "kiosk-tablet-1280x800.png")
    kiosk.set_viewport_size(TV)  # the same page on a large touch screen
    kiosk.screenshot(path=report_dir / "kiosk-tv-1920x1080.png")
    kiosk.set_viewport_size(TABLET)
    # a priority ticket: the category, then the service
    kiosk.click("#priority-button")
    kiosk.get_by_role("button", name="Người khuyết tật").wait_for()
    kiosk.screenshot(path=report_dir / "kiosk-priority-tablet-1280x800.png")
    kiosk.get_by_role("button", name="Người cao tuổi").click()
    assert kiosk.inner_text("#chosen") == "Ưu tiên: Người cao tuổi"
    kiosk.click('button[data-service="B"]')
    kiosk.locator("#ticket .number").wait_for()
    kiosk.screenshot(path=report_dir / "kiosk-ticket-tablet-1280x800.png")
    priority_number = kiosk.inner_text("#ticket .number")
    assert "Trước bạn còn 0 người đang chờ." in kiosk.inner_text("#ticket")
    # printed on the thermal printer (the counter's ticket renderer: an image, GS v 0 raster)
    assert "Xin mời nhận phiếu in bên dưới." in kiosk.inner_text("#ticket")
    assert b"\x1dv0" in printer.read_bytes()
    kiosk.get_by_role("button", name="Xong").click()
    kiosk.locator("#ticket").wait_for(state="hidden")
    # an ordinary ticket: the service only
    kiosk.click('button[data-service="A"]')
    expect(kiosk.locator("#ticket .number")).to_have_text("A001")
    # the kiosk shows the number, the service and the queue, nothing about anyone
    assert re.sub(r"\s+", " ", kiosk.inner_text("#ticket")).startswith("Số thứ tự của bạn A001 Hộ tịch")
    with store.session() as session:
        today = QueueTicket.day == local_now().date()  # the demo's own tickets are of its seeding day
        tickets = session.exec(select(QueueTicket).where(today).order_by(QueueTicket.issued_at)).all()
        issued = [(x.number, x.service, x.priority, x.priority_reason, x.status) for x in tickets]
    assert sorted(issued) == [
        ("A001", "A", False, "", "waiting"),
        (priority_number, "B", True, "Người cao tuổi", "waiting"),
    ]
    # a service the store does not have: one Vietnamese line naming the field, nothing issued
    answer = kiosk.request.post(f"{server.url}/kiosk/ticket", data={"service": "Z"})
    assert answer.status == 400 and answer.json() == {"error": "Lĩnh vực (service) không hợp lệ: «Z»."}

    # a form posted from another site (the kiosk's cookie would ride along) is not JSON: refused
    form = kiosk.request.post(f"{server.url}/kiosk/ticket", form={"service": "A"})
    assert form.status == 400
    assert form.json() == {"error": "Yêu cầu lấy số phải gửi dạng JSON (Content-Type: application/json)."}
    # a page elsewhere that names this machine 127.0.0.1 (DNS rebinding) does not reach the kiosk
    rebound = kiosk.request.post(
        f"{server.url}/kiosk/ticket", data={"service": "A"}, headers={"Host": f"evil.example:{server.port}"}
    )
    assert rebound.status == 403

    board = browser.new_page(viewport=TV)
    board.goto(f"{server.url}/board")
    board.locator("#counters .counter").first.wait_for()
    assert board.inner_text("#waiting") == "(2)"
    one = officer_at(store, 1)
    called = queue.call_next(store, one)  # the officer's F2: the priority ticket first
    started = time.monotonic()
    board.wait_for_function(
        f"document.querySelector('#counters [data-counter=\"1\"] .number').textContent === {called.number!r}",
        timeout=1000,
        polling="raf",
    )
    assert time.monotonic() - started < 1.0
    assert called.number == priority_number
    assert board.inner_text("#calls li:first-child .n") == called.number
    assert board.inner_text("#waiting") == "(1)"
    # the board names counters and numbers, not people (not even the officer serving)
    state = board.request.get(f"{server.url}/board/state").text()
    assert called.number in state and one.name not in state and one.name not in board.inner_text("body")
    announced = board.evaluate("window.counterBoard.announced.slice()")
    assert len(announced) == 1 and announced[0].startswith(called.id)
    # F8 a little later: called again, announced again (the spoken call will play here)
    board.wait_for_timeout(1100)
    queue.recall(store, one)
    started = time.monotonic()
    board.wait_for_function("window.counterBoard.announced.length === 2", timeout=1000, polling="raf")
    assert time.monotonic() - started < 1.0
    second = queue.call_next(store, officer_at(store, 2))
    expect_text(board_number(board, 2), second.number, 1.0)
    # readable from 8 m: the number is at least a fifth of the screen's height
    box = board_number(board, 2).bounding_box()
    font = float(board_number(board, 2).evaluate("n => parseFloat(getComputedStyle(n).fontSize)"))
    assert box is not None and font >= TV["height"] / 5, (font, box)
    board.screenshot(path=report_dir / "board-tv-1920x1080.png")
    # Ctrl+T: counter 2 sends its citizen to counter 3 (free): called there at once
    queue.transfer(store, officer_at(store, 2), 3)
    expect_text(board_number(board, 3), second.number, 1.0)
    expect_text(board_number(board, 2), "", 0.5)
    board.set_viewport_size(TABLET)
    board.wait_for_timeout(300)
    font = float(board_number(board, 1).evaluate("n => parseFloat(getComputedStyle(n).fontSize)"))
    assert font >= TABLET["height"] / 5
    board.screenshot(path=report_dir / "board-tablet-1280x800.png")
    # a screen for some counters only (a centre with more counters than one screen holds)
    some = browser.new_page(viewport=TV)
    some.goto(f"{server.url}/board?counters=1,3")
    some.locator("#counters .counter").first.wait_for()
    assert some.eval_on_selector_all("#counters .counter", "cards => cards.map(c => c.dataset.counter)") == [
        "1",
        "3",
    ]


def expect_text(locator, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if locator.text_content() == text:
            return
        time.sleep(0.02)
    raise AssertionError(f"{text!r} not shown within {seconds} s (shows {locator.text_content()!r})")


def test_off_loopback_an_unpaired_device_gets_nothing(home, servers, browser, report_dir):
    # listening beyond this machine with no device paired: refused before anything listens
    refused = cli(home, "serve", "--host", "0.0.0.0", "--port", str(free_port()), check=False)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "counter-app: Lắng nghe trên 0.0.0.0 (ngoài máy này) cần ít nhất một thiết bị đã ghép nối: "
        "chạy «counter-app serve pair --device TÊN --kind board|kiosk» trước."
    ]
    paired = cli(home, "serve", "pair", "--device", "tv-1", "--kind", "board").stdout
    token = re.search(r"/pair\?token=(\S+)", paired)[1]
    assert token in paired.splitlines()[0]  # shown once, here; only its hash is kept
    assert token not in (home / "data" / "web-devices.json").read_text(encoding="utf-8")
    assert cli(home, "serve", "devices").stdout.startswith("tv-1\tboard\t")
    server = Server(home, free_port(), "--require-token").start()
    servers.append(server)

    stranger = browser.new_page(viewport=TABLET)
    for path in ("/board", "/kiosk", "/board/state", "/", "/static/board.js"):
        response = stranger.goto(f"{server.url}{path}")
        assert response is not None and response.status == 403, path
        assert "Thiết bị này chưa được ghép nối" in stranger.inner_text("body")
    assert stranger.request.post(f"{server.url}/kiosk/ticket", data={"service": "A"}).status == 403
    assert stranger.goto(f"{server.url}/pair?token=not-{token}").status == 403
    stranger.screenshot(path=report_dir / "unpaired-tablet-1280x800.png")

    tv = browser.new_context(viewport=TV).new_page()
    tv.goto(f"{server.url}/pair?token={token}")
    assert tv.url == f"{server.url}/board"
    tv.locator("#counters .counter").first.wait_for()
    assert tv.goto(f"{server.url}/kiosk").status == 403  # a board is not a kiosk
    # unpaired by the administrator: its token stops working
    cli(home, "serve", "unpair", "--device", "tv-1")
    assert tv.goto(f"{server.url}/board").status == 403


@pytest.mark.pg
def test_on_the_central_postgresql_the_board_shows_a_call_within_a_second(
    tmp_path, pg_template, servers, browser
):
    with temporary_database(template=pg_template) as (_name, url):
        home = tmp_path / "home"
        (home / "config").mkdir(parents=True)
        (home / "config" / "config.toml").write_text(f'[store]\ndb_url = "{url}"\n', encoding="utf-8")
        store = open_store(make_settings(home))
        try:
            server = Server(home, free_port()).start()
            servers.append(server)
            board = browser.new_page(viewport=TV)
            board.goto(f"{server.url}/board")
            board.locator("#counters .counter").first.wait_for()
            issued = queue.issue(store, "C")
            called = queue.call_next(store, officer_at(store, 2))
            assert called.number == issued.ticket.number
            expect_text(board_number(board, 2), called.number, 1.0)
            board.close()
        finally:
            server.kill()
            store.dispose()


def test_the_board_says_the_connection_is_lost_and_recovers_by_itself(
    home, store, servers, browser, report_dir
):
    port = free_port()
    server = Server(home, port).start()
    servers.append(server)
    board = browser.new_page(viewport=TV)
    board.goto(f"{server.url}/board")
    board.locator("#counters .counter").first.wait_for()
    assert board.locator("#offline").is_hidden()

    assert server.stop() < 8  # the open event stream does not hold the server up
    board.locator("#offline").wait_for(state="visible", timeout=15_000)
    assert "mất kết nối" in board.inner_text("#offline").lower()
    board.screenshot(path=report_dir / "board-offline-tv-1920x1080.png")
    queue.issue(store, "A")  # the queue moves on while the board is away
    ticket = queue.call_next(store, officer_at(store, 3))

    servers.append(Server(home, port).start())
    board.locator("#offline").wait_for(state="hidden", timeout=15_000)
    expect_text(board_number(board, 3), ticket.number, 2.0)
