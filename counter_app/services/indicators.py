"""Indicators of a unit's one-stop work, the state of its queue and the supervisor's dossier lists.

Read-only, like :mod:`counter_app.services.dashboard`: every public function takes the
:class:`Store`, a ``now`` and a unit filter, opens its own short session and returns plain frozen
dataclasses, so that a screen can call it from a worker thread and the report command from the
command line.  The unit filter is a unit id; ``None`` means the store's own unit and
:data:`ALL_UNITS` (``"*"``) every unit (the central store).

Which dossiers count
--------------------
Period figures follow the national report on the handling of administrative procedures
(received; handled early, on time, late; in progress on time, late):

* **received**, **refused**, **supplement requested**, **reused digitised data**, **channel**: the
  dossiers whose ``received_at`` falls in the period and whose receiving unit
  (``received_unit_id``) is the unit — exactly the rows of the tracking ledger
  (:func:`counter_app.services.reports.ledger_rows`) for the same period and unit.  Refused
  dossiers (status 3) are counted apart: ``received + refused == len(ledger_rows(...))``.
  "Supplement requested" counts those of them that went through at least one supplement round.
* **finished early / on time / late**: dossiers with a result (status 9 or 10) received by the
  unit whose ``finished_at`` falls in the period, classified as
  :func:`counter_app.domain.states.timeliness` classifies them (the ledger's note): late when
  finished after ``due_at``; early when finished on a calendar day before the due day; on time
  otherwise.  ``due_at`` is the dossier's current due time: a supplement received sets a new one, an
  apology letter moves it.
* **returned** and **satisfaction**: dossiers received by the unit whose ``returned_at`` falls in
  the period; satisfaction counts those the citizen rated (1 very satisfied, 2 satisfied, 3 not).
* **in progress on time / late**, close to due, waiting for a supplement, online dossiers waiting:
  a snapshot at ``now`` of the dossiers the unit holds (``custodian_unit_id``), whatever the period,
  because that is the work the unit can still act on.  Dossiers waiting for a supplement have their
  clock stopped and are never counted late.

Targets and Decision 766/QĐ-TTg points
--------------------------------------
* on-time rate = (early + on time) / finished; target 98 %, 96 % for land procedures
  (``Procedure.land``), which are reported separately as well;
* processing progress points = ``PROGRESS_POINTS`` (20) × on-time rate;
* satisfaction points = ``SATISFACTION_POINTS`` × min(1, satisfied share / 90 %), the satisfied
  share being (very satisfied + satisfied) / rated;
* reuse points = ``REUSE_POINTS`` × min(1, reuse share / 80 %), the reuse share being the share of
  received dossiers that reused digitised data (the internal target is 50 %);
* the online share (channel 2 among received dossiers) is shown without points.
A part with nothing to measure (no finished, rated or received dossier) has no points (None).

Efficiency
----------
Every figure is an aggregate query (nothing but counts comes back) on the indexes the schema has —
see "how the queries read the store" below for the details that keep a refresh of the supervisor
screen under 200 ms on 100,000 open dossiers (``bench/bench_supervisor.py``).  Finished and returned
dossiers have no index on ``finished_at``/``returned_at``: they are found through their status (9,
10), so those passes grow with the store's history (an index on each column would make them
proportional to the period instead).
"""

from __future__ import annotations

import csv
import heapq
import io
import threading
import time as time_module
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, literal, union_all
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, or_, select

from counter_app.db.models import (
    Counter,
    Dossier,
    DossierEvent,
    Handover,
    Officer,
    Procedure,
    QueueService,
    QueueTicket,
    Unit,
)
from counter_app.domain.states import Channel, Status
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.services.context import Store
from counter_app.services.errors import ServiceError
from counter_app.services.inbox import ONLINE_RECEPTION_HOURS

ALL_UNITS = "*"

ON_TIME_TARGET = 0.98
LAND_ON_TIME_TARGET = 0.96
SATISFACTION_TARGET = 0.90
REUSE_TARGET = 0.50
REUSE_FULL_MARKS = 0.80
#: Decision 766 points of the parts a counter drives (see the module docstring for the formulas).  Only the
#: 20 points of processing progress are fixed by the design; 18 (satisfaction) and 22 (digitisation,
#: of which reuse is the part a counter drives) are the maxima of those groups as we read the decision.
PROGRESS_POINTS = 20.0
SATISFACTION_POINTS = 18.0
REUSE_POINTS = 22.0

PERIOD_KINDS = ("today", "month", "year", "range")

#: statuses in which the processing clock runs (the dossier can be late)
RUNNING = (Status.RECEIVED, Status.PROCESSING, Status.AWAITING_FEE)
FINISHED_STATUSES = (Status.RESULT_READY, Status.RETURNED)
OPEN_WORK = (*RUNNING, Status.SUPPLEMENT_REQUESTED, Status.REGISTERED_ONLINE, Status.RESULT_READY)


def _ints(statuses: Iterable[Status]) -> list[int]:
    return [int(s) for s in statuses]


# --- periods ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A span of calendar days, both ends included."""

    kind: str  # today | month | year | range
    start: date
    end: date

    @classmethod
    def of(cls, kind: str, now: datetime) -> Period:
        """Today, this month or this year as of ``now`` (the period runs to its end, the future is empty)."""
        day = now.date()
        if kind == "today":
            return cls("today", day, day)
        if kind == "month":
            following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            return cls("month", day.replace(day=1), following - timedelta(days=1))
        if kind == "year":
            return cls("year", date(day.year, 1, 1), date(day.year, 12, 31))
        raise ServiceError("report.bad_period", kind=kind, kinds=", ".join(PERIOD_KINDS[:3]))

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        if end < start:
            raise ServiceError("report.bad_range", start=start.isoformat(), end=end.isoformat())
        return cls("range", start, end)

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """``[start 00:00, day after end 00:00)``: the same instants as the ledger's ``[start, end 23:59:59.999999]``."""
        return datetime.combine(self.start, time.min), datetime.combine(
            self.end + timedelta(days=1), time.min
        )

    @property
    def label(self) -> str:
        """``Hôm nay 20/11/2026``, ``Tháng 11/2026``, ``Năm 2026``, ``Từ 01/11/2026 đến 20/11/2026``."""
        if self.kind == "today":
            return t("indicators.period.today", day=fmt.day(self.start))
        if self.kind == "month":
            return t("indicators.period.month", month=fmt.month(self.start))
        if self.kind == "year":
            return t("indicators.period.year", year=self.start.year)
        return t("indicators.period.range", start=fmt.day(self.start), end=fmt.day(self.end))


def as_period(period: Period | str, now: datetime) -> Period:
    return period if isinstance(period, Period) else Period.of(period, now)


# --- figures ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """``count`` out of ``total``, against ``target`` (a share, e.g. 0.98) when there is one."""

    count: int
    total: int
    target: float | None = None

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None

    @property
    def meets_target(self) -> bool | None:
        share = self.share
        if share is None or self.target is None:
            return None
        return share >= self.target - 1e-12


