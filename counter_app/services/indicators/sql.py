"""How the indicator queries read the store: the SQL pieces they share and the choice of plan.

The figures come from aggregate queries over the dossier table that only use the indexes it has
(status+due_at, received_at, and the single-column ones).  Two things keep them fast on 100,000 open
dossiers:

* counts of open work per status are read from the covering index (status, due_at) alone; when the unit
  holds most of the store's rows, the rows of the *other* units are counted (through the custodian index)
  and subtracted, instead of checking the unit of 100,000 rows one by one
  (:func:`counter_app.services.indicators.workload.workload`);
* on SQLite, whose planner would otherwise look each row up through an index even when a range selects
  most of the table, a range or status that selects more than :data:`SCAN_SHARE` of the rows is read by a
  plain scan, and the unit column is never used to pick an index (in a counter's own store it selects
  nearly everything).  Terms are kept out of index selection with SQLite's documented unary "+"
  (:class:`unindexed`); PostgreSQL's cost-based planner gets the plain columns.

Finished and returned dossiers have no index on ``finished_at``/``returned_at``: they are found through
their status (9, 10), so those passes grow with the store's history (an index on each column would make
them proportional to the period instead).
"""

from __future__ import annotations

import threading
import time as time_module
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, case, func
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, select
from sqlmodel.sql import expression as sqlmodel_expression
from sqlmodel.sql.expression import SelectOfScalar

from counter_app.db.models import Dossier, QueueTicket
from counter_app.domain.states import Status
from counter_app.services.context import Store
from counter_app.services.indicators.figures import SUPPLEMENT_REQUESTS_ALLOWED
from counter_app.services.scope import ALL_UNITS

#: a SELECT of any columns (sqlmodel's Select and SelectOfScalar are SQLAlchemy's Select)
Query = TypeVar("Query", bound=Select[*tuple[Any, ...]])


def select_columns(*columns: Any) -> sqlmodel_expression.Select[*tuple[Any, ...]]:
    """``select(*columns)`` for more columns than sqlmodel's ``select()`` has typed overloads for (four): the
    same statement (sqlmodel's :class:`~sqlmodel.sql.expression.Select`), its rows typed as tuples of Any."""
    return sqlmodel_expression.Select(*columns)


def status_ints(statuses: Iterable[Status]) -> list[int]:
    return [int(s) for s in statuses]


class unindexed(FunctionElement[Any]):
    """``column`` in SQL, but not usable to pick an index on SQLite (rendered ``+column`` there); a function
    element, so that statements using it keep their place in SQLAlchemy's compiled cache."""

    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed)
def _plain_column(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _sqlite_unindexed(element: unindexed, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.clauses, **kw)


#: on SQLite, a range selecting more than this share of the dossiers is read by a scan of the table
SCAN_SHARE = 0.15
#: how long the size of the dossier table is trusted when choosing between an index and a scan
SIZE_TTL_S = 60.0
_sizes: dict[tuple[int, str], tuple[float, int]] = {}
_sizes_lock = threading.Lock()


def is_sqlite(store: Store) -> bool:
    return store.engine.dialect.name == "sqlite"


def _count(session: Session, query: SelectOfScalar[int]) -> int:
    return int(session.exec(query).one() or 0)


def cached_count(session: Session, store: Store, key: str, query: SelectOfScalar[int]) -> int:
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


def dossier_rows(session: Session, store: Store) -> int:
    return cached_count(session, store, "dossiers", select(func.count()).select_from(Dossier))


def prefers_scan(session: Session, store: Store, selected: SelectOfScalar[int]) -> bool:
    """SQLite only: True when ``selected`` (a count query answered from an index) is so large a share of the
    dossiers that reading the table in order beats one index lookup per row."""
    if not is_sqlite(store):
        return False
    total = dossier_rows(session, store)
    return total > 0 and _count(session, selected) > SCAN_SHARE * total


def unindexed_if(column: Any, scan: bool) -> Any:
    """``column`` kept out of index selection when the query scans (:func:`prefers_scan`)."""
    return unindexed(column) if scan else column


def for_unit(query: Query, column: Any, unit: str, store: Store) -> Query:
    """``query`` restricted to ``unit`` (nothing for :data:`ALL_UNITS`); on SQLite the unit never picks
    the index."""
    if unit == ALL_UNITS:
        return query
    return query.where((unindexed(column) if is_sqlite(store) else column) == unit)


def group_column(store: Store, column: Any) -> Any:
    """A GROUP BY column that SQLite must not satisfy by walking an index (one lookup per row)."""
    return unindexed(column) if is_sqlite(store) else column


def as_int(value: Any) -> int:
    """A count as read back (None for an empty sum) as an int."""
    return int(value or 0)


def one_when(condition: ColumnElement[bool]) -> Any:
    """1 where ``condition`` holds, else 0: summed, a conditional count (portable SQLite/PostgreSQL)."""
    return case((condition, 1), else_=0)


def count_when(condition: ColumnElement[bool]) -> Any:
    """How many rows ``condition`` holds for (a conditional count)."""
    return func.sum(one_when(condition))


EARLY, ON_TIME, LATE = 0, 1, 2


def timeliness_sql() -> ColumnElement[int]:
    """0 early, 1 on time, 2 late — :func:`counter_app.domain.states.timeliness` in SQL, with Decision
    766's rule that a dossier with more than one supplement request counts as late
    (:func:`counter_app.services.indicators.figures.late_by_supplements`)."""
    due, finished = col(Dossier.due_at), col(Dossier.finished_at)
    return case(
        (col(Dossier.supplement_rounds) > SUPPLEMENT_REQUESTS_ALLOWED, LATE),
        (finished > due, LATE),
        (func.date(finished) < func.date(due), EARLY),
        else_=ON_TIME,
    )


def within(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    """``start <= column < end``."""
    return and_(column >= start, column < end)


def week_index(column: Any, bounds: list[datetime]) -> ColumnElement[Any]:
    """Index of the week ``column`` falls in (``bounds`` are the Mondays and the Monday after), else NULL.
    The latest weeks are tested first: that is where most rows fall."""
    weeks = case(*[(column >= bounds[i], i) for i in range(len(bounds) - 2, 0, -1)], else_=0)
    return case((within(column, bounds[0], bounds[-1]), weeks), else_=None)


def service_seconds(store: Store) -> ColumnElement[Any]:
    """Seconds from a ticket's call to its end, in the store's SQL dialect."""
    called, finished = col(QueueTicket.called_at), col(QueueTicket.finished_at)
    if is_sqlite(store):
        return (func.julianday(finished) - func.julianday(called)) * 86400.0
    return func.extract("epoch", finished - called)
