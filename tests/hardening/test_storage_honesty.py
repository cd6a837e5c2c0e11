"""The store is checked when it opens: a damaged file, or one that existed and is now gone or empty, is
refused with the restore command — never used, written to, or silently created again empty."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from counter_app.commands.exits import ExitCode
from counter_app.services import backup, store_health
from counter_app.services.context import open_store
from counter_app.services.storage_errors import StorageError
from tests.conftest import make_settings


@pytest.fixture
def home(tmp_path, sqlite_template) -> Path:
    """A COUNTER_APP_HOME with a copy of the seeded store, opened once (as a counter does every morning)."""
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    shutil.copy(sqlite_template, home / "data" / "counter.sqlite3")
    open_store(make_settings(home)).dispose()
    return home


def corrupt_pages(path: Path, *tables: str) -> None:
    """Overwrite the cell-pointer array of the root b-tree page of each table (checkpointed first): the file
    still opens and its header is fine, but ``PRAGMA quick_check`` finds the damaged pages."""
    with closing(sqlite3.connect(path)) as c:
        c.execute("PRAGMA journal_mode=DELETE")  # fold the WAL in: the bytes below are the table's pages
        page_size = c.execute("PRAGMA page_size").fetchone()[0]
        roots = [
            c.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", (name,)).fetchone()[0]
            for name in tables
        ]
    with open(path, "r+b") as fh:
        for root in roots:
            fh.seek((root - 1) * page_size + 8)  # just after a leaf page's header, inside the b-tree page
            fh.write(b"\xff" * 64)
    assert store_health.quick_check(path) is not None  # the damage is real, and quick_check sees it


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("counter-app: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_the_marker_records_the_store_privately(home):
    store_file = home / "data" / "counter.sqlite3"
    marker = store_health.marker_path(store_file)
    assert marker.name == ".counter.sqlite3.marker" and marker.parent == store_file.parent
    assert stat.S_IMODE(marker.stat().st_mode) == 0o600
    assert str(store_file) in marker.read_text(encoding="utf-8")


def test_a_corrupt_store_is_refused_and_left_untouched(home):
    """It used to be opened and written to while ``audit verify`` said OK."""
    store_file = home / "data" / "counter.sqlite3"
    backups = home / "data" / "backups"
    backups.mkdir()
    (backups / "counter-21025-1-20261120-170500.sqlite3").write_bytes(b"")
    corrupt_pages(store_file, "dossier_event", "citizen")
    before = store_file.read_bytes()
    with pytest.raises(StorageError) as refused:
        open_store(make_settings(home))
    message = str(refused.value)
    assert refused.value.key == "storage.store_corrupt"
    assert str(store_file) in message and "quick_check" in message and "\n" not in message
    assert f"counter-app restore {backups / 'counter-21025-1-20261120-170500.sqlite3'}" in message
    assert store_file.read_bytes() == before


@pytest.mark.parametrize("argv", [["audit", "verify"], ["inbox"], ["sync", "--status"], ["backup"]])
def test_the_command_line_stops_on_a_corrupt_store(home, argv, cli_main, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    store_file = home / "data" / "counter.sqlite3"
    corrupt_pages(store_file, "dossier")
    before = store_file.read_bytes()
    assert cli_main(argv) == ExitCode.UNAVAILABLE
    err = _one_line(capsys)
    assert "bị hỏng" in err and str(store_file) in err and "counter-app restore " in err
    assert store_file.read_bytes() == before


def test_a_store_with_garbage_for_a_header_is_called_corrupt(home, cli_main, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    store_file = home / "data" / "counter.sqlite3"
    with open(store_file, "r+b") as fh:
        fh.write(b"\x00" * 100)
    assert cli_main(["audit", "verify"]) == ExitCode.UNAVAILABLE
    assert "bị hỏng" in _one_line(capsys)


@pytest.mark.parametrize("loss", ["zero-length", "deleted"])
def test_a_store_that_existed_is_never_created_again_empty(home, loss, cli_main, capsys, monkeypatch):
    """A zero-length store file used to be silently re-created empty (the numbering restarted)."""
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    store_file = home / "data" / "counter.sqlite3"
    for companion in ("-wal", "-shm"):
        store_file.with_name(store_file.name + companion).unlink(missing_ok=True)
    if loss == "zero-length":
        store_file.write_bytes(b"")
    else:
        store_file.unlink()
    with pytest.raises(StorageError) as refused:
        open_store(make_settings(home))
    assert refused.value.key == ("storage.store_empty" if loss == "zero-length" else "storage.store_missing")
    for argv in (["audit", "verify"], ["inbox"], ["db", "upgrade"]):
        assert cli_main(argv) == ExitCode.UNAVAILABLE, argv
        err = _one_line(capsys)
        assert str(store_file) in err and "counter-app restore " in err and "không tạo kho rỗng" in err
    if loss == "zero-length":
        assert store_file.stat().st_size == 0
    else:
        assert not store_file.exists()


def test_a_lost_store_comes_back_by_restore(home, cli_main, capsys, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    store = open_store(make_settings(home))
    saved = backup.backup(store)
    store.dispose()
    store_file = home / "data" / "counter.sqlite3"
    store_file.write_bytes(b"")
    assert cli_main(["audit", "verify"]) == ExitCode.UNAVAILABLE
    assert str(saved) in _one_line(capsys)  # the newest backup is named in the command to run
    assert cli_main(["restore", str(saved)]) == ExitCode.OK
    capsys.readouterr()
    assert cli_main(["audit", "verify"]) == ExitCode.OK


def test_without_the_marker_a_new_store_is_created(tmp_path):
    """A counter's very first start (and the deliberate way to start over: delete the marker)."""
    settings = make_settings(tmp_path)
    open_store(settings).dispose()
    store_file = tmp_path / "data" / "counter.sqlite3"
    marker = store_health.marker_path(store_file)
    assert store_file.stat().st_size > 0 and marker.exists()
    store_file.unlink()
    marker.unlink()
    open_store(settings).dispose()
    assert store_file.stat().st_size > 0


