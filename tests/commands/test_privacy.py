"""Personal data at the command line: what the program creates is private to the counter's account, and
commands that show or change citizens' or dossiers' data act as an officer who gives their PIN."""

from __future__ import annotations

import fnmatch
import io
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from counter_app.commands.exits import ExitCode

PIN = "123456"  # every demo officer's


def _sql(home: Path, query: str, *params):
    with closing(sqlite3.connect(home / "data" / "counter.sqlite3")) as c, c:
        return c.execute(query, params).fetchall()


def _pins(monkeypatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


# --- file modes -------------------------------------------------------------------------------------


def _run(home: Path, cwd: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COUNTER_APP_HOME": str(home)}
    for name in ("COUNTER_APP_DB_URL", "COUNTER_APP_CENTRAL_URL", "COUNTER_APP_UNIT", "COUNTER_APP_COUNTER"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "counter_app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),  # a shell's usual umask: files 0644, directories 0755
    )


def _modes(root: Path) -> dict[Path, int]:
    """Every file and directory under ``root`` (``root`` included) and its permission bits."""
    return {path: stat.S_IMODE(path.lstat().st_mode) for path in [root, *root.rglob("*")]}


def test_everything_the_program_creates_is_private_to_its_account(tmp_path):
    """Store, -wal/-shm, backup, printed PDFs (archived and --out), keys, the log, exported keys: 0600 in
    0700 directories. They used to be 0644 in 0755 directories: anyone on the PC could copy the store."""
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    assert _run(home, work, "--demo", "db", "upgrade").returncode == 0
    seeded = _run(home, work, "--demo", "seed-demo", "--citizens", "20", "--today", "2026-11-20")
    assert seeded.returncode == 0, seeded.stderr
    assert _run(home, work, "--demo", "backup").returncode == 0
    store = home / "data" / "demo" / "counter.sqlite3"
    with closing(sqlite3.connect(store)) as c:
        (code,) = c.execute("SELECT code FROM dossier ORDER BY code LIMIT 1").fetchone()
    printed = _run(
        home, work, "--demo", "print", "receipt", code, "--officer", "canbo1", "--out", "out/r.pdf", stdin=PIN
    )
    assert printed.returncode == 0, printed.stderr
    assert _run(home, work, "--demo", "keys", "export", "--out", "exported").returncode == 0
    modes = {**_modes(home), **_modes(work)}
    del modes[work]  # made by this test
    names = [path.relative_to(tmp_path).as_posix() for path in modes]
    for pattern in (
        "home/data/demo/counter.sqlite3",
        "home/logs/counter-app.log",
        "home/data/backups/*.sqlite3",
        "home/data/printed/*/*/*.pdf",
        "home/data/keys/*.key",
        "home/data/keys/public/*.pub",
        "work/out/r.pdf",
        "work/exported/*.pub",
    ):
        assert any(fnmatch.fnmatch(name, pattern) for name in names), pattern
    wrong = {
        name: f"{mode:o}"
        for name, (path, mode) in zip(names, modes.items(), strict=True)
        if mode != (0o700 if path.is_dir() else 0o600)
    }
    assert not wrong


def test_directories_an_earlier_version_left_open_are_tightened(tmp_path):
    home, work = tmp_path / "home", tmp_path / "work"
    for directory in ("data/printed", "data/keys", "logs"):
        (home / directory).mkdir(parents=True)
    work.mkdir()
    for directory in (home / "data", home / "data/printed", home / "data/keys", home / "logs"):
        directory.chmod(0o755)
    assert _run(home, work, "db", "upgrade").returncode == 0
    for directory in ("data", "data/printed", "data/keys", "logs"):
        assert stat.S_IMODE((home / directory).stat().st_mode) == 0o700, directory


# --- the officer's PIN ------------------------------------------------------------------------------


def _citizen(home: Path) -> tuple[str, str]:
    ((cccd, name),) = _sql(home, "SELECT cccd, full_name FROM citizen ORDER BY cccd LIMIT 1")
    return cccd, name


def _views(home: Path) -> int:
    return _sql(home, "SELECT count(*) FROM access_log")[0][0]


def _failures(home: Path, username: str) -> int:
    return _sql(home, "SELECT failed_attempts FROM officer WHERE username = ?", username)[0][0]


def test_access_show_needs_an_officer_and_their_pin(cli_env, cli_main, capsys, monkeypatch):
    """It used to print anyone's record without a PIN (``--officer canbo1`` was enough, logged as canbo1),
    or with no officer at all, as «the counter»."""
    cccd, name = _citizen(cli_env)
    show = ["access", "show", cccd, "--purpose", "Công dân đề nghị"]
    before = _views(cli_env)
    _pins(monkeypatch)  # nothing on standard input
    assert cli_main(show) == ExitCode.REFUSED
    captured = capsys.readouterr()
    assert "--officer" in captured.err and captured.out == "" and captured.err.count("\n") == 1
    assert cli_main([*show, "--officer", "canbo1"]) == ExitCode.REFUSED
    captured = capsys.readouterr()
    assert "Không có mã PIN" in captured.err and captured.out == ""
    _pins(monkeypatch, "864209")
    assert cli_main([*show, "--officer", "canbo1"]) == ExitCode.REFUSED
    captured = capsys.readouterr()
    assert "Tên đăng nhập hoặc mã PIN không đúng" in captured.err and captured.out == ""
    assert name not in captured.err
    assert _failures(cli_env, "canbo1") == 1  # counted towards the lock-out
    _pins(monkeypatch, "864209")
    assert cli_main([*show, "--officer", "nobody"]) == ExitCode.REFUSED
    assert "Tên đăng nhập hoặc mã PIN không đúng" in capsys.readouterr().err  # the same for an unknown name
    assert _views(cli_env) == before  # nothing shown, nothing logged
    _pins(monkeypatch, PIN)
    assert cli_main([*show, "--officer", "canbo1"]) == ExitCode.OK
    assert name in capsys.readouterr().out
    assert _views(cli_env) == before + 1 and _failures(cli_env, "canbo1") == 0
    ((officer,),) = _sql(cli_env, "SELECT officer_name FROM access_log ORDER BY at DESC LIMIT 1")
    assert officer == "Nguyễn Thị Lan"


def test_at_a_terminal_the_pin_is_asked_without_echo(cli_env, cli_main, capsys, monkeypatch):
    import getpass

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts = []

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        return PIN

    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr(getpass, "getpass", ask)
    cccd, name = _citizen(cli_env)
    assert cli_main(["access", "show", cccd, "--purpose", "Tra cứu", "--officer", "canbo1"]) == ExitCode.OK
    assert prompts == ["Mã PIN của canbo1: "] and name in capsys.readouterr().out


def test_a_locked_account_cannot_act_from_the_command_line(cli_env, cli_main, capsys, monkeypatch):
    cccd, _name = _citizen(cli_env)
    show = ["access", "show", cccd, "--purpose", "Tra cứu", "--officer", "canbo2"]
    _pins(monkeypatch, *["864209"] * 5, PIN)
    for _ in range(5):
        assert cli_main(show) == ExitCode.REFUSED
    assert cli_main(show) == ExitCode.REFUSED  # the right PIN, but locked now
    captured = capsys.readouterr()
    assert captured.out == "" and "Tên đăng nhập hoặc mã PIN không đúng" in captured.err.splitlines()[-1]
    assert cli_main(["officer", "unlock", "canbo2"]) == ExitCode.OK
    assert "canbo2" in capsys.readouterr().out
    assert _sql(cli_env, "SELECT failed_attempts, locked_until FROM officer WHERE username = 'canbo2'") == [
        (0, None)
    ]
    _pins(monkeypatch, PIN)
    assert cli_main(show) == ExitCode.OK


def test_an_officer_who_must_change_their_pin_does_so_at_a_counter_first(
    cli_env, cli_main, capsys, monkeypatch
):
    cccd, _name = _citizen(cli_env)
    _sql(cli_env, "UPDATE officer SET must_change_pin = 1 WHERE username = 'canbo1'")
    _pins(monkeypatch, PIN)
    assert cli_main(["access", "show", cccd, "--purpose", "Tra cứu", "--officer", "canbo1"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "phải tự đổi mã PIN" in captured.err


@pytest.mark.parametrize(
    "argv",
    [
        ["access", "log"],
        ["handover", "{code}", "--to", "70", "--reason", "Chuyển xử lý"],
        ["inbox", "--accept", "{code}"],
        ["inbox", "--send-back", "{code}", "--reason", "Sai thẩm quyền"],
        ["import", "online", "hoso.json"],
        ["report", "ledger", "--from", "2026-01-01", "--to", "2026-12-31"],
        ["print", "receipt", "{code}"],
    ],
)
def test_commands_with_citizens_or_dossiers_data_refuse_the_counter_itself(
    cli_env, cli_main, capsys, monkeypatch, argv
):
    ((code,),) = _sql(cli_env, "SELECT code FROM dossier ORDER BY code LIMIT 1")
    Path("hoso.json").write_text("[]", encoding="utf-8")
    before = _sql(cli_env, "SELECT count(*) FROM handover UNION ALL SELECT count(*) FROM dossier_event")
    _pins(monkeypatch, PIN)
    assert cli_main([part.format(code=code) for part in argv]) == ExitCode.REFUSED
    captured = capsys.readouterr()
    assert captured.out == "" and "--officer" in captured.err and captured.err.count("\n") == 1
    assert (
        _sql(cli_env, "SELECT count(*) FROM handover UNION ALL SELECT count(*) FROM dossier_event") == before
    )


def test_the_access_log_is_for_supervisors_with_their_pin(cli_env, cli_main, capsys, monkeypatch):
    _pins(monkeypatch, PIN, PIN)
    assert cli_main(["access", "log", "--officer", "canbo1"]) == ExitCode.REFUSED
    assert "lãnh đạo" in capsys.readouterr().err
    assert cli_main(["access", "log", "--officer", "giamsat"]) == ExitCode.OK


def test_the_indicators_report_counts_and_needs_no_officer(cli_env, cli_main, capsys):
    argv = ["report", "indicators", "--from", "2026-11-01", "--to", "2026-11-30"]
    assert cli_main(argv) == ExitCode.OK
