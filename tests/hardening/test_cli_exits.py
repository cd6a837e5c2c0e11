"""Every command fails the same way: one line on standard error, the exit code of its kind of failure,
the traceback of an unexpected error in the log only. And ``--json`` for monitoring."""

from __future__ import annotations

import json
import logging
import sqlite3
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


def test_a_file_that_cannot_be_written_is_refused_in_one_line(cli_env, cli_main, capsys):
    """It used to be an «unexpected error» (exit 1) naming only the exception's class."""
    target = "no/such/dir/sổ.csv"
    argv = ["report", "ledger", "--from", "2026-11-01", "--to", "2026-11-30", "--out", target]
    assert cli_main(argv) == ExitCode.REFUSED
    err = _one_line(capsys)
    assert target in err and "lỗi không mong đợi" not in err


def test_a_disabled_officer_cannot_act_from_the_command_line(cli_env, cli_main, capsys):
    """It used to act: a headless command looked the officer up without checking the account."""
    ((code,),) = _sql(
        cli_env, "SELECT code FROM dossier WHERE status = 4 AND custodian_unit_id = '21025' LIMIT 1"
    )
    ((other,),) = _sql(cli_env, "SELECT id FROM unit WHERE id != '21025' AND kind != 'province' LIMIT 1")
    _sql(cli_env, "UPDATE officer SET active = 0 WHERE username = 'canbo3'")
    argv = ["handover", code, "--to", other, "--reason", "Chuyển xử lý", "--officer", "canbo3"]
    assert cli_main(argv) == ExitCode.REFUSED
    assert "vô hiệu hóa" in _one_line(capsys)
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
    (record,) = [r for r in caplog.records if r.exc_info]
    assert record.exc_info[0] is RuntimeError


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
    pending = int(capsys.readouterr().out.splitlines()[0].removeprefix("pending: "))
    assert cli_main(["sync", "--status", "--json"]) == 0
    (status,) = _json_lines(capsys.readouterr().out)
    assert status == {
        "pending": pending,
        "rejected": 0,
        "rejected_events": [],
        "last_sync": None,
        "last_error": None,
    }
