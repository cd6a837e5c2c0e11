"""The procedure catalogue and the units of the country, for the counter's pickers.

Every function takes the store and returns frozen views (:mod:`counter_app.services.views`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.db.models import Unit
from counter_app.services import lookup
from counter_app.services.context import Store
from counter_app.services.views import ProcedureView, RequiredDocumentView, UnitView, view, views


@dataclass(frozen=True)
class ProcedureChoice:
    """A procedure picked at intake: what it requires, and when a dossier received now falls due."""

    procedure: ProcedureView
    documents: tuple[RequiredDocumentView, ...]
    due_at: datetime


def find_procedures(
    store: Store, text: str, *, unit_id: str | None = None, limit: int = 12
) -> list[ProcedureView]:
    """Active procedures matching ``text``, the best match first, then the unit's most frequent."""
    if not text.strip():
        return []
    with store.session() as session:
        return views(ProcedureView, lookup.search_procedures(session, text, limit=limit, unit_id=unit_id))


def choose_procedure(store: Store, code: str, *, now: datetime) -> ProcedureChoice:
    """The procedure ``code`` with its required documents and the due date of a dossier received ``now``."""
    with store.session() as session:
        procedure = view(ProcedureView, lookup.procedure(session, code))
        documents = tuple(views(RequiredDocumentView, lookup.procedure_documents(session, code)))
    return ProcedureChoice(procedure, documents, store.calendar.due_at(now, procedure.working_days))


def find_units(
    store: Store, text: str, *, near_unit_id: str | None = None, limit: int = 12
) -> list[UnitView]:
    """Units matching ``text``, the best match first; at equal match, units of ``near_unit_id``'s province."""
    with store.session() as session:
        province = None
        if near_unit_id is not None:
            home = session.get(Unit, str(near_unit_id))
            province = home.province_code if home is not None else None
        return views(UnitView, lookup.search_units(session, text, limit=limit, province_code=province))
