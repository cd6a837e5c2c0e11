"""Row-level security of the central PostgreSQL: a counter's role sees and writes only its unit's rows."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlmodel import select

from counter_app.db.models import Dossier, Officer
from counter_app.domain.chain import event_hash
from counter_app.services.errors import ServiceError
from counter_app.services.ids import citizen_id_for
from counter_app.sync import security
from tests.hardening.two_units import NOW, PASSWORD

pytestmark = pytest.mark.pg


def _visible(d: Dossier, unit: str, pending: dict[str, str]) -> bool:
    return unit in (d.received_unit_id, d.custodian_unit_id, d.return_unit_id) or pending.get(d.id) == unit


def _scalar(engine, sql: str, **params):
    with engine.connect() as c:
        return c.execute(text(sql), params).scalar()


def _event_row(dossier: Dossier, unit: str, seq: int, after: Dossier | None = None) -> dict:
    """An event of ``unit`` on ``dossier``; with ``after``, one that continues its chain with a right hash."""
    row = {
        "id": str(uuid.uuid4()),
        "dossier_id": dossier.id,
        "code": dossier.code,
        "seq": seq,
        "unit": unit,
        "at": NOW,
        "prev": after.last_event_hash if after else "",
    }
    fields = {
        "id": row["id"],
        "dossier_id": dossier.id,
        "dossier_code": dossier.code,
        "seq": seq,
        "type": "processing",
        "officer_id": None,
        "officer_name": "",
        "unit_id": unit,
        "counter_id": None,
        "device_time": NOW,
        "payload": {},
        "prev_hash": row["prev"],
    }
    return {**row, "hash": event_hash(fields)}


INSERT_EVENT = text(
    "INSERT INTO dossier_event (id, dossier_id, dossier_code, seq, type, officer_name, unit_id, device_time, "
    "payload, prev_hash, hash) VALUES (:id, :dossier_id, :code, :seq, 'processing', '', :unit, :at, '{}', :prev, "
    ":hash)"
)


def test_superuser_sees_everything_a_counter_only_its_unit(central):
    store, a, b = central["store"], central["a"], central["b"]
    with store.session() as s:
        dossiers = s.exec(select(Dossier)).all()
        from counter_app.db.models import Handover

        pending = {
            h.dossier_id: h.to_unit_id for h in s.exec(select(Handover).where(Handover.state == "sent"))
        }
    total = len(dossiers)
    assert _scalar(store.engine, "SELECT count(*) FROM dossier") == total
    for who, unit in (("a", a), ("b", b)):
        engine = central["connect"](who)
        with engine.connect() as c:
            seen = {r[0] for r in c.execute(text("SELECT id FROM dossier"))}
        expected = {d.id for d in dossiers if _visible(d, unit, pending)}
        assert seen == expected and 0 < len(seen) < total
    # a dossier of B is invisible to A, its pending handover to A is visible to A
    engine_a = central["connect"]("a")
    assert _scalar(engine_a, "SELECT count(*) FROM dossier WHERE code = :c", c=central["b_dossier"].code) == 0
    assert _scalar(engine_a, "SELECT count(*) FROM dossier WHERE code = :c", c=central["b_to_a"].code) == 1
    assert (
        _scalar(
            engine_a,
            "SELECT count(*) FROM dossier_event WHERE dossier_code = :c",
            c=central["b_dossier"].code,
        )
        == 0
    )


def test_counter_cannot_read_citizens_of_other_units(central):
    engine_a = central["connect"]("a")
    citizen = central["b_citizen"]
    # B's citizen is visible to A only through the dossier handed to A; withdraw that and A loses it
    assert _scalar(engine_a, "SELECT count(*) FROM citizen WHERE id = :i", i=citizen.id) == 1
    with central["store"].engine.begin() as c:
        c.execute(
            text("UPDATE handover SET state = 'returned' WHERE dossier_id = :d"), {"d": central["b_to_a"].id}
        )
    assert _scalar(engine_a, "SELECT count(*) FROM citizen WHERE id = :i", i=citizen.id) == 0
    assert _scalar(engine_a, "SELECT count(*) FROM citizen WHERE cccd = '079301009999'") == 0
    assert _scalar(central["connect"]("b"), "SELECT count(*) FROM citizen WHERE id = :i", i=citizen.id) == 1
    # A sees its own dossiers' citizens and their documents, never the whole table
    total = _scalar(central["store"].engine, "SELECT count(*) FROM citizen")
    assert 0 < _scalar(engine_a, "SELECT count(*) FROM citizen") < total
    docs = _scalar(
        engine_a,
        "SELECT count(*) FROM citizen_document d WHERE NOT EXISTS "
        "(SELECT 1 FROM citizen c WHERE c.id = d.citizen_id)",
    )
    assert docs == 0


def test_counter_cannot_write_into_other_units_dossiers(central):
    engine_a = central["connect"]("a")
    with central["store"].session() as s:
        b_dossier = s.get_one(Dossier, central["b_dossier"].id)
    with pytest.raises(DBAPIError, match="not_own_unit"), engine_a.begin() as c:  # posing as B
        c.execute(INSERT_EVENT, _event_row(b_dossier, central["b"], 2))
    with pytest.raises(DBAPIError, match="không giữ hồ sơ|not_custodian"), engine_a.begin() as c:
        c.execute(INSERT_EVENT, _event_row(b_dossier, central["a"], b_dossier.event_count + 1, b_dossier))
    for sql in (
        "UPDATE dossier SET status = 8 WHERE id = :i",
        "DELETE FROM dossier_document WHERE dossier_id = :i",
        "UPDATE handover SET state = 'sent' WHERE dossier_id = :i",
        "DELETE FROM dossier_event WHERE dossier_id = :i",
        "UPDATE dossier_event SET payload = '{}' WHERE dossier_id = :i",
    ):
        with pytest.raises(ProgrammingError, match="permission denied"), engine_a.begin() as c:
            c.execute(text(sql), {"i": b_dossier.id})
    with central["store"].session() as s:
        own = s.exec(select(Dossier).where(Dossier.received_unit_id == central["a"])).first()
    with pytest.raises(DBAPIError, match="counter_app:chain"), engine_a.begin() as c:  # its own, out of order
        c.execute(INSERT_EVENT, _event_row(own, central["a"], 99))
    with pytest.raises(ProgrammingError, match="permission denied"), engine_a.connect() as c:
        c.execute(text("SELECT count(*) FROM access_log"))
    with pytest.raises(ProgrammingError, match="permission denied"), engine_a.connect() as c:
        c.execute(text("SELECT count(*) FROM counter_role"))


def test_citizens_a_counter_creates_stay_its_own(central):
    engine_a, engine_b = central["connect"]("a"), central["connect"]("b")
    number = "001099012345"
    own_id = citizen_id_for(central["a"], number)
    row = {
        "cccd": number,
        "full_name": "Lê Văn Mới",
        "name_folded": "le van moi",
        "address": "",
        "phone": "",
        "email": "",
        "created_at": NOW.isoformat(),
        "updated_at": NOW.isoformat(),
    }
    with pytest.raises(ProgrammingError, match="permission denied"), engine_a.begin() as c:
        c.execute(
            text(
                "INSERT INTO citizen (id, cccd, full_name, name_folded, created_at, updated_at) "
                "VALUES (:i, :n, 'x', 'x', :t, :t)"
            ),
            {"i": own_id, "n": number, "t": NOW},
        )
    with engine_a.begin() as c:  # registered through the function, under the unit's own id only
        c.execute(
            text("SELECT counter_put_citizens(CAST(:rows AS jsonb))"),
            {
                "rows": json.dumps(
                    [{**row, "id": own_id}, {**row, "id": str(uuid.uuid4()), "cccd": "001099012346"}]
                )
            },
        )
        c.execute(
            text("SELECT counter_put_citizen_documents(CAST(:rows AS jsonb))"),
            {
                "rows": json.dumps(
                    [
                        {
                            "id": str(uuid.uuid4()),
                            "citizen_id": own_id,
                            "kind": "cccd",
                            "title": "Căn cước",
                            "number": number,
                            "issuer": "",
                            "file_hash": "",
                            "source": "counter",
                            "created_at": NOW.isoformat(),
                        }
                    ]
                )
            },
        )
    assert _scalar(engine_a, "SELECT count(*) FROM citizen WHERE cccd LIKE '00109901234%'") == 1
    assert _scalar(engine_a, "SELECT count(*) FROM citizen_document WHERE citizen_id = :i", i=own_id) == 1
    assert _scalar(engine_b, "SELECT count(*) FROM citizen WHERE id = :i", i=own_id) == 0
    assert _scalar(engine_b, "SELECT count(*) FROM citizen_document WHERE citizen_id = :i", i=own_id) == 0
    # nothing answers whether another unit's citizen exists
    with pytest.raises(ProgrammingError, match="does not exist"), engine_b.connect() as c:
        c.execute(text("SELECT counter_citizen_exists(:i)"), {"i": own_id})


def test_catalogue_is_shared_officers_are_not(central):
    engine_a = central["connect"]("a")
    store = central["store"]
    for table in security.CATALOGUE_TABLES[:4]:
        assert _scalar(engine_a, f"SELECT count(*) FROM {table}") == _scalar(
            store.engine, f"SELECT count(*) FROM {table}"
        )
    with store.session() as s:
        own = len(s.exec(select(Officer).where(Officer.unit_id == central["a"])).all())
    assert _scalar(engine_a, "SELECT count(*) FROM officer") == own
    assert _scalar(engine_a, "SELECT count(DISTINCT unit_id) FROM officer") == 1


def test_setup_is_idempotent_and_checked(central):
    store = central["store"]
    security.install(store.engine)  # again: nothing breaks, nothing doubles
    assert (
        _scalar(
            central["connect"]("a"),
            "SELECT count(*) FROM dossier WHERE code = :c",
            c=central["b_dossier"].code,
        )
        == 0
    )
    with pytest.raises(ServiceError, match="ít nhất 12"):
        security.create_counter_role(store.engine, central["a"], 2, "ngan")
    with pytest.raises(ServiceError, match="Số quầy"):
        security.create_counter_role(store.engine, central["a"], 10, PASSWORD)
    with pytest.raises(ServiceError, match="không có đơn vị"):
        security.create_counter_role(store.engine, "99999999", 1, PASSWORD, role_name="ct_nobody_1")
    roles = {r[0] for r in security.counter_roles(store.engine)}
    assert set(central["roles"].values()) <= roles
    assert security.role_name_for("21025", 3) == "counter_21025_3"


def test_sqlite_store_is_refused(sqlite_store):
    with pytest.raises(ServiceError, match="PostgreSQL"):
        security.install(sqlite_store.engine)
