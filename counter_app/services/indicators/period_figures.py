"""The figures of a unit for a period, with the breakdowns by procedure and by officer.

Read-only: every function takes the :class:`Store`, a ``now`` and a unit filter
(:mod:`counter_app.services.scope`), opens its own short session and returns plain frozen dataclasses, so
that a screen can call it from a worker thread and the report command from the command line.

Which dossiers count
--------------------
Period figures follow the national report on the handling of administrative procedures
(received; handled early, on time, late; in progress on time, late).  "In the period" is defined once,
for these figures and the tracking ledger alike, in :mod:`counter_app.services.indicators.counted`: a
dossier counts for a figure when its moment of the counted kind (received, finished, returned) falls in
the period.

* **received**, **refused**, **supplement requested**, **reused digitised data**, **digitised**,
  **channel**: the
  dossiers whose ``received_at`` falls in the period and whose receiving unit
  (``received_unit_id``) is the unit — the tracking ledger's rows received in the period
  (:func:`counter_app.services.reports.ledger_totals`).  Refused dossiers (status 3) are counted apart.
  "Supplement requested" counts those of them that went through at least one supplement round.
  "Reused" counts the dossiers with at least one component reused from the citizen's data store (and,
  beside it, those components); "digitised" those whose every received component, and the result once it
  exists, carries its file (:func:`counter_app.services.indicators.figures.reuse_points`,
  :func:`~counter_app.services.indicators.figures.digitisation_points`).
* **finished early / on time / late**: dossiers with a result (status 9 or 10) received by the
  unit whose ``finished_at`` falls in the period, classified as
  :func:`counter_app.domain.states.timeliness` classifies them (the ledger's note): late when
  finished after ``due_at``; early when finished on a calendar day before the due day; on time
  otherwise.  ``due_at`` is the dossier's current due time: a supplement received sets a new one, an
  apology letter moves it.  Decision 766/QĐ-TTg adds one rule the ledger's note does not have: a
  dossier for which a supplement was requested more than once is late
  (:func:`counter_app.services.indicators.figures.late_by_supplements`).
* **returned** and **satisfaction**: dossiers received by the unit whose ``returned_at`` falls in
  the period; satisfaction counts those the citizen rated (1 very satisfied, 2 satisfied, 3 not);
  **e-results** those of them whose digitised result is kept in the citizen's data store
  (:attr:`counter_app.services.indicators.figures.Indicators.e_result`).
* **in progress on time / late**, close to due, waiting for a supplement, online dossiers waiting:
  a snapshot at ``now`` of the dossiers the unit holds (:mod:`counter_app.services.indicators.workload`).

Every figure is an aggregate query (nothing but counts comes back) on the indexes the schema has
(:mod:`counter_app.services.indicators.sql`), which keeps a refresh of the supervisor screen under
200 ms on 100,000 open dossiers (``bench/bench_supervisor.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func
from sqlmodel import Session, col, or_, select

from counter_app.db.models import Dossier, DossierEvent, Officer, Procedure, QueueTicket
from counter_app.domain.states import Channel, Status
from counter_app.services.context import Store
from counter_app.services.indicators.counted import in_period, moment_column
from counter_app.services.indicators.figures import (
    FINISHED_STATUSES,
    RUNNING,
    Finished,
    Indicators,
    OfficerFigures,
    ProcedureFigures,
)
from counter_app.services.indicators.periods import Period, as_period
from counter_app.services.indicators.sql import (
    as_int,
    citizen_rating,
    count_when,
    digitised_sql,
    for_unit,
    group_column,
    one_when,
    prefers_scan,
    result_in_citizen_store,
    reused_any,
    reused_components,
    select_columns,
    service_seconds,
    status_ints,
    timeliness_sql,
    unindexed_if,
)
from counter_app.services.indicators.workload import workload
from counter_app.services.scope import ALL_UNITS, display_names, unit_scope


@dataclass(frozen=True)
class PeriodFigures:
    """Everything the period queries yield: the unit's indicators and their breakdowns."""

    indicators: Indicators
    procedures: list[ProcedureFigures]
    officers: list[OfficerFigures]


def _cohort(session: Session, store: Store, unit: str, start: datetime, end: datetime) -> Sequence[Any]:
    """The received cohort (the ledger's dossiers), per procedure and receiving officer; the components
    are read per dossier of the cohort (:mod:`~counter_app.services.indicators.sql`)."""
    received = moment_column("received")
    scan = prefers_scan(
        session, store, select(func.count()).select_from(Dossier).where(in_period(received, start, end))
    )
    refused = col(Dossier.status) == int(Status.REFUSED)
    taken = col(Dossier.status) != int(Status.REFUSED)
    query = (
        select_columns(
            Dossier.procedure_code,
            Dossier.received_by,
            count_when(taken),
            count_when(refused),
            count_when(and_(taken, col(Dossier.channel) == int(Channel.ONLINE))),
            count_when(and_(taken, col(Dossier.channel) == int(Channel.POST))),
            count_when(and_(taken, reused_any())),
            count_when(col(Dossier.supplement_rounds) > 0),
            func.sum(case((taken, reused_components()), else_=0)),
            count_when(and_(taken, digitised_sql())),
        )
        .where(in_period(unindexed_if(received, scan), start, end))
        .group_by(group_column(store, Dossier.procedure_code), col(Dossier.received_by))
    )
    return session.exec(for_unit(query, Dossier.received_unit_id, unit, store)).all()


