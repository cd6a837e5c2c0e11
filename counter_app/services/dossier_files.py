"""The digitised files of a dossier: its components (at intake and later), its result, the citizen's store.

Files live in the content-addressed store (``services.file_store``); records carry a
:class:`~counter_app.domain.file_ref.FileRef`. Every change is an event of the dossier, recorded in the same
transaction as the rows it projects (``services.events.append_event``), which also queues each file it
names for the central object store. What a counter digitises is kept in the citizen's data store, so the
next dossier reuses it instead of asking for the paper again (Decree 118/2025/NĐ-CP, reuse of data
already held); a result digitised at return goes there as an e-result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from counter_app.db.models import CitizenDocument, Dossier, DossierDocument
from counter_app.domain.document_validity import usable_on
from counter_app.domain.documents_text import citizen_document_kind
from counter_app.domain.file_ref import FileRef
from counter_app.domain.states import Status
from counter_app.domain.vntext import fold
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.services import file_store, lookup
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import ServiceError
from counter_app.services.events import append_event
from counter_app.services.views import DossierView, view
from counter_app.services.workflow import ensure_custodian

if TYPE_CHECKING:
    from counter_app.services.intake import DocumentChoice

#: statuses in which a component's file may still be added or replaced (before the result exists)
OPEN_STATUSES = frozenset(
    {Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.AWAITING_FEE}
)
TITLE_LIMIT = 300


def files_of(store: Store) -> file_store.FileStore:
    return file_store.for_settings(store.settings)


def resolve_components(
    session: Session,
    store: Store,
    citizen_id: str | None,
    documents: Sequence[DocumentChoice],
    now: datetime,
) -> list[DocumentChoice]:
    """The components with their files settled: a document reused from the citizen's store brings its file
    (it must be that citizen's and still valid); a file scanned or imported at the counter must be in the
    local file store (it was put there by ``services.capture`` before the dossier was saved)."""
    files = files_of(store)
    out = []
    for doc in documents:
        if doc.reused and doc.citizen_document_id:
            held = session.get(CitizenDocument, doc.citizen_document_id)
            if held is None or held.citizen_id != citizen_id:
                raise ServiceError("files.reuse_not_held", name=doc.name)
            if not usable_on(held.expires_on, now.date()):
                raise ServiceError(
                    "files.reuse_expired",
                    name=doc.name,
                    day=fmt.day(held.expires_on),
                )
            if doc.file is None:
                doc = replace(doc, file=FileRef.from_columns(held.file_hash, held.file_size, held.file_pages))
        elif doc.file is not None and not files.has(doc.file.sha256):
            raise ServiceError("files.component_missing", name=doc.name)
        out.append(doc)
    return out


def keep_in_citizen_store(
    session: Session,
    procedure_code: str,
    citizen_id: str,
    dossier_code: str,
    documents: Sequence[DocumentChoice],
    now: datetime,
) -> int:
    """Save the components digitised at the counter into the citizen's store (those of a kind a later
    dossier can reuse, and not already held by the same file). Returns how many were saved."""
    kinds = {fold(d.name): d.doc_kind for d in lookup.procedure_documents(session, procedure_code)}
    held = {d.file_hash for d in lookup.citizen_documents(session, citizen_id) if d.file_hash}
    saved = 0
    for doc in documents:
        if doc.reused or doc.file is None or doc.file.sha256 in held:
            continue
        kind = kinds.get(fold(doc.name)) or citizen_document_kind(doc.name)
        if not kind:
            continue
        session.add(
            CitizenDocument(
                citizen_id=citizen_id,
                kind=kind,
                title=doc.name[:TITLE_LIMIT],
                file_hash=doc.file.sha256,
                file_size=doc.file.size,
                file_pages=doc.file.pages,
                source="counter",
                dossier_code=dossier_code,
                created_at=now,
            )
        )
        held.add(doc.file.sha256)
        saved += 1
    return saved


def _components(session: Session, dossier: Dossier) -> list[DossierDocument]:
    return list(
        session.exec(
            select(DossierDocument)
            .where(DossierDocument.dossier_id == dossier.id)
            .order_by(col(DossierDocument.position))
        ).all()
    )


def attach_component_file(
    store: Store, actor: Actor, code: str, position: int, file: FileRef, *, now: datetime | None = None
) -> DossierView:
    """Digitise component ``position`` (1-based) of a dossier already taken in: event ``document_digitised``
    with the components' new list. Only the unit holding the dossier, and before its result exists."""
    now = now or local_now()
    if not files_of(store).has(file.sha256):
        raise ServiceError("files.component_missing", name=str(position))
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        if Status(dossier.status) not in OPEN_STATUSES:
            raise ServiceError("files.dossier_closed", code=dossier.code)
        rows = _components(session, dossier)
        if not 1 <= position <= len(rows):
            raise ServiceError("files.no_component", position=position, count=len(rows))
        from counter_app.services.intake import DocumentChoice  # intake imports this module

        documents = [DocumentChoice.from_row(row) for row in rows]
        documents[position - 1] = digitised = replace(documents[position - 1], file=file)
        append_event(
            session,
            dossier,
            "document_digitised",
            {"position": position, "documents": [d.as_payload() for d in documents]},
            actor,
            now,
        )
        if dossier.citizen_id:
            keep_in_citizen_store(
                session, dossier.procedure_code, dossier.citizen_id, dossier.code, [digitised], now
            )
        return view(DossierView, dossier)


def keep_result(session: Session, dossier: Dossier, file: FileRef, now: datetime) -> bool:
    """Save a digitised result into the citizen's store as an e-result (once per file)."""
    if not dossier.citizen_id:
        return False
    held = {d.file_hash for d in lookup.citizen_documents(session, dossier.citizen_id)}
    if file.sha256 in held:
        return False
    procedure = lookup.procedure(session, dossier.procedure_code)
    session.add(
        CitizenDocument(
            citizen_id=dossier.citizen_id,
            kind=citizen_document_kind(procedure.name) or "result",
            title=t("files.result_title", procedure=procedure.name)[:TITLE_LIMIT],
            issuer=dossier.custodian_unit_id,
            issued_on=now.date(),
            file_hash=file.sha256,
            file_size=file.size,
            file_pages=file.pages,
            source="result",
            dossier_code=dossier.code,
            created_at=now,
        )
    )
    return True


def digitise_result(
    store: Store, actor: Actor, code: str, file: FileRef, *, now: datetime | None = None
) -> DossierView:
    """Attach the digitised result to a dossier whose result is ready (event ``result_digitised``) and keep
    it in the citizen's store as an e-result. The holder of the dossier or its return point may do it."""
    now = now or local_now()
    if not files_of(store).has(file.sha256):
        raise ServiceError("files.result_missing")
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        if Status(dossier.status) not in (Status.RESULT_READY, Status.RETURNED):
            raise ServiceError("files.result_not_ready", code=dossier.code)
        append_event(session, dossier, "result_digitised", {"set": file.result_columns()}, actor, now)
        keep_result(session, dossier, file, now)
        return view(DossierView, dossier)
