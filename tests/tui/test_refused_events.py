"""Refused events are shown in the TUI: on the dossier (what, when, who, why; a refused withdrawal names the
unit that must record it), on the supervisor's screen, and a handover sent back is flagged in the inbox of
the unit that sent it."""

from __future__ import annotations

from sqlmodel import select

from counter_app.db.models import Dossier, Unit
from counter_app.screens.dossier import DossierScreen
from counter_app.screens.handover_inbox import HandoverInboxScreen
from counter_app.services import handover
from counter_app.widgets.live_table import LiveTable
from tests.hardening.conftest import officer_actor
from tests.services.test_refused_events import REASON, held_elsewhere, refuse

from .helpers import FIXED_NOW, SIZE, counts, login, notices, screen_text, wait_for
from .test_supervisor_live import Host, officer


def _unit_name(store, unit_id: str) -> str:
    with store.session() as s:
        return s.get(Unit, unit_id).name


def _rows(screen, table: str) -> list[list[str]]:
    live = screen.query_one(f"#{table}", LiveTable)
    return [[str(cell) for cell in live.get_row(row.key)] for row in live.ordered_rows]


async def _open(pilot, app, code: str) -> DossierScreen:
    app.open_dossier(code)
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, DossierScreen) and app.screen.detail is not None,
        "dossier loaded",
    )
    return app.screen


async def test_a_refused_withdrawal_is_explained_with_the_custodian(app, store):
    code = held_elsewhere(store)
    with store.session() as s:
        custodian = s.exec(select(Dossier.custodian_unit_id).where(Dossier.code == code)).one()
    refuse(store, code)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _open(pilot, app, code)
        assert screen.query_one("#dossier-refused-box").display
        what, why = str(screen.query_one("#dossier-refused").render()).splitlines()
        assert what == "14:05 19/11/2026 · Rút hồ sơ · Nguyễn Thị Lan"  # when, what, who
        assert why == f"Bị từ chối lúc 08:30 20/11/2026. Lý do: {REASON}"  # when refused, why
        explain = str(screen.query_one("#refused-explain").render())
        unit = _unit_name(store, custodian)
        assert f"việc rút hồ sơ phải do {unit} ghi nhận" in explain
        text = screen_text(app)
        assert "Sự kiện bị kho trung tâm từ chối" in text and "Cần xem lại: Rút hồ sơ:" in text
        assert "withdrawn" not in text  # the event's type is said in Vietnamese
        # the withdrawal cannot be redone here: this unit does not hold the dossier
        assert not screen.check_action("withdraw", ())


async def test_a_refused_withdrawal_on_a_dossier_held_here_can_be_redone(app, store):
    with store.session() as s:
        code = s.exec(
            select(Dossier.code)
            .where(Dossier.custodian_unit_id == store.unit_id, Dossier.status == 4)
            .order_by(Dossier.code)
        ).first()
    refuse(store, code)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _open(pilot, app, code)
        explain = str(screen.query_one("#refused-explain").render())
        assert "phím U" in explain and _unit_name(store, store.unit_id) in explain
        assert screen.check_action("withdraw", ())


async def test_a_dossier_without_refused_events_shows_no_such_section(app, store):
    with store.session() as s:
        code = s.exec(select(Dossier.code).where(Dossier.custodian_unit_id == store.unit_id)).first()
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _open(pilot, app, code)
        assert not screen.query_one("#dossier-refused-box").display
        assert "Sự kiện bị kho trung tâm từ chối" not in screen_text(app)


async def test_the_supervisor_sees_dossiers_with_refused_events(store):
    first = held_elsewhere(store)
    refuse(store, first)
    refuse(store, first, "processing")
    host = Host(store, officer(store), refresh_every=0.1)
    async with host.run_test(size=SIZE) as pilot:
        screen = host.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 1 and screen.refused is not None, "first refresh")
        assert screen.query_one("#live-refused-box").display
        ((code, what, at, why),) = _rows(screen, "live-refused")
        assert (code, at, why) == (first, "20/11 08:30", REASON)
        assert what in ("Rút hồ sơ", "Chuyển xử lý")
        assert screen.query_one("#live-refused-box").border_subtitle == "2 sự kiện · 1 hồ sơ"
        screen.query_one("#live-refused", LiveTable).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: host.opened == [first], "the dossier opened")


async def test_supervisor_shows_no_refused_box_when_none(store):
    host = Host(store, officer(store), refresh_every=0.1)
    async with host.run_test(size=SIZE) as pilot:
        screen = host.screen_under_test
        await wait_for(pilot, lambda: screen.refreshes >= 1 and screen.refused is not None, "first refresh")
        assert not screen.query_one("#live-refused-box").display


async def test_a_handover_sent_back_is_flagged_in_the_senders_inbox(app, store):
    actor, province = officer_actor(store), officer_actor(store, "canbo.p51")
    with store.session() as s:
        code = s.exec(
            select(Dossier.code)
            .where(Dossier.custodian_unit_id == store.unit_id, Dossier.status == 4)
            .order_by(Dossier.code)
        ).first()
    handover.send(store, actor, code, province.unit_id, "Chuyển xử lý theo thẩm quyền", now=FIXED_NOW)
    handover.answer(store, province, code, accept=False, reason="Thiếu bản sao giấy tờ", now=FIXED_NOW)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await pilot.press("f6")
        await wait_for(pilot, lambda: isinstance(app.screen, HandoverInboxScreen), "inbox")
        screen = app.screen
        await wait_for(pilot, lambda: code in screen.returned, "returned handover listed")
        (row,) = [r for r in _rows(screen, "inbox") if r[0] == code]
        assert row[2] == f"Bị trả lại: {_unit_name(store, province.unit_id)}"
        assert row[3] == "Thiếu bản sao giấy tờ"
        assert "hồ sơ bàn giao bị trả lại" in str(screen.query_one("#inbox-box").border_subtitle)
        # it is not ours to accept: a warning, nothing written
        table = screen.query_one("#inbox", LiveTable)
        table.move_cursor(row=[r.key.value for r in table.ordered_rows].index(code))
        before = counts(store)
        await pilot.press("n")
        await wait_for(pilot, lambda: notices(app, "warning"), "a warning")
        assert code in notices(app, "warning")[-1] and counts(store) == before
        # the dossier says it too
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, DossierScreen) and app.screen.detail is not None,
            "dossier opened",
        )
        progress = str(app.screen.query_one("#progress").render())
        assert f"{_unit_name(store, province.unit_id)} đã trả lại hồ sơ bàn giao" in progress
        assert "Thiếu bản sao giấy tờ" in progress
