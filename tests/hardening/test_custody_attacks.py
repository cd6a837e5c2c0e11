"""Every attack of the trust issue, replayed with ``psql`` as counter A's own PostgreSQL role against unit B.

Each one is refused by the central store itself (not by the program's Python), and afterwards everything B
has centrally is exactly as before and the central store's audit still finds every chain whole.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import select

from counter_app.db.models import Dossier
from counter_app.domain.chain import event_hash
from counter_app.services import audit
from counter_app.services.ids import citizen_id_for
from tests.hardening.two_units import NOW, PASSWORD

pytestmark = pytest.mark.pg

#: what unit B has centrally, read as the owner: compared before and after the attacks
B_STATE = (
    "SELECT 'dossier', d.id, row_to_json(d)::text FROM dossier d "
    "WHERE d.received_unit_id = :b OR d.custodian_unit_id = :b "
    "UNION ALL SELECT 'event', e.id, row_to_json(e)::text FROM dossier_event e JOIN dossier d ON d.id = e.dossier_id "
    "WHERE d.received_unit_id = :b OR d.custodian_unit_id = :b "
    "UNION ALL SELECT 'handover', h.id, row_to_json(h)::text FROM handover h "
    "WHERE h.from_unit_id = :b OR h.to_unit_id = :b "
    "UNION ALL SELECT 'component', c.id::text, row_to_json(c)::text FROM dossier_document c "
    "JOIN dossier d ON d.id = c.dossier_id WHERE d.received_unit_id = :b OR d.custodian_unit_id = :b "
    "UNION ALL SELECT 'citizen', c.id, row_to_json(c)::text FROM citizen c WHERE c.id = :citizen "
    "ORDER BY 1, 2"
)


def _b_state(central) -> list[tuple[str, str, str]]:
    with central["store"].engine.connect() as c:
        rows = c.execute(text(B_STATE), {"b": central["b"], "citizen": central["b_citizen"].id}).all()
    return [tuple(r) for r in rows]


def psql(central, sql: str) -> subprocess.CompletedProcess[str]:
    """Run ``sql`` with the ``psql`` client, logged in as counter A's role (its own password)."""
    url = make_url(central["store"].settings.db_url)
    env = {**os.environ, "PGPASSWORD": PASSWORD}
    return subprocess.run(
        [
            "psql",
            "-X",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            url.host or "127.0.0.1",
            "-p",
            str(url.port or 5432),
            "-U",
            central["roles"]["a"],
            "-d",
            url.database or "",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def _quote(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _event_sql(
    dossier: Dossier | None,
    *,
    dossier_id: str,
    code: str,
    seq: int,
    prev: str,
    unit: str,
    type_: str,
    payload: dict,
) -> str:
    """An INSERT of an event whose hash is right for its content (the attacker computes it too)."""
    event_id = str(uuid.uuid4())
    fields = {
        "id": event_id,
        "dossier_id": dossier_id,
        "dossier_code": code,
        "seq": seq,
        "type": type_,
        "officer_id": None,
        "officer_name": "Kẻ giả mạo",
        "unit_id": unit,
        "counter_id": None,
        "device_time": NOW,
        "payload": payload,
        "prev_hash": prev,
    }
    return (
        "INSERT INTO dossier_event (id, dossier_id, dossier_code, seq, type, officer_name, unit_id, device_time, "
        f"payload, prev_hash, hash) VALUES ({_quote(event_id)}, {_quote(dossier_id)}, {_quote(code)}, {seq}, "
        f"{_quote(type_)}, 'Kẻ giả mạo', {_quote(unit)}, {_quote(NOW.isoformat())}, "
        f"{_quote(json.dumps(payload, ensure_ascii=False))}, {_quote(prev)}, {_quote(event_hash(fields))})"
    )


def _b_dossier(central) -> Dossier:
    with central["store"].session() as s:
        return s.get_one(Dossier, central["b_dossier"].id)


def _refused(result: subprocess.CompletedProcess[str], *reasons: str) -> None:
    assert result.returncode != 0, result.args[-1][:300]
    assert any(reason in result.stderr for reason in reasons), result.stderr


def test_psql_attacks_on_another_unit_are_refused_and_change_nothing(central):
    a, b = central["a"], central["b"]
    d = _b_dossier(central)
    before = _b_state(central)
    assert before and psql(central, "SELECT 1").returncode == 0  # the role logs in

    # a withdrawal recorded by A on B's dossier, chain and hash right
    withdrawal = _event_sql(
        d,
        dossier_id=d.id,
        code=d.code,
        seq=d.event_count + 1,
        prev=d.last_event_hash,
        unit=a,
        type_="withdrawn",
        payload={"set": {"status": 7}},
    )
    _refused(psql(central, withdrawal), "counter_app:not_custodian")
    # the same, posing as B
    _refused(psql(central, withdrawal.replace(_quote(a), _quote(b))), "counter_app:not_own_unit")
    # B's dossier row, components, handovers, citizen written directly
    for sql in (
        f"UPDATE dossier SET status = 7, custodian_unit_id = {_quote(a)} WHERE id = {_quote(d.id)}",
        f"DELETE FROM dossier_document WHERE dossier_id = {_quote(d.id)}",
        f"UPDATE handover SET state = 'sent' WHERE dossier_id = {_quote(central['b_to_a'].id)}",
        f"INSERT INTO handover (id, dossier_id, from_unit_id, to_unit_id, reason, documents, sent_at, sent_by, "
        f"state, answered_by, answer_reason) VALUES ('h-fake', {_quote(d.id)}, {_quote(b)}, {_quote(a)}, '', "
        f"'[]', {_quote(NOW.isoformat())}, '', 'sent', '', '')",
        f"UPDATE citizen SET phone = '0999', updated_at = '2099-01-01' WHERE id = {_quote(central['b_citizen'].id)}",
        f"INSERT INTO dossier (id, code, procedure_code, applicant_name, status, received_unit_id, "
        f"custodian_unit_id, return_unit_id, updated_at) VALUES ('d-fake', 'X-1', '1.004873', 'x', 1, "
        f"{_quote(b)}, {_quote(b)}, {_quote(b)}, {_quote(NOW.isoformat())})",
        f"DELETE FROM dossier_event WHERE dossier_id = {_quote(d.id)}",
    ):
        _refused(psql(central, sql), "permission denied")
    # a fake handover to itself through an event: only the custodian sends
    handover_sent = _event_sql(
        d,
        dossier_id=d.id,
        code=d.code,
        seq=d.event_count + 1,
        prev=d.last_event_hash,
        unit=a,
        type_="handover_sent",
        payload={"handover": {"id": str(uuid.uuid4()), "from_unit_id": b, "to_unit_id": a, "state": "sent"}},
    )
    _refused(psql(central, handover_sent), "counter_app:not_custodian")
    # a dossier "held by B" with a matching first event, by A
    new_id = str(uuid.uuid4())
    planted = {
        "set": {
            "code": "PLANTED-1",
            "procedure_code": "1.004873",
            "applicant_name": "Giả",
            "status": 1,
            "received_unit_id": b,
            "custodian_unit_id": b,
            "return_unit_id": b,
        }
    }
    first = _event_sql(
        None, dossier_id=new_id, code="PLANTED-1", seq=1, prev="", unit=a, type_="received", payload=planted
    )
    _refused(psql(central, first), "counter_app:first_not_own")
    # a dossier of A's own naming a citizen only B has met (the id is derivable from B's unit and the number)
    only_b = citizen_id_for(b, "079301008888")
    with central["store"].engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO citizen (id, cccd, full_name, name_folded, address, phone, email, created_at, "
                "updated_at) VALUES (:i, '079301008888', 'Chỉ B Biết', 'chi b biet', '', '', '', :t, :t)"
            ),
            {"i": only_b, "t": NOW},
        )
        c.execute(
            text("INSERT INTO citizen_origin (citizen_id, unit_id) VALUES (:i, :b)"), {"i": only_b, "b": b}
        )
    named = {
        "set": {
            **planted["set"],
            "received_unit_id": a,
            "custodian_unit_id": a,
            "return_unit_id": a,
            "citizen_id": only_b,
        }
    }
    named_sql = _event_sql(
        None, dossier_id=new_id, code="PLANTED-1", seq=1, prev="", unit=a, type_="received", payload=named
    )
    _refused(psql(central, named_sql), "counter_app:citizen_not_visible")
    assert psql(central, f"SELECT count(*) FROM citizen WHERE id = {_quote(only_b)}").stdout.split()[2] == "0"
    # B's citizen through the citizen function: an update A may not make is ignored, not applied
    row = {
        "id": central["b_citizen"].id,
        "cccd": central["b_citizen"].cccd,
        "full_name": "Bị Sửa",
        "name_folded": "bi sua",
        "address": "",
        "phone": "0999",
        "email": "",
        "created_at": NOW.isoformat(),
        "updated_at": "2099-01-01T00:00:00",
    }
    assert psql(central, f"SELECT counter_put_citizens({_quote(json.dumps([row]))}::jsonb)").returncode == 0
    # nothing answers whether a citizen exists elsewhere
    _refused(
        psql(central, f"SELECT counter_citizen_exists({_quote(central['b_citizen'].id)})"), "does not exist"
    )
    # and A still reads nothing of B's
    seen = psql(central, f"SELECT count(*) FROM dossier WHERE id = {_quote(d.id)}")
    assert seen.returncode == 0 and seen.stdout.split()[2] == "0"
    seen = psql(central, f"SELECT count(*) FROM citizen WHERE cccd = {_quote(central['b_citizen'].cccd)}")
    assert seen.stdout.split()[2] == "1"  # only through the dossier B hands to A, as the rule says

    assert _b_state(central) == before
    assert audit.verify(central["store"].engine).ok


def test_a_counters_own_citizen_update_dated_in_the_future_is_dated_now(central):
    a = central["a"]
    number = "001099055555"
    row = {
        "id": citizen_id_for(a, number),
        "cccd": number,
        "full_name": "Lê Thị Mai",
        "name_folded": "le thi mai",
        "address": "",
        "phone": "",
        "email": "",
        "created_at": NOW.isoformat(),
        "updated_at": NOW.isoformat(),
    }
    assert psql(central, f"SELECT counter_put_citizens({_quote(json.dumps([row]))}::jsonb)").returncode == 0
    later = {**row, "phone": "0912345678", "updated_at": "2099-01-01T00:00:00"}
    assert psql(central, f"SELECT counter_put_citizens({_quote(json.dumps([later]))}::jsonb)").returncode == 0
    with central["store"].engine.connect() as c:
        phone, updated = c.execute(
            text("SELECT phone, updated_at FROM citizen WHERE id = :i"), {"i": row["id"]}
        ).one()
    assert phone == "0912345678" and updated < datetime(2030, 1, 1)
    # a citizen registered under an id that is not the unit's own is not registered
    stranger = {**row, "id": str(uuid.uuid4()), "cccd": "001099055556"}
    assert (
        psql(central, f"SELECT counter_put_citizens({_quote(json.dumps([stranger]))}::jsonb)").returncode == 0
    )
    with central["store"].engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM citizen WHERE cccd = '001099055556'")).scalar() == 0


def _next_on_own_dossier(central, summary: str) -> str:
    """An INSERT of the next event, hash right, on a dossier unit A holds (in processing), setting ``summary``."""
    a = central["a"]
    with central["store"].session() as s:
        own = s.exec(select(Dossier).where(Dossier.custodian_unit_id == a, Dossier.status == 2)).first()
    assert own is not None
    return _event_sql(
        own,
        dossier_id=own.id,
        code=own.code,
        seq=own.event_count + 1,
        prev=own.last_event_hash,
        unit=a,
        type_="processing",
        payload={"set": {"summary": summary}},
    )


def test_an_event_whose_hash_does_not_cover_its_content_is_refused_even_on_its_own_dossier(central):
    honest = _next_on_own_dossier(central, "ghi chú")
    edited = honest.replace("ghi chú", "ghi chú đã sửa")  # the content changed, the hash kept
    _refused(psql(central, edited), "counter_app:bad_hash")
    assert psql(central, honest).returncode == 0  # the same event, hash right: the custodian's to record


@pytest.mark.parametrize("text", ["Trần\u202eVăn", "Trần\u001b[2JVăn", "Trần\u200bVăn"])
def test_an_event_with_a_control_or_hidden_character_never_reaches_the_central_store(central, text):
    """What the central store holds, every counter pulls: a character a counter's store refuses would stop
    that counter's pulls, so the central store refuses it first (a NUL PostgreSQL refuses by itself)."""
    _refused(psql(central, _next_on_own_dossier(central, text)), "counter_app:unsafe_text")
