"""The audit trail finds every hand edit of the store, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from counter_app.db.models import Dossier, DossierEvent
from counter_app.domain import chain
from counter_app.services import audit


def _dossier_with_events(store, at_least: int = 3) -> tuple[str, str, int]:
    """(id, code, event count) of a dossier with at least ``at_least`` events."""
    with store.session() as s:
        row = s.exec(
            select(DossierEvent.dossier_id, DossierEvent.dossier_code, func.count())
            .group_by(DossierEvent.dossier_id, DossierEvent.dossier_code)
            .having(func.count() >= at_least)
            .order_by(DossierEvent.dossier_code)
        ).first()
    assert row is not None
    return row[0], row[1], int(row[2])


def _sql(store, sqlite: str, postgresql: str, **params) -> None:
    statement = sqlite if store.engine.dialect.name == "sqlite" else postgresql
    with store.engine.begin() as connection:
        result = connection.execute(text(statement), params)
        assert result.rowcount == 1


def _only_problem(report: audit.AuditReport, code: str) -> audit.Problem:
    assert [p.code for p in report.problems] == [code], report.lines()
    return report.problems[0]


def test_a_seeded_store_verifies(seeded_store):
    report = audit.verify(seeded_store)
    assert report.ok, report.lines()
    with seeded_store.session() as s:
        assert report.dossiers == s.exec(select(func.count()).select_from(Dossier)).one()
        assert report.events == s.exec(select(func.count()).select_from(DossierEvent)).one()
    assert report.summary() == f"OK: {report.dossiers} hồ sơ, {report.events} sự kiện"


def test_edited_payload_is_reported_at_its_event(seeded_store):
    dossier_id, code, _ = _dossier_with_events(seeded_store)
    _sql(
        seeded_store,
        "UPDATE dossier_event SET payload = json_set(payload, '$.note', 'sửa tay') WHERE dossier_id = :d AND seq = 2",
        'UPDATE dossier_event SET payload = (payload::jsonb || \'{"note": "sửa tay"}\')::json '
        "WHERE dossier_id = :d AND seq = 2",
        d=dossier_id,
    )
    problem = _only_problem(audit.verify(seeded_store), code)
    assert (problem.seq, problem.key) == (2, "audit.hash_mismatch")
    assert code in problem.message and "sự kiện số 2" in problem.message and "bị sửa" in problem.message


def test_edited_device_time_is_reported(seeded_store):
    dossier_id, code, _ = _dossier_with_events(seeded_store)
    _sql(
        seeded_store,
        "UPDATE dossier_event SET device_time = datetime(device_time, '-1 day') WHERE dossier_id = :d AND seq = 1",
        "UPDATE dossier_event SET device_time = device_time - interval '1 day' WHERE dossier_id = :d AND seq = 1",
        d=dossier_id,
    )
    problem = _only_problem(audit.verify(seeded_store), code)
    assert (problem.seq, problem.key) == (1, "audit.hash_mismatch")


def test_event_deleted_in_the_middle_is_reported_missing(seeded_store):
    dossier_id, code, count = _dossier_with_events(seeded_store)
    sql = "DELETE FROM dossier_event WHERE dossier_id = :d AND seq = 2"
    _sql(seeded_store, sql, sql, d=dossier_id)
    problem = _only_problem(audit.verify(seeded_store), code)
    assert (problem.seq, problem.key) == (2, "audit.missing_event")
    assert "thiếu sự kiện số 2" in problem.message


def test_last_event_deleted_is_reported(seeded_store):
    dossier_id, code, count = _dossier_with_events(seeded_store)
    sql = "DELETE FROM dossier_event WHERE dossier_id = :d AND seq = :s"
    _sql(seeded_store, sql, sql, d=dossier_id, s=count)
    problem = _only_problem(audit.verify(seeded_store), code)
    assert (problem.seq, problem.key) == (count, "audit.missing_tail")


def test_rehashed_edit_breaks_the_next_link(seeded_store):
    """Someone who edits an event and recomputes its hash still breaks the following event's prev_hash."""
    dossier_id, code, _ = _dossier_with_events(seeded_store)
    with seeded_store.session() as s:
        event = s.exec(
            select(DossierEvent).where(DossierEvent.dossier_id == dossier_id, DossierEvent.seq == 2)
        ).one()
        event.payload = {**event.payload, "note": "sửa tay"}
        event.hash = chain.event_hash({name: getattr(event, name) for name in chain.HASHED_FIELDS})
        s.add(event)
    problem = _only_problem(audit.verify(seeded_store), code)
    assert (problem.seq, problem.key) == (3, "audit.prev_hash")


