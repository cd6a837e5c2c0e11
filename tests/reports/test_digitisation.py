"""The digitisation figures count real files (Decision 766/QĐ-TTg, formulas 4.2 and 4.3, and the e-result
share), on SQLite and on PostgreSQL: a dossier is digitised when every component it received has its file and
its result, once it exists, has one too; a reuse is a component attached from the citizen's store, not the
checkbox; an e-result is a returned result kept in the citizen's store."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from counter_app.db.models import CitizenDocument, Dossier
from counter_app.services import dossier_files, intake, workflow
from counter_app.services.indicators.figures import Rate, digitisation_points, reuse_points
from counter_app.services.indicators.period_figures import indicators
from counter_app.services.indicators.periods import Period
from counter_app.services.indicators.weekly import weekly_series
from counter_app.services.intake import DocumentChoice

from .conftest import NOW, _request, at, scanned

#: a week of its own, after the scenario's dossiers (Monday 16/11 to Friday 20/11)
WEEK = Period.between(date(2026, 11, 16), date(2026, 11, 20))


def _figures(scenario):
    return indicators(scenario.store, NOW, WEEK, scenario.unit)


def _receive(scenario, name, documents, *, citizen=None, when=None):
    return intake.receive(
        scenario.store,
        scenario.actor,
        _request(name=name, documents=documents, citizen_id=citizen),
        now=when or at(16, 8),
    ).code


def test_all_some_and_no_files(scenario):
    store = scenario.store
    before = _figures(scenario)  # E, received again on 18/11, has no file
    assert (before.received, before.digitised) == (1, 0)
    _receive(
        scenario,
        "Tất cả có tệp",
        [
            DocumentChoice("Tờ khai", file=scanned(store, "x1")),
            DocumentChoice("CCCD", file=scanned(store, "x2")),
        ],
    )
    _receive(
        scenario,
        "Một phần có tệp",
        [DocumentChoice("Tờ khai", file=scanned(store, "y1")), DocumentChoice("CCCD")],
    )
    _receive(scenario, "Không có tệp", [DocumentChoice("Tờ khai"), DocumentChoice("CCCD")])
    _receive(  # a component not received needs no file
        scenario,
        "Thiếu giấy không nộp",
        [DocumentChoice("Tờ khai", file=scanned(store, "z1")), DocumentChoice("Sổ hộ khẩu", received=False)],
    )
    _receive(scenario, "Không nhận thành phần nào", [DocumentChoice("Tờ khai", received=False)])
    after = _figures(scenario)
    assert after.received == 6
    assert after.digitised == 2  # all files; files for what was received
    assert after.digitisation == Rate(2, 6, 0.80)
    assert after.points.digitisation == pytest.approx(digitisation_points(2 / 6))
    assert after.points.digitisation == pytest.approx(4 * (2 / 6) / 0.8)


def test_the_result_must_have_its_file_once_it_exists(scenario):
    store, actor = scenario.store, scenario.actor
    codes = [
        _receive(scenario, f"Kết quả {n}", [DocumentChoice("Tờ khai", file=scanned(store, f"r{n}"))])
        for n in range(3)
    ]
    assert _figures(scenario).digitised == 3  # no result yet: the components decide
    for code in codes[:2]:
        workflow.start_processing(store, actor, code, now=at(16, 9))
        workflow.mark_result_ready(store, actor, code, now=at(16, 10))
    assert _figures(scenario).digitised == 1  # two results without their files
    dossier_files.digitise_result(store, actor, codes[0], scanned(store, "kết quả 0"), now=at(16, 11))
    assert _figures(scenario).digitised == 2
    workflow.return_result(store, actor, codes[1], receiver_name="", id_checked=True, now=at(17, 9))
    assert _figures(scenario).digitised == 2  # returned without a file: still not digitised


def test_reuse_is_a_component_attached_from_the_store_not_the_checkbox(scenario):
    store, citizen = scenario.store, scenario.citizen_id
    with store.session() as session:
        held = session.exec(select(CitizenDocument).where(CitizenDocument.citizen_id == citizen)).first()
        held_id = held.id
    ticked = _receive(scenario, "Chỉ đánh dấu", [DocumentChoice("Tờ khai", reused=True)])
    two = _receive(
        scenario,
        "Dùng lại",
        [
            DocumentChoice("Tờ khai", reused=True, citizen_document_id=held_id),
            DocumentChoice("Bản sao", reused=True, citizen_document_id=held_id),
            DocumentChoice("Đơn", file=scanned(store, "đơn")),
        ],
        citizen=citizen,
    )
    with store.session() as session:
        flags = {
            d.code: d.reused_data
            for d in session.exec(select(Dossier).where(Dossier.code.in_([ticked, two]))).all()  # type: ignore[attr-defined]
        }
    assert flags == {ticked: True, two: True}  # the dossier-level flag is set for both...
    i = _figures(scenario)
    assert i.received == 3  # E, and the two above
    assert i.reused == 1 and i.reused_components == 2  # ...but only one dossier reused anything
    assert i.reuse == Rate(1, 3, 0.50)
    assert i.points.reuse == pytest.approx(reuse_points(1 / 3))
    assert i.digitised == 1  # the reused components bring their file; the third was scanned
    week = weekly_series(store, NOW, scenario.unit, weeks=1)[-1]
    assert (week.received, week.reused) == (3, 1)


def test_e_results_are_returned_results_kept_in_the_citizens_store(scenario):
    store, actor, citizen = scenario.store, scenario.actor, scenario.citizen_id
    codes = [
        _receive(scenario, f"Trả {n}", [DocumentChoice("Tờ khai")], citizen=citizen if n < 2 else None)
        for n in range(3)
    ]
    for code in codes:
        workflow.start_processing(store, actor, code, now=at(16, 9))
        workflow.mark_result_ready(store, actor, code, now=at(16, 10))
    # 0: digitised at return, kept in the citizen's store; 1: returned on paper; 2: digitised, but no citizen
    workflow.return_result(
        store,
        actor,
        codes[0],
        receiver_name="",
        id_checked=True,
        result_file=scanned(store, "e0"),
        now=at(17, 9),
    )
    workflow.return_result(store, actor, codes[1], receiver_name="", id_checked=True, now=at(17, 9))
    workflow.return_result(
        store,
        actor,
        codes[2],
        receiver_name="",
        id_checked=True,
        result_file=scanned(store, "e2"),
        now=at(17, 9),
    )
    i = _figures(scenario)
    assert i.returned == 3 and i.e_results == 1 and i.e_result == Rate(1, 3)
    # a result kept without its file (a hash with no size names no file) is not an e-result
    with store.session() as session:
        kept = session.exec(
            select(CitizenDocument).where(
                CitizenDocument.dossier_code == codes[0], CitizenDocument.source == "result"
            )
        ).one()
        kept.file_size = 0
        session.add(kept)
    assert _figures(scenario).e_results == 0
