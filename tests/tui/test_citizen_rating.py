"""The officer's screen says what the counter's tablet answered (issue 16): the citizen's rating when it
arrives, «không đánh giá» when the wait is over; the officer has no way to enter or change a rating."""

from __future__ import annotations

from datetime import timedelta

from counter_app.domain.states import Status
from counter_app.services import rating, workflow

from .helpers import FIXED_NOW, SIZE, find_code, login, notices, wait_for


def _returned(store, actor) -> str:
    code = find_code(store, status=Status.RESULT_READY)
    workflow.return_result(
        store, actor, code, receiver_name="", id_checked=True, now=FIXED_NOW - timedelta(minutes=10)
    )
    return code


async def test_the_tablets_answer_is_told_to_the_officer(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        code = _returned(store, app.officer)
        asked = rating.open_request(store, app.officer, code, now=FIXED_NOW - timedelta(minutes=1))
        rating.record(
            store,
            "tablet-1",
            app.officer.counter_id,
            asked.request_id,
            2,
            now=FIXED_NOW + timedelta(seconds=30),
        )
        said = f"Công dân đã đánh giá hồ sơ {code}: Hài lòng."
        await wait_for(pilot, lambda: said in notices(app), "the rating told", timeout=15)
        await pilot.pause(3.5)  # another look: told once
        assert notices(app).count(said) == 1


async def test_a_request_left_unanswered_is_closed_by_the_counter_and_told(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        code = _returned(store, app.officer)
        rating.open_request(
            store, app.officer, code, now=FIXED_NOW - timedelta(minutes=9)
        )  # its wait is over
        said = f"Hồ sơ {code}: công dân không đánh giá (hết thời gian chờ)."
        await wait_for(pilot, lambda: said in notices(app, "warning"), "not rated told", timeout=15)
    with store.session() as s:
        from sqlmodel import select

        from counter_app.db.models import Dossier

        assert s.exec(select(Dossier.satisfaction_by).where(Dossier.code == code)).one() == "not_rated"
