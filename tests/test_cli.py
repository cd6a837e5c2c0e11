"""The command line as a person runs it: real processes, a temporary COUNTER_APP_HOME."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

from counter_app.domain.codes import parse_dossier_code


def run(home, *args, stdin="", **env):
    environment = {**os.environ, "COUNTER_APP_HOME": str(home), **env}
    environment.pop("COUNTER_APP_DB_URL", None) if "COUNTER_APP_DB_URL" not in env else None
    return subprocess.run(
        [sys.executable, "-m", "counter_app.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


def test_upgrade_seed_and_ledger(tmp_path):
    assert run(tmp_path, "--demo", "db", "upgrade").returncode == 0
    seeded = run(tmp_path, "--demo", "seed-demo", "--citizens", "120", "--today", "2026-11-20")
    assert seeded.returncode == 0, seeded.stderr
    assert "120 công dân" in seeded.stdout
    again = run(tmp_path, "--demo", "seed-demo", "--citizens", "120")
    assert again.returncode != 0 and "Traceback" not in again.stderr
    ledger = run(
        tmp_path,
        "--demo",
        "report",
        "ledger",
        "--from",
        "2026-01-01",
        "--to",
        "2026-11-20",
        "--format",
        "csv",
        "--officer",
        "canbo1",
        stdin="123456\n",  # the demo officer's PIN: the ledger names the applicants
    )
    assert ledger.returncode == 0, ledger.stderr
    rows = list(csv.reader(io.StringIO(ledger.stdout)))
    assert rows[0][1] == "Mã hồ sơ"
    codes = [parse_dossier_code(r[1]) for r in rows[1:]]
    assert len(codes) >= 50 and len({c.code for c in codes}) == len(codes)
    assert all(str(c.received_on) <= "2026-11-20" for c in codes)


@pytest.mark.parametrize(
    ("args", "env", "code"),
    [
        (["db", "upgrade"], {"COUNTER_APP_COUNTER": "12"}, 2),
        (["db", "upgrade"], {"COUNTER_APP_UNIT": "không-có"}, 2),
        (["db", "upgrade"], {"COUNTER_APP_DB_URL": "postgresql://nobody@127.0.0.1:1/none"}, 3),
        (["report", "ledger", "--from", "2026-13-01", "--to", "2026-01-01"], {}, 2),
        (["report", "ledger", "--from", "2026-02-01", "--to", "2026-01-01"], {}, 2),
        (["seed-demo", "--citizens", "-4"], {}, 2),
    ],
)
def test_bad_input_is_one_clear_line_never_a_traceback(tmp_path, args, env, code):
    result = run(tmp_path, *args, **env)
    assert result.returncode == code
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1  # argparse's usage errors too
    assert result.stderr.startswith("counter-app: ") and len(result.stderr) < 300


def test_help_explains_the_exit_codes(tmp_path):
    result = run(tmp_path, "--help")
    assert result.returncode == 0
    for line in ("  0    thành công", "  2    bị từ chối", "  3    không dùng được kho dữ liệu", "  130  "):
        assert line in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["db"],
        ["db", "upgrade"],
        ["seed-demo"],
        ["sync"],
        ["report"],
        ["queue-board"],
        ["handover"],
        ["inbox"],
        ["import"],
        ["print"],
        ["verify"],
        ["keys"],
        ["audit"],
        ["audit", "verify"],
        ["backup"],
        ["restore"],
        ["access", "log"],
        ["access", "show"],
        ["central", "counter-role"],
        ["setup"],
        ["officer"],
        ["officer", "add"],
        ["officer", "reset-pin"],
        ["officer", "list"],
    ],
)
def test_every_subcommand_has_help(tmp_path, command):
    result = run(tmp_path, *command, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
