"""The citizen view log (who, when, why) and reads of dossiers scoped to the actor's unit."""

from __future__ import annotations

import io
import json
from dataclasses import FrozenInstanceError
from datetime import datetime

import pytest
from sqlmodel import col, select

from counter_app.db.models import AccessLog, Citizen, Dossier, Handover
from counter_app.services import access, handover, intake, views
from counter_app.services.context import Actor
from counter_app.services.errors import Forbidden, NotFound, ServiceError
from tests.hardening.conftest import officer_actor
from tests.services.test_dossier_flow import THU, request_for


def _citizen_with_documents(store) -> Citizen:
    from counter_app.db.models import CitizenDocument

    with store.session() as s:
        return s.exec(
            select(Citizen)
            .join(CitizenDocument, col(CitizenDocument.citizen_id) == Citizen.id)
            .order_by(Citizen.cccd)
        ).first()


def _logs(store) -> list[AccessLog]:
    with store.session() as s:
        return list(s.exec(select(AccessLog).order_by(AccessLog.at)).all())


def test_citizen_record_returns_documents_and_logs_who_when_why(seeded_store):
    store = seeded_store
    actor = officer_actor(store)
    citizen = _citizen_with_documents(store)
    record = access.citizen_record(store, actor, citizen.id, "  Tiếp nhận hồ sơ   khai sinh ")
    assert record.citizen.cccd == citizen.cccd and record.documents
    (log,) = _logs(store)
    assert (log.officer_id, log.officer_name, log.unit_id, log.counter_id) == (
        actor.officer_id,
        actor.name,
        actor.unit_id,
        actor.counter_id,
    )
    assert log.citizen_id == citizen.id and log.dossier_id is None
    assert log.purpose == "Tiếp nhận hồ sơ khai sinh" and log.at is not None
    # what the service hands out is frozen data, not rows of the store
    assert isinstance(record.citizen, views.CitizenView) and record.citizen.full_name == citizen.full_name
    assert all(isinstance(document, views.CitizenDocumentView) for document in record.documents)
    assert isinstance(record.log, views.AccessEntry) and record.log.id == log.id and record.log.at == log.at
    with pytest.raises(FrozenInstanceError):
        record.citizen.full_name = "Ai đó"
    # by CCCD number too, as a scanner types it
    access.citizen_record(store, actor, f"\ufeff{citizen.cccd}\r\n", "Trả kết quả")
    assert [entry.purpose for entry in _logs(store)] == ["Tiếp nhận hồ sơ khai sinh", "Trả kết quả"]


def test_no_purpose_no_read(seeded_store):
    store = seeded_store
    citizen = _citizen_with_documents(store)
    for purpose in ("", "   ", None):
        with pytest.raises(ServiceError) as caught:
            access.citizen_record(store, officer_actor(store), citizen.id, purpose)
        assert caught.value.key == "access.purpose_required" and "mục đích" in str(caught.value)
    with pytest.raises(ServiceError, match="tối đa 300 ký tự"):
        access.citizen_record(store, officer_actor(store), citizen.id, "x" * 301)
    with pytest.raises(NotFound, match="Không tìm thấy công dân"):
        access.citizen_record(store, officer_actor(store), "000000000000", "Tra cứu")
    assert _logs(store) == []


def test_read_and_log_share_one_transaction(seeded_store, monkeypatch):
    """If the log line cannot be written, the read fails too: no unlogged read."""
    store = seeded_store
    citizen = _citizen_with_documents(store)

    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(access, "record_view", broken)
    with pytest.raises(RuntimeError):
        access.citizen_record(store, officer_actor(store), citizen.id, "Tra cứu")
    monkeypatch.undo()
    assert _logs(store) == []


def test_log_view_and_views(seeded_store):
    store = seeded_store
    actor = officer_actor(store)
    citizen = _citizen_with_documents(store)
    with store.session() as s:
        dossier = s.exec(select(Dossier).where(Dossier.citizen_id == citizen.id)).first()
    access.log_view(store, actor, citizen.id, "Xem hồ sơ trên màn hình", dossier.id if dossier else None)
    with pytest.raises(Forbidden):
        access.views(store, actor)  # an officer may not read who looked at whom
    supervisor = officer_actor(store, "giamsat")
    (entry,) = access.views(store, supervisor, citizen_id=citizen.cccd)
    assert isinstance(entry, views.AccessEntry) and entry.purpose == "Xem hồ sơ trên màn hình"
    assert (entry.citizen_id, entry.dossier_id) == (citizen.id, dossier.id if dossier else None)
    with pytest.raises(FrozenInstanceError):
        entry.purpose = "khác"
    assert access.views(store, supervisor, citizen_id=_other_citizen(store, citizen).id) == []


def _other_citizen(store, not_this: Citizen) -> Citizen:
    with store.session() as s:
        return s.exec(select(Citizen).where(Citizen.id != not_this.id)).first()


