"""A central store from nothing: ``central init``, a counter meeting a store nobody set up, the counters'
published keys and unit identifiers, the catalogue pulled by watermark — on a real PostgreSQL."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from counter_app import cli
from counter_app.commands.context import CommandContext
from counter_app.db.engine import make_engine
from counter_app.db.migrate import head_revision, prepare, upgrade
from counter_app.db.models import (
    CounterKey,
    Dossier,
    Procedure,
    ProcedureDocument,
    Unit,
    UnitProcedure,
)
from counter_app.db.units import load_catalogue
from counter_app.domain.vntext import fold
from counter_app.locale import t
from counter_app.printing.payload import sign_receipt
from counter_app.printing.receipt import claims_of
from counter_app.services import dashboard, handover, intake, lookup, printing_service, store_info
from counter_app.services.sync_state import read_state
from counter_app.sync import security
from counter_app.sync.central_setup import init_central
from tests.conftest import temporary_database
from tests.services.test_dossier_flow import request_for
from tests.sync.test_cli_sync import cli as run_cli
from tests.sync.test_sync import NOW, actor, sync

HEAD = head_revision()
PASSWORD = "mat-khau-rat-dai-123"


def snapshot(url: str):
    """Everything ``central init`` sets up, as the database describes it."""
    engine = make_engine(url)
    with engine.connect() as c:
        state = (
            security.fingerprint(c),
            c.execute(text("SELECT version_num FROM alembic_version")).all(),
            c.execute(
                text("SELECT count(*), md5(string_agg(id || one_stop_code, ',' ORDER BY id)) FROM unit")
            ).all(),
            c.execute(text("SELECT key, value FROM store_info ORDER BY key")).all(),
        )
    engine.dispose()
    return state


def init_lines(capsys, url: str) -> list[str]:
    assert cli.main(["central", "init", "--url", url]) == 0
    return capsys.readouterr().out.splitlines()


# --- central init ------------------------------------------------------------------------------------


def test_central_init_twice_on_a_fresh_database_the_second_run_changes_nothing(pg_database, capsys):
    place = f"127.0.0.1/{make_url(pg_database).database}"
    first = init_lines(capsys, pg_database)
    loaded = re.fullmatch(r"Đơn vị hành chính: đã nạp ([\d.]+) đơn vị\.", first[1])
    assert loaded and int(loaded.group(1).replace(".", "")) > 3000
    assert first[:1] + first[2:] == [
        f"Lược đồ: đã tạo, phiên bản {HEAD}.",
        "Phân quyền theo đơn vị (row-level security): đã cài đặt.",
        "Đã ghi nhận đây là kho trung tâm.",
        f"Kho trung tâm tại {place} đã sẵn sàng.",
    ]
    before = snapshot(pg_database)
    second = init_lines(capsys, pg_database)
    assert second[:3] == [
        f"Lược đồ: đã ở phiên bản {HEAD}, không thay đổi.",
        "Đơn vị hành chính: đã đủ, nạp 0 đơn vị.",
        "Phân quyền theo đơn vị (row-level security): đã cài đặt từ trước, không thay đổi.",
    ]
    assert second[3].startswith("Đã được ghi nhận là kho trung tâm từ ") and "không thay đổi" in second[3]
    assert second[4] == f"Không có gì thay đổi: kho trung tâm tại {place} đã được thiết lập."
    assert snapshot(pg_database) == before
    engine = make_engine(pg_database)
    with Session(engine) as s:
        assert store_info.read(s).kind == "central"
    engine.dispose()


def test_central_init_after_an_upgrade_migrates_and_extends_the_security(pg_database, capsys):
    engine = make_engine(pg_database)
    upgrade(engine, "0004")  # a central store of the previous release
    with Session(engine) as s:
        load_catalogue(s)
        s.commit()
    assert cli.main(["central", "secure", "--url", pg_database]) == 2  # the security step alone: init first
    err = capsys.readouterr().err
    assert f"phiên bản 0004, phần mềm cần {HEAD}; hãy chạy `counter-app central init`." in err
    report = init_central(engine, now=NOW)
    assert (report.revision_before, report.revision, report.units_added) == ("0004", HEAD, 0)
    assert report.security_changed and report.recorded and report.changed
    again = init_central(engine, now=NOW + timedelta(days=1))
    assert not again.changed and again.set_up_at == report.set_up_at
    with engine.connect() as c:
        policies = {(r[0], r[1]) for r in c.execute(text("SELECT tablename, policyname FROM pg_policies"))}
    assert {("counter_key", "counter_insert"), ("unit", "counter_update")} <= policies
    engine.dispose()
    assert cli.main(["central", "secure", "--url", pg_database]) == 0


def test_central_init_refuses_a_counters_own_store(pg_database, capsys):
    engine = make_engine(pg_database)
    prepare(engine)
    with Session(engine) as s:
        store_info.write(s, kind="unit", now=NOW, unit_id="21025", identifier="H48.25.01.99")
        s.commit()
    assert cli.main(["central", "init", "--url", pg_database]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("counter-app: Kho tại 127.0.0.1/")
        and "kho của quầy" in err
        and len(err.splitlines()) == 1
    )
    with Session(engine) as s:
        assert store_info.read(s).kind == "unit"
    engine.dispose()


@pytest.fixture
def roles(central):
    """Two counter roles on the central store ``central init`` set up: units 21025 and 70."""
    suffix = uuid.uuid4().hex[:8]
    made = {
        unit: security.create_counter_role(central, unit, 1, PASSWORD, role_name=f"ct_{suffix}_{unit}")
        for unit in ("21025", "70")
    }
    engines = {
        unit: make_engine(central.url.set(username=role, password=PASSWORD).render_as_string(False))
        for unit, role in made.items()
    }
    yield engines
    for engine in engines.values():
        engine.dispose()
    for role in made.values():
        security.drop_counter_role(central, role)


def _key_row(unit: str, counter: str) -> dict:
    import base64

    from counter_app.printing.signing import CounterSigner, raw_public_bytes

    signer = CounterSigner.generate(counter)
    raw = base64.b64encode(raw_public_bytes(signer.public_key)).decode()
    return {"k": signer.key_id, "c": counter, "u": unit, "p": raw, "at": NOW}


INSERT_KEY = text(
    "INSERT INTO counter_key (key_id, counter_id, unit_id, public_key, published_at) VALUES (:k, :c, :u, :p, :at)"
)


def test_security_covers_the_tables_of_migration_0005(central, roles):
    a, b = roles["21025"], roles["70"]
    with central.begin() as c:
        c.execute(INSERT_KEY, _key_row("70", "000.00070.H01#1"))
    with a.connect() as c:  # the catalogue, with its new columns, and what a counter reads to sync
        c.execute(text("SELECT code, active, retired_at, updated_at FROM procedure")).all()
        c.execute(text("SELECT * FROM unit_procedure")).all()
        assert c.execute(text("SELECT value FROM store_info WHERE key = 'kind'")).scalar() == "central"
        assert c.execute(text("SELECT count(*) FROM counter_key WHERE unit_id = '70'")).scalar() == 1
        assert c.execute(text("SELECT count(*) FROM unit")).scalar() > 3000
    with a.begin() as c:  # its own key
        c.execute(INSERT_KEY, _key_row("21025", "000.21025.H51#1"))
    with pytest.raises(DBAPIError, match="row-level security"), a.begin() as c:  # another unit's
        c.execute(INSERT_KEY, _key_row("70", "000.00070.H01#2"))
    squatting = {**_key_row("21025", "000.21025.H51#2"), "k": "0123456789ab"}
    with pytest.raises(DBAPIError, match="row-level security"), a.begin() as c:  # an id not its key's
        c.execute(INSERT_KEY, squatting)
    with a.begin() as c:  # its own unit's identifier, and nothing else
        assert (
            c.execute(text("UPDATE unit SET one_stop_code = 'H48.25.01.99' WHERE id = '21025'")).rowcount == 1
        )
        assert c.execute(text("UPDATE unit SET one_stop_code = 'H01.70.99' WHERE id = '70'")).rowcount == 0
    with pytest.raises(DBAPIError, match="permission denied"), a.begin() as c:
        c.execute(text("UPDATE unit SET name = 'X' WHERE id = '21025'"))
    with pytest.raises(DBAPIError, match="row-level security"), a.begin() as c:
        c.execute(text("UPDATE unit SET one_stop_code = 'không phải mã' WHERE id = '21025'"))
    for statement in (
        "INSERT INTO unit_procedure (unit_id, procedure_code, enabled, updated_at) "
        "VALUES ('21025', 'x', true, localtimestamp)",
        "UPDATE procedure SET active = false",
        "DELETE FROM counter_key",
        "UPDATE store_info SET value = 'unit'",
    ):
        with pytest.raises(DBAPIError, match="permission denied"), b.begin() as c:
            c.execute(text(statement))
    with Session(central) as s:
        assert s.get(Unit, "70").one_stop_code == "?70"  # not set up: no identifier (none is derived)
        assert s.get(Unit, "21025").one_stop_code == "H48.25.01.99"


# --- a central store nobody set up -------------------------------------------------------------------


def test_a_counter_syncing_with_a_store_nobody_set_up_gets_one_line(counter_a):
    with temporary_database() as (name, url):
        central = make_url(url).set(password="bi-mat-khong-lo").render_as_string(hide_password=False)
        line = f"Kho trung tâm tại 127.0.0.1/{name} chưa được thiết lập; hãy chạy `counter-app central init`."
        assert line == t("central.not_set_up", place=f"127.0.0.1/{name}")
        result = run_cli(counter_a, "sync", "--once", central=central)
        assert result.returncode == 3
        assert result.stderr == f"counter-app: {line}\n"
        status = json.loads(run_cli(counter_a, "sync", "--status", "--json", central=central).stdout)
        assert status["last_error"] == line and status["last_sync"] is None
        state = dashboard.store_state(counter_a, NOW)  # what the status bar shows
        assert state.problem == line and not state.online
        assert "bi-mat" not in result.stderr + json.dumps(status) + state.problem

        engine = make_engine(url)
        prepare(engine)  # migrated like a counter's store, but never set up as the central one
        result = run_cli(counter_a, "sync", "--once", central=url)
        assert (result.returncode, result.stderr) == (3, f"counter-app: {line}\n")
        init_central(engine, now=NOW)
        engine.dispose()
        result = run_cli(counter_a, "sync", "--once", central=url)
        assert result.returncode == 0, result.stderr
        assert dashboard.store_state(counter_a, NOW).problem == ""


def test_an_unreachable_centre_is_not_an_officer_problem(counter_a):
    with pytest.raises(Exception):  # noqa: B017 - the connection's own error
        sync(counter_a, central_engine=make_engine("postgresql://postgres@127.0.0.1:9/none"))
    with counter_a.session() as s:
        assert read_state(s, "last_error") and read_state(s, "last_problem") == ""


# --- keys and unit identifiers published through the central store ---------------------------------


def verify_at(store, payload: str) -> int:
    args = cli.build_parser().parse_args(["verify", payload])
    return cli.run(args, CommandContext(load_settings=lambda: store.settings))


def signed_receipt(store) -> tuple[str, str]:
    """(dossier code, QR payload) of a receipt ``store``'s counter signs."""
    code = intake.receive(store, actor(store), request_for(store), now=NOW).code
    signer = printing_service.signer(store)
    with store.session() as s:
        return code, sign_receipt(claims_of(printing_service.receipt_data(s, code)), signer)