@dataclass(frozen=True)
class Finished:
    """Dossiers finished in a period, by timeliness."""

    early: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def total(self) -> int:
        return self.early + self.on_time + self.late

    def rate(self, target: float | None = ON_TIME_TARGET) -> Rate:
        return Rate(self.early + self.on_time, self.total, target)

    def __add__(self, other: Finished) -> Finished:
        return Finished(self.early + other.early, self.on_time + other.on_time, self.late + other.late)


@dataclass(frozen=True)
class Points:
    """Decision 766 points of the parts a counter drives; None where there is nothing to measure."""

    progress: float | None
    satisfaction: float | None
    reuse: float | None

    @property
    def total(self) -> float:
        return sum(p for p in (self.progress, self.satisfaction, self.reuse) if p is not None)

    @property
    def maximum(self) -> float:
        return sum(
            m
            for p, m in (
                (self.progress, PROGRESS_POINTS),
                (self.satisfaction, SATISFACTION_POINTS),
                (self.reuse, REUSE_POINTS),
            )
            if p is not None
        )


@dataclass(frozen=True)
class Indicators:
    """The unit's figures for a period (see the module docstring for which dossiers each counts)."""

    period: Period
    unit_id: str
    now: datetime
    # received cohort (the ledger's dossiers)
    received: int = 0
    received_online: int = 0
    received_post: int = 0
    refused: int = 0
    supplement_requested: int = 0
    reused: int = 0
    # finished and returned in the period
    finished_general: Finished = field(default_factory=Finished)
    finished_land: Finished = field(default_factory=Finished)
    returned: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    not_satisfied: int = 0
    # snapshot at ``now`` of the dossiers the unit holds
    in_progress_on_time: int = 0
    in_progress_late: int = 0
    close_to_due: int = 0
    due_today: int = 0
    waiting_supplement: int = 0
    online_waiting: int = 0
    result_waiting: int = 0

    @property
    def received_counter(self) -> int:
        return self.received - self.received_online - self.received_post

    @property
    def finished(self) -> Finished:
        return self.finished_general + self.finished_land

    @property
    def in_progress(self) -> int:
        return self.in_progress_on_time + self.in_progress_late

    @property
    def on_time(self) -> Rate:
        """(early + on time) / finished, against 98 %."""
        return self.finished.rate(ON_TIME_TARGET)

    @property
    def on_time_general(self) -> Rate:
        """The same for procedures other than land ones, against 98 %."""
        return self.finished_general.rate(ON_TIME_TARGET)

    @property
    def on_time_land(self) -> Rate:
        """The same for land procedures, against 96 %."""
        return self.finished_land.rate(LAND_ON_TIME_TARGET)

    @property
    def rated(self) -> int:
        return self.very_satisfied + self.satisfied + self.not_satisfied

    @property
    def satisfaction(self) -> Rate:
        """(very satisfied + satisfied) / rated, against 90 %."""
        return Rate(self.very_satisfied + self.satisfied, self.rated, SATISFACTION_TARGET)

    @property
    def reuse(self) -> Rate:
        """Received dossiers that reused digitised data, against 50 % (full Decision 766 marks at 80 %)."""
        return Rate(self.reused, self.received, REUSE_TARGET)

    @property
    def online(self) -> Rate:
        """Received dossiers submitted online (channel 2)."""
        return Rate(self.received_online, self.received)

    @property
    def points(self) -> Points:
        """Processing progress = 20 × on-time rate; satisfaction = 18 × min(1, share / 90 %);
        reuse = 22 × min(1, share / 80 %)."""
        on_time, satisfied, reuse = self.on_time.share, self.satisfaction.share, self.reuse.share
        return Points(
            progress=None if on_time is None else PROGRESS_POINTS * on_time,
            satisfaction=None
            if satisfied is None
            else SATISFACTION_POINTS * min(1.0, satisfied / SATISFACTION_TARGET),
            reuse=None if reuse is None else REUSE_POINTS * min(1.0, reuse / REUSE_FULL_MARKS),
        )


@dataclass(frozen=True)
class ProcedureFigures:
    """One procedure's line of the report."""

    code: str
    name: str
    land: bool
    received: int = 0
    refused: int = 0
    received_online: int = 0
    reused: int = 0
    finished: Finished = field(default_factory=Finished)
    returned: int = 0
    in_progress: int = 0
    in_progress_late: int = 0

    @property
    def on_time(self) -> Rate:
        return self.finished.rate(LAND_ON_TIME_TARGET if self.land else ON_TIME_TARGET)


@dataclass(frozen=True)
class OfficerFigures:
    """One officer's line: dossiers received (``received_by``) and returned (the ``returned`` event's
    officer), tickets served and the average service time (ticket called → finished)."""

    officer_id: str
    name: str
    received: int = 0
    refused: int = 0
    returned: int = 0
    tickets_served: int = 0
    service_seconds: float = 0.0
    timed_tickets: int = 0

    @property
    def average_service(self) -> timedelta | None:
        if not self.timed_tickets:
            return None
        return timedelta(seconds=round(self.service_seconds / self.timed_tickets))


@dataclass(frozen=True)
class WeekFigures:
    """One week (Monday to Sunday) of the series behind the small charts."""

    start: date
    received: int = 0
    received_online: int = 0
    reused: int = 0
    finished: Finished = field(default_factory=Finished)
    returned: int = 0
    satisfied: int = 0
    rated: int = 0

    @property
    def on_time(self) -> Rate:
        return self.finished.rate()

    @property
    def reuse(self) -> Rate:
        return Rate(self.reused, self.received, REUSE_TARGET)

    @property
    def satisfaction(self) -> Rate:
        return Rate(self.satisfied, self.rated, SATISFACTION_TARGET)

    @property
    def online(self) -> Rate:
        return Rate(self.received_online, self.received)


# --- how the queries read the store -------------------------------------------------------------------------
#
# The figures come from aggregate queries over the dossier table that only use the indexes it has
# (status+due_at, received_at, and the single-column ones).  Two things keep them fast on 100,000 open
# dossiers:
#
# * counts of open work per status are read from the covering index (status, due_at) alone; when the unit
#   holds most of the store's rows, the rows of the *other* units are counted (through the custodian index)
#   and subtracted, instead of checking the unit of 100,000 rows one by one;
# * on SQLite, whose planner would otherwise look each row up through an index even when a range selects
#   most of the table, a range or status that selects more than SCAN_SHARE of the rows is read by a plain
#   scan, and the unit column is never used to pick an index (in a counter's own store it selects nearly
#   everything).  Terms are kept out of index selection with SQLite's documented unary "+"
#   (:class:`unindexed`); PostgreSQL's cost-based planner gets the plain columns.


