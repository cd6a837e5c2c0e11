"""The weekly series behind the small charts: each of the last weeks with the definitions of the period
figures (:mod:`counter_app.services.indicators.period_figures`), a week being the period."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, func
from sqlmodel import col, or_, select

from counter_app.db.models import Dossier
from counter_app.domain.states import Channel, Status
from counter_app.services.context import Store
from counter_app.services.indicators.counted import KINDS, moment_column
from counter_app.services.indicators.figures import FINISHED_STATUSES, Finished, WeekFigures
from counter_app.services.indicators.periods import Period
from counter_app.services.indicators.sql import (
    as_int,
    citizen_rating,
    for_unit,
    prefers_scan,
    reused_any,
    select_columns,
    status_ints,
    timeliness_sql,
    unindexed_if,
    week_index,
    within,
)
from counter_app.services.scope import unit_scope


def week_starts(end: date, weeks: int) -> list[date]:
    """Mondays of the ``weeks`` weeks ending with the week of ``end``, oldest first."""
    last = end - timedelta(days=end.weekday())
    return [last - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def period_weeks(period: Period, last: date, weeks: int) -> tuple[list[date], date]:
    """The starts of the weeks of ``period`` up to ``last`` (at most the latest ``weeks``), each clipped to the
    period — the first starts on the period's first day, not on the Monday before — and the day after the
    last one counted."""
    last = min(period.end, last)
    if last < period.start:
        return [period.start], period.start + timedelta(days=1)
    mondays = week_starts(last, (last - period.start).days // 7 + 2)
    starts = [max(d, period.start) for d in mondays if d + timedelta(days=6) >= period.start]
    return sorted(set(starts))[-max(1, weeks) :], last + timedelta(days=1)


def weekly_series(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    weeks: int = 8,
    end: date | None = None,
    period: Period | None = None,
) -> list[WeekFigures]:
    """Figures of each of the last ``weeks`` weeks (to the week of ``end``, default today), oldest first:
    the same definitions as :func:`~counter_app.services.indicators.period_figures.indicators` with each
    week as the period (reuse: a component reused from the citizen's store,
    :func:`~counter_app.services.indicators.sql.reused_any`).  Two passes: the received cohort (by ``received_at``) and the dossiers with a
    result (by ``finished_at`` / ``returned_at``), "in the week" as :mod:`~counter_app.services.indicators.counted`
    defines "in the period".

    With a ``period`` (the report's), only its weeks are shown (:func:`period_weeks`): the first one starts on
    the period's first day, the last one ends with the period (or ``end``), so that the weeks add up to the
    period's figures when the period has no more than ``weeks`` weeks."""
    unit = unit_scope(store, unit_id)
    if period is None:
        starts = week_starts(end or now.date(), max(1, weeks))
        after = starts[-1] + timedelta(weeks=1)
    else:
        starts, after = period_weeks(period, end or now.date(), weeks)
    bounds = [datetime.combine(d, time.min) for d in [*starts, after]]
    first, last = bounds[0], bounds[-1]
    received_at, finished_at, returned_at = (moment_column(kind) for kind in KINDS)
    status = col(Dossier.status)
    figures: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with store.session() as session:
        scan = prefers_scan(
            session, store, select(func.count()).select_from(Dossier).where(within(received_at, first, last))
        )
        # one small integer per row (week × 4 + online × 2 + reused): a single sort key for the grouping
        key = (
            week_index(received_at, bounds) * 4
            + case((col(Dossier.channel) == int(Channel.ONLINE), 2), else_=0)
            + case((reused_any(), 1), else_=0)
        )
        cohort = for_unit(
            select(key.label("k")).where(
                within(unindexed_if(received_at, scan), first, last), status != int(Status.REFUSED)
            ),
            Dossier.received_unit_id,
            unit,
            store,
        ).subquery()
        for k, n in session.exec(select(cohort.c.k, func.count()).group_by(cohort.c.k)).all():
            f = figures[int(k) // 4]
            f["received"] += as_int(n)
            f["online"] += as_int(n) if int(k) & 2 else 0
            f["reused"] += as_int(n) if int(k) & 1 else 0
        scan = prefers_scan(
            session,
            store,
            select(func.count()).select_from(Dossier).where(status.in_(status_ints(FINISHED_STATUSES))),
        )
        results = for_unit(
            select(
                case((col(Dossier.due_at).is_not(None), week_index(finished_at, bounds)), else_=None).label(
                    "fw"
                ),
                timeliness_sql().label("t"),
                week_index(returned_at, bounds).label("rw"),
                citizen_rating().label("satisfaction"),
            ).where(
                unindexed_if(status, scan).in_(status_ints(FINISHED_STATUSES)),
                or_(within(finished_at, first, last), within(returned_at, first, last)),
            ),
            Dossier.received_unit_id,
            unit,
            store,
        ).subquery()
        for fweek, timeliness, rweek, level, n in session.exec(
            select_columns(
                results.c.fw, results.c.t, results.c.rw, results.c.satisfaction, func.count()
            ).group_by(results.c.fw, results.c.t, results.c.rw, results.c.satisfaction)
        ).all():
            if fweek is not None:
                figures[int(fweek)][("early", "on_time", "late")[int(timeliness)]] += as_int(n)
            if rweek is not None:
                f = figures[int(rweek)]
                f["returned"] += as_int(n)
                f["rated"] += as_int(n) if level is not None else 0
                f["satisfied"] += as_int(n) if level in (1, 2) else 0
    return [
        WeekFigures(
            start=d,
            received=figures[i]["received"],
            received_online=figures[i]["online"],
            reused=figures[i]["reused"],
            finished=Finished(figures[i]["early"], figures[i]["on_time"], figures[i]["late"]),
            returned=figures[i]["returned"],
            satisfied=figures[i]["satisfied"],
            rated=figures[i]["rated"],
        )
        for i, d in enumerate(starts)
    ]