def _results(session: Session, store: Store, unit: str, start: datetime, end: datetime) -> Sequence[Any]:
    """One pass over the dossiers with a result: per procedure, timeliness of those finished in the period
    (None otherwise), whether returned in the period, satisfaction, and who returned it."""
    status = col(Dossier.status)
    scan = prefers_scan(
        session,
        store,
        select(func.count()).select_from(Dossier).where(status.in_(status_ints(FINISHED_STATUSES))),
    )
    finished_in = in_period(moment_column("finished"), start, end)
    returned_in = in_period(moment_column("returned"), start, end)
    rows = for_unit(
        select_columns(
            col(Dossier.id).label("id"),
            group_column(store, Dossier.procedure_code).label("procedure_code"),
            case((and_(finished_in, col(Dossier.due_at).is_not(None)), timeliness_sql()), else_=None).label(
                "t"
            ),
            one_when(returned_in).label("r"),
            citizen_rating().label("satisfaction"),
            case((returned_in, one_when(result_in_citizen_store())), else_=0).label("e"),
        ).where(
            unindexed_if(status, scan).in_(status_ints(FINISHED_STATUSES)), or_(finished_in, returned_in)
        ),
        Dossier.received_unit_id,
        unit,
        store,
    ).subquery()
    event = (
        select(DossierEvent.dossier_id, DossierEvent.officer_id, DossierEvent.officer_name)
        .where(DossierEvent.type == "returned")
        .subquery()
    )
    query = (
        select_columns(
            rows.c.procedure_code,
            rows.c.t,
            rows.c.r,
            rows.c.satisfaction,
            rows.c.e,
            event.c.officer_id,
            event.c.officer_name,
            func.count(),
        )
        .select_from(rows.outerjoin(event, and_(event.c.dossier_id == rows.c.id, rows.c.r == 1)))
        .group_by(
            rows.c.procedure_code,
            rows.c.t,
            rows.c.r,
            rows.c.satisfaction,
            rows.c.e,
            event.c.officer_id,
            event.c.officer_name,
        )
    )
    return session.exec(query).all()


def _workload_by_procedure(session: Session, store: Store, unit: str, now: datetime) -> Sequence[Any]:
    """Running dossiers per procedure (reports): all of them, and the late ones."""
    status, due = col(Dossier.status), col(Dossier.due_at)
    query = (
        select(Dossier.procedure_code, func.count(), count_when(due < now))
        .where(status.in_(status_ints(RUNNING)))
        .group_by(group_column(store, Dossier.procedure_code))
    )
    return session.exec(for_unit(query, Dossier.custodian_unit_id, unit, store)).all()


def _tickets(session: Session, store: Store, unit: str, start: datetime, end: datetime) -> Sequence[Any]:
    """Tickets served per officer in the period: how many, their service seconds, how many were timed."""
    seconds = service_seconds(store)
    timed = and_(col(QueueTicket.called_at).is_not(None), col(QueueTicket.finished_at).is_not(None))
    query = (
        select(
            QueueTicket.officer_id, func.count(), func.sum(case((timed, seconds), else_=0)), count_when(timed)
        )
        .where(
            col(QueueTicket.day) >= start.date(),
            col(QueueTicket.day) < end.date(),
            QueueTicket.status == "done",
            col(QueueTicket.officer_id).is_not(None),
        )
        .group_by(col(QueueTicket.officer_id))
    )
    return session.exec(query if unit == ALL_UNITS else query.where(QueueTicket.unit_id == unit)).all()