def test_dossier_row_edited_directly_is_reported(seeded_store):
    dossier_id, code, _ = _dossier_with_events(seeded_store)
    sql = "UPDATE dossier SET status = 10 - status WHERE id = :d"
    _sql(seeded_store, sql, sql, d=dossier_id)
    problem = _only_problem(audit.verify(seeded_store), code)
    assert problem.key == "audit.projection_mismatch" and "«status»" in problem.message


def test_only_the_first_broken_link_of_a_dossier_is_reported(seeded_store):
    dossier_id, code, _ = _dossier_with_events(seeded_store, 4)
    for seq in (2, 3):
        _sql(
            seeded_store,
            "UPDATE dossier_event SET type = type || '!' WHERE dossier_id = :d AND seq = :s",
            "UPDATE dossier_event SET type = type || '!' WHERE dossier_id = :d AND seq = :s",
            d=dossier_id,
            s=seq,
        )
    report = audit.verify(seeded_store)
    problem = _only_problem(report, code)
    assert problem.seq == 2
    assert audit.verify(seeded_store, codes=[code]).dossiers == 1


def test_codes_of_no_dossier_are_named(seeded_store):
    dossier_id, code, _ = _dossier_with_events(seeded_store)
    report = audit.verify(seeded_store, codes=[f" {code} ", "KHÔNG-CÓ-0001", "KHÔNG-CÓ-0001"])
    assert report.dossiers == 1 and report.unknown_codes == ["KHÔNG-CÓ-0001"]
    assert audit.verify(seeded_store).unknown_codes == []


def test_cli_audit_verify(seeded_store, cli_main, monkeypatch, capsys):
    settings = seeded_store.settings
    monkeypatch.setenv("COUNTER_APP_HOME", str(settings.home))
    monkeypatch.setenv("COUNTER_APP_DB_URL", settings.db_url)
    assert cli_main(["audit", "verify"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("OK: ") and out.endswith(" sự kiện") and "hồ sơ" in out

    dossier_id, code, _ = _dossier_with_events(seeded_store)
    sql = "DELETE FROM dossier_event WHERE dossier_id = :d AND seq = 2"
    _sql(seeded_store, sql, sql, d=dossier_id)
    assert cli_main(["audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert "PHÁT HIỆN SAI LỆCH: 1 hồ sơ" in captured.out
    assert f"Hồ sơ {code}: thiếu sự kiện số 2" in captured.out
    assert "Traceback" not in captured.err
    assert cli_main(["audit", "verify", "--code", code, "--code", "KHÔNG-CÓ-0001"]) == 2
    assert capsys.readouterr().err.count("KHÔNG-CÓ-0001") == 1


@pytest.mark.parametrize("backend", ["sqlite"])
def test_audit_runs_consistently_while_a_counter_writes(seeded_store):
    """A verify running during intakes sees one state: never a dossier half-way through an event."""
    import threading

    from counter_app.services import intake
    from tests.hardening.conftest import officer_actor
    from tests.services.test_dossier_flow import request_for

    store = seeded_store
    actor = officer_actor(store)
    request = request_for(store)
    stop = threading.Event()
    errors: list[BaseException] = []

    def write() -> None:
        from datetime import datetime, timedelta

        at = datetime(2026, 12, 1, 8, 0)
        try:
            n = 0
            while not stop.is_set() and n < 400:
                intake.receive(store, actor, request, now=at + timedelta(seconds=n))
                n += 1
        except BaseException as exc:
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for _ in range(15):
            report = audit.verify(store)
            assert report.ok, report.lines()
    finally:
        stop.set()
        writer.join()
    assert not errors


@pytest.mark.parametrize("backend", ["sqlite"])
def test_values_no_longer_readable_are_reported_not_raised(seeded_store):
    """SQLite stores JSON and times as text: garbage written there must not crash the audit."""
    with seeded_store.session() as s:
        (first, code1), (second, code2) = s.exec(
            select(DossierEvent.dossier_id, DossierEvent.dossier_code)
            .where(DossierEvent.seq == 2)
            .order_by(DossierEvent.dossier_code)
            .limit(2)
        ).all()
    _sql(
        seeded_store,
        "UPDATE dossier_event SET payload = 'không phải JSON' WHERE dossier_id = :d AND seq = 1",
        "",
        d=first,
    )
    _sql(
        seeded_store,
        "UPDATE dossier_event SET device_time = 'hôm qua' WHERE dossier_id = :d AND seq = 2",
        "",
        d=second,
    )
    report = audit.verify(seeded_store)
    assert [(p.code, p.seq, p.key) for p in report.problems] == [
        (code1, 1, "audit.hash_mismatch"),
        (code2, 2, "audit.hash_mismatch"),
    ]