def keys_sync(store, **kw):
    return sync(store, keys_dir=store.settings.keys_dir, **kw)


def test_a_receipt_signed_at_a_verifies_at_b_after_one_sync_each(counter_a, counter_b, central, capsys):
    code, payload = signed_receipt(counter_a)
    assert verify_at(counter_b, payload) == 2  # B has never seen A's key
    assert "khóa" in capsys.readouterr().err
    assert keys_sync(counter_a).published_keys == 1
    assert keys_sync(counter_b).pulled_keys == 1
    assert verify_at(counter_b, payload) == 0
    out = capsys.readouterr().out
    assert code in out and counter_a.settings.counter_id in out
    assert not list(counter_b.settings.keys_dir.rglob("*.pub"))  # no key file was exchanged
    assert keys_sync(counter_a).published_keys == 0  # published once
    assert keys_sync(counter_b).pulled_keys == 0
    with Session(central) as s:
        (row,) = s.exec(select(CounterKey)).all()
        assert (row.unit_id, row.counter_id) == (counter_a.unit_id, counter_a.settings.counter_id)


def test_keys_and_identifiers_go_through_each_counters_own_role(
    counter_a, counter_b, central, locked_down, capsys
):
    with counter_a.session() as s:
        store_info.write(s, kind="unit", now=NOW, unit_id=counter_a.unit_id, identifier="h48.25.01.99")
    with counter_b.session() as s:  # an identifier another unit holds already: left out
        store_info.write(s, kind="unit", now=NOW, unit_id=counter_b.unit_id, identifier="H48.25.01.99")
    with Session(central) as s:
        b_code = s.get(Unit, counter_b.unit_id).one_stop_code
    code, payload = signed_receipt(counter_a)
    assert not keys_sync(counter_a).rejected
    assert not keys_sync(counter_b).rejected
    assert verify_at(counter_b, payload) == 0 and code in capsys.readouterr().out
    with Session(central) as s:
        assert s.get(Unit, counter_a.unit_id).one_stop_code == "H48.25.01.99"
        assert s.get(Unit, counter_b.unit_id).one_stop_code == b_code


