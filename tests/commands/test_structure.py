"""One structure for every subcommand: registered from ``counter_app.commands``, help from the catalogue,
failures mapped to exit codes in one place."""

from __future__ import annotations

import argparse
import errno
import re
import sqlite3
from pathlib import Path

import pytest

from counter_app import cli
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.locale.vi.cli import MESSAGES

PACKAGE = Path(cli.__file__).parent
SOURCES = [PACKAGE / "cli.py", *sorted((PACKAGE / "commands").glob("*.py"))]


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command words, parser) of every runnable command."""
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not actions:
        yield path, parser
    for action in actions:
        for name, child in action.choices.items():
            yield from _leaves(child, (*path, name))


def _all_texts() -> set[str]:
    """Every Vietnamese text of every catalogue area (an area's commands may keep their help in its own)."""
    import importlib

    from counter_app.locale import areas

    return {
        text
        for area in areas("vi")
        for text in importlib.import_module(f"counter_app.locale.vi.{area}").MESSAGES.values()
    }


def test_every_command_has_a_handler_and_catalogue_help():
    texts = _all_texts()
    leaves = dict(_leaves(cli.build_parser()))
    assert {" ".join(words) for words in leaves} >= {
        "db upgrade",
        "seed-demo",
        "backup",
        "restore",
        "sync",
        "handover",
        "inbox",
        "import",
        "report",
        "print",
        "verify",
        "keys export",
        "keys import",
        "queue-board",
        "audit verify",
        "access log",
        "access show",
        "central init",
        "central secure",
        "central counter-role",
        "catalogue import",
        "catalogue enable",
        "catalogue disable",
        "catalogue list",
        "catalogue edit",
        "setup",
        "officer add",
        "officer disable",
        "officer enable",
        "officer reset-pin",
        "officer set-role",
        "officer list",
    }
    for words, parser in leaves.items():
        assert callable(parser.get_default("func")), words
        assert parser.description in texts, words
        for action in parser._actions:
            assert action.help is None or action.help in texts, (words, action.help)


def test_every_area_registers_the_same_way():
    import importlib

    for path in SOURCES[1:]:
        if path.stem in ("__init__", "arguments", "context", "exits", "output", "tui"):
            continue
        module = importlib.import_module(f"counter_app.commands.{path.stem}")
        assert callable(module.register), path.stem
        parser = argparse.ArgumentParser()
        module.register(parser.add_subparsers())  # on its own, with nothing else


def test_cli_texts_are_all_used_and_all_exist():
    code = "\n".join(source.read_text(encoding="utf-8") for source in SOURCES)
    used = set(re.findall(r'"(cli\.[a-z_.]+)"', code))
    assert sorted(used - set(MESSAGES)) == []
    assert sorted(set(MESSAGES) - used) == []


def test_help_lists_the_exit_codes():
    text = cli.build_parser().format_help()
    epilog = text[text.index("Mã thoát") :]
    assert [int(n) for n in re.findall(r"^  (\d+) ", epilog, re.M)] == [0, 1, 2, 3, 130]
    assert "Ctrl+C" in epilog and "kho trung tâm" in epilog


@pytest.fixture
def storage_fault() -> Exception:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13
    return error


def test_one_exit_code_per_kind_of_failure(storage_fault):
    from sqlalchemy.exc import OperationalError

    from counter_app.config import ConfigError
    from counter_app.services.errors import Forbidden

    cases = {
        ExitCode.PROBLEMS: [CommandError("x", ExitCode.PROBLEMS)],
        ExitCode.REFUSED: [
            CommandError("x"),
            ConfigError("COUNTER_APP_COUNTER", "phải trong khoảng 1-9"),
            Forbidden("auth.role_required", role="quản trị"),
            FileNotFoundError(errno.ENOENT, "No such file or directory", "x/y.csv"),
        ],
        ExitCode.UNAVAILABLE: [
            storage_fault,
            OperationalError("SELECT 1", {}, storage_fault),
        ],
    }
    for code, errors in cases.items():
        for error in errors:
            failed = cli.failure(error)
            assert failed.code == code and not failed.logged, error
    assert cli.failure(storage_fault).message.startswith("Ổ đĩa đã đầy")
    assert "x/y.csv" in cli.failure(cases[ExitCode.REFUSED][-1]).message
    # the server cannot be reached: exit 3 and the driver's words, the details in the log
    refused = OperationalError("connect", {}, ConnectionRefusedError("connection\nrefused"))
    assert cli.failure(refused) == (
        "Không dùng được kho dữ liệu hoặc kho trung tâm: connection refused",
        ExitCode.UNAVAILABLE,
        True,
    )
    unexpected = cli.failure(ZeroDivisionError("division by zero"))
    assert unexpected == (
        "lỗi không mong đợi (chi tiết trong tệp nhật ký): ZeroDivisionError: division by zero",
        ExitCode.PROBLEMS,
        True,
    )


def test_building_the_parser_stays_light():
    """``counter-app`` shows the log-in screen at once: the parser imports no database, UI or crypto."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from counter_app import cli\n"
        "cli.build_parser().parse_args(['report', 'ledger', '--from', '2026-11-01', '--to', '2026-11-30'])\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'textual', 'cryptography', 'reportlab', 'counter_app.services')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_without_a_command_the_tui_starts_on_the_store_it_opens_behind_the_log_in(tmp_path, monkeypatch):
    """``counter-app --demo``: the demo store, seeded (with progress) before the app and again if the
    seeding was interrupted; the app gets an opener, not an open store."""
    import counter_app.app
    from counter_app.commands import tui

    monkeypatch.setenv("COUNTER_APP_HOME", str(tmp_path))
    monkeypatch.delenv("COUNTER_APP_DB_URL", raising=False)
    seeded, opened = [], []
    monkeypatch.setattr(tui, "ensure_demo_data", lambda store, progress=None: seeded.append(progress))

    class FakeApp:
        def __init__(self, open_store, settings):
            self.open_store, self.settings = open_store, settings

        def run(self) -> None:
            opened.append(self.open_store().settings.db_url)

    monkeypatch.setattr(counter_app.app, "make_app", FakeApp)
    assert cli.main(["--demo"]) == 0
    assert opened == [f"sqlite:///{tmp_path / 'data' / 'demo' / 'counter.sqlite3'}"]
    assert seeded == [tui.print_progress, None]  # first start: with progress; then by the opener


def test_output_cut_by_the_reader_is_not_reported_as_a_file_error(tmp_path):
    """``counter-app catalogue import … | head`` printed «Không đọc/ghi được tệp «»: Broken pipe» before."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from counter_app import cli\n"
        "def talk(args, context):\n"
        "    for _ in range(100000):\n"
        "        print('dòng báo cáo')\n"
        "    return 0\n"
        "args = cli.build_parser().parse_args(['db', 'upgrade'])\n"
        "args.func = talk\n"
        "sys.exit(cli.run(args, cli.CommandContext()))\n"
    )
    done = subprocess.run(
        f'{sys.executable} -c "$SCRIPT" | head -1',
        shell=True,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "SCRIPT": script, "COUNTER_APP_HOME": str(tmp_path)},
        timeout=60,
    )
    assert done.stdout == "dòng báo cáo\n"
    assert done.stderr == ""
