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

The digitisation figures read a dossier's components (``dossier_document``) and the citizen's store
(``citizen_document``) only through correlated subqueries on their indexed columns
(``dossier_document.dossier_id``, ``citizen_document.citizen_id``), once per dossier the period already
selected: their cost follows the period, never the size of those tables (:func:`components_digitised`,
:func:`reused_components`, :func:`result_in_citizen_store`).
"""

from __future__ import annotations

import threading
import time as time_module
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, and_, case, exists, func, literal, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, select
from sqlmodel.sql import expression as sqlmodel_expression
from sqlmodel.sql.expression import SelectOfScalar

from counter_app.db.models import CitizenDocument, Dossier, DossierDocument, QueueTicket
from counter_app.domain.states import Status
from counter_app.services.context import Store
from counter_app.services.indicators.figures import FINISHED_STATUSES, SUPPLEMENT_REQUESTS_ALLOWED
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


def citizen_rating() -> ColumnElement[int | None]:
    """The dossier's rating when the citizen gave it (on the counter's tablet, ``services.rating``), else NULL:
    a rating an officer keyed in, before issue 16, is not the citizen's and Decision 766's satisfaction
    indicator (5.4) does not count it."""
    return case((col(Dossier.satisfaction_by) == "citizen", col(Dossier.satisfaction)), else_=None)


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
    later = [(column >= bounds[i], i) for i in range(len(bounds) - 2, 0, -1)]
    weeks: Any = (
        case(*later, else_=0) if later else literal(0)
    )  # one week: no WHEN to test (CASE ELSE is invalid)
    return case((within(column, bounds[0], bounds[-1]), weeks), else_=None)


def service_seconds(store: Store) -> ColumnElement[Any]:
    """Seconds from a ticket's call to its end, in the store's SQL dialect."""
    called, finished = col(QueueTicket.called_at), col(QueueTicket.finished_at)
    if is_sqlite(store):
        return (func.julianday(finished) - func.julianday(called)) * 86400.0
    return func.extract("epoch", finished - called)


# --- digitised files ----------------------------------------------------------------------------------------


def has_file(file_hash: Any, file_size: Any) -> ColumnElement[bool]:
    """A row that names a digitised file: a hash and a size, as
    :meth:`counter_app.domain.file_ref.FileRef.from_columns` reads one (a hash without a size is what the
    demo wrote before files were kept, and names no file)."""
    return and_(file_hash != "", file_size > 0)


def components_digitised() -> ColumnElement[Any]:
    """Per dossier: 1 when every component received (``received``) carries a file, 0 when one lacks it,
    NULL when no component was received (such a dossier is not digitised). One correlated aggregate on
    ``dossier_document.dossier_id`` (indexed)."""
    part = DossierDocument
    return (
        select(
            func.min(case((has_file(col(part.file_hash), col(part.file_size)), 1), else_=0)),
        )
        .where(col(part.dossier_id) == col(Dossier.id), col(part.received).is_(True))
        .correlate(Dossier)
        .scalar_subquery()
    )


def reused_component() -> ColumnElement[bool]:
    """A component actually reused from the citizen's data store: marked ``reused`` and attached to what the
    store holds — its file, or at least the stored document (``citizen_document_id``). The checkbox alone
    (``reused`` with neither) is not a reuse."""
    part = DossierDocument
    return and_(
        col(part.reused).is_(True),
        or_(has_file(col(part.file_hash), col(part.file_size)), col(part.citizen_document_id).is_not(None)),
    )


def reused_components() -> ColumnElement[Any]:
    """Per dossier: how many of its components were reused from the citizen's store
    (:func:`reused_component`); a correlated count on ``dossier_document.dossier_id`` (indexed)."""
    part = DossierDocument
    return (
        select(func.count())
        .where(col(part.dossier_id) == col(Dossier.id), reused_component())
        .correlate(Dossier)
        .scalar_subquery()
    )


def reused_any() -> ColumnElement[bool]:
    """Per dossier: at least one component reused from the citizen's store (:func:`reused_component`)."""
    part = DossierDocument
    return exists().where(col(part.dossier_id) == col(Dossier.id), reused_component()).correlate(Dossier)


def result_digitised() -> ColumnElement[bool]:
    """The dossier's result, when it exists (status 9 result ready or 10 returned), carries its file; true
    for a dossier with no result yet."""
    status = col(Dossier.status)
    return or_(
        status.not_in(status_ints(FINISHED_STATUSES)),
        has_file(col(Dossier.result_file_hash), col(Dossier.result_file_size)),
    )


def digitised_sql() -> ColumnElement[bool]:
    """The dossier is digitised (Decision 766/QĐ-TTg, formula 4.2; see
    :func:`counter_app.services.indicators.figures.digitisation_points`): every received component has a
    file (and at least one was received) and so has its result once it exists."""
    return and_(components_digitised() == 1, result_digitised())


def result_in_citizen_store() -> ColumnElement[bool]:
    """Per dossier: its digitised result is kept in the applicant's data store as an e-result — a
    ``citizen_document`` of the dossier's citizen, source ``result``, with a file, being the dossier's own
    result (same file, or provenance ``dossier_code``). Looked up through ``citizen_document.citizen_id``
    (indexed)."""
    held = CitizenDocument
    return and_(
        has_file(col(Dossier.result_file_hash), col(Dossier.result_file_size)),
        exists()
        .where(
            col(held.citizen_id) == col(Dossier.citizen_id),
            col(held.source) == "result",
            has_file(col(held.file_hash), col(held.file_size)),
            or_(
                col(held.file_hash) == col(Dossier.result_file_hash),
                col(held.dossier_code) == col(Dossier.code),
            ),
        )
        .correlate(Dossier),
    )
