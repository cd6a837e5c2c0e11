"""The indicators on the hand-computed November of ``conftest.py``, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from counter_app.domain.states import Status
from counter_app.services.board import board_state
from counter_app.services.errors import ServiceError
from counter_app.services.indicators import sql
from counter_app.services.indicators.figures import (
    RUNNING,
    Finished,
    Points,
    Rate,
    dossier_satisfaction_rate,
    late_by_supplements,
    progress_points,
    reuse_points,
    satisfaction_points,
)
from counter_app.services.indicators.lists import (
    close_to_due,
    due_today,
    handovers_pending,
    online_pending,
    overdue,
)
from counter_app.services.indicators.period_figures import indicators, period_figures
from counter_app.services.indicators.periods import Period
from counter_app.services.indicators.weekly import weekly_series
from counter_app.services.indicators.workload import Workload, close_to_due_horizon, workload
from counter_app.services.queue import queue_state
from counter_app.services.reports import ledger_rows
from counter_app.services.scope import ALL_UNITS

from .conftest import LAND, MARITAL, NOVEMBER, NOW, at

NOV = Period.between(*NOVEMBER)


def test_due_dates_are_the_ones_the_scenario_assumes(scenario):
    """The numbers below rest on these due dates (3 working days, no holiday before 24/11)."""
    cal = scenario.store.calendar
    assert cal.due_at(at(2, 8), 3) == at(5, 8)
    assert cal.due_at(at(3, 8), 3) == at(6, 8)
    assert cal.due_at(at(4, 8), 3) == at(9, 8)
    assert cal.due_at(at(18, 8), 3) == at(23, 8)
    assert close_to_due_horizon(scenario.store, NOW) == at(23, 10)


def test_month_figures(scenario):
    i = indicators(scenario.store, NOW, NOV, scenario.unit)
    # received cohort: A B C D E J (E counts from its second reception, 18/11); F refused; G not taken in
    assert (i.received, i.refused, i.received_online, i.received_post) == (6, 1, 0, 0)
    assert i.supplement_requested == 1
    # files (conftest): A reused and digitised with its e-result, B reused, C only ticked, D and J digitised
    assert i.reused == 2 and i.reuse.share == pytest.approx(2 / 6) and i.reused_components == 2
    assert i.digitised == 3 and i.digitisation == Rate(3, 6, 0.80)
    assert i.e_results == 1 and i.e_result == Rate(1, 3)
    # finished in November: A on time (exactly at due), B I J early, C late; J is a land procedure
    assert i.finished_general == Finished(early=2, on_time=1, late=1)
    assert i.finished_land == Finished(early=1, on_time=0, late=0)
    assert i.on_time == Rate(4, 5, 0.98) and i.on_time.meets_target is False
    assert i.on_time_general.share == pytest.approx(3 / 4)
    assert i.on_time_land == Rate(1, 1, 0.96) and i.on_time_land.meets_target is True
    # returned and rated in November: A (1), B (2), C (3)
    assert (i.returned, i.very_satisfied, i.satisfied, i.not_satisfied) == (3, 1, 1, 1)
    assert i.satisfaction.share == pytest.approx(2 / 3)
    # at NOW: D overdue, E on time and close to due (23/11 08:00), G online, I and J results waiting
    assert (i.in_progress_on_time, i.in_progress_late, i.close_to_due, i.due_today) == (1, 1, 1, 0)
    assert (i.waiting_supplement, i.online_waiting, i.result_waiting) == (0, 1, 2)
    assert i.online.share == 0
    # Decision 766 (services/indicators/decision766.py): on-time 20 points; satisfaction in receiving and
    # handling (formula 5.4) 6 of the group's 18: 100 % - (late 1/5 + not satisfied 1/3 of the returned),
    # full marks at 90 %; reuse of digitised data 2 of the group's 22, full marks at 80 %
    p = i.points
    assert p.progress == pytest.approx(20 * 4 / 5)
    assert i.dossier_satisfaction == pytest.approx(1 - (1 / 5 + 1 / 3))
    assert p.satisfaction == pytest.approx(6 * (7 / 15) / 0.9)
    assert p.reuse == pytest.approx(2 * (2 / 6) / 0.8)
    assert p.digitisation == pytest.approx(4 * (3 / 6) / 0.8)
    assert p.total == pytest.approx(16 + 28 / 9 + 2.5 + 5 / 6) and p.maximum == 32


def test_other_periods_and_units(scenario):
    store = scenario.store
    october = indicators(store, NOW, Period.between(date(2026, 10, 1), date(2026, 10, 31)), scenario.unit)
    assert (october.received, october.finished.total, october.returned) == (
        1,
        0,
        0,
    )  # I: received, not finished
    today = indicators(store, NOW, "today", scenario.unit)
    assert (today.received, today.finished.total, today.returned) == (0, 0, 0)
    assert today.in_progress_late == 1 and today.points == Points(None, None, None)
    week = indicators(store, NOW, Period.between(date(2026, 11, 2), date(2026, 11, 6)), scenario.unit)
    assert week.finished == Finished(early=3, on_time=1, late=1) and week.returned == 2
    # the other unit received nothing, holds nothing; every unit together includes ours and the demo's
    other = indicators(store, NOW, NOV, scenario.other_unit)
    assert (other.received, other.in_progress, other.finished.total) == (0, 0, 0)
    everyone = indicators(store, NOW, NOV, ALL_UNITS)
    home = indicators(store, NOW, NOV)
    assert everyone.received >= home.received + 6 and everyone.finished.total >= home.finished.total + 5


def test_by_procedure_and_by_officer(scenario):
    figures = period_figures(scenario.store, NOW, NOV, scenario.unit)
    rows = {p.code: p for p in figures.procedures}
    assert set(rows) == {MARITAL, LAND}
    marital, land = rows[MARITAL], rows[LAND]
    assert (marital.received, marital.refused, marital.reused, marital.returned) == (5, 1, 2, 3)
    assert (marital.digitised, marital.reused_components, marital.e_results) == (2, 2, 1)
    assert (land.digitised, land.reused, land.e_results) == (1, 0, 0)
    assert marital.finished == Finished(early=2, on_time=1, late=1) and not marital.land
    assert (marital.in_progress, marital.in_progress_late) == (2, 1)
    assert land.land and land.received == 1 and land.finished == Finished(1, 0, 0)
    assert land.on_time.target == 0.96 and marital.on_time.target == 0.98
    (officer,) = figures.officers
    assert officer.name == "Hoàng Thị Mai"
    assert (officer.received, officer.refused, officer.returned, officer.tickets_served) == (6, 1, 3, 1)
    assert officer.average_service == timedelta(minutes=12)


def test_weekly_series(scenario):
    weeks = weekly_series(scenario.store, NOW, scenario.unit, weeks=4)
    assert [w.start for w in weeks] == [
        date(2026, 10, 26),
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]
    assert [w.received for w in weeks] == [1, 5, 0, 1]
    assert weeks[1].finished == Finished(early=3, on_time=1, late=1)
    assert [w.returned for w in weeks] == [0, 2, 1, 0]
    assert [(w.satisfied, w.rated) for w in weeks] == [(0, 0), (2, 2), (0, 1), (0, 0)]
    assert weeks[1].reuse.share == pytest.approx(2 / 5)
    assert weeks[0].on_time.share is None


def test_dossier_lists(scenario):
    store, unit, c = scenario.store, scenario.unit, scenario.codes
    (late,) = overdue(store, NOW, unit)
    assert late.code == c["D"] and late.urgency == "overdue" and late.due_at == at(9, 8)
    # the rest of Mon 09/11 from 08:00, eight full days (10-13, 16-19/11), Friday 20/11 until 10:00
    assert late.hours_left == pytest.approx(-(7 + 7.5 * 8 + 2.5))
    (amber,) = close_to_due(store, NOW, unit)
    assert amber.code == c["E"] and amber.urgency == "close" and amber.due_at == at(23, 8)
    assert amber.hours_left == pytest.approx(5.5)
    assert due_today(store, NOW, unit) == []
    assert [d.code for d in due_today(store, at(9, 7), unit)] == [c["D"]]
    (sent,) = handovers_pending(store, NOW, unit)
    assert (sent.code, sent.direction, sent.other_unit_id, sent.sent_at) == (
        c["D"],
        "out",
        scenario.other_unit,
        at(4, 9),
    )
    (to_accept,) = handovers_pending(store, NOW, scenario.other_unit)
    assert (to_accept.code, to_accept.direction, to_accept.other_unit_id) == (c["D"], "in", unit)
    (online,) = online_pending(store, NOW, unit)
    assert (online.code, online.deadline, online.hours_left) == (c["G"], at(23, 8), pytest.approx(5.5))
    assert not online.overdue
    assert online_pending(store, at(23, 9), unit)[0].overdue


def test_overdue_is_oldest_first_across_statuses(scenario):
    """The list merges one index range per status: the order is by due time whatever the status."""
    store, unit, actor = scenario.store, scenario.unit, scenario.actor
    from counter_app.services import intake, workflow

    from .conftest import _request

    older = intake.receive(store, actor, _request(name="Sớm nhất"), now=at(3, 7, 40)).code
    workflow.start_processing(store, actor, older, now=at(3, 9))
    newer = intake.receive(store, actor, _request(name="Muộn nhất"), now=at(12, 8)).code
    workflow.await_fee(store, actor, newer, now=at(12, 9))
    codes = [d.code for d in overdue(store, NOW, unit)]
    assert codes == [older, scenario.codes["D"], newer]
    assert [d.code for d in overdue(store, NOW, unit, limit=2)] == [older, scenario.codes["D"]]


def test_queue_and_board(scenario):
    store, unit = scenario.store, scenario.unit
    q = queue_state(store, NOW, unit)
    services = {s.code: s for s in q.services}
    assert (services["A"].waiting, services["A"].waiting_priority) == (1, 1)
    assert services["A"].longest_wait == timedelta(minutes=30)
    assert services["B"].total == 0 and services["B"].longest_wait is None
    assert q.waiting == 2 and q.longest_wait == timedelta(minutes=30)
    states = {c.number: c for c in q.counters}
    assert (states[1].state, states[1].ticket, states[1].since, states[1].officer_name) == (
        "serving",
        "A002",
        at(20, 9, 50),
        "Hoàng Thị Mai",
    )
    assert (states[2].state, states[3].state) == ("closed", "idle")
    assert states[1].label == "Đang phục vụ" and states[3].label == "Đang trống"
    assert [(c.number, c.counter_number) for c in q.recent_calls] == [("A002", 1), ("A001", 1), ("A000", 3)]
    assert (q.served_today, q.no_show_today) == (2, 0)
    lunch = queue_state(store, at(20, 12), unit)
    assert [c.state for c in lunch.counters] == ["serving", "closed", "closed"]
    board = board_state(store, NOW, unit, recent=2)
    assert board.unit_name and board.waiting == 2
    assert [c.number for c in board.recent_calls] == ["A002", "A001"]


def test_agrees_with_the_ledger_on_the_demo_store(seeded_store):
    """Over a span holding the whole life of every demo dossier, the indicators count exactly the ledger's
    rows: received + refused = its rows, its timeliness notes = finished early/on time/late, its return
    times = returned."""
    from tests.conftest import SEED_DAY

    store = seeded_store
    now = datetime.combine(SEED_DAY, datetime.min.time()).replace(hour=7)
    start = SEED_DAY - timedelta(days=400)
    rows = ledger_rows(store, start, SEED_DAY)
    i = indicators(store, now, Period.between(start, SEED_DAY))
    assert len(rows) == i.received + i.refused > 20
    notes = [r.note for r in rows]
    assert (notes.count("Trước hạn"), notes.count("Đúng hạn"), notes.count("Quá hạn")) == (
        i.finished.early,
        i.finished.on_time,
        i.finished.late,
    )
    assert i.finished.early and i.finished.on_time and i.finished.late
    assert sum(1 for r in rows if r.returned_at) == i.returned
    assert sum(1 for r in rows if r.status == Status.REFUSED.label) == i.refused
    # and month by month for the received cohort: the ledger's rows received in the month (it also lists
    # those finished or returned in it, services/indicators/counted.py)
    for first in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)):
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        month = indicators(store, now, Period.between(first, last))
        rows = ledger_rows(store, first, last)
        received = [r for r in rows if first <= r.received_at.date() <= last]
        assert len(received) == month.received + month.refused


def test_agrees_with_the_ledger_on_the_scenario(scenario):
    rows = {r.code: r for r in ledger_rows(scenario.store, *NOVEMBER, unit_id=scenario.unit)}
    c = scenario.codes
    # I (received in October) is finished in November: a row of November's ledger, as in the indicators
    assert set(rows) == {c[k] for k in "ABCDEFIJ"}
    i = indicators(scenario.store, NOW, NOV, scenario.unit)
    assert len(rows) - 1 == i.received + i.refused
    assert [rows[c[k]].note for k in "ABCIJ"] == [
        "Đúng hạn",
        "Trước hạn",
        "Quá hạn",
        "Trước hạn",
        "Trước hạn",
    ]
    assert i.finished.early == sum(rows[c[k]].note == "Trước hạn" for k in "ABCIJ")


def test_periods():
    now = datetime(2026, 2, 14, 9, 0)
    assert Period.of("today", now) == Period("today", date(2026, 2, 14), date(2026, 2, 14))
    assert Period.of("month", now).end == date(2026, 2, 28)
    assert Period.of("month", datetime(2026, 12, 5)).end == date(2026, 12, 31)
    assert Period.of("year", now) == Period("year", date(2026, 1, 1), date(2026, 12, 31))
    assert Period.of("today", now).label == "Hôm nay 14/02/2026"
    assert Period.of("month", now).label == "Tháng 02/2026"
    assert Period.of("year", now).label == "Năm 2026"
    assert Period.between(date(2026, 1, 1), date(2026, 1, 31)).label == "Từ 01/01/2026 đến 31/01/2026"
    assert Period.between(date(2026, 1, 1), date(2026, 1, 1)).bounds == (
        datetime(2026, 1, 1),
        datetime(2026, 1, 2),
    )
    with pytest.raises(ServiceError):
        Period.between(date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(ServiceError) as err:
        Period.of("week", now)
    assert "Kỳ báo cáo không hợp lệ" in str(err.value) or err.value.key == "report.bad_period"


def test_rates_and_texts():
    assert Rate(0, 0, 0.98).share is None and Rate(0, 0, 0.98).meets_target is None
    assert Rate(49, 50, 0.98).meets_target is True and Rate(48, 50, 0.98).meets_target is False


def test_decision_766_formulas():
    """Each measured indicator's points: 20 × on-time rate; 6 × min(1, rate 5.4 / 90 %); 2 × min(1, reuse / 80 %)
    (the Decision gives satisfaction 18 points in three indicators of 6 and digitisation 22 in seven, of
    which reuse is 2: the earlier 18 and 22 were the groups' totals)."""
    assert progress_points(1.0) == 20 and progress_points(0.8) == pytest.approx(16)
    assert satisfaction_points(0.45) == pytest.approx(3) and satisfaction_points(0.95) == 6
    assert dossier_satisfaction_rate(0.1, 0.05) == pytest.approx(0.85)
    assert dossier_satisfaction_rate(0.7, 0.6) == 0
    assert reuse_points(0.4) == pytest.approx(1) and reuse_points(0.8) == 2 and reuse_points(1.0) == 2
    assert not late_by_supplements(1) and late_by_supplements(2)


def _plain_workload(store, now, unit):
    """The open work counted row by row in Python: what :func:`workload` must find."""
    from sqlmodel import select

    from counter_app.db.models import Dossier

    horizon = close_to_due_horizon(store, now)
    with store.session() as session:
        rows = session.exec(select(Dossier.status, Dossier.due_at, Dossier.custodian_unit_id)).all()
    rows = [(s, d) for s, d, u in rows if unit == ALL_UNITS or u == unit]
    running = [d for s, d in rows if s in RUNNING]
    return Workload(
        on_time=sum(1 for d in running if d >= now),
        late=sum(1 for d in running if d < now),
        close_to_due=sum(1 for d in running if now <= d <= horizon),
        due_today=sum(1 for d in running if d.date() == now.date()),
        waiting_supplement=sum(1 for s, _ in rows if s == Status.SUPPLEMENT_REQUESTED),
        online_waiting=sum(1 for s, _ in rows if s == Status.REGISTERED_ONLINE),
        result_waiting=sum(1 for s, _ in rows if s == Status.RESULT_READY),
    )


def test_workload_matches_a_plain_count(scenario):
    """Whichever way it is counted — every unit; the store's own unit, which holds most rows (all minus the
    others); a small unit (its rows only) — the open work is what a row-by-row count finds."""
    store = scenario.store
    for unit in (ALL_UNITS, store.unit_id, scenario.unit, scenario.other_unit):
        for now in (NOW, at(23, 9)):
            assert workload(store, now, unit) == _plain_workload(store, now, unit), (unit, now)


def test_scans_give_the_same_figures(scenario, monkeypatch):
    """On SQLite a wide range is read by a table scan instead of an index: the figures do not change."""
    store = scenario.store
    before = period_figures(store, NOW, NOV, scenario.unit)
    weekly = weekly_series(store, NOW, scenario.unit, weeks=4)
    everyone = period_figures(store, NOW, NOV, ALL_UNITS)
    monkeypatch.setattr(sql, "SCAN_SHARE", 0.0)
    sql._sizes.clear()
    assert period_figures(store, NOW, NOV, scenario.unit) == before
    assert weekly_series(store, NOW, scenario.unit, weeks=4) == weekly
    assert period_figures(store, NOW, NOV, ALL_UNITS) == everyone