class unindexed(FunctionElement):
    """``column`` in SQL, but not usable to pick an index on SQLite (rendered ``+column`` there); a function
    element, so that statements using it keep their place in SQLAlchemy's compiled cache."""

    inherit_cache = True

    def __init__(self, column) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _plain_column(element: unindexed, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _sqlite_unindexed(element: unindexed, compiler, **kw) -> str:
    return "+" + compiler.process(element.clauses, **kw)


#: on SQLite, a range selecting more than this share of the dossiers is read by a scan of the table
SCAN_SHARE = 0.15
#: how long the size of the dossier table is trusted when choosing between an index and a scan
SIZE_TTL_S = 60.0
_sizes: dict[tuple[int, str], tuple[float, int]] = {}
_sizes_lock = threading.Lock()


def _is_sqlite(store: Store) -> bool:
    return store.engine.dialect.name == "sqlite"


def _count(session: Session, query) -> int:
    return int(session.exec(query).one() or 0)


def _cached_count(session: Session, store: Store, key: str, query) -> int:
    """A count that only steers the choice of a plan: kept for :data:`SIZE_TTL_S` seconds."""
    cache_key = (id(store.engine), key)
    now = time_module.monotonic()
    with _sizes_lock:
        hit = _sizes.get(cache_key)
    if hit is not None and now - hit[0] < SIZE_TTL_S:
        return hit[1]
    value = _count(session, query)
    with _sizes_lock:
        _sizes[cache_key] = (now, value)
    return value


def _dossier_rows(session: Session, store: Store) -> int:
    return _cached_count(session, store, "dossiers", select(func.count()).select_from(Dossier))


def _scan(session: Session, store: Store, selected) -> bool:
    """SQLite only: True when ``selected`` (a count query answered from an index) is so large a share of the
    dossiers that reading the table in order beats one index lookup per row."""
    if not _is_sqlite(store):
        return False
    total = _dossier_rows(session, store)
    return total > 0 and _count(session, selected) > SCAN_SHARE * total


def _maybe(column, scan: bool):
    return unindexed(column) if scan else column


def _unit(store: Store, unit_id: str | None) -> str:
    return store.unit_id if unit_id is None else str(unit_id)


def _for_unit(query, column, unit: str, store: Store):
    """``query`` restricted to ``unit`` (nothing for :data:`ALL_UNITS`); on SQLite the unit never picks the index."""
    if unit == ALL_UNITS:
        return query
    return query.where((unindexed(column) if _is_sqlite(store) else column) == unit)


def _group(store: Store, column):
    """A GROUP BY column that SQLite must not satisfy by walking an index (one lookup per row)."""
    return unindexed(column) if _is_sqlite(store) else column


def _n(value: Any) -> int:
    return int(value or 0)


def _when(condition) -> Any:
    """1 where ``condition`` holds, else 0: summed, a conditional count (portable SQLite/PostgreSQL)."""
    return case((condition, 1), else_=0)


def _sum(condition) -> Any:
    return func.sum(_when(condition))


EARLY, ON_TIME, LATE = 0, 1, 2


def _timeliness():
    """0 early, 1 on time, 2 late — :func:`counter_app.domain.states.timeliness` in SQL."""
    due, finished = col(Dossier.due_at), col(Dossier.finished_at)
    return case((finished > due, LATE), (func.date(finished) < func.date(due), EARLY), else_=ON_TIME)


def _within(column, start: datetime, end: datetime):
    return and_(column >= start, column < end)


def _week(column, bounds: list[datetime]):
    """Index of the week ``column`` falls in (``bounds`` are the Mondays and the Monday after), else NULL.
    The latest weeks are tested first: that is where most rows fall."""
    weeks = case(*[(column >= bounds[i], i) for i in range(len(bounds) - 2, 0, -1)], else_=0)
    return case((_within(column, bounds[0], bounds[-1]), weeks), else_=None)


def _service_seconds(store: Store):
    """Seconds from a ticket's call to its end, in the store's SQL dialect."""
    called, finished = col(QueueTicket.called_at), col(QueueTicket.finished_at)
    if _is_sqlite(store):
        return (func.julianday(finished) - func.julianday(called)) * 86400.0
    return func.extract("epoch", finished - called)


def _names(session: Session, model, ids: Iterable[str | None], attribute: str = "name") -> dict[str, str]:
    """``{id: name}`` of the rows of ``model`` (Officer, Unit) with those ids."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        row.id: getattr(row, attribute)
        for row in session.exec(select(model).where(col(model.id).in_(wanted)))
    }


# --- period figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodFigures:
    """Everything the period queries yield: the unit's indicators and their breakdowns."""

    indicators: Indicators
    procedures: list[ProcedureFigures]
    officers: list[OfficerFigures]


def _cohort(session: Session, store: Store, unit: str, start: datetime, end: datetime):
    """The received cohort (the ledger's dossiers), per procedure and receiving officer."""
    received = col(Dossier.received_at)
    scan = _scan(
        session, store, select(func.count()).select_from(Dossier).where(_within(received, start, end))
    )
    refused = col(Dossier.status) == int(Status.REFUSED)
    taken = col(Dossier.status) != int(Status.REFUSED)
    query = (
        select(
            Dossier.procedure_code,
            Dossier.received_by,
            _sum(taken),
            _sum(refused),
            _sum(and_(taken, col(Dossier.channel) == int(Channel.ONLINE))),
            _sum(and_(taken, col(Dossier.channel) == int(Channel.POST))),
            _sum(and_(taken, col(Dossier.reused_data).is_(True))),
            _sum(col(Dossier.supplement_rounds) > 0),
        )
        .where(_within(_maybe(received, scan), start, end))
        .group_by(_group(store, Dossier.procedure_code), Dossier.received_by)
    )
    return session.exec(_for_unit(query, Dossier.received_unit_id, unit, store)).all()


def _results(session: Session, store: Store, unit: str, start: datetime, end: datetime):
    """One pass over the dossiers with a result: per procedure, timeliness of those finished in the period
    (None otherwise), whether returned in the period, satisfaction, and who returned it."""
    status = col(Dossier.status)
    scan = _scan(
        session, store, select(func.count()).select_from(Dossier).where(status.in_(_ints(FINISHED_STATUSES)))
    )
    finished_in = _within(col(Dossier.finished_at), start, end)
    returned_in = _within(col(Dossier.returned_at), start, end)
    rows = _for_unit(
        select(
            col(Dossier.id).label("id"),
            _group(store, Dossier.procedure_code).label("procedure_code"),
            case((and_(finished_in, col(Dossier.due_at).is_not(None)), _timeliness()), else_=None).label("t"),
            _when(returned_in).label("r"),
            col(Dossier.satisfaction).label("satisfaction"),
        ).where(_maybe(status, scan).in_(_ints(FINISHED_STATUSES)), or_(finished_in, returned_in)),
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
        select(
            rows.c.procedure_code,
            rows.c.t,
            rows.c.r,
            rows.c.satisfaction,
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
            event.c.officer_id,
            event.c.officer_name,
        )
    )
    return session.exec(query).all()


@dataclass(frozen=True)
class Workload:
    """The open work a unit holds at a moment (see :func:`workload`)."""

    on_time: int = 0
    late: int = 0
    close_to_due: int = 0
    due_today: int = 0
    waiting_supplement: int = 0
    online_waiting: int = 0
    result_waiting: int = 0


def _workload_queries(store: Store, now: datetime, where=None) -> list:
    """Queries yielding ``(status, kind, count)`` rows: every open status counted ("all"), and for the running
    statuses the late ones, those due within a working day ("close") and those due today.

    Without ``where`` each count is a range of the covering (status, due_at) index.  With ``where`` (a unit
    condition) one pass over the matching rows sums the same counts, none of the columns picking an index
    on SQLite but those in ``where``."""
    horizon = close_to_due_horizon(store, now)
    day_start = datetime.combine(now.date(), time.min)
    ranges = {
        "late": lambda due: due < now,
        "close": lambda due: and_(due >= now, due <= horizon),
        "today": lambda due: _within(due, day_start, day_start + timedelta(days=1)),
    }
    status, due = col(Dossier.status), col(Dossier.due_at)
    if where is None:
        parts = [
            select(Dossier.status, literal("all").label("kind"), func.count())
            .where(status.in_(_ints(OPEN_WORK)))
            .group_by(Dossier.status)
        ]
        parts += [
            select(Dossier.status, literal(kind).label("kind"), func.count())
            .where(status.in_(_ints(RUNNING)), condition(due))
            .group_by(Dossier.status)
            for kind, condition in ranges.items()
        ]
        return [union_all(*parts)]
    plain_due = unindexed(due)
    running = col(Dossier.status).in_(_ints(RUNNING))
    return [
        select(
            Dossier.status,
            func.count(),
            *(_sum(and_(running, condition(plain_due))) for condition in ranges.values()),
        )
        .where(unindexed(status).in_(_ints(OPEN_WORK)), where)
        .group_by(_group(store, Dossier.status))
    ]


def workload(store: Store, now: datetime, unit_id: str | None = None) -> Workload:
    """The unit's open dossiers at ``now``: running ones on time / late / due within one working day / due
    today, waiting for a supplement (clock stopped), online ones not taken in, results not yet returned.

    Counted on the (status, due_at) index alone; when the unit holds most of the store's rows, the other
    units' rows are counted through the custodian index and subtracted, so that the unit of each of
    100,000 open dossiers need not be looked up."""
    unit = _unit(store, unit_id)
    custodian = col(Dossier.custodian_unit_id)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    with store.session() as session:
        if unit == ALL_UNITS:
            plans = [(1, None)]
        elif _cached_count(
            session, store, f"held:{unit}", select(func.count()).select_from(Dossier).where(custodian == unit)
        ) * 2 > _dossier_rows(session, store):
            plans = [(1, None), (-1, or_(custodian < unit, custodian > unit))]
        else:
            plans = [(1, custodian == unit)]
        for factor, where in plans:
            for query in _workload_queries(store, now, where):
                for row in session.exec(query).all():
                    if where is None:
                        status, kind, n = row
                        counts[(int(status), kind)] += factor * _n(n)
                        continue
                    for kind, n in zip(("all", "late", "close", "today"), row[1:], strict=True):
                        counts[(int(row[0]), kind)] += factor * _n(n)
    running = [int(s) for s in RUNNING]
    late = sum(counts[(s, "late")] for s in running)
    return Workload(
        on_time=sum(counts[(s, "all")] for s in running) - late,
        late=late,
        close_to_due=sum(counts[(s, "close")] for s in running),
        due_today=sum(counts[(s, "today")] for s in running),
        waiting_supplement=counts[(int(Status.SUPPLEMENT_REQUESTED), "all")],
        online_waiting=counts[(int(Status.REGISTERED_ONLINE), "all")],
        result_waiting=counts[(int(Status.RESULT_READY), "all")],
    )


def _workload_by_procedure(session: Session, store: Store, unit: str, now: datetime):
    """Running dossiers per procedure (reports): all of them, and the late ones."""
    status, due = col(Dossier.status), col(Dossier.due_at)
    query = (
        select(Dossier.procedure_code, func.count(), _sum(due < now))
        .where(status.in_(_ints(RUNNING)))
        .group_by(_group(store, Dossier.procedure_code))
    )
    return session.exec(_for_unit(query, Dossier.custodian_unit_id, unit, store)).all()


def _tickets(session: Session, store: Store, unit: str, start: datetime, end: datetime):
    seconds = _service_seconds(store)
    timed = and_(col(QueueTicket.called_at).is_not(None), col(QueueTicket.finished_at).is_not(None))
    query = (
        select(QueueTicket.officer_id, func.count(), func.sum(case((timed, seconds), else_=0)), _sum(timed))
        .where(
            col(QueueTicket.day) >= start.date(),
            col(QueueTicket.day) < end.date(),
            QueueTicket.status == "done",
            col(QueueTicket.officer_id).is_not(None),
        )
        .group_by(QueueTicket.officer_id)
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
    unit = _unit(store, unit_id)
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
        officer_names = _names(session, Officer, officer_ids, "full_name")

    per_proc: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    per_officer: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(float))
    totals: dict[str, int] = defaultdict(int)
    for code, officer, taken, refused, online, post, reused, supplement in cohort:
        p = per_proc[code]
        p["received"] += _n(taken)
        p["refused"] += _n(refused)
        p["received_online"] += _n(online)
        p["reused"] += _n(reused)
        totals["received_post"] += _n(post)
        totals["supplement_requested"] += _n(supplement)
        if officer:
            per_officer[officer]["received"] += _n(taken)
            per_officer[officer]["refused"] += _n(refused)
    satisfaction: dict[int, int] = defaultdict(int)
    returned_names: dict[str, str] = {}
    for code, timeliness, returned, level, officer, officer_name, n in results:
        p = per_proc[code]
        if timeliness is not None:
            p[("early", "on_time", "late")[int(timeliness)]] += _n(n)
        if _n(returned):
            p["returned"] += _n(n)
            if level is not None:
                satisfaction[int(level)] += _n(n)
            if officer:
                per_officer[officer]["returned"] += _n(n)
                returned_names.setdefault(officer, officer_name)
    for code, running, late in open_rows:
        per_proc[code]["in_progress"] += _n(running)
        per_proc[code]["in_progress_late"] += _n(late)
    for officer, served, seconds, timed in tickets:
        per_officer[officer]["tickets_served"] += _n(served)
        per_officer[officer]["service_seconds"] += float(seconds or 0)
        per_officer[officer]["timed_tickets"] += _n(timed)

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
                finished=Finished(v["early"], v["on_time"], v["late"]),
                returned=v["returned"],
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
        finished_general=sum((r.finished for r in procedure_rows if not r.land), Finished()),
        finished_land=sum((r.finished for r in procedure_rows if r.land), Finished()),
        returned=sum(r.returned for r in procedure_rows),
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


def by_procedure(
    store: Store,
    now: datetime,
    period: Period | str = "today",
    unit_id: str | None = None,
) -> list[ProcedureFigures]:
    """The period's figures per procedure, busiest first."""
    return period_figures(store, now, period, unit_id).procedures


def by_officer(
    store: Store,
    now: datetime,
    period: Period | str = "today",
    unit_id: str | None = None,
) -> list[OfficerFigures]:
    """The period's figures per officer: received, returned, tickets served, average service time."""
    return period_figures(store, now, period, unit_id, by_procedure_workload=False).officers


# --- weekly series --------------------------------------------------------------------------------------------


def week_starts(end: date, weeks: int) -> list[date]:
    """Mondays of the ``weeks`` weeks ending with the week of ``end``, oldest first."""
    last = end - timedelta(days=end.weekday())
    return [last - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def weekly_series(
    store: Store, now: datetime, unit_id: str | None = None, *, weeks: int = 8, end: date | None = None
) -> list[WeekFigures]:
    """Figures of each of the last ``weeks`` weeks (to the week of ``end``, default today), oldest first:
    the same definitions as :func:`indicators` with each week as the period.  Two passes: the received
    cohort (by ``received_at``) and the dossiers with a result (by ``finished_at`` / ``returned_at``)."""
    unit = _unit(store, unit_id)
    starts = week_starts(end or now.date(), max(1, weeks))
    bounds = [datetime.combine(d, time.min) for d in [*starts, starts[-1] + timedelta(weeks=1)]]
    first, last = bounds[0], bounds[-1]
    received_at, finished_at, returned_at = (
        col(Dossier.received_at),
        col(Dossier.finished_at),
        col(Dossier.returned_at),
    )
    status = col(Dossier.status)
    figures: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with store.session() as session:
        scan = _scan(
            session, store, select(func.count()).select_from(Dossier).where(_within(received_at, first, last))
        )
        # one small integer per row (week × 4 + online × 2 + reused): a single sort key for the grouping
        key = (
            _week(received_at, bounds) * 4
            + case((col(Dossier.channel) == int(Channel.ONLINE), 2), else_=0)
            + case((col(Dossier.reused_data).is_(True), 1), else_=0)
        )
        cohort = _for_unit(
            select(key.label("k")).where(
                _within(_maybe(received_at, scan), first, last), status != int(Status.REFUSED)
            ),
            Dossier.received_unit_id,
            unit,
            store,
        ).subquery()
        for k, n in session.exec(select(cohort.c.k, func.count()).group_by(cohort.c.k)).all():
            f = figures[int(k) // 4]
            f["received"] += _n(n)
            f["online"] += _n(n) if int(k) & 2 else 0
            f["reused"] += _n(n) if int(k) & 1 else 0
        scan = _scan(
            session,
            store,
            select(func.count()).select_from(Dossier).where(status.in_(_ints(FINISHED_STATUSES))),
        )
        results = _for_unit(
            select(
                case((col(Dossier.due_at).is_not(None), _week(finished_at, bounds)), else_=None).label("fw"),
                _timeliness().label("t"),
                _week(returned_at, bounds).label("rw"),
                col(Dossier.satisfaction).label("satisfaction"),
            ).where(
                _maybe(status, scan).in_(_ints(FINISHED_STATUSES)),
                or_(_within(finished_at, first, last), _within(returned_at, first, last)),
            ),
            Dossier.received_unit_id,
            unit,
            store,
        ).subquery()
        for fweek, timeliness, rweek, level, n in session.exec(
            select(results.c.fw, results.c.t, results.c.rw, results.c.satisfaction, func.count()).group_by(
                results.c.fw, results.c.t, results.c.rw, results.c.satisfaction
            )
        ).all():
            if fweek is not None:
                figures[int(fweek)][("early", "on_time", "late")[int(timeliness)]] += _n(n)
            if rweek is not None:
                f = figures[int(rweek)]
                f["returned"] += _n(n)
                f["rated"] += _n(n) if level is not None else 0
                f["satisfied"] += _n(n) if level in (1, 2) else 0
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


# --- queue --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ServiceQueue:
    code: str
    name: str
    waiting: int
    waiting_priority: int
    longest_wait: timedelta | None

    @property
    def total(self) -> int:
        return self.waiting + self.waiting_priority


@dataclass(frozen=True)
class CounterState:
    """A counter of the unit now: serving a ticket (since when), idle, or closed."""

    counter_id: str
    number: int
    name: str
    state: str  # serving | idle | closed
    ticket: str | None = None
    since: datetime | None = None
    officer_name: str = ""
    served_today: int = 0

    @property
    def label(self) -> str:
        return t(f"queue_state.{self.state}")


@dataclass(frozen=True)
class Call:
    """A ticket called today (the board shows the last few)."""

    ticket_id: str
    number: str
    counter_number: int | None
    called_at: datetime
    status: str


@dataclass(frozen=True)
class QueueState:
    unit_id: str
    now: datetime
    services: list[ServiceQueue]
    counters: list[CounterState]
    recent_calls: list[Call]
    served_today: int
    no_show_today: int

    @property
    def waiting(self) -> int:
        return sum(s.total for s in self.services)

    @property
    def longest_wait(self) -> timedelta | None:
        waits = [s.longest_wait for s in self.services if s.longest_wait is not None]
        return max(waits) if waits else None


def queue_state(store: Store, now: datetime, unit_id: str | None = None, *, recent: int = 6) -> QueueState:
    """Today's queue of a unit: waiting per service (normal/priority, longest wait), each counter's state,
    the last ``recent`` calls.  A queue belongs to one unit: :data:`ALL_UNITS` means the store's own."""
    unit = _unit(store, unit_id)
    if unit == ALL_UNITS:
        unit = store.unit_id
    day = now.date()
    open_now = store.calendar.is_open(now)
    with store.session() as session:
        services = session.exec(select(QueueService).order_by(QueueService.code)).all()
        waiting = session.exec(
            select(QueueTicket.service, QueueTicket.priority, func.count(), func.min(QueueTicket.issued_at))
            .where(QueueTicket.unit_id == unit, QueueTicket.status == "waiting", QueueTicket.day == day)
            .group_by(QueueTicket.service, QueueTicket.priority)
        ).all()
        called = session.exec(
            select(
                QueueTicket.id,
                QueueTicket.number,
                QueueTicket.counter_id,
                QueueTicket.officer_id,
                QueueTicket.status,
                QueueTicket.called_at,
            )
            .where(
                QueueTicket.unit_id == unit, QueueTicket.day == day, col(QueueTicket.called_at).is_not(None)
            )
            .order_by(col(QueueTicket.called_at).desc(), col(QueueTicket.number).desc())
        ).all()
        counters = session.exec(select(Counter).where(Counter.unit_id == unit).order_by(Counter.number)).all()
        officer_names = _names(session, Officer, {r[3] for r in called if r[4] == "serving"}, "full_name")
    counts: dict[tuple[str, bool], tuple[int, datetime]] = {
        (service, bool(priority)): (int(n), oldest) for service, priority, n, oldest in waiting
    }
    service_rows = []
    known = [(s.code, s.name) for s in services]
    known += [(code, code) for code, _ in counts if code not in {s.code for s in services}]
    for code, name in known:
        normal = counts.get((code, False))
        urgent = counts.get((code, True))
        oldest = [v[1] for v in (normal, urgent) if v is not None]
        service_rows.append(
            ServiceQueue(
                code,
                name,
                normal[0] if normal else 0,
                urgent[0] if urgent else 0,
                max(timedelta(0), now - min(oldest)) if oldest else None,
            )
        )
    numbers = {c.id: c.number for c in counters}
    serving: dict[str, tuple[str, datetime, str]] = {}
    served: dict[str, int] = defaultdict(int)
    for _id, number, counter_id, officer_id, status, called_at in called:
        if status == "serving" and counter_id not in serving:
            serving[counter_id] = (number, called_at, officer_names.get(officer_id, ""))
        if status in ("done", "no_show"):
            served[counter_id] += status == "done"
    active = {r[2] for r in called}
    counter_rows = []
    for c in counters:
        if c.id in serving:
            number, since, officer = serving[c.id]
            counter_rows.append(
                CounterState(c.id, c.number, c.name, "serving", number, since, officer, served[c.id])
            )
        else:
            state = "idle" if open_now and c.id in active else "closed"
            counter_rows.append(CounterState(c.id, c.number, c.name, state, served_today=served[c.id]))
    calls = [
        Call(i, number, numbers.get(counter_id), called_at, status)
        for i, number, counter_id, _o, status, called_at in called[:recent]
    ]
    return QueueState(
        unit,
        now,
        service_rows,
        counter_rows,
        calls,
        served_today=sum(1 for r in called if r[4] == "done"),
        no_show_today=sum(1 for r in called if r[4] == "no_show"),
    )


# --- dossier lists ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DossierItem:
    """One line of a supervisor's dossier list."""

    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    status: int
    channel: int
    received_at: datetime | None
    due_at: datetime | None
    #: overdue (red) | close (amber: due within one working day) | ok
    urgency: str = "ok"
    #: working hours from ``now`` to ``due_at`` (negative once overdue)
    hours_left: float | None = None


@dataclass(frozen=True)
class HandoverItem:
    code: str
    applicant_name: str
    direction: str  # out: sent by the unit, waiting for the receiver | in: sent to the unit, to accept
    other_unit_id: str
    other_unit_name: str
    sent_at: datetime
    sent_by: str
    due_at: datetime | None
    reason: str


@dataclass(frozen=True)
class OnlineItem:
    """An online dossier not yet taken in, with its 8-working-hour reception clock."""

    code: str
    applicant_name: str
    procedure_name: str
    submitted_at: datetime
    deadline: datetime
    hours_left: float

    @property
    def overdue(self) -> bool:
        return self.hours_left <= 0


class WorkingHours:
    """:meth:`WorkCalendar.working_hours_between` for many spans over the same days: each day's office periods
    are looked up once, and the hours of whole days in between come from running totals."""

    def __init__(self, calendar) -> None:
        self.calendar = calendar
        self._periods: dict[date, list[tuple[datetime, datetime]]] = {}
        self._origin: date | None = None
        self._totals: list[float] = [0.0]  # office hours of the days from the origin up to (not including) i

    def _day(self, d: date) -> list[tuple[datetime, datetime]]:
        periods = self._periods.get(d)
        if periods is None:
            periods = self._periods[d] = self.calendar.office_periods(d)
        return periods

    def _before(self, d: date) -> float:
        """Office hours of the whole days from the origin up to ``d`` (excluded)."""
        if self._origin is None or d < self._origin:
            self._origin, self._totals = d - timedelta(days=31), [0.0]
        i = (d - self._origin).days
        while len(self._totals) <= i:
            day = self._origin + timedelta(days=len(self._totals) - 1)
            self._totals.append(
                self._totals[-1] + sum((end - start).total_seconds() for start, end in self._day(day)) / 3600
            )
        return self._totals[i]

    def _within_day(self, d: date, start: datetime, end: datetime) -> float:
        seconds = 0.0
        for period_start, period_end in self._day(d):
            overlap = (min(period_end, end) - max(period_start, start)).total_seconds()
            if overlap > 0:
                seconds += overlap
        return seconds / 3600

    def between(self, start: datetime, end: datetime) -> float:
        """Office hours of working days between ``start`` and ``end`` (naive local); negative when ``end < start``."""
        if end < start:
            return -self.between(end, start)
        first, last = start.date(), end.date()
        if first == last:
            return self._within_day(first, start, end)
        after_first = self._before(
            first + timedelta(days=1)
        )  # the earlier date first: it may move the origin
        whole = self._before(last) - after_first
        return (
            self._within_day(first, start, datetime.combine(first + timedelta(days=1), time.min))
            + whole
            + self._within_day(last, datetime.combine(last, time.min), end)
        )


def close_to_due_horizon(store: Store, now: datetime) -> datetime:
    """Dossiers due from ``now`` up to this moment are close to due (amber): one working day of office hours."""
    return store.calendar.add_working_hours(now, store.calendar.hours_per_day)


def _dossier_query():
    return select(
        Dossier.code,
        Dossier.applicant_name,
        Dossier.procedure_code,
        Procedure.name,
        Dossier.status,
        Dossier.channel,
        Dossier.received_at,
        Dossier.due_at,
    ).join(Procedure, col(Procedure.code) == col(Dossier.procedure_code))


def _items(store: Store, rows, now: datetime) -> list[DossierItem]:
    horizon = close_to_due_horizon(store, now)
    hours_between = WorkingHours(store.calendar).between
    out = []
    for code, name, pcode, pname, status, channel, received_at, due_at in rows:
        urgency, hours = "ok", None
        if due_at is not None and Status(status) in RUNNING:
            hours = hours_between(now, due_at)
            if due_at < now:
                urgency = "overdue"
            elif due_at <= horizon:
                urgency = "close"
        out.append(
            DossierItem(
                code, name, pcode, pname, int(status), int(channel), received_at, due_at, urgency, hours
            )
        )
    return out


def _running_by_due(store: Store, unit: str, condition, limit: int, *, descending: bool = False):
    """Running dossiers matching ``condition`` on ``due_at``, ordered by due time: one index range per status,
    merged (no sort of the whole set)."""
    streams = []
    with store.session() as session:
        for status in RUNNING:
            order = col(Dossier.due_at).desc() if descending else col(Dossier.due_at)
            query = (
                _dossier_query()
                .where(col(Dossier.status) == int(status), condition)
                .order_by(order, col(Dossier.code))
                .limit(limit)
            )
            streams.append(session.exec(_for_unit(query, Dossier.custodian_unit_id, unit, store)).all())
    merged = heapq.merge(*streams, key=lambda r: (r[7], r[0]), reverse=descending)
    return list(merged)[:limit]


def overdue(
    store: Store, now: datetime, unit_id: str | None = None, *, limit: int = 200
) -> list[DossierItem]:
    """Dossiers the unit holds whose clock runs and whose due time has passed, the oldest due first."""
    unit = _unit(store, unit_id)
    rows = _running_by_due(
        store, unit, and_(col(Dossier.due_at).is_not(None), col(Dossier.due_at) < now), limit
    )
    return _items(store, rows, now)


def close_to_due(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    limit: int = 200,
) -> list[DossierItem]:
    """Running dossiers due within one working day from ``now`` (amber), the soonest first."""
    unit = _unit(store, unit_id)
    horizon = close_to_due_horizon(store, now)
    rows = _running_by_due(
        store, unit, and_(col(Dossier.due_at) >= now, col(Dossier.due_at) <= horizon), limit
    )
    return _items(store, rows, now)


def due_today(
    store: Store, now: datetime, unit_id: str | None = None, *, limit: int = 200
) -> list[DossierItem]:
    """Running dossiers due on ``now``'s day (those already past their time are overdue), earliest first."""
    unit = _unit(store, unit_id)
    start = datetime.combine(now.date(), time.min)
    rows = _running_by_due(
        store,
        unit,
        and_(col(Dossier.due_at) >= start, col(Dossier.due_at) < start + timedelta(days=1)),
        limit,
    )
    return _items(store, rows, now)


def received_today(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    limit: int = 200,
) -> list[DossierItem]:
    """Dossiers the unit received (or refused) today, latest first — today's rows of the ledger."""
    unit = _unit(store, unit_id)
    start = datetime.combine(now.date(), time.min)
    query = (
        _dossier_query()
        .where(col(Dossier.received_at) >= start, col(Dossier.received_at) < start + timedelta(days=1))
        .order_by(col(Dossier.received_at).desc(), col(Dossier.code).desc())
        .limit(limit)
    )
    with store.session() as session:
        rows = session.exec(_for_unit(query, Dossier.received_unit_id, unit, store)).all()
    return _items(store, rows, now)


def handovers_pending(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    limit: int = 200,
) -> list[HandoverItem]:
    """Handovers not yet accepted: sent by the unit (out) and sent to it (in), the oldest first."""
    unit = _unit(store, unit_id)
    query = (
        select(Handover, Dossier.code, Dossier.applicant_name, Dossier.due_at)
        .join(Dossier, col(Dossier.id) == col(Handover.dossier_id))
        .where(Handover.state == "sent")
        .order_by(col(Handover.sent_at), col(Dossier.code))
        .limit(limit)
    )
    if unit != ALL_UNITS:
        query = query.where(or_(col(Handover.from_unit_id) == unit, col(Handover.to_unit_id) == unit))
    with store.session() as session:
        rows = session.exec(query).all()
        names = _names(session, Unit, {h.from_unit_id for h, *_ in rows} | {h.to_unit_id for h, *_ in rows})
    out = []
    for h, code, applicant, due_at in rows:
        outgoing = unit == ALL_UNITS or h.from_unit_id == unit
        other = h.to_unit_id if outgoing else h.from_unit_id
        out.append(
            HandoverItem(
                code,
                applicant,
                "out" if outgoing else "in",
                other,
                names.get(other, other),
                h.sent_at,
                h.sent_by,
                due_at,
                h.reason,
            )
        )
    return out


def online_pending(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    limit: int = 200,
) -> list[OnlineItem]:
    """Online dossiers the unit has not taken in yet, with the working hours left on their 8-hour reception
    clock (as :func:`counter_app.services.inbox.items` counts them), the most urgent first."""
    unit = _unit(store, unit_id)
    query = (
        select(Dossier.code, Dossier.applicant_name, Procedure.name, Dossier.submitted_at, Dossier.updated_at)
        .join(Procedure, col(Procedure.code) == col(Dossier.procedure_code))
        .where(col(Dossier.status) == int(Status.REGISTERED_ONLINE))
        .order_by(col(Dossier.submitted_at), col(Dossier.code))
        .limit(limit)
    )
    with store.session() as session:
        rows = session.exec(_for_unit(query, Dossier.custodian_unit_id, unit, store)).all()
    cal = store.calendar
    hours_between = WorkingHours(cal).between
    out = []
    for code, applicant, procedure_name, submitted_at, updated_at in rows:
        arrived = submitted_at or updated_at
        deadline = cal.add_working_hours(arrived, ONLINE_RECEPTION_HOURS)
        out.append(
            OnlineItem(code, applicant, procedure_name, arrived, deadline, hours_between(now, deadline))
        )
    return sorted(out, key=lambda item: (item.deadline, item.code))


# --- the supervisor screen's refresh ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SupervisorSnapshot:
    """Everything the live supervisor screen shows, read in one refresh."""

    now: datetime
    unit_id: str
    period: Period
    queue: QueueState
    figures: PeriodFigures
    weekly: list[WeekFigures]
    overdue: list[DossierItem]
    close_to_due: list[DossierItem]
    online: list[OnlineItem]
    handovers: list[HandoverItem]

    @property
    def indicators(self) -> Indicators:
        return self.figures.indicators

    @property
    def attention(self) -> list[DossierItem]:
        """Overdue (oldest due first), then close to due (soonest first)."""
        return [*self.overdue, *self.close_to_due]


def supervisor_snapshot(
    store: Store,
    now: datetime,
    unit_id: str | None = None,
    *,
    period: Period | str = "today",
    weeks: int = 8,
    limit: int = 200,
    weekly: list[WeekFigures] | None = None,
    actor=None,
) -> SupervisorSnapshot:
    """One refresh of the supervisor screen: the queue, the period's figures, the weekly series and the lists.

    ``weekly``, when given, is used as the weekly series instead of reading it again (the screen refreshes
    the 8-week trend less often than the live figures). ``actor``, when given (the screens always give
    it), must be a supervisor or an administrator: the service refuses the others, whatever the screen shows."""
    if actor is not None:
        from counter_app.services.auth import require_role

        require_role(actor, "supervisor")
    unit = _unit(store, unit_id)
    return SupervisorSnapshot(
        now=now,
        unit_id=unit,
        period=as_period(period, now),
        queue=queue_state(store, now, unit),
        figures=period_figures(store, now, period, unit, by_procedure_workload=False),
        weekly=weekly if weekly is not None else weekly_series(store, now, unit, weeks=weeks),
        overdue=overdue(store, now, unit, limit=limit),
        close_to_due=close_to_due(store, now, unit, limit=limit),
        online=online_pending(store, now, unit, limit=limit),
        handovers=handovers_pending(store, now, unit, limit=limit),
    )


# --- the report ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorReport:
    """The indicators report of a unit for a period (CSV and PDF)."""

    unit_id: str
    unit_name: str
    period: Period
    now: datetime
    figures: PeriodFigures
    weekly: list[WeekFigures]

    @property
    def indicators(self) -> Indicators:
        return self.figures.indicators


def report(
    store: Store, now: datetime, period: Period | str, unit_id: str | None = None, *, weeks: int = 8
) -> IndicatorReport:
    """The report's figures; the weekly series runs to the end of the period (or today, if earlier)."""
    period = as_period(period, now)
    unit = _unit(store, unit_id)
    if unit == ALL_UNITS:
        name = t("indicators.all_units")
    else:
        with store.session() as session:
            row = session.get(Unit, unit)
            name = row.name if row is not None else unit
    figures = period_figures(store, now, period, unit)
    weekly = weekly_series(store, now, unit, weeks=weeks, end=min(period.end, now.date()))
    return IndicatorReport(unit, name, period, now, figures, weekly)


def verdict(rate: Rate) -> str:
    met = rate.meets_target
    return "" if met is None else t("indicators.met" if met else "indicators.not_met")


def summary_rows(ind: Indicators) -> list[tuple[str, str, str, str]]:
    """(indicator, value, target, verdict) lines, shared by the CSV, the PDF and the screen."""

    def rate_row(key: str, rate: Rate) -> tuple[str, str, str, str]:
        value = f"{fmt.percent(rate.share)} ({rate.count}/{rate.total})"
        return (t(key), value, fmt.percent(rate.target, 0) if rate.target is not None else "", verdict(rate))

    def count_row(key: str, value: int) -> tuple[str, str, str, str]:
        return (t(key), str(value), "", "")

    return [
        count_row("indicators.received", ind.received),
        count_row("indicators.received_online", ind.received_online),
        count_row("indicators.refused", ind.refused),
        count_row("indicators.supplement_requested", ind.supplement_requested),
        count_row("indicators.finished", ind.finished.total),
        count_row("indicators.early", ind.finished.early),
        count_row("indicators.on_time", ind.finished.on_time),
        count_row("indicators.late", ind.finished.late),
        count_row("indicators.returned", ind.returned),
        count_row("indicators.in_progress_on_time", ind.in_progress_on_time),
        count_row("indicators.in_progress_late", ind.in_progress_late),
        count_row("indicators.waiting_supplement", ind.waiting_supplement),
        count_row("indicators.online_waiting", ind.online_waiting),
        rate_row("indicators.on_time_rate", ind.on_time),
        rate_row("indicators.on_time_rate_general", ind.on_time_general),
        rate_row("indicators.on_time_rate_land", ind.on_time_land),
        rate_row("indicators.reuse_rate", ind.reuse),
        count_row("indicators.very_satisfied", ind.very_satisfied),
        count_row("indicators.satisfied", ind.satisfied),
        count_row("indicators.not_satisfied", ind.not_satisfied),
        rate_row("indicators.satisfaction_rate", ind.satisfaction),
        rate_row("indicators.online_rate", ind.online),
    ]


def points_rows(ind: Indicators) -> list[tuple[str, str, str]]:
    """(part, points, maximum) of Decision 766, with the total."""
    p = ind.points
    return [
        (t("indicators.points.progress"), fmt.points(p.progress), fmt.points(PROGRESS_POINTS)),
        (t("indicators.points.satisfaction"), fmt.points(p.satisfaction), fmt.points(SATISFACTION_POINTS)),
        (t("indicators.points.reuse"), fmt.points(p.reuse), fmt.points(REUSE_POINTS)),
        (t("indicators.points.total"), fmt.points(p.total), fmt.points(p.maximum)),
    ]


def indicators_csv(rep: IndicatorReport) -> bytes:
    """The report as CSV, UTF-8 with a byte-order mark (Excel then shows the diacritics), sections one after
    another: summary, Decision 766 points, by procedure, by officer, by week."""
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\r\n")
    ind = rep.indicators
    w.writerow([t("indicators.report_title")])
    w.writerow([t("indicators.unit"), f"{rep.unit_name} ({rep.unit_id})"])
    w.writerow([t("indicators.period"), rep.period.label])
    w.writerow([t("indicators.as_of"), fmt.moment(rep.now)])
    w.writerow([])
    w.writerow(t("indicators.csv.summary_columns").split("|"))
    w.writerows(summary_rows(ind))
    w.writerow([])
    w.writerow(t("indicators.csv.points_columns").split("|"))
    w.writerows(points_rows(ind))
    w.writerow([])
    w.writerow(t("indicators.csv.procedure_columns").split("|"))
    for p in rep.figures.procedures:
        w.writerow(
            [
                p.code,
                p.name,
                t("indicators.yes") if p.land else "",
                p.received,
                p.refused,
                p.finished.total,
                p.finished.early,
                p.finished.on_time,
                p.finished.late,
                fmt.percent(p.on_time.share),
                p.returned,
                p.in_progress,
                p.in_progress_late,
            ]
        )
    w.writerow([])
    w.writerow(t("indicators.csv.officer_columns").split("|"))
    for o in rep.figures.officers:
        w.writerow(
            [o.name, o.received, o.refused, o.returned, o.tickets_served, fmt.duration(o.average_service)]
        )
    w.writerow([])
    w.writerow(t("indicators.csv.week_columns").split("|"))
    for wk in rep.weekly:
        w.writerow(
            [
                fmt.day(wk.start),
                wk.received,
                wk.finished.total,
                fmt.percent(wk.on_time.share),
                fmt.percent(wk.reuse.share),
                fmt.percent(wk.satisfaction.share),
                fmt.percent(wk.online.share),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


_PDF_SHARED_TEXTS = {
    "title": "indicators.report_title",
    "period": "indicators.period",
    "unit": "indicators.unit",
    "as_of": "indicators.as_of",
}


def pdf_texts(names: Iterable[str]) -> dict[str, str]:
    """The words of the PDF report (placeholders such as ``{time}`` left for the renderer)."""
    return {name: t(_PDF_SHARED_TEXTS.get(name, f"indicators.pdf.{name}")) for name in names}


def report_pdf(store: Store, rep: IndicatorReport, *, printed_at: datetime | None = None) -> bytes:
    """The report as an A4 PDF (:mod:`counter_app.printing.indicators_report`)."""
    from counter_app.printing.indicators_report import (
        TEXTS,
        IndicatorsReportData,
        OfficerLine,
        ProcedureLine,
        WeekPoint,
        render_indicators_report,
    )
    from counter_app.services.printing_service import unit_info

    with store.session() as session:
        unit = session.get(Unit, rep.unit_id if rep.unit_id != ALL_UNITS else store.unit_id)
        if unit is None:
            raise ServiceError("lookup.unit_not_found", code=rep.unit_id)
        info = unit_info(unit)
    ind = rep.indicators
    label = rep.unit_name if rep.unit_id == ALL_UNITS else f"{rep.unit_name} ({rep.unit_id})"
    data = IndicatorsReportData(
        unit=info,
        unit_label=label,
        period_label=rep.period.label,
        as_of=rep.now,
        printed_at=printed_at or rep.now,
        summary=summary_rows(ind),
        points=points_rows(ind),
        procedures=[
            ProcedureLine(
                p.name,
                p.land,
                p.received,
                p.finished.total,
                p.finished.early,
                p.finished.on_time,
                p.finished.late,
                fmt.percent(p.on_time.share),
                p.returned,
            )
            for p in rep.figures.procedures
        ],
        officers=[
            OfficerLine(o.name, o.received, o.returned, o.tickets_served, fmt.duration(o.average_service))
            for o in rep.figures.officers
        ],
        weeks=[
            WeekPoint(
                w.start, w.received, w.finished.total, w.on_time.share, w.reuse.share, w.satisfaction.share
            )
            for w in rep.weekly
        ],
        texts=pdf_texts(TEXTS),
    )
    return render_indicators_report(data)
