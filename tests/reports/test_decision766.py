"""Decision 766/QĐ-TTg as the Decision computes it: the six groups and their points, what a counter measures,
the supplement rule, and the supervisor screen's line."""

from __future__ import annotations

import pytest

from counter_app.screens.supervisor_rows import _points
from counter_app.services import intake, workflow
from counter_app.services.indicators.decision766 import GROUPS, MAXIMUM, indicator
from counter_app.services.indicators.figures import MEASURED_POINTS, Finished
from counter_app.services.indicators.period_figures import indicators
from counter_app.services.indicators.periods import Period
from counter_app.services.intake import DocumentChoice

from .conftest import NOVEMBER, NOW, _request, at

NOV = Period.between(*NOVEMBER)


def test_the_six_groups_and_their_points():
    points = {g.key: g.points for g in GROUPS}
    assert points == {
        "transparency": 18,
        "progress": 20,
        "online": 12,
        "payment": 10,
        "satisfaction": 18,
        "digitisation": 22,
    }
    assert MAXIMUM == 100
    digitisation = next(g for g in GROUPS if g.key == "digitisation")
    assert len(digitisation.indicators) == 7
    assert [i.key for g in GROUPS for i in g.measured] == [
        "on_time",
        "dossier_satisfaction",
        "digitised",
        "reuse",
    ]
    assert MEASURED_POINTS == 32 and indicator("dossier_satisfaction").points == 6
    assert indicator("digitised").points == 4 and indicator("digitised").formula == "4.2"
    assert not indicator("e_results").measured  # 4.1: shown as a share, no scale of points published


def test_a_dossier_with_more_than_one_supplement_request_counts_late(scenario):
    """Formula 2.1: «yêu cầu bổ sung hơn 01 lần thì tính quá hạn», though its result came before the due
    date; one request alone does not make a dossier late (test failed before: it counted early)."""
    store, actor = scenario.store, scenario.actor
    before = indicators(store, NOW, NOV, scenario.unit).finished_general
    twice = intake.receive(store, actor, _request(name="Người nộp K"), now=at(9, 8)).code
    once = intake.receive(store, actor, _request(name="Người nộp L"), now=at(9, 8, 30)).code
    for code, rounds in ((twice, 2), (once, 1)):
        for n in range(rounds):
            intake.request_supplement(
                store, actor, code, [DocumentChoice("Giấy tờ còn thiếu")], "Thiếu", now=at(9 + 2 * n, 9)
            )
            intake.supplement_received(store, actor, code, now=at(10 + 2 * n, 8))
        workflow.start_processing(store, actor, code, now=at(12, 13))
        workflow.mark_result_ready(store, actor, code, now=at(12, 14))  # before both due dates
    after = indicators(store, NOW, NOV, scenario.unit)
    assert after.finished_general == before + Finished(early=1, late=1)
    assert after.on_time.count == 4 + 1 and after.on_time.total == 5 + 2


def test_the_supervisor_line_says_how_much_is_measured(scenario):
    i = indicators(scenario.store, NOW, NOV, scenario.unit)
    assert _points(i) == "22,44/32 (đo 32/100 điểm)"
    assert i.points.total == pytest.approx(16 + 28 / 9 + 2.5 + 5 / 6)
