"""Every view of a citizen's record at the counter is logged: who, when, why."""

from __future__ import annotations

from sqlmodel import select

from counter_app.db.models import AccessLog, Citizen
from counter_app.services.demo import demo_card_payloads

from .helpers import FIXED_NOW, SIZE, login, start_intake


async def test_scanning_a_card_at_intake_logs_the_view(app, store):
    payload = demo_card_payloads(store, limit=1)[0]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        await start_intake(pilot, payload)
    with store.session() as s:
        citizen = s.exec(select(Citizen).where(Citizen.cccd == payload.split("|")[0])).one()
        logs = s.exec(select(AccessLog).where(AccessLog.citizen_id == citizen.id)).all()
    assert logs and logs[-1].officer_name == "Nguyễn Thị Lan" and logs[-1].at == FIXED_NOW
    assert logs[-1].purpose == "Tiếp nhận hồ sơ tại quầy" and logs[-1].counter_id == store.settings.counter_id
