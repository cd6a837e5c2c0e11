"""Signed chain heads: every push goes with the counter's signature over its heads, and ``audit verify`` (local,
and ``--central``) names the dossier whose history was deleted, cut, rewritten, forged or edited afterwards."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
from sqlalchemy import text
from sqlmodel import select

from counter_app.cli import main as cli_main
from counter_app.db.models import ChainAnchor, Dossier, DossierEvent
from counter_app.domain.chain import HASHED_FIELDS, event_hash
from counter_app.services import audit, handover, intake
from tests.services.test_dossier_flow import request_for
from tests.sync.test_sync import NOW, actor, sync

pytestmark = pytest.mark.pg


@pytest.fixture
def pushed(counter_a, counter_b, central, locked_down):
    """Counter A took three dossiers in, handed the third to B, and pushed, signing its heads."""
    a = actor(counter_a)
    dossiers = [intake.receive(counter_a, a, request_for(counter_a), now=NOW) for _ in range(3)]
    handover.send(counter_a, a, dossiers[2].code, counter_b.unit_id, "Chuyển xử lý", now=NOW)
    report = sync(counter_a, keys_dir=counter_a.settings.keys_dir, counter_id=counter_a.settings.counter_id)
    assert not report.rejected and report.pushed
    return {"codes": [d.code for d in dossiers], "a": counter_a, "central": central}


def _sqlite(store):
    return sqlite3.connect(store.settings.data_dir / "counter.sqlite3")


def _names(report, code: str) -> bool:
    return any(p.code == code for p in report.problems)


def _rehash_from(connection, dossier_id: str, seq: int) -> None:
    """Re-hash a dossier's chain from event ``seq`` on and fix its row, as a careful forger would (SQLite)."""
    names = list(HASHED_FIELDS)
    rows = connection.execute(
        f"SELECT {', '.join(names)} FROM dossier_event WHERE dossier_id = ? ORDER BY seq", (dossier_id,)
    ).fetchall()
    prev = ""
    for row in rows:
        fields = dict(zip(names, row, strict=True))
        from datetime import datetime

        fields["device_time"] = datetime.fromisoformat(fields["device_time"])
        fields["payload"] = json.loads(fields["payload"])
        if fields["seq"] >= seq:
            fields["prev_hash"] = prev
            new = event_hash(fields)
            connection.execute(
                "UPDATE dossier_event SET prev_hash = ?, hash = ? WHERE id = ?", (prev, new, fields["id"])
            )
        else:
            new = connection.execute(
                "SELECT hash FROM dossier_event WHERE id = ?", (fields["id"],)
            ).fetchone()[0]
        prev = new
    connection.execute(
        "UPDATE dossier SET last_event_hash = ?, event_count = ? WHERE id = ?", (prev, len(rows), dossier_id)
    )


def _dossier_id(store, code: str) -> str:
    with store.session() as s:
        return s.exec(select(Dossier.id).where(Dossier.code == code)).one()


def test_a_push_carries_signed_heads_kept_on_both_sides(pushed):
    store, central = pushed["a"], pushed["central"]
    with store.session() as s:
        local = s.exec(select(ChainAnchor)).all()
    with central.connect() as c:
        remote = c.execute(text("SELECT id, digest FROM chain_anchor")).all()
    assert local and {a.id for a in local} == {r[0] for r in remote}
    assert audit.verify(store).ok
    assert audit.verify_with_central(store, central).ok


def test_last_event_deleted_and_row_fixed_is_named(pushed):
    store, code = pushed["a"], pushed["codes"][0]
    dossier_id = _dossier_id(store, code)
    with _sqlite(store) as c:
        c.execute(
            "DELETE FROM dossier_event WHERE dossier_id = ? AND seq = (SELECT max(seq) FROM dossier_event "
            "WHERE dossier_id = ?)",
            (dossier_id, dossier_id),
        )
        _rehash_from(c, dossier_id, 1)
    assert _names(audit.verify(store), code)
    assert _names(audit.verify_with_central(store, pushed["central"]), code)


def test_event_edited_and_chain_rehashed_is_named(pushed):
    store, code = pushed["a"], pushed["codes"][1]
    dossier_id = _dossier_id(store, code)
    with _sqlite(store) as c:
        c.execute(
            "UPDATE dossier_event SET payload = json_set(payload, '$.set.summary', 'sửa lén') "
            "WHERE dossier_id = ? AND seq = 1",
            (dossier_id,),
        )
        _rehash_from(c, dossier_id, 1)
    report = audit.verify(store)
    assert _names(report, code) and all(p.code == code for p in report.problems)


