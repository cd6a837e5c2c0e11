"""What "in the period" means, written once for the tracking ledger and the indicators (issue 15).

A dossier counts in a period for a figure when **its moment of the counted kind** falls in the period:

* **received** (and refused: a refusal is a reception answered «không tiếp nhận») — ``received_at``;
* **finished** (a result: status 9 or 10, early / on time / late) — ``finished_at``;
* **returned** (the result handed to the applicant, satisfaction) — ``returned_at``.

So a dossier received in October and finished in November counts in November's «finished» and not in its
«received».  The ledger lists every dossier of the unit with at least one of the three moments in the period
(:func:`any_in_period`) and totals each kind with :func:`counts_in` — the same numbers as the indicators
(:mod:`counter_app.services.indicators.period_figures`), which select with :func:`in_period`.  Both print
:func:`definition` so that the reader knows which dossiers were counted.

The unit is the receiving unit (``received_unit_id``) for all three kinds; a period is
``[first day 00:00, day after the last 00:00)`` (:attr:`~counter_app.services.indicators.periods.Period.bounds`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from sqlalchemy import or_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from counter_app.db.models import Dossier
from counter_app.domain import states
from counter_app.locale import t
from counter_app.services.indicators.figures import late_by_supplements
from counter_app.services.indicators.sql import within

Kind = Literal["received", "finished", "returned"]
KINDS: tuple[Kind, ...] = ("received", "finished", "returned")


def moment_column(kind: Kind) -> Any:
    """The dossier's column holding its moment of ``kind``."""
    columns = {
        "received": Dossier.received_at,
        "finished": Dossier.finished_at,
        "returned": Dossier.returned_at,
    }
    return col(columns[kind])


def in_period(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    """``start <= column < end`` (SQL): ``column`` being :func:`moment_column` of the counted kind, or that
    column kept out of index selection (:func:`counter_app.services.indicators.sql.unindexed_if`)."""
    return within(column, start, end)


def any_in_period(start: datetime, end: datetime) -> ColumnElement[bool]:
    """The dossier has at least one counted moment in ``[start, end)``: the ledger's rows."""
    return or_(*(in_period(moment_column(kind), start, end) for kind in KINDS))


def counts_in(moment: datetime | None, start: datetime, end: datetime) -> bool:
    """:func:`in_period` for a moment read back (Python): the ledger's totals."""
    return moment is not None and start <= moment < end


def counted_timeliness(finished_at: datetime, due_at: datetime, supplement_rounds: int) -> states.Timeliness:
    """Early / on time / late as the indicators count it (:func:`counter_app.services.indicators.sql.timeliness_sql`):
    :func:`counter_app.domain.states.timeliness`, and late with more than one supplement request (Decision
    766/QĐ-TTg, :func:`~counter_app.services.indicators.figures.late_by_supplements`)."""
    if late_by_supplements(supplement_rounds):
        return states.Timeliness.LATE
    return states.timeliness(finished_at, due_at)


def definition() -> str:
    """The line the ledger and the indicators report print about which dossiers they count."""
    return t("report_fixes.definition")