# --- the catalogue, pulled by watermark --------------------------------------------------------------

CODE = "2.002999"


def procedure(name: str, at: datetime, **kw) -> Procedure:
    return Procedure(
        code=CODE,
        name=name,
        name_folded=fold(name),
        field_code="TNTG",
        field_name="Tín ngưỡng, tôn giáo",
        working_days=5,
        updated_at=at,
        **kw,
    )


def local_documents(store) -> list[str]:
    with store.session() as s:
        return [d.name for d in lookup.procedure_documents(s, CODE)]


def offered(store, text_: str) -> list[str]:
    with store.session() as s:
        return [p.code for p in lookup.search_procedures(s, text_)]


def test_catalogue_changes_reach_a_counter_in_one_round(counter_a, counter_b, central):
    sync(counter_a)  # the first pull takes what there is
    t1 = NOW + timedelta(hours=1)
    with Session(central) as s:
        s.add(procedure("Đăng ký hoạt động tín ngưỡng", t1))
        s.flush()
        s.add(ProcedureDocument(procedure_code=CODE, position=1, name="Văn bản đăng ký"))
        s.add(UnitProcedure(unit_id=counter_a.unit_id, procedure_code=CODE, updated_at=t1))
        s.add(UnitProcedure(unit_id=counter_b.unit_id, procedure_code=CODE, enabled=False, updated_at=t1))
        s.commit()
    report = sync(counter_a)
    assert (report.pulled_procedures, report.pulled_unit_procedures) == (1, 1)
    assert CODE in offered(counter_a, "tin nguong") and local_documents(counter_a) == ["Văn bản đăng ký"]
    with counter_a.session() as s:
        assert [u.unit_id for u in s.exec(select(UnitProcedure))] == [counter_a.unit_id]  # its unit's only
        assert read_state(s, "pull_mark.procedure") == t1.isoformat()
    assert sync(counter_a).pulled_procedures == 0  # nothing changed: nothing pulled

    t2 = t1 + timedelta(hours=1)
    with Session(central) as s:  # renamed, its documents replaced
        row = s.get(Procedure, CODE)
        row.name, row.name_folded, row.updated_at = (
            "Đăng ký sinh hoạt tín ngưỡng",
            fold("Đăng ký sinh hoạt tín ngưỡng"),
            t2,
        )
        s.add(row)
        for doc in s.exec(select(ProcedureDocument).where(ProcedureDocument.procedure_code == CODE)):
            s.delete(doc)
        s.add(ProcedureDocument(procedure_code=CODE, position=1, name="Văn bản đề nghị"))
        s.add(ProcedureDocument(procedure_code=CODE, position=2, name="Danh sách người tham gia"))
        s.commit()
    assert sync(counter_a).pulled_procedures == 1
    assert local_documents(counter_a) == ["Văn bản đề nghị", "Danh sách người tham gia"]
    with counter_a.session() as s:
        assert lookup.procedure(s, CODE).name == "Đăng ký sinh hoạt tín ngưỡng"

    t3 = t2 + timedelta(days=30)
    with Session(central) as s:  # retired
        row = s.get(Procedure, CODE)
        row.active, row.retired_at, row.updated_at = False, t3, t3
        s.add(row)
        s.commit()
    assert sync(counter_a).pulled_procedures == 1
    assert CODE not in offered(counter_a, "tin nguong") and CODE not in offered(counter_a, CODE)
    with counter_a.session() as s:
        assert lookup.procedure(s, CODE).retired_at == t3  # old dossiers keep it


