"""Which unit a read-only query covers, and the names of the rows it mentions.

The read-only services (the indicators, the queue state, the reports) take a unit filter: a unit id;
``None`` means the store's own unit and :data:`ALL_UNITS` (``"*"``) every unit (the central store).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlmodel import Session, col, select

from counter_app.db.models import Officer, Unit
from counter_app.services.context import Store

ALL_UNITS = "*"

#: a table whose rows :func:`display_names` names
Named = TypeVar("Named", Officer, Unit)


def unit_scope(store: Store, unit_id: str | None) -> str:
    """The unit a query covers: ``unit_id`` (:data:`ALL_UNITS` included), or the store's own when None."""
    return store.unit_id if unit_id is None else str(unit_id)


def display_names(
    session: Session, model: type[Named], ids: Iterable[str | None], attribute: str = "name"
) -> dict[str, str]:
    """``{id: name}`` of the rows of ``model`` (Officer, Unit) with those ids."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {
        row.id: getattr(row, attribute)
        for row in session.exec(select(model).where(col(model.id).in_(wanted)))
    }