def _foreign_dossier(store) -> Dossier:
    """A dossier received and held by another unit, returned there too."""
    with store.session() as s:
        return s.exec(
            select(Dossier).where(
                Dossier.received_unit_id != store.unit_id,
                Dossier.custodian_unit_id != store.unit_id,
                Dossier.return_unit_id != store.unit_id,
            )
        ).first()


def test_visible_dossier_refuses_other_units(seeded_store):
    store = seeded_store
    actor = officer_actor(store)
    own = intake.receive(store, actor, request_for(store), now=THU)
    assert access.visible_dossier(store, actor, own.code + "\r\n").id == own.id
    foreign = _foreign_dossier(store)
    assert foreign is not None
    # answered exactly like a code nobody issued: "forbidden" would tell that it exists
    with pytest.raises(NotFound) as caught:
        access.visible_dossier(store, actor, foreign.code)
    with pytest.raises(NotFound) as unknown:
        access.visible_dossier(store, actor, foreign.code[:-4] + "9999")
    assert caught.value.key == unknown.value.key == "lookup.dossier_not_found"
    assert str(caught.value) == str(unknown.value).replace(foreign.code[:-4] + "9999", foreign.code)
    # the unit holding it sees it, and its view of the applicant is logged when a purpose is given
    holder = Actor(None, "Cán bộ đơn vị giữ hồ sơ", "officer", foreign.custodian_unit_id, None)
    assert access.visible_dossier(store, holder, foreign.code, purpose="Xử lý hồ sơ").id == foreign.id
    (log,) = _logs(store)
    assert log.dossier_id == foreign.id and log.unit_id == foreign.custodian_unit_id


def test_inbox_return_point_and_custody_make_a_dossier_visible(seeded_store):
    store = seeded_store
    actor = officer_actor(store)
    other_unit = _foreign_dossier(store).received_unit_id
    stranger = Actor(None, "Cán bộ đơn vị khác", "officer", other_unit, None)
    dossier = intake.receive(store, actor, request_for(store), now=THU)
    with pytest.raises(NotFound):
        access.visible_dossier(store, stranger, dossier.code)
    handover.send(store, actor, dossier.code, other_unit, "Chuyển xử lý theo thẩm quyền", now=THU)
    assert access.visible_dossier(store, stranger, dossier.code).id == dossier.id  # waiting in its inbox
    handover.answer(store, stranger, dossier.code, accept=False, reason="Không thuộc thẩm quyền", now=THU)
    # sent back: it was handed to that unit, which keeps seeing what it answered (scope.HANDED_STATES)
    assert access.visible_dossier(store, stranger, dossier.code).id == dossier.id
    third = Actor(None, "Cán bộ đơn vị thứ ba", "officer", "P51", None)
    with pytest.raises(NotFound):  # a unit it was never handed to does not
        access.visible_dossier(store, third, dossier.code)
    with store.session() as s:
        assert s.exec(select(Handover).where(Handover.dossier_id == dossier.id)).one().state == "returned"


def test_unknown_code_is_not_found(seeded_store):
    with pytest.raises(NotFound):
        access.visible_dossier(seeded_store, officer_actor(seeded_store), "KHÔNG-CÓ-0001")


def test_cli_access_show_and_log(cli_env, cli_main, capsys, sqlite_template, monkeypatch):
    from counter_app.db.engine import make_engine
    from counter_app.services.context import Store
    from tests.conftest import make_settings

    store = Store(make_settings(cli_env), make_engine(make_settings(cli_env).db_url))
    citizen = _citizen_with_documents(store)
    store.dispose()
    with pytest.raises(SystemExit) as exited:  # --purpose is required (argparse)
        cli_main(["access", "show", citizen.cccd])
    assert exited.value.code == 2
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n" * 5))  # the officers' PINs, one per command
    purpose = "Công dân đề nghị xem thông tin"
    assert cli_main(["access", "show", citizen.cccd, "--purpose", purpose, "--officer", "canbo1"]) == 0
    out = capsys.readouterr().out
    assert citizen.full_name in out and "Giấy tờ số hóa" in out and "Đã ghi nhật ký truy cập" in out
    assert cli_main(["access", "show", citizen.cccd, "--purpose", " ", "--officer", "canbo1"]) == 2
    assert "mục đích" in capsys.readouterr().err
    assert cli_main(["access", "log", "--citizen", citizen.cccd, "--officer", "giamsat"]) == 0
    out = capsys.readouterr().out
    assert out.count("Công dân đề nghị xem thông tin") == 1
    assert cli_main(["access", "log", "--citizen", citizen.cccd, "--json", "--officer", "giamsat"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    entry = json.loads(line)
    assert set(entry) == {
        "id",
        "at",
        "officer_id",
        "officer_name",
        "unit_id",
        "counter_id",
        "citizen_id",
        "dossier_id",
        "purpose",
    }
    assert entry["purpose"] == "Công dân đề nghị xem thông tin" and entry["citizen_id"] == citizen.id
    assert entry["officer_name"] == "Nguyễn Thị Lan" and entry["officer_id"]  # the officer, proven by the PIN
    assert datetime.fromisoformat(entry["at"]).tzinfo is not None and "\\u" not in line