async def test_the_tui_says_why_and_exits_on_a_corrupt_store(home):
    from counter_app.app import make_app

    corrupt_pages(home / "data" / "counter.sqlite3", "officer")
    settings = make_settings(home)
    app = make_app(lambda: open_store(settings), settings=settings)  # as `counter-app` starts it
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(250):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == ExitCode.UNAVAILABLE
    ((severity, message),) = list(app.notices)
    assert severity == "error" and "bị hỏng" in message and "counter-app restore " in message


# --- a write that fails part-way says what was written -------------------------------------------------


def _limited(argv: list[str], home: Path, max_file_bytes: int) -> subprocess.CompletedProcess[str]:
    """The real CLI with every file it writes limited to ``max_file_bytes`` (RLIMIT_FSIZE): a write past it
    fails with EFBIG, as on a full disk."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    return subprocess.run(
        [sys.executable, "-m", "counter_app.cli", *argv],
        capture_output=True,
        text=True,
        env={**env, "COUNTER_APP_HOME": str(home)},
        preexec_fn=limit,
        timeout=120,
    )


def test_a_restore_that_cannot_write_changes_nothing_and_says_so(home):
    store_file = home / "data" / "counter.sqlite3"
    store = open_store(make_settings(home))
    saved = backup.backup(store, home / "elsewhere")
    store.dispose()
    before = store_file.read_bytes()
    done = _limited(["restore", str(saved)], home, 64 * 1024)
    assert done.returncode == ExitCode.REFUSED, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "Chưa khôi phục" in done.stderr and "vẫn nguyên" in done.stderr and str(store_file) in done.stderr
    assert store_file.read_bytes() == before
    leftovers = [
        p.name for p in store_file.parent.iterdir() if "restoring" in p.name or "before-restore" in p.name
    ]
    assert leftovers == []


def test_a_backup_that_cannot_write_leaves_no_half_copy(home):
    done = _limited(["backup"], home, 64 * 1024)
    assert done.returncode == ExitCode.REFUSED, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "Không tạo được bản sao lưu" in done.stderr and "không bị thay đổi" in done.stderr
    backups = home / "data" / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []
