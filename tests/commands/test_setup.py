"""``counter-app setup`` and ``counter-app officer``: a real unit from nothing, PINs from standard input, one-line
refusals that change nothing."""

from __future__ import annotations

import getpass
import io
import json
import sqlite3
import sys
from contextlib import closing

import pytest

from counter_app import cli
from counter_app.commands import tui
from counter_app.commands.exits import ExitCode

SETUP = ["setup", "--unit", "16171", "--identifier", "000.00.53.H48", "--counters", "2", "--admin", "quantri"]


@pytest.fixture
def home(tmp_path, monkeypatch):
    for name in ("COUNTER_APP_DB_URL", "COUNTER_APP_CENTRAL_URL", "COUNTER_APP_UNIT", "COUNTER_APP_COUNTER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path))
    monkeypatch.setattr(tui, "run", lambda args, context: 0)  # never the TUI
    return tmp_path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(monkeypatch, argv, stdin: str | io.StringIO = "") -> int:
    monkeypatch.setattr(sys, "stdin", stdin if isinstance(stdin, io.StringIO) else io.StringIO(stdin))
    try:
        return cli.main(argv)
    except SystemExit as exc:  # usage errors
        return int(exc.code or 0)


def sql(home, query: str) -> list[tuple]:
    with closing(sqlite3.connect(home / "data" / "counter.sqlite3")) as c:
        return c.execute(query).fetchall()


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("counter-app: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_setup_from_nothing_then_officers(home, monkeypatch, capsys, caplog):
    assert run(monkeypatch, [*SETUP, "--name", "Nguyễn Văn Quản"], "246810\n") == ExitCode.OK
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Đã thiết lập kho dữ liệu cho Xã Ba Đình (mã 16171, Thanh Hóa), mã định danh 000.00.53.H48.",
        "Quầy (2): 000.00.53.H48#1, 000.00.53.H48#2",
        "Dòng xếp hàng: A, B, C, D",
        "Tài khoản quản trị: quantri (Nguyễn Văn Quản).",
    ]
    assert sql(home, "SELECT key, value FROM store_info WHERE key != 'set_up_at' ORDER BY key") == [
        ("identifier", "000.00.53.H48"),
        ("kind", "unit"),
        ("unit_id", "16171"),
    ]
    assert sql(home, "SELECT one_stop_code FROM unit WHERE id = '16171'") == [("000.00.53.H48",)]
    # again, with more counters: the administrator exists, no PIN is read
    assert run(monkeypatch, [*SETUP[:-3], "3", "--admin", "quantri"]) == ExitCode.OK
    assert "đã có, giữ nguyên" in capsys.readouterr().out
    assert sql(home, "SELECT count(*) FROM counter") == [(3,)]

    add = ["officer", "add", "canbo1", "--name", "Lê Thị Hoa", "--role", "supervisor"]
    assert run(monkeypatch, add, "135790\n") == ExitCode.OK
    assert "canbo1 (Lê Thị Hoa, lãnh đạo, giám sát)" in capsys.readouterr().out
    assert "officer canbo1 (supervisor) added by Quầy số 1 (dòng lệnh)" in caplog.text  # and the OS account
    assert run(monkeypatch, ["officer", "list"]) == ExitCode.OK
    assert capsys.readouterr().out.splitlines() == [
        "canbo1\tLê Thị Hoa\tlãnh đạo, giám sát\tđang hoạt động, phải đổi mã PIN",
        "quantri\tNguyễn Văn Quản\tquản trị\tđang hoạt động",
    ]
    assert run(monkeypatch, ["officer", "disable", "canbo1"]) == ExitCode.OK
    assert run(monkeypatch, ["officer", "set-role", "canbo1", "--role", "officer"]) == ExitCode.OK
    assert run(monkeypatch, ["officer", "enable", "canbo1"]) == ExitCode.OK
    assert run(monkeypatch, ["officer", "reset-pin", "canbo1"], "579135\n") == ExitCode.OK
    capsys.readouterr()
    assert run(monkeypatch, ["officer", "list", "--json"]) == ExitCode.OK
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["username"], r["role"], r["active"], r["must_change_pin"]) for r in records] == [
        ("canbo1", "officer", True, True),
        ("quantri", "admin", True, False),
    ]
    assert set(records[0]) == {
        "id",
        "username",
        "full_name",
        "title",
        "role",
        "unit_id",
        "active",
        "must_change_pin",
        "locked_until",
    }


def test_at_a_terminal_the_pin_is_asked_twice_without_echo(home, monkeypatch, capsys):
    answers = iter(["246810", "246811"])
    prompts = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": prompts.append(prompt) or next(answers))
    assert run(monkeypatch, SETUP, Terminal()) == ExitCode.REFUSED
    assert "không khớp" in one_line(capsys)
    assert prompts == ["Mã PIN mới của quantri (ít nhất 6 chữ số): ", "Nhập lại mã PIN: "]
    assert not (home / "data" / "counter.sqlite3").exists()  # nothing written, not even an empty store
    # a guessable PIN is refused at the first entry, without asking again
    answers, prompts[:] = iter(["111111"]), []
    assert run(monkeypatch, SETUP, Terminal()) == ExitCode.REFUSED
    assert "dễ đoán" in one_line(capsys) and len(prompts) == 1
    answers = iter(["246810", "246810"])
    assert run(monkeypatch, SETUP, Terminal()) == ExitCode.OK
    assert sql(home, "SELECT username, role FROM officer") == [("quantri", "admin")]


@pytest.mark.parametrize(
    ("argv", "stdin", "words"),
    [
        (SETUP, "123456\n", "dễ đoán"),
        (SETUP, "", "Chưa có mã PIN"),
        (SETUP, "12345\n", "6 chữ số"),
        (SETUP, "2468 10\n", "6 chữ số"),
        ([*SETUP[:2], "99999", *SETUP[3:]], "246810\n", "--unit"),
        ([*SETUP[:4], "000-00-53-H48", *SETUP[5:]], "246810\n", "Mã định danh"),
        ([*SETUP[:-1], "Quản Trị"], "246810\n", "Tên đăng nhập"),
        ([*SETUP, "--name", "Quản\x00trị"], "246810\n", "Họ và tên"),
        ([*SETUP[:6], "10", *SETUP[7:]], "246810\n", "số quầy"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(home, monkeypatch, capsys, argv, stdin, words):
    assert run(monkeypatch, argv, stdin) == ExitCode.REFUSED
    assert words in one_line(capsys)
    assert not (home / "data" / "counter.sqlite3").exists()


def test_a_store_of_another_unit_or_the_demo_is_refused_as_it_is(home, monkeypatch, capsys):
    assert run(monkeypatch, SETUP, "246810\n") == ExitCode.OK
    before = sql(home, "SELECT key, value FROM store_info ORDER BY key"), sql(home, "SELECT id FROM counter")
    capsys.readouterr()
    other = [*SETUP[:2], "70", *SETUP[3:-1], "quantri2"]
    assert run(monkeypatch, other, "975310\n") == ExitCode.REFUSED
    assert "đã được thiết lập cho đơn vị 16171" in one_line(capsys)
    assert (
        sql(home, "SELECT key, value FROM store_info ORDER BY key"),
        sql(home, "SELECT id FROM counter"),
    ) == before
    assert sql(home, "SELECT username FROM officer") == [("quantri",)]
    # the demo store (--demo) is not set up as a real unit either
    assert run(monkeypatch, ["--demo", *SETUP], "246810\n") == ExitCode.REFUSED
    assert "kho dữ liệu mẫu" in one_line(capsys)
    assert not (home / "data" / "demo" / "counter.sqlite3").exists()


def test_seed_demo_goes_only_into_a_demo_store(home, monkeypatch, capsys):
    """It used to fill any empty store, real or not, with accounts whose PIN is 123456."""
    assert run(monkeypatch, ["db", "upgrade"]) == ExitCode.OK
    assert run(monkeypatch, ["seed-demo", "--citizens", "5"]) == ExitCode.REFUSED
    assert "--demo seed-demo" in one_line(capsys)
    assert sql(home, "SELECT count(*) FROM officer") == [(0,)]
    assert run(monkeypatch, SETUP, "246810\n") == ExitCode.OK
    capsys.readouterr()
    for argv in (["seed-demo"], ["--demo", "seed-demo"]):  # --demo with the store named: still refused
        monkeypatch.setenv("COUNTER_APP_DB_URL", f"sqlite:///{home / 'data' / 'counter.sqlite3'}")
        assert run(monkeypatch, argv) == ExitCode.REFUSED
        one_line(capsys)
    assert sql(home, "SELECT username FROM officer") == [("quantri",)]


def test_officer_commands_refuse_in_one_line_and_change_nothing(home, monkeypatch, capsys):
    assert run(monkeypatch, SETUP, "246810\n") == ExitCode.OK
    capsys.readouterr()
    cases = [
        (["officer", "add", "canbo1", "--name", "Lê Thị Hoa"], "123456\n", "dễ đoán"),
        (["officer", "add", "canbo1", "--name", "Lê\nThị Hoa"], "135790\n", "Họ và tên"),
        (["officer", "add", "Can Bo", "--name", "Lê Thị Hoa"], "135790\n", "Tên đăng nhập"),
        (["officer", "add", "quantri", "--name", "Lê Thị Hoa"], "135790\n", "Đã có tài khoản"),
        (["officer", "add", "canbo1", "--name", "Lê Thị Hoa", "--role", "boss"], "135790\n", "--role"),
        (["officer", "reset-pin", "nobody"], "", "nobody"),  # refused before the PIN is read
        (["officer", "reset-pin", "quantri"], "111111\n", "dễ đoán"),
        (["officer", "disable", "quantri"], "", "quản trị duy nhất"),
        (["officer", "set-role", "quantri", "--role", "officer"], "", "quản trị duy nhất"),
    ]
    hashes = sql(home, "SELECT username, pin_hash, role, active FROM officer")
    for argv, stdin, words in cases:
        assert run(monkeypatch, argv, stdin) == ExitCode.REFUSED, argv
        assert words in one_line(capsys), argv
    assert sql(home, "SELECT username, pin_hash, role, active FROM officer") == hashes


def test_officer_commands_need_a_store_that_has_its_unit(home, monkeypatch, capsys):
    assert (
        run(monkeypatch, ["officer", "add", "canbo1", "--name", "Lê Thị Hoa"], "135790\n") == ExitCode.REFUSED
    )
    assert "counter-app setup" in one_line(capsys)
    assert sql(home, "SELECT count(*) FROM officer") == [(0,)]
