"""``counter-app print stop CODE`` prints the stop notice (Mẫu 05 of Circular 03/2025/TT-VPCP) of a stopped
dossier, as a named officer with their PIN; a dossier never stopped has no notice to print."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing
from pathlib import Path

from counter_app.commands.exits import ExitCode

from .helpers import nfc, page_texts

PIN = "123456"  # every demo officer's


def _sql(home: Path, query: str):
    with closing(sqlite3.connect(home / "data" / "counter.sqlite3")) as c, c:
        return c.execute(query).fetchall()


def test_print_stop_writes_the_notice_of_a_stopped_dossier(cli_env, cli_main, capsys, monkeypatch):
    ((code,),) = _sql(cli_env, "SELECT code FROM dossier WHERE status = 8 ORDER BY code LIMIT 1")
    monkeypatch.setattr("sys.stdin", io.StringIO(PIN + "\n"))
    assert cli_main(["print", "stop", code, "--officer", "canbo1", "--out", "dung.pdf"]) == ExitCode.OK
    text = " ".join(page_texts(Path("dung.pdf").read_bytes()))
    assert nfc("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ") in text and code in text
    assert nfc("Mẫu số 05 — Thông tư số 03/2025/TT-VPCP") in text
    capsys.readouterr()

    ((other,),) = _sql(cli_env, "SELECT code FROM dossier WHERE status = 4 ORDER BY code LIMIT 1")
    monkeypatch.setattr("sys.stdin", io.StringIO(PIN + "\n"))
    assert cli_main(["print", "stop", other, "--officer", "canbo1"]) != ExitCode.OK
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
