"""The store on both engines: migrations, pragmas, and a round trip of every table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import inspect, text
from sqlmodel import func, select

from counter_app.db import models as m
from counter_app.db.migrate import current_revision, head_revision, quick_head, upgrade
from counter_app.domain.vntext import fold
from counter_app.services import lookup


def test_upgrade_creates_every_table_and_is_idempotent(store):
    names = set(inspect(store.engine).get_table_names())
    expected = {t.name for t in m.SQLModel.metadata.sorted_tables}
    assert expected <= names
    assert current_revision(store.engine) == head_revision() == quick_head()
    assert upgrade(store.engine) == head_revision()


def test_sqlite_connections_are_durable(sqlite_store):
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_every_table_round_trips(store):
    now = datetime(2026, 11, 20, 8, 37)
    with store.session() as s:
        # opening the store loaded the country's units from vietnam-provinces
        assert s.get(m.Unit, "21025").name == "Phường Cẩm Thành"
        assert s.get(m.Unit, "P51").kind == "province"
        assert s.exec(select(func.count()).select_from(m.Unit)).one() == 3321 + 34
        s.add(m.Counter(id="000.21025.H51#1", unit_id="21025", number=1, name="Quầy số 1"))
        s.add(
            m.Officer(
                id="o1",
                username="lan",
                full_name="Nguyễn Thị Lan",
                role="officer",
                unit_id="21025",
                pin_hash="scrypt$x",
            )
        )
        s.add(
            m.Procedure(
                code="1.001193",
                name="Thủ tục đăng ký khai sinh",
                name_folded="thu tuc dang ky khai sinh",
                field_code="HT",
                field_name="Hộ tịch",
                working_days=0,
            )
        )
        s.flush()
        s.add(m.ProcedureDocument(procedure_code="1.001193", position=1, name="Tờ khai", doc_kind=None))
        s.add(
            m.Citizen(
                id="c1",
                cccd="051190000001",
                full_name="Nguyễn Văn Ấn",
                name_folded="nguyen van an",
                birth_date=date(1990, 1, 2),
                gender="Nam",
                created_at=now,
                updated_at=now,
            )
        )
        s.flush()
        s.add(
            m.CitizenDocument(
                id="cd1", citizen_id="c1", kind="cccd", title="Căn cước", source="national", created_at=now
            )
        )
        s.add(
            m.Dossier(
                id="d1",
                code="000.21025.H51-261120-1001",
                procedure_code="1.001193",
                citizen_id="c1",
                applicant_name="Nguyễn Văn Ấn",
                status=2,
                received_unit_id="21025",
                custodian_unit_id="21025",
                return_unit_id="21025",
                received_at=now,
                due_at=now,
                updated_at=now,
            )
        )
        s.flush()
        s.add(
            m.DossierDocument(
                dossier_id="d1", position=1, name="Tờ khai", reused=True, citizen_document_id="cd1"
            )
        )
        s.add(
            m.DossierEvent(
                id="e1",
                dossier_id="d1",
                dossier_code="000.21025.H51-261120-1001",
                seq=1,
                type="received",
                unit_id="21025",
                device_time=now,
                payload={"set": {"status": 2}, "ghi_chú": "Đã nhận đủ"},
                hash="h" * 64,
            )
        )
        s.add(
            m.Handover(
                id="h1",
                dossier_id="d1",
                from_unit_id="21025",
                to_unit_id="P51",
                documents=["Tờ khai"],
                sent_at=now,
            )
        )
        s.add(m.QueueService(code="A", name="Hộ tịch"))
        s.flush()
        s.add(
            m.QueueTicket(id="t1", unit_id="21025", day=now.date(), number="A001", service="A", issued_at=now)
        )
        s.add(m.CodeSequence(counter_id="000.21025.H51#1", scope="dossier:261120", last=1))
        s.add(m.Outbox(event_id="e1", created_at=now))
        s.add(m.SyncState(key="last_push", value=now.isoformat()))
    with store.session() as s:
        d = s.get(m.Dossier, "d1")
        assert d.received_at == now and d.applicant_name == "Nguyễn Văn Ấn"
        assert s.get(m.DossierEvent, "e1").payload == {"set": {"status": 2}, "ghi_chú": "Đã nhận đủ"}
        assert s.get(m.Handover, "h1").documents == ["Tờ khai"]
        assert s.exec(select(m.DossierDocument)).one().reused is True
        assert s.get(m.QueueTicket, "t1").day == now.date()
        assert s.get(m.Citizen, "c1").birth_date == date(1990, 1, 2)
        assert s.exec(select(m.Outbox)).one().sent_at is None
        assert s.get(m.Officer, "o1").failed_attempts == 0


def test_name_prefix_search_is_accent_insensitive_and_exact_on_spaces(store):
    now = datetime(2026, 11, 20, 8, 0)
    names = [
        "Nguyễn Văn An",
        "Nguyễn Văn Ánh",
        "Nguyễn Vân",
        "Nguyên Vanh",
        "Đặng Thị Đào",
        "Nguyễn Văn Bình",
    ]
    with store.session() as s:
        for i, name in enumerate(names):
            s.add(
                m.Citizen(
                    id=f"c{i}",
                    cccd=f"05119000000{i}",
                    full_name=name,
                    name_folded=fold(name),
                    created_at=now,
                    updated_at=now,
                )
            )
    with store.session() as s:
        found = [c.full_name for c in lookup.search_citizens(s, "nguyen van a")]
        assert found == ["Nguyễn Văn An", "Nguyễn Văn Ánh"]
        # accents ignored both ways: "Nguyễn Vân" and "Nguyên Vanh" also start with "nguyen van"
        assert [c.full_name for c in lookup.search_citizens(s, "NGUYỄN VĂN")] == [
            "Nguyễn Vân",
            "Nguyễn Văn An",
            "Nguyễn Văn Ánh",
            "Nguyễn Văn Bình",
            "Nguyên Vanh",
        ]
        assert [c.full_name for c in lookup.search_citizens(s, "nguyen van ")] == [
            "Nguyễn Văn An",
            "Nguyễn Văn Ánh",
            "Nguyễn Văn Bình",
        ]
        assert [c.full_name for c in lookup.search_citizens(s, "dang thi dao")] == ["Đặng Thị Đào"]
        assert [c.cccd for c in lookup.search_citizens(s, "05119000000")] == [
            f"05119000000{i}" for i in range(6)
        ]
        assert lookup.search_citizens(s, "   ") == []


def test_the_migrations_build_exactly_the_models_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), m.SQLModel.metadata)
    assert differences == []