def period_figures(
    store: Store,
    now: datetime,
    period: Period | str = "today",
    unit_id: str | None = None,
    *,
    by_procedure_workload: bool = True,
) -> PeriodFigures:
    """The unit's indicators for ``period`` with the breakdowns by procedure and by officer.

    ``by_procedure_workload=False`` leaves the open dossiers out of the procedure lines (the live screen does
    not show them), which spares a pass over every open dossier."""
    period = as_period(period, now)
    unit = unit_scope(store, unit_id)
    start, end = period.bounds
    held = workload(store, now, unit)
    with store.session() as session:
        cohort = _cohort(session, store, unit, start, end)
        results = _results(session, store, unit, start, end)
        open_rows = _workload_by_procedure(session, store, unit, now) if by_procedure_workload else []
        tickets = _tickets(session, store, unit, start, end)
        procedure_codes = {r[0] for r in cohort} | {r[0] for r in results} | {r[0] for r in open_rows}
        procedures = (
            {
                p.code: p
                for p in session.exec(select(Procedure).where(col(Procedure.code).in_(procedure_codes))).all()
            }
            if procedure_codes
            else {}
        )
        officer_ids = {r[1] for r in cohort} | {r[4] for r in results} | {r[0] for r in tickets}
        officer_names = display_names(session, Officer, officer_ids, "full_name")

    per_proc: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    per_officer: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(float))
    totals: dict[str, int] = defaultdict(int)
    for code, officer, taken, refused, online, post, reused, supplement, reused_parts, digitised in cohort:
        p = per_proc[code]
        p["received"] += as_int(taken)
        p["refused"] += as_int(refused)
        p["received_online"] += as_int(online)
        p["reused"] += as_int(reused)
        p["reused_components"] += as_int(reused_parts)
        p["digitised"] += as_int(digitised)
        totals["received_post"] += as_int(post)
        totals["supplement_requested"] += as_int(supplement)
        if officer:
            per_officer[officer]["received"] += as_int(taken)
            per_officer[officer]["refused"] += as_int(refused)
    satisfaction: dict[int, int] = defaultdict(int)
    returned_names: dict[str, str] = {}
    for code, timeliness, returned, level, e_result, officer, officer_name, n in results:
        p = per_proc[code]
        if timeliness is not None:
            p[("early", "on_time", "late")[int(timeliness)]] += as_int(n)
        if as_int(returned):
            p["returned"] += as_int(n)
            p["e_results"] += as_int(n) if as_int(e_result) else 0
            if level is not None:
                satisfaction[int(level)] += as_int(n)
            if officer:
                per_officer[officer]["returned"] += as_int(n)
                returned_names.setdefault(officer, officer_name)
    for code, running, late in open_rows:
        per_proc[code]["in_progress"] += as_int(running)
        per_proc[code]["in_progress_late"] += as_int(late)
    for officer, served, seconds, timed in tickets:
        per_officer[officer]["tickets_served"] += as_int(served)
        per_officer[officer]["service_seconds"] += float(seconds or 0)
        per_officer[officer]["timed_tickets"] += as_int(timed)

    procedure_rows = []
    for code, v in per_proc.items():
        proc = procedures.get(code)
        procedure_rows.append(
            ProcedureFigures(
                code=code,
                name=proc.name if proc else code,
                land=bool(proc and proc.land),
                received=v["received"],
                refused=v["refused"],
                received_online=v["received_online"],
                reused=v["reused"],
                reused_components=v["reused_components"],
                digitised=v["digitised"],
                finished=Finished(v["early"], v["on_time"], v["late"]),
                returned=v["returned"],
                e_results=v["e_results"],
                in_progress=v["in_progress"],
                in_progress_late=v["in_progress_late"],
            )
        )
    procedure_rows.sort(key=lambda r: (-r.received, -r.finished.total, r.code))
    indicators = Indicators(
        period=period,
        unit_id=unit,
        now=now,
        received=sum(r.received for r in procedure_rows),
        received_online=sum(r.received_online for r in procedure_rows),
        received_post=totals["received_post"],
        refused=sum(r.refused for r in procedure_rows),
        supplement_requested=totals["supplement_requested"],
        reused=sum(r.reused for r in procedure_rows),
        reused_components=sum(r.reused_components for r in procedure_rows),
        digitised=sum(r.digitised for r in procedure_rows),
        finished_general=sum((r.finished for r in procedure_rows if not r.land), Finished()),
        finished_land=sum((r.finished for r in procedure_rows if r.land), Finished()),
        returned=sum(r.returned for r in procedure_rows),
        e_results=sum(r.e_results for r in procedure_rows),
        very_satisfied=satisfaction[1],
        satisfied=satisfaction[2],
        not_satisfied=satisfaction[3],
        in_progress_on_time=held.on_time,
        in_progress_late=held.late,
        close_to_due=held.close_to_due,
        due_today=held.due_today,
        waiting_supplement=held.waiting_supplement,
        online_waiting=held.online_waiting,
        result_waiting=held.result_waiting,
    )
    officer_rows = [
        OfficerFigures(
            officer_id=oid,
            name=officer_names.get(oid) or returned_names.get(oid) or oid[:8],
            received=int(v["received"]),
            refused=int(v["refused"]),
            returned=int(v["returned"]),
            tickets_served=int(v["tickets_served"]),
            service_seconds=float(v["service_seconds"]),
            timed_tickets=int(v["timed_tickets"]),
        )
        for oid, v in per_officer.items()
    ]
    officer_rows.sort(key=lambda r: (-r.received, -r.returned, r.name))
    return PeriodFigures(indicators, procedure_rows, officer_rows)


def indicators(
    store: Store,
    now: datetime,
    period: Period | str = "today",
    unit_id: str | None = None,
) -> Indicators:
    """The unit's indicators for ``period`` ("today", "month", "year" or a :class:`Period`)."""
    return period_figures(store, now, period, unit_id, by_procedure_workload=False).indicators
