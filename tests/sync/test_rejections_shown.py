"""Refused events are shown, end to end through a real sync against the real PostgreSQL: counter A withdraws,
offline, a dossier unit B has already taken over; the central store refuses it; A's ``sync --status --json``
lists it, the dossier's detail (and screen) says what, when, who, why and that B must record the withdrawal.
A handover B sends back is flagged in A's inbox after the sync."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from counter_app.db.models import Dossier, DossierEvent, Unit
from counter_app.services import access, handover, inbox, intake, workflow
from tests.services.test_dossier_flow import request_for
from tests.sync.test_cli_sync import cli
from tests.sync.test_sync import NOW, actor, sync


def _unit_name(store, unit_id: str) -> str:
    with store.session() as s:
        return s.get(Unit, unit_id).name


def _withdrawal_refused(counter_a, counter_b) -> tuple[str, str]:
    """A dossier A received and handed to B, which took it; A, not yet told, records the citizen's
    withdrawal; A's next sync is refused. Returns (code, the refused event's id)."""
    a, b = actor(counter_a), actor(counter_b)
    code = intake.receive(counter_a, a, request_for(counter_a), now=NOW).code
    handover.send(counter_a, a, code, counter_b.unit_id, "Chuyển xử lý theo thẩm quyền", now=NOW)
    sync(counter_a)
    sync(counter_b)
    handover.answer(counter_b, b, code, accept=True, now=NOW)
    sync(counter_b)
    workflow.withdraw(counter_a, a, code, "Công dân đề nghị rút hồ sơ", now=NOW)
    report = sync(counter_a)
    ((event_id, _reason),) = report.rejected.items()
    return code, event_id


def test_a_refused_withdrawal_shows_in_sync_status_and_on_the_dossier(counter_a, counter_b, central):
    code, event_id = _withdrawal_refused(counter_a, counter_b)
    with Session(central) as cs:  # the centre kept B's history, not A's withdrawal
        assert cs.get(DossierEvent, event_id) is None
        assert cs.exec(select(Dossier.status).where(Dossier.code == code)).one() == 2

    status = cli(counter_a, "sync", "--status", "--json")
    assert status.returncode == 0, status.stderr
    (line,) = status.stdout.splitlines()
    record = json.loads(line)
    assert record["rejected"] == 1
    (refused,) = record["rejected_events"]
    assert (refused["event_id"], refused["dossier_code"], refused["type"]) == (event_id, code, "withdrawn")
    assert refused["reason"] and refused["at"]
    plain = cli(counter_a, "sync", "--status")
    assert "rejected: 1" in plain.stdout and "sync --status --json" in plain.stdout

    detail = access.dossier_detail(counter_a, actor(counter_a), code, purpose="Xem hồ sơ")
    (shown,) = detail.rejected
    assert (shown.event_id, shown.type, shown.reason) == (event_id, "withdrawn", refused["reason"])
    assert shown.officer_name == actor(counter_a).name and shown.recorded_at == NOW
    # A pulled B's acceptance after the refusal: the dossier names B as the unit that must record it
    assert detail.dossier.custodian_unit_id == counter_b.unit_id and detail.dossier.status == 2
    assert detail.dossier.needs_attention and detail.dossier.needs_attention.startswith("withdrawn")
    assert counter_b.unit_id in detail.units


async def test_the_dossier_screen_explains_a_refused_withdrawal(counter_a, counter_b, central):
    from counter_app.app import make_app
    from counter_app.screens.dossier import DossierScreen
    from tests.tui.helpers import SIZE, login, wait_for

    code, _ = _withdrawal_refused(counter_a, counter_b)
    app = make_app(counter_a, demo=True, clock=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        app.open_dossier(code)
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, DossierScreen) and app.screen.detail is not None,
            "dossier loaded",
        )
        screen = app.screen
        assert screen.query_one("#dossier-refused-box").display
        explain = str(screen.query_one("#refused-explain").render())
        assert f"việc rút hồ sơ phải do {_unit_name(counter_a, counter_b.unit_id)} ghi nhận" in explain
        assert not screen.check_action("withdraw", ())  # not A's to record any more


def test_a_handover_sent_back_reaches_the_senders_inbox(counter_a, counter_b, central):
    a, b = actor(counter_a), actor(counter_b)
    code = intake.receive(counter_a, a, request_for(counter_a), now=NOW).code
    handover.send(counter_a, a, code, counter_b.unit_id, "Chuyển xử lý theo thẩm quyền", now=NOW)
    sync(counter_a)
    sync(counter_b)
    assert inbox.returned_handovers(counter_a) == []
    handover.answer(counter_b, b, code, accept=False, reason="Không thuộc thẩm quyền của phường", now=NOW)
    assert not sync(counter_b).rejected
    assert inbox.returned_handovers(counter_a) == []  # A has not pulled yet
    sync(counter_a)
    (item,) = inbox.returned_handovers(counter_a)
    assert (item.code, item.reason) == (code, "Không thuộc thẩm quyền của phường")
    assert item.sender == _unit_name(counter_a, counter_b.unit_id)
    assert inbox.returned_handovers(counter_b) == []  # B sent it back; nothing is flagged there
