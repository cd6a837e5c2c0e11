"""Which unit a query covers, which dossiers a unit may see, and the names of the rows it mentions.

The read-only services (the indicators, the queue state, the reports) take a unit filter: a unit id;
``None`` means the store's own unit and :data:`ALL_UNITS` (``"*"``) every unit (the central store).

:func:`dossier_visible_to` is the one rule of which dossiers an officer's unit may find, list and open
(F4, the command palette, a scanned code, the dossier screen): every lookup of a dossier by code or by text
adds its condition to the query, so a dossier outside it is answered exactly like one that does not exist
("not found", never "forbidden", which would tell that it exists).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, exists, or_, select

from counter_app.db.models import Dossier, Handover, Officer, Unit
from counter_app.services.context import Store

ALL_UNITS = "*"
#: the states of a handover to a unit that let it see the dossier: offered to it, taken in, or sent back by it
HANDED_STATES = ("sent", "accepted", "returned")

#: a table whose rows :func:`display_names` names
Named = TypeVar("Named", Officer, Unit)


def unit_scope(store: Store, unit_id: str | None) -> str:
    """The unit a query covers: ``unit_id`` (:data:`ALL_UNITS` included), or the store's own when None."""
    return store.unit_id if unit_id is None else str(unit_id)


def dossier_visible_to(unit_id: str) -> ColumnElement[bool]:
    """The condition on :class:`Dossier` rows that ``unit_id`` may see.

    A unit sees a dossier it received, holds (custodian), returns the result of, or that was handed to it
    (a handover to the unit, offered, accepted or sent back): the one-stop unit handles the dossiers it
    received or was transferred (Decree 61/2018/NĐ-CP, art. 14 and 15; Circular 03/2025/TT-VPCP, Mẫu 06),
    and personal data is processed only for that purpose (Decree 13/2023/NĐ-CP, art. 3).
    :data:`ALL_UNITS` sees every dossier (the central store's own tools)."""
    if unit_id == ALL_UNITS:
        return col(Dossier.id).is_not(None)
    unit = str(unit_id)
    handed = exists(
        select(Handover.id).where(
            col(Handover.dossier_id) == col(Dossier.id),
            col(Handover.to_unit_id) == unit,
            col(Handover.state).in_(HANDED_STATES),
        )
    )
    return or_(
        col(Dossier.received_unit_id) == unit,
        col(Dossier.custodian_unit_id) == unit,
        col(Dossier.return_unit_id) == unit,
        handed,
    )


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
