"""Faults: SIGKILL in the middle of intakes, a read-only store, a full disk."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from counter_app.services import storage_errors
from counter_app.services.errors import ServiceError
from tests.hardening.conftest import sqlite_pragma

ROOT = Path(__file__).resolve().parents[2]


def _bench_kill9():
    spec = importlib.util.spec_from_file_location("bench_kill9", ROOT / "bench" / "bench_kill9.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_every_printed_receipt_survives_sigkill(tmp_path, sqlite_template):
    kill9 = _bench_kill9()
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    shutil.copy(sqlite_template, home / "data" / "counter.sqlite3")
    result = kill9.run_trials(home, rounds=4, seed=11, min_delay=0.0, max_delay=1.0)
    assert result["kills"] >= 3
    assert result["printed"] > 0
    assert result["lost"] == 0, result["lost_codes"]
    assert result["audit_ok"], result["audit_problems"]


def _store_state(home: Path) -> tuple[int, int, int, str]:
    path = home / "data" / "counter.sqlite3"
    with closing(sqlite3.connect(path)) as c:
        return (
            c.execute("SELECT count(*) FROM dossier").fetchone()[0],
            c.execute("SELECT count(*) FROM dossier_event").fetchone()[0],
            c.execute("SELECT count(*) FROM access_log").fetchone()[0],
            c.execute("PRAGMA integrity_check").fetchone()[0],
        )


def _bulky_portal_file(tmp_path: Path) -> Path:
    record = {
        "MaHoSo": "G22.51-261120-0099",
        "MaTTHC": "1.004873",
        "ChuHoSo": "Huỳnh Thị Thu Trang",
        "TrichYeuHoSo": "Xác nhận tình trạng hôn nhân " * 15,
        "NgayTiepNhan": "20261120213000",
        "TaiLieuNop": [{"TenThanhPhanHoSo": f"Tệp đính kèm số {i} " + "nội dung " * 40} for i in range(60)],
    }
    path = tmp_path / "hoso.json"
    path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")
    return path


def _a_citizen(home: Path) -> str:
    with closing(sqlite3.connect(home / "data" / "counter.sqlite3")) as c:
        return c.execute("SELECT cccd FROM citizen ORDER BY cccd LIMIT 1").fetchone()[0]


@pytest.mark.parametrize(
    ("pragma", "message", "small_writes_fail"),
    [
        ("PRAGMA query_only=ON", "chỉ cho phép đọc", True),
        # raised to the store's current size: the file cannot grow (a small row may still fit a page)
        ("PRAGMA max_page_count=1", "Ổ đĩa đã đầy", False),
    ],
)
def test_storage_faults_give_a_clear_message_and_write_nothing(
    cli_env, cli_main, capsys, tmp_path, pragma, message, small_writes_fail, monkeypatch
):
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n" * 5))  # the officer's PIN, once per command
    before = _store_state(cli_env)
    portal_file = _bulky_portal_file(tmp_path)
    cccd = _a_citizen(cli_env)
    with sqlite_pragma(pragma):
        status = cli_main(["import", "online", str(portal_file), "--officer", "canbo1"])
        err = capsys.readouterr().err
        assert status == 3  # the store cannot be used, whichever command meets it
        assert err.startswith("counter-app: ") and message in err and "không có gì bị ghi dở" in err
        assert "Traceback" not in err and err.count("\n") == 1
        if small_writes_fail:
            assert cli_main(["access", "show", cccd, "--purpose", "Tra cứu", "--officer", "canbo1"]) == 3
            captured = capsys.readouterr()
            assert message in captured.err and captured.out == ""  # no personal data without its log line
    assert _store_state(cli_env) == before
    assert before[3] == "ok"
    # the same store works again once the fault is gone
    assert cli_main(["import", "online", str(portal_file), "--officer", "canbo1"]) == 0
    assert _store_state(cli_env)[0] == before[0] + 1


def test_storage_error_mapping():
    def fail(code: int, text: str):
        error = sqlite3.OperationalError(text)
        error.sqlite_errorcode = code
        return error

    assert storage_errors.storage_key(fail(8, "attempt to write a readonly database")) == "storage.readonly"
    assert storage_errors.storage_key(fail(13, "database or disk is full")) == "storage.full"
    assert storage_errors.storage_key(fail(5 | (1 << 8), "database is locked")) == "storage.busy"
    assert storage_errors.storage_key(sqlite3.DatabaseError("file is not a database")) == "storage.corrupt"
    assert storage_errors.storage_key(ValueError("x")) is None
    translated = storage_errors.translate(fail(13, "database or disk is full"))
    assert isinstance(translated, ServiceError) and "Ổ đĩa đã đầy" in str(translated)
    other = KeyError("x")
    assert storage_errors.translate(other) is other

    class PgError(Exception):
        sqlstate = "53100"

    assert str(storage_errors.translate(PgError())).startswith("Ổ đĩa đã đầy")
