"""`counter-app inbox --accept CODE` on an online dossier takes it in and prints its receipt (Mẫu 01), as F6's
review does (issue 15): the PDF is kept and its path said; a handover accepted prints nothing."""

from __future__ import annotations

import io
import re
import sqlite3
import unicodedata
from pathlib import Path

import pypdf

from counter_app.domain.states import Status

PIN = "123456"  # every demo officer's


def test_accepting_an_online_dossier_prints_its_receipt(cli_env, cli_main, capsys, monkeypatch):
    with sqlite3.connect(cli_env / "data" / "counter.sqlite3") as db:
        code = db.execute(
            "SELECT code FROM dossier WHERE status = ? ORDER BY code LIMIT 1",
            (int(Status.REGISTERED_ONLINE),),
        ).fetchone()[0]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n"))
    assert cli_main(["inbox", "--accept", code, "--officer", "canbo1"]) == 0
    out = capsys.readouterr().out
    path = Path(re.search(r"\(PDF\): (\S+\.pdf)", out).group(1))
    text = unicodedata.normalize("NFC", " ".join(pypdf.PdfReader(path).pages[0].extract_text().split()))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text.upper()
    assert code in text.replace(" ", "")
    with sqlite3.connect(cli_env / "data" / "counter.sqlite3") as db:
        assert (
            db.execute("SELECT status FROM dossier WHERE code = ?", (code,)).fetchone()[0] == Status.RECEIVED
        )
