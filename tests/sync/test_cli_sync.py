"""sync, handover and inbox from the command line, between two counters and a real central PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta

from sqlmodel import select

from counter_app.db.models import Dossier
from counter_app.domain.states import Status


def cli(store, *args, central=None, stdin=""):
    env = {
        **os.environ,
        "COUNTER_APP_HOME": str(store.settings.home),
        "COUNTER_APP_UNIT": store.unit_id,
        "COUNTER_APP_CENTRAL_URL": central or store.settings.central_url,
    }
    env.pop("COUNTER_APP_DB_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "counter_app.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


#: what a command acting as an officer needs: who, and their PIN on standard input
AS_CANBO1 = {"stdin": "123456\n"}


def a_dossier(store, status: Status) -> str:
    with store.session() as s:
        return s.exec(
            select(Dossier.code).where(
                Dossier.status == int(status), Dossier.custodian_unit_id == store.unit_id
            )
        ).first()


def test_sync_status_once_and_an_unreachable_centre(counter_a):
    status = cli(counter_a, "sync", "--status")
    assert status.returncode == 0 and status.stdout.splitlines()[0].startswith("pending: ")
    pending = int(status.stdout.splitlines()[0].split(": ")[1])
    assert pending > 0 and "last sync: never" in status.stdout
    started = time.monotonic()
    down = cli(counter_a, "sync", "--once", central="postgresql://postgres@127.0.0.1:9/none")
    assert down.returncode != 0 and time.monotonic() - started < 15
    assert "Traceback" not in down.stderr and "kho trung tâm" in down.stderr
    assert cli(counter_a, "sync", "--once").returncode == 0
    after = cli(counter_a, "sync", "--status").stdout
    assert "pending: 0" in after and "last sync: never" not in after
    (line,) = cli(counter_a, "sync", "--status", "--json").stdout.splitlines()
    status = json.loads(line)
    assert status["pending"] == 0 and status["rejected"] == 0
    assert datetime.fromisoformat(status["last_sync"]).utcoffset() == timedelta(hours=7)


def test_handover_from_the_command_line_reaches_the_other_province(counter_a, counter_b):
    code = a_dossier(counter_a, Status.PROCESSING)
    refused = a_dossier(counter_a, Status.REFUSED)
    bad = cli(
        counter_a,
        "handover",
        refused,
        "--to",
        counter_b.unit_id,
        "--reason",
        "Chuyển",
        "--officer",
        "canbo1",
        **AS_CANBO1,
    )
    assert bad.returncode != 0 and "Từ chối tiếp nhận" in bad.stderr
    nowhere = cli(
        counter_a, "handover", code, "--to", "99999", "--reason", "Chuyển", "--officer", "canbo1", **AS_CANBO1
    )
    assert nowhere.returncode != 0 and "99999" in nowhere.stderr
    sent = cli(
        counter_a,
        "handover",
        code,
        "--to",
        counter_b.unit_id,
        "--reason",
        "Chuyển xử lý",
        "--officer",
        "canbo1",
        **AS_CANBO1,
    )
    assert sent.returncode == 0, sent.stderr
    assert cli(counter_a, "sync", "--once").returncode == 0
    assert cli(counter_b, "sync", "--once").returncode == 0
    lines = [line.split("\t") for line in cli(counter_b, "inbox").stdout.splitlines()]
    handed = [line for line in lines if line[0] == code]
    assert handed and handed[0][1] == "Phường Cẩm Thành"
    waiting = [json.loads(line) for line in cli(counter_b, "inbox", "--json").stdout.splitlines()]
    (record,) = [r for r in waiting if r["code"] == code]
    assert record["kind"] == "handover" and record["sender"] == "Phường Cẩm Thành"
    assert record["reason"] == "Chuyển xử lý" and datetime.fromisoformat(record["arrived_at"]).tzinfo
    accepted = cli(counter_b, "inbox", "--accept", code, "--officer", "canbo1", **AS_CANBO1)
    assert accepted.returncode == 0, accepted.stderr
    assert code not in cli(counter_b, "inbox").stdout
    assert cli(counter_b, "sync", "--once").returncode == 0
    assert cli(counter_a, "sync", "--once").returncode == 0
    with counter_a.session() as s:
        assert (
            s.exec(select(Dossier).where(Dossier.code == code)).one().custodian_unit_id == counter_b.unit_id
        )
