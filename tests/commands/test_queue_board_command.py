"""`counter-app queue-board` draws on a terminal, or in a browser through Textual's web driver (what
`textual serve "counter-app queue-board"` uses: its output is a pipe, not a terminal), issue 16; with neither it
says so in one line instead of writing escape codes into a file."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time


def _start(home, **env) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "COUNTER_APP_HOME": str(home), **env}
    for name in ("COUNTER_APP_DB_URL", "COUNTER_APP_CENTRAL_URL", "TEXTUAL_DRIVER"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.Popen(
        [sys.executable, "-m", "counter_app.cli", "queue-board"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
    )


def _read_until(process: subprocess.Popen[bytes], marker: bytes, seconds: float) -> bytes:
    assert process.stdout is not None
    seen = b""
    deadline = time.monotonic() + seconds
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if ready:
            chunk = os.read(process.stdout.fileno(), 65536)
            if not chunk:
                break
            seen += chunk
    return seen


def test_the_board_runs_under_textual_web_driver_without_a_terminal(cli_env):
    board = _start(cli_env, TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver")
    try:
        out = _read_until(board, b"__GANGLION__", 60)
        assert b"__GANGLION__" in out  # the web driver's greeting: the app is drawing for a browser
        assert board.poll() is None
    finally:
        board.kill()
        board.wait(10)


def test_with_no_terminal_and_no_web_driver_it_says_so_in_one_line(cli_env):
    board = _start(cli_env)
    out, err = board.communicate(timeout=60)
    assert board.returncode != 0 and out == b""
    message = err.decode().strip()
    assert message.count("\n") == 0 and "textual serve" in message