def test_a_change_committed_late_with_an_earlier_time_is_not_missed(counter_a, central):
    """A long import stamps its rows when it starts and commits later: a pull between the two must not move
    the watermark past them for good."""
    late = NOW + timedelta(hours=2)
    with Session(central) as s:
        s.add(procedure("Thủ tục nhập sau", late))
        s.add(
            Procedure(
                **{**procedure("Thủ tục khác", late + timedelta(minutes=5)).model_dump(), "code": "2.002998"}
            )
        )
        s.commit()
    sync(counter_a)
    with Session(central) as s:  # committed after that pull, stamped 3 minutes before its watermark
        s.add(
            Procedure(
                **{**procedure("Thủ tục chậm", late + timedelta(minutes=2)).model_dump(), "code": "2.002997"}
            )
        )
        s.commit()
    assert sync(counter_a).pulled_procedures == 1
    assert "2.002997" in offered(counter_a, "thu tuc cham")


def test_a_dossier_handed_over_with_a_procedure_no_watermark_brings_is_pulled_whole(
    counter_a, counter_b, central
):
    sync(counter_a)  # watermarks set
    with counter_b.session() as s:  # a procedure of B's own catalogue, without updated_at
        s.add(procedure("Thủ tục riêng của đơn vị B", None))
        s.flush()
        s.add(ProcedureDocument(procedure_code=CODE, position=1, name="Tờ khai"))
    b = actor(counter_b)
    d = intake.receive(counter_b, b, request_for(counter_b, CODE), now=NOW)
    handover.send(counter_b, b, d.code, counter_a.unit_id, "Chuyển theo thẩm quyền", now=NOW)
    assert not sync(counter_b).rejected  # the central store learns the procedure from B's push
    report = sync(counter_a)
    assert report.pulled_dossiers >= 1 and report.pulled_procedures == 0
    with counter_a.session() as s:
        assert s.exec(select(Dossier).where(Dossier.code == d.code)).one().procedure_code == CODE
        assert [doc.name for doc in lookup.procedure_documents(s, CODE)] == ["Tờ khai"]


def test_every_central_text_is_used():
    from pathlib import Path

    import counter_app
    from counter_app.locale.vi.central import MESSAGES

    package = Path(counter_app.__file__).parent
    code = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py") if p.parent.name != "vi")
    assert sorted(key for key in MESSAGES if f'"{key}"' not in code) == []