def test_whole_dossier_deleted_is_named(pushed):
    store, code = pushed["a"], pushed["codes"][0]
    dossier_id = _dossier_id(store, code)
    with _sqlite(store) as c:
        for table in ("dossier_event", "dossier_document", "handover"):
            c.execute(f"DELETE FROM {table} WHERE dossier_id = ?", (dossier_id,))
        c.execute("DELETE FROM outbox WHERE event_id NOT IN (SELECT id FROM dossier_event)")
        c.execute("DELETE FROM dossier WHERE id = ?", (dossier_id,))
    assert _names(audit.verify(store), code)
    # and with the local anchors gone too, the central store's copy still names it
    with _sqlite(store) as c:
        c.execute("DELETE FROM chain_anchor")
    assert not _names(audit.verify(store), code)
    assert _names(audit.verify_with_central(store, pushed["central"]), code)


def test_forged_event_appended_centrally_is_named(pushed):
    central, code = pushed["central"], pushed["codes"][1]
    with central.begin() as c:  # the database's owner: no rule stops it, only the signatures tell
        d = c.execute(
            text("SELECT id, event_count, last_event_hash FROM dossier WHERE code = :c"), {"c": code}
        ).one()
        fields = {
            "id": str(uuid.uuid4()),
            "dossier_id": d.id,
            "dossier_code": code,
            "seq": d.event_count + 1,
            "type": "processing",
            "officer_id": None,
            "officer_name": "Ai đó",
            "unit_id": pushed["a"].unit_id,
            "counter_id": pushed["a"].settings.counter_id,
            "device_time": NOW,
            "payload": {},
            "prev_hash": d.last_event_hash,
        }
        c.execute(
            text(
                "INSERT INTO dossier_event (id, dossier_id, dossier_code, seq, type, officer_id, officer_name, "
                "unit_id, counter_id, device_time, payload, prev_hash, hash) VALUES (:id, :dossier_id, "
                ":dossier_code, :seq, :type, :officer_id, :officer_name, :unit_id, :counter_id, :device_time, "
                "'{}', :prev_hash, :hash)"
            ),
            {**fields, "hash": event_hash(fields)},
        )
        c.execute(
            text("UPDATE dossier SET event_count = :n, last_event_hash = :h WHERE id = :i"),
            {"n": fields["seq"], "h": event_hash(fields), "i": d.id},
        )
    assert _names(audit.verify(central, every_event_signed=True), code)
    assert _names(audit.verify_with_central(pushed["a"], central), code)


def test_officer_name_edited_is_named(pushed):
    store, code = pushed["a"], pushed["codes"][2]
    with _sqlite(store) as c:
        c.execute(
            "UPDATE dossier_event SET officer_name = 'Người khác' WHERE dossier_code = ? AND seq = 1", (code,)
        )
    report = audit.verify(store)
    assert _names(report, code)


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE dossier_document SET name = 'Giấy tờ khác' WHERE dossier_id = :i AND position = 1",
        "DELETE FROM dossier_document WHERE dossier_id = :i",
        "UPDATE handover SET to_unit_id = '21028' WHERE dossier_id = :i",
        "UPDATE handover SET sent_by = 'Người khác' WHERE dossier_id = :i",
    ],
)
def test_component_or_handover_edited_centrally_is_named(pushed, edit):
    central, code = pushed["central"], pushed["codes"][2]
    with central.begin() as c:
        dossier_id = c.execute(text("SELECT id FROM dossier WHERE code = :c"), {"c": code}).scalar_one()
        assert c.execute(text(edit), {"i": dossier_id}).rowcount
    assert _names(audit.verify(central), code)


def test_audit_verify_central_from_the_command_line(pushed, capsys, monkeypatch):
    store = pushed["a"]
    monkeypatch.setenv("COUNTER_APP_HOME", str(store.settings.home))
    monkeypatch.setenv("COUNTER_APP_UNIT", store.unit_id)
    monkeypatch.setenv("COUNTER_APP_CENTRAL_URL", store.settings.central_url)
    assert cli_main(["audit", "verify", "--central"]) == 0
    assert capsys.readouterr().out.startswith("OK")
    code = pushed["codes"][0]
    with _sqlite(store) as c:
        c.execute(
            "UPDATE dossier_event SET officer_name = 'Người khác' WHERE dossier_code = ? AND seq = 1", (code,)
        )
    assert cli_main(["audit", "verify", "--central"]) == 1
    assert code in capsys.readouterr().out
    with store.session() as s:  # nothing was written by the check
        assert s.exec(select(DossierEvent).where(DossierEvent.dossier_code == code)).first() is not None
