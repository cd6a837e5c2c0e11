"""Every command fails the same way: one line on standard error, the exit code of its kind of failure,
the traceback of an unexpected error in the log only. And ``--json`` for monitoring."""

from __future__ import annotations

import io
import json
import logging
import os
import shlex
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from datetime import datetime

import pytest

from counter_app.commands.exits import ExitCode


def _sql(home, query: str, *params) -> list[tuple]:
    with closing(sqlite3.connect(home / "data" / "counter.sqlite3")) as c, c:
        return c.execute(query, params).fetchall()


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("counter-app: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_a_file_that_cannot_be_written_is_refused_in_one_line(cli_env, cli_main, capsys, monkeypatch):
    """It used to be an «unexpected error» (exit 1) naming only the exception's class."""
    target = "no/such/dir/sổ.csv"
    argv = ["report", "ledger", "--from", "2026-11-01", "--to", "2026-11-30", "--out", target]
    argv += ["--officer", "canbo1"]
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n"))  # the officer's PIN
    assert cli_main(argv) == ExitCode.REFUSED
    err = _one_line(capsys)
    assert target in err and "lỗi không mong đợi" not in err


def test_a_disabled_officer_cannot_act_from_the_command_line(cli_env, cli_main, capsys, monkeypatch):
    """It used to act: a headless command looked the officer up without checking the account."""
    ((code,),) = _sql(
        cli_env, "SELECT code FROM dossier WHERE status = 4 AND custodian_unit_id = '21025' LIMIT 1"
    )
    ((other,),) = _sql(cli_env, "SELECT id FROM unit WHERE id != '21025' AND kind != 'province' LIMIT 1")
    _sql(cli_env, "UPDATE officer SET active = 0 WHERE username = 'canbo3'")
    argv = ["handover", code, "--to", other, "--reason", "Chuyển xử lý", "--officer", "canbo3"]
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n" * 2))  # the officer's PIN, once per command
    assert cli_main(argv) == ExitCode.REFUSED
    assert "Tên đăng nhập hoặc mã PIN không đúng" in _one_line(capsys)  # as for an unknown username
    assert _sql(cli_env, "SELECT count(*) FROM handover WHERE to_unit_id = ?", other) == [(0,)]
    assert cli_main([*argv[:-1], "canbo1"]) == ExitCode.OK


def test_inbox_takes_one_action_at_a_time(cli_env, cli_main, capsys):
    """``--accept A --send-back B`` used to accept A and ignore B without a word."""
    with pytest.raises(SystemExit) as refused:
        cli_main(["inbox", "--accept", "A", "--send-back", "B", "--reason", "Thiếu giấy tờ"])
    assert refused.value.code == ExitCode.REFUSED
    err = _one_line(capsys)
    assert err.startswith("counter-app: inbox: ") and "--accept" in err and "--help" in err


def test_usage_errors_are_one_line_too(cli_env, cli_main, capsys):
    with pytest.raises(SystemExit) as refused:
        cli_main(["seed-demo", "--citizens", "-4"])
    assert refused.value.code == ExitCode.REFUSED
    assert "0-5000000" in _one_line(capsys)


def test_unexpected_errors_are_one_line_exit_1_and_logged(cli_env, cli_main, capsys, monkeypatch, caplog):
    from counter_app.services import inbox

    def broken(*args, **kwargs):
        raise RuntimeError("hỏng\nhai dòng")

    monkeypatch.setattr(inbox, "items", broken)
    with caplog.at_level(logging.ERROR, logger="counter_app"):
        assert cli_main(["inbox"]) == ExitCode.PROBLEMS
    err = _one_line(capsys)
    assert "lỗi không mong đợi" in err and "RuntimeError: hỏng hai dòng" in err
    (record,) = [r for r in caplog.records if r.levelno == logging.ERROR]
    # the kind and where, not the message (which may quote a citizen's data)
    assert "RuntimeError" in record.getMessage() and "test_cli_exits.py" in record.getMessage()
    assert "hỏng" not in caplog.text


def test_ctrl_c_is_130(cli_env, cli_main, capsys, monkeypatch):
    from counter_app.services import inbox

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(inbox, "items", interrupted)
    assert cli_main(["inbox"]) == ExitCode.INTERRUPTED
    assert capsys.readouterr().err == ""


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_inbox_as_json_lines(cli_env, cli_main, capsys):
    assert cli_main(["inbox"]) == 0
    plain = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert cli_main(["inbox", "--json"]) == 0
    records = _json_lines(capsys.readouterr().out)
    assert records and [r["code"] for r in records] == [line[0] for line in plain]
    for record in records:
        assert set(record) == {"kind", "code", "sender", "arrived_at", "due_at", "reason"}
        assert record["kind"] in ("handover", "online")
        arrived = datetime.fromisoformat(record["arrived_at"])
        assert arrived.utcoffset().total_seconds() == 7 * 3600  # the counters' zone, Asia/Ho_Chi_Minh
        assert record["due_at"] is None or datetime.fromisoformat(record["due_at"]) >= arrived
    online = [r for r in records if r["kind"] == "online"]
    assert online and online[0]["sender"] == "Nộp trực tuyến"  # UTF-8, not \\u escapes


def test_sync_status_as_json(cli_env, cli_main, capsys):
    assert cli_main(["sync", "--status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    pending = int(lines[0].removeprefix("pending: "))
    assert lines[-1].startswith("Không đồng bộ (máy độc lập)")  # no central store is set in cli_env
    assert cli_main(["sync", "--status", "--json"]) == 0
    (status,) = _json_lines(capsys.readouterr().out)
    assert status == {
        "pending": pending,
        "rejected": 0,
        "rejected_events": [],
        "last_sync": None,
        "last_error": None,
        "files_pending": 0,
        "files_pending_bytes": 0,
        "files_last_error": None,
        "central": False,
    }


# --- no log file, no traceback ------------------------------------------------------------------------

LEDGER = ["report", "ledger", "--from", "2026-11-01", "--to", "2026-11-30", "--officer", "canbo1"]
#: what the commands read on standard input: the officer's PIN (the ledger lists citizens' data)
PIN = "123456\n"
#: commands run through the real executable when the log cannot be written: (argv, exit status)
COMMANDS = [
    (["--help"], ExitCode.OK),
    (["sync", "--status"], ExitCode.OK),
    (["audit", "verify"], ExitCode.OK),
    (["inbox"], ExitCode.OK),
    (LEDGER, ExitCode.OK),
    (["verify", "không-phải-mã-QR"], ExitCode.REFUSED),
]


def _obey_permissions() -> None:
    """In the child: even as root, obey file permissions (drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from
    the bounding set, so the program run next has neither), as a counter's own account does."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for capability in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run(argv: list[str], env: dict[str, str], *, shell_tail: str = "") -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("COUNTER_APP_", "XDG_"))}
    command = [sys.executable, "-m", "counter_app.cli", *argv]
    if shell_tail:
        return subprocess.run(
            f"{shlex.join(command)} {shell_tail}",
            shell=True,
            capture_output=True,
            text=True,
            input=PIN,
            env={**base, **env},
            timeout=120,
        )
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        input=PIN,
        env={**base, **env},
        timeout=120,
        preexec_fn=_obey_permissions,
    )


def _at_most_one_warning(stderr: str, *, failed: bool = False) -> None:
    """No traceback; at most one warning about the log, and the failure's own line when the command failed."""
    assert "Traceback" not in stderr and "Logging error" not in stderr, stderr
    lines = stderr.splitlines()
    warnings = [line for line in lines if line.startswith("counter-app: cảnh báo: không ghi được nhật ký")]
    assert len(warnings) <= 1 and len(lines) - len(warnings) == int(failed), stderr
    assert all(line.startswith("counter-app: ") for line in lines), stderr


def _break_logs(home, how: str) -> None:
    logs = home / "logs"
    if how == "log directory is a file":
        logs.write_text("not a directory")
    elif how == "log file is a directory":
        (logs / "counter-app.log").mkdir(parents=True)
    else:  # read-only log directory
        logs.mkdir()
        logs.chmod(0o500)


@pytest.mark.parametrize(
    "how",
    [
        "log directory is a file",
        "log file is a directory",
        "read-only log directory",
    ],
)
def test_commands_run_without_a_log_file(cli_env, how):
    """A log that cannot be opened used to end every command with a 20-line traceback."""
    _break_logs(cli_env, how)
    env = {"COUNTER_APP_HOME": str(cli_env)}
    for argv, expected in COMMANDS:
        done = _run(argv, env)
        assert done.returncode == expected, (argv, done.stderr)
        _at_most_one_warning(done.stderr, failed=expected != ExitCode.OK)
        if argv != ["--help"] and expected == ExitCode.OK:
            assert "nhật ký" in done.stderr, (argv, done.stderr)  # the one warning says the log is off
    done = _run(["--demo", "seed-demo", "--citizens", "5"], env)
    assert done.returncode == ExitCode.OK, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("cảnh báo: không ghi được nhật ký") == 1


def test_a_home_of_dev_null_gives_one_line(tmp_path):
    """``HOME=/dev/null`` (a service account): every directory is under a device, not a folder."""
    env = {"HOME": "/dev/null"}
    done = _run(["--help"], env)
    assert done.returncode == ExitCode.OK and done.stderr == ""
    for argv in (["sync", "--status"], ["audit", "verify"], LEDGER):
        done = _run(argv, env)
        assert done.returncode == ExitCode.REFUSED, (argv, done.stderr)
        _at_most_one_warning(done.stderr, failed=True)
        assert "/dev/null" in done.stderr


def test_the_log_file_is_private(cli_env, cli_main, capsys):
    from counter_app.commands.context import LOG_FILE

    assert cli_main(["inbox"]) == 0
    log_file = cli_env / "logs" / LOG_FILE
    if log_file.exists():  # this process may already log elsewhere (another test's home): check a fresh run
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    done = _run(["sync", "--status"], {"COUNTER_APP_HOME": str(cli_env)})
    assert done.returncode == 0 and done.stderr == ""
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize("argv", [LEDGER, ["inbox"]])
def test_a_listing_cut_by_its_reader_ends_quietly(cli_env, argv):
    env = {"COUNTER_APP_HOME": str(cli_env)}
    full = _run(argv, env)
    assert full.returncode == 0 and full.stdout
    done = _run(argv, env, shell_tail="| head -1")
    assert done.stdout == full.stdout.splitlines(keepends=True)[0]
    assert done.stderr == ""
    done = _run(argv, env, shell_tail="| true")  # the reader is gone before the first line
    assert done.stderr == ""
