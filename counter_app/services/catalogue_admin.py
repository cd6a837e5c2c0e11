"""The administrator's side of the procedure catalogue: the procedures a unit receives, one procedure's
deadline, fee and components, and the catalogue as a list (``counter-app catalogue enable|disable|edit|list``,
the administrator's screen). Importing a whole catalogue file is :mod:`counter_app.services.catalogue_import`.

A unit **enables** the procedures it receives (``unit_procedure``). Once it has enabled any, its counters'
picker offers only those (:func:`counter_app.services.lookup.search_procedures`); before, every active
procedure. Every change sets ``updated_at`` on the rows it changes, which is what counters pull by.

Every function takes the store and returns frozen views.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, select

from counter_app.db.models import Procedure, ProcedureDocument, Unit, UnitProcedure
from counter_app.domain.deadline_text import MAX_WORKING_DAYS
from counter_app.domain.documents_text import COPY_KINDS, DocumentItem, citizen_document_kind
from counter_app.domain.fee_text import MAX_FEE, NOTE_LENGTH
from counter_app.domain.vntext import fold, tidy
from counter_app.services.catalogue_file import clean_text
from counter_app.services.catalogue_import import require_admin
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import NotFound, ServiceError
from counter_app.services.views import RequiredDocumentView, views

#: what a procedure is for the counters
ACTIVE, HELD, RETIRED = "active", "held", "retired"


@dataclass(frozen=True)
class CatalogueEntry:
    """A procedure as the administrator sees it: ``status`` is ``active``, ``held`` (imported without a
    readable deadline: offered nowhere until one is set) or ``retired``; ``enabled`` whether the unit asked
    about enabled it (None when no unit was asked about)."""

    code: str
    name: str
    field_code: str
    field_name: str
    working_days: int
    fee: int
    fee_note: str
    level: str
    status: str
    updated_at: datetime | None
    retired_at: datetime | None
    enabled: bool | None
    documents: tuple[RequiredDocumentView, ...]


@dataclass(frozen=True)
class UnitProcedures:
    """After enabling or disabling: the unit, the codes whose state changed, and how many it now enables
    (0: its counters offer every active procedure)."""

    unit_id: str
    changed: tuple[str, ...]
    enabled_count: int


def status_of(procedure: Procedure) -> str:
    if procedure.retired_at is not None:
        return RETIRED
    return ACTIVE if procedure.active else HELD


def _entry(
    procedure: Procedure, documents: Sequence[ProcedureDocument], enabled: bool | None
) -> CatalogueEntry:
    ordered: list[ProcedureDocument] = sorted(documents, key=lambda d: d.position)
    return CatalogueEntry(
        code=procedure.code,
        name=procedure.name,
        field_code=procedure.field_code,
        field_name=procedure.field_name,
        working_days=procedure.working_days,
        fee=procedure.fee,
        fee_note=procedure.fee_note,
        level=procedure.level,
        status=status_of(procedure),
        updated_at=procedure.updated_at,
        retired_at=procedure.retired_at,
        enabled=enabled,
        documents=tuple(views(RequiredDocumentView, ordered)),
    )


def enabled_codes(session: Session, unit_id: str) -> set[str]:
    """The procedures ``unit_id`` has enabled (empty: it has not chosen, every active one is offered)."""
    rows = session.exec(
        select(UnitProcedure.procedure_code).where(
            UnitProcedure.unit_id == unit_id,
            UnitProcedure.enabled == True,  # noqa: E712
        )
    ).all()
    return set(rows)


def entries(
    store: Store,
    *,
    field: str | None = None,
    unit_id: str | None = None,
    include_retired: bool = False,
) -> list[CatalogueEntry]:
    """The catalogue, by field then code. ``field``: only the fields whose name or code contains it (accents
    ignored). ``unit_id``: only what that unit's counters offer (its enabled active procedures, or every
    active one while it has enabled none), each marked enabled or not."""
    with store.session() as session:
        if unit_id is not None and session.get(Unit, unit_id) is None:
            raise NotFound("lookup.unit_not_found", code=unit_id)
        procedures = list(session.exec(select(Procedure)).all())
        documents: dict[str, list[ProcedureDocument]] = {}
        for document in session.exec(select(ProcedureDocument)).all():
            documents.setdefault(document.procedure_code, []).append(document)
        chosen = enabled_codes(session, unit_id) if unit_id is not None else set()
    wanted = fold(field) if field else ""
    found = []
    for procedure in procedures:
        status = status_of(procedure)
        if wanted and wanted not in fold(procedure.field_name) and wanted not in fold(procedure.field_code):
            continue
        if unit_id is not None:
            if status != ACTIVE or (chosen and procedure.code not in chosen):
                continue
        elif status == RETIRED and not include_retired:
            continue
        enabled = (procedure.code in chosen) if unit_id is not None else None
        found.append(_entry(procedure, documents.get(procedure.code, []), enabled))
    found.sort(key=lambda e: (fold(e.field_name), e.code))
    return found


def entry(store: Store, code: str) -> CatalogueEntry:
    """One procedure of the catalogue, whatever its status."""
    with store.session() as session:
        procedure = session.get(Procedure, code.strip())
        if procedure is None:
            raise NotFound("lookup.procedure_not_found", code=code.strip()[:40])
        documents = session.exec(
            select(ProcedureDocument).where(ProcedureDocument.procedure_code == procedure.code)
        ).all()
        return _entry(procedure, list(documents), None)


def set_enabled(
    store: Store,
    actor: Actor,
    unit_id: str,
    codes: Iterable[str],
    enabled: bool,
    *,
    now: datetime | None = None,
) -> UnitProcedures:
    """Enable (or disable) the procedures ``codes`` for ``unit_id``, all or none: an unknown code, or a
    retired procedure to enable, refuses the whole request."""
    require_admin(actor)
    wanted = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    if not wanted:
        raise ServiceError("catalogue.no_codes")
    now = now or local_now()
    with store.session() as session:
        if session.get(Unit, unit_id) is None:
            raise NotFound("lookup.unit_not_found", code=unit_id)
        procedures = {
            p.code: p for p in session.exec(select(Procedure).where(col(Procedure.code).in_(wanted))).all()
        }
        unknown = [code for code in wanted if code not in procedures]
        if unknown:
            raise NotFound("catalogue.unknown_codes", codes=", ".join(c[:40] for c in unknown[:10]))
        if enabled:
            retired = [code for code in wanted if procedures[code].retired_at is not None]
            if retired:
                raise ServiceError("catalogue.enable_retired", codes=", ".join(retired[:10]))
        rows = {
            r.procedure_code: r
            for r in session.exec(
                select(UnitProcedure).where(
                    UnitProcedure.unit_id == unit_id, col(UnitProcedure.procedure_code).in_(wanted)
                )
            ).all()
        }
        changed = []
        for code in wanted:
            row = rows.get(code)
            if row is None:
                if not enabled:  # never enabled: nothing to disable
                    continue
                row = UnitProcedure(unit_id=unit_id, procedure_code=code, enabled=True, updated_at=now)
            elif row.enabled == enabled:
                continue
            row.enabled = enabled
            row.updated_at = now
            session.add(row)
            changed.append(code)
        session.flush()
        count = len(enabled_codes(session, unit_id))
    return UnitProcedures(unit_id, tuple(changed), count)


def _clean(text: str, limit: int, key: str) -> str:
    cleaned, _ = clean_text(text)
    cleaned = tidy(cleaned)
    if len(cleaned) > limit:
        raise ServiceError(key, limit=limit)
    return cleaned


def edit_procedure(
    store: Store,
    actor: Actor,
    code: str,
    *,
    working_days: int | None = None,
    fee: int | None = None,
    fee_note: str | None = None,
    documents: Sequence[DocumentItem] | None = None,
    now: datetime | None = None,
) -> CatalogueEntry:
    """Set one procedure's deadline (working days, 0 = the same day), fee (đồng), fee note or components
    (what is None stays). Setting the deadline of a held procedure makes it active. A retired procedure is
    not edited: the next catalogue that lists it brings it back."""
    require_admin(actor)
    if working_days is not None and not 0 <= working_days <= MAX_WORKING_DAYS:
        raise ServiceError("catalogue.edit.bad_days", limit=MAX_WORKING_DAYS)
    if fee is not None and not 0 <= fee <= MAX_FEE:
        raise ServiceError("catalogue.edit.bad_fee")
    note = _clean(fee_note, NOTE_LENGTH, "catalogue.edit.note_too_long") if fee_note is not None else None
    items = None
    if documents is not None:
        items = []
        for item in documents:
            name = _clean(item.name, 400, "catalogue.edit.document_too_long")
            if not name or item.copy_kind not in COPY_KINDS or not 1 <= item.quantity <= 99:
                raise ServiceError("catalogue.edit.bad_document", name=name[:80])
            items.append(DocumentItem(name, item.copy_kind, item.quantity))
    now = now or local_now()
    with store.session() as session:
        procedure = session.get(Procedure, code.strip())
        if procedure is None:
            raise NotFound("lookup.procedure_not_found", code=code.strip()[:40])
        if procedure.retired_at is not None:
            raise ServiceError("catalogue.edit.retired", code=procedure.code)
        changed = False
        if working_days is not None and (working_days != procedure.working_days or not procedure.active):
            procedure.working_days = working_days
            procedure.active = True
            changed = True
        if fee is not None and fee != procedure.fee:
            procedure.fee, changed = fee, True
        if note is not None and note != procedure.fee_note:
            procedure.fee_note, changed = note, True
        old = list(
            session.exec(
                select(ProcedureDocument)
                .where(ProcedureDocument.procedure_code == procedure.code)
                .order_by(col(ProcedureDocument.position))
            ).all()
        )
        if items is not None and [(d.name, d.copy_kind, d.quantity) for d in old] != [
            (i.name, i.copy_kind, i.quantity) for i in items
        ]:
            kinds = {fold(d.name): d.doc_kind for d in old if d.doc_kind}
            session.exec(
                delete(ProcedureDocument).where(col(ProcedureDocument.procedure_code) == procedure.code)
            )
            old = [
                ProcedureDocument(
                    procedure_code=procedure.code,
                    position=position,
                    name=item.name,
                    copy_kind=item.copy_kind,
                    quantity=item.quantity,
                    doc_kind=kinds.get(fold(item.name)) or citizen_document_kind(item.name),
                )
                for position, item in enumerate(items, start=1)
            ]
            session.add_all(old)
            changed = True
        if changed:
            procedure.updated_at = now
            session.add(procedure)
        session.flush()
        return _entry(procedure, old, None)
