"""Refused events are shown: the events the central store refused (``sync_rejection``, set aside by the sync)
reach the dossier's detail, the supervisor's list and ``sync --status``; handovers sent back reach the
sending unit's inbox. The rejection rows are written here as the sync writes them (``central.rejection``);
tests/sync/test_rejections_shown.py does it end to end against the real PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlmodel import select

from counter_app.db.models import Dossier, Outbox, SyncRejection
from counter_app.services import access, dashboard, handover, inbox, sync_state
from counter_app.services.ids import new_id
from counter_app.sync import central
from tests.hardening.conftest import officer_actor

RECORDED = datetime(2026, 11, 19, 14, 5)
REFUSED = datetime(2026, 11, 20, 8, 30)
REASON = "Đơn vị 21025 không giữ hồ sơ (đơn vị đang giữ: P51)."


def refuse(store, code: str, event_type: str = "withdrawn", *, officer: str = "Nguyễn Thị Lan") -> str:
    """Record, as the sync does when the central store refuses it, an event of ``code`` by this unit."""
    with store.session() as s:
        dossier = s.exec(select(Dossier).where(Dossier.code == code)).one()
        event = {
            "id": new_id(),
            "dossier_id": dossier.id,
            "dossier_code": code,
            "seq": dossier.event_count + 1,
            "type": event_type,
            "officer_id": None,
            "officer_name": officer,
            "unit_id": store.unit_id,
            "counter_id": f"{store.settings.one_stop_code}#1",
            "device_time": RECORDED,
            "payload": {"reason": "Công dân xin rút hồ sơ"},
            "prev_hash": dossier.last_event_hash,
            "hash": "0" * 64,
        }
        s.merge(central.rejection(event, REASON, REFUSED))
        s.add(Outbox(event_id=event["id"], created_at=RECORDED, rejected_at=REFUSED, last_error=REASON))
        dossier.needs_attention = f"{event_type}: {REASON}"
        s.add(dossier)
    return event["id"]


def held_elsewhere(store) -> str:
    """A dossier this unit received and handed to the province, which accepted it (custodian: P51)."""
    with store.session() as s:
        return s.exec(
            select(Dossier.code)
            .where(Dossier.received_unit_id == store.unit_id, Dossier.custodian_unit_id != store.unit_id)
            .order_by(Dossier.code)
        ).first()


def test_the_dossier_detail_lists_its_refused_events(seeded_store):
    store = seeded_store
    code = held_elsewhere(store)
    event_id = refuse(store, code)
    detail = access.dossier_detail(store, officer_actor(store), code, purpose="Xem hồ sơ")
    (refused,) = detail.rejected
    assert (refused.event_id, refused.dossier_code, refused.type) == (event_id, code, "withdrawn")
    assert (refused.officer_name, refused.recorded_at, refused.at, refused.reason) == (
        "Nguyễn Thị Lan",
        RECORDED,
        REFUSED,
        REASON,
    )
    assert detail.dossier.needs_attention.startswith("withdrawn:")
    assert detail.dossier.custodian_unit_id in detail.units  # the screen names who must record it
    # another dossier lists none
    other = access.dossier_detail(store, officer_actor(store), _another(store, code))
    assert other.rejected == ()


def _another(store, not_this: str) -> str:
    with store.session() as s:
        return s.exec(
            select(Dossier.code).where(Dossier.code != not_this, Dossier.custodian_unit_id == store.unit_id)
        ).first()


def test_supervisor_list_counts_refused_events_of_the_unit(seeded_store):
    store = seeded_store
    assert dashboard.refused_events(store) == dashboard.RefusedEvents(0, 0, ())
    code = held_elsewhere(store)
    refuse(store, code)
    refuse(store, code, "processing")
    second = _another(store, code)
    refuse(store, second, "result_ready")
    refused = dashboard.refused_events(store)
    assert (refused.count, refused.dossiers) == (3, 2)
    assert {r.dossier_code for r in refused.events} == {code, second}
    assert dashboard.refused_events(store, "21028").count == 0  # another unit's counters refused nothing


def test_sync_status_lists_refused_events(cli_env, cli_main, capsys):
    from counter_app.db.engine import make_engine
    from counter_app.services.context import Store
    from tests.conftest import make_settings

    settings = make_settings(cli_env)
    store = Store(settings, make_engine(settings.db_url))
    code = held_elsewhere(store)
    event_id = refuse(store, code)
    assert sync_state.status(store.engine).rejected == 1
    store.dispose()
    assert cli_main(["sync", "--status", "--json"]) == 0
    (status,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status["rejected"] == 1
    assert status["rejected_events"] == [
        {
            "event_id": event_id,
            "dossier_code": code,
            "type": "withdrawn",
            "at": status["rejected_events"][0]["at"],
            "reason": REASON,
        }
    ]
    assert datetime.fromisoformat(status["rejected_events"][0]["at"]).replace(tzinfo=None) == REFUSED
    assert cli_main(["sync", "--status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [lines[0], "rejected: 1"] and lines[0].startswith("pending: ")
    (hint,) = [line for line in lines if "bị kho trung tâm từ chối" in line]
    assert "1 sự kiện" in hint and "sync --status --json" in hint


def test_a_handover_sent_back_is_flagged_for_the_sender(seeded_store):
    store = seeded_store
    actor = officer_actor(store)
    province = officer_actor(store, "canbo.p51")
    with store.session() as s:
        code = s.exec(
            select(Dossier.code)
            .where(Dossier.custodian_unit_id == store.unit_id, Dossier.status == 4)
            .order_by(Dossier.code)
        ).first()
        assert s.exec(select(SyncRejection)).first() is None
    assert inbox.returned_handovers(store) == []
    handover.send(store, actor, code, province.unit_id, "Chuyển xử lý theo thẩm quyền", now=REFUSED)
    assert inbox.returned_handovers(store) == []  # offered: waiting at the province
    handover.answer(store, province, code, accept=False, reason="Thiếu bản sao giấy tờ", now=REFUSED)
    (item,) = inbox.returned_handovers(store)
    assert (item.kind, item.code, item.reason, item.arrived_at) == (
        "returned",
        code,
        "Thiếu bản sao giấy tờ",
        REFUSED,
    )
    assert "Trung tâm" in item.sender or item.sender != province.unit_id  # the unit's name, not its id
    # not in the list of what waits for an answer, nor for the province
    assert code not in {i.code for i in inbox.items(store)}
    assert inbox.returned_handovers(store, province.unit_id) == []
    # handed on again: no longer flagged
    later = REFUSED + timedelta(hours=1)
    handover.send(store, actor, code, province.unit_id, "Đã bổ sung bản sao", now=later)
    assert inbox.returned_handovers(store) == []
