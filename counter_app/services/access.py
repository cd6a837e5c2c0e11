"""Who may see what: the citizen-record view log and unit-scoped reads of dossiers.

Vietnam's personal-data rules (Decree 13/2023/NĐ-CP) ask that processing of a citizen's personal data
be traceable: who opened it, when, and for what purpose. Every read of a citizen's record through
:func:`citizen_record` writes an :class:`~counter_app.db.models.AccessLog` row *in the same
transaction* as the read, so there is no read without its log line (a store that cannot write the
log line refuses the read). :func:`views` lists them for a supervisor, or for a citizen who asks who
looked at their data. Both return frozen dataclasses, not rows of the store.

Dossiers are read through :func:`visible_dossier` and :func:`dossier_detail`, which answer a dossier of
another unit exactly like one that does not exist (:class:`NotFound`, never "forbidden", which would
tell that it exists) unless the actor's unit received it, holds it, is where the result is returned, or
it was handed to the unit: the one rule :func:`counter_app.services.scope.dossier_visible_to`. The same
rule guards the central store at the database level (:mod:`counter_app.sync.security`).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from counter_app.db.models import AccessLog, Citizen, Dossier
from counter_app.domain.cccd import is_cccd_number
from counter_app.domain.chain import access_hash
from counter_app.domain.vntext import tidy
from counter_app.services import lookup
from counter_app.services.auth import require_role
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import NotFound, ServiceError
from counter_app.services.scope import dossier_visible_to
from counter_app.services.views import (
    AccessEntry,
    CitizenDocumentView,
    CitizenRecord,
    CitizenView,
    DossierDetail,
    DossierView,
    view,
)

PURPOSE_LIMIT = 300


def clean_purpose(purpose: str | None) -> str:
    """The purpose as logged: NFC, single-spaced; refuses an empty or over-long one."""
    text = tidy(purpose or "")
    if not text:
        raise ServiceError("access.purpose_required")
    if len(text) > PURPOSE_LIMIT:
        raise ServiceError("access.purpose_too_long", limit=PURPOSE_LIMIT)
    return text


def record_view(
    session: Session,
    actor: Actor,
    citizen_id: str | None,
    purpose: str,
    *,
    dossier_id: str | None = None,
    at: datetime | None = None,
) -> AccessLog:
    """Add the log line of a view to the caller's transaction (committed, or rolled back, with the read)."""
    last = session.exec(
        select(AccessLog.seq, AccessLog.hash).order_by(col(AccessLog.seq).desc()).limit(1)
    ).first()
    row = AccessLog(
        seq=(last[0] or 0) + 1 if last else 1,
        prev_hash=last[1] if last else "",
        officer_id=actor.officer_id,
        officer_name=actor.name[:120],
        unit_id=actor.unit_id,
        counter_id=actor.counter_id,
        citizen_id=citizen_id,
        dossier_id=dossier_id,
        purpose=clean_purpose(purpose),
        at=at or local_now(),
    )
    row.hash = access_hash(row.model_dump())
    session.add(row)
    session.flush()
    return row


def log_view(
    store: Store,
    actor: Actor,
    citizen_id: str,
    purpose: str,
    dossier_id: str | None = None,
    *,
    at: datetime | None = None,
) -> AccessLog:
    """Record that ``actor`` viewed a citizen's data (shown by a screen that read it some other way)."""
    purpose = clean_purpose(purpose)
    with store.session() as session:
        return record_view(
            session, actor, _citizen(session, citizen_id).id, purpose, dossier_id=dossier_id, at=at
        )


def find_citizen(session: Session, citizen: str) -> Citizen:
    """The citizen by id, or by CCCD number (as a scanner types it); :class:`NotFound` otherwise."""
    return _citizen(session, citizen)


def _citizen(session: Session, citizen: str) -> Citizen:
    """The citizen by id, or by CCCD number (as a scanner types it)."""
    key = (citizen or "").replace("\ufeff", "").strip()
    found = session.get(Citizen, key) if key else None
    if found is None and is_cccd_number(key):
        found = lookup.citizen_by_cccd(session, key)
    if found is None:
        raise NotFound("access.citizen_not_found", citizen=key[:40])
    return found


def citizen_record(
    store: Store,
    actor: Actor,
    citizen_id: str,
    purpose: str,
    *,
    dossier_id: str | None = None,
    at: datetime | None = None,
) -> CitizenRecord:
    """The citizen (by id or CCCD number) and their digitised documents; the view is logged with them.

    Refuses an empty purpose before reading anything.
    """
    purpose = clean_purpose(purpose)
    with store.session() as session:
        citizen = _citizen(session, citizen_id)
        documents = lookup.citizen_documents(session, citizen.id)
        log = record_view(session, actor, citizen.id, purpose, dossier_id=dossier_id, at=at)
        return CitizenRecord(
            view(CitizenView, citizen),
            tuple(view(CitizenDocumentView, document) for document in documents),
            view(AccessEntry, log),
        )


def views(
    store: Store,
    actor: Actor,
    *,
    citizen_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
) -> list[AccessEntry]:
    """The view log, newest first (supervisors: it shows who looked at whom)."""
    require_role(actor, "supervisor")
    with store.session() as session:
        query = select(AccessLog)
        if citizen_id is not None:
            query = query.where(AccessLog.citizen_id == _citizen(session, citizen_id).id)
        if since is not None:
            query = query.where(AccessLog.at >= since)
        if until is not None:
            query = query.where(AccessLog.at <= until)
        rows = session.exec(query.order_by(col(AccessLog.at).desc(), AccessLog.id).limit(limit)).all()
        return [view(AccessEntry, row) for row in rows]


# --- unit-scoped reads -------------------------------------------------------------------------


def may_see(session: Session, unit_id: str, dossier: Dossier | DossierView) -> bool:
    """True when ``unit_id`` may see ``dossier`` (a row of the store or its frozen view): the rule of
    :func:`counter_app.services.scope.dossier_visible_to`, asked of the store."""
    return (
        session.exec(
            select(Dossier.id).where(Dossier.id == dossier.id).where(dossier_visible_to(unit_id))
        ).first()
        is not None
    )


def visible_dossier(store: Store, actor: Actor, code: str, *, purpose: str | None = None) -> Dossier:
    """The dossier with ``code`` when the actor's unit may see it, else :class:`NotFound` (as for a code
    nobody issued). With ``purpose``, the view of the applicant's personal data is logged in the same
    transaction."""
    if purpose is not None:
        purpose = clean_purpose(purpose)
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code.replace("\ufeff", ""), unit_id=actor.unit_id)
        if purpose is not None:
            record_view(session, actor, dossier.citizen_id, purpose, dossier_id=dossier.id)
        return dossier


def dossier_detail(store: Store, actor: Actor, code: str, *, purpose: str | None = None) -> DossierDetail:
    """Everything the dossier view shows, when the actor's unit may see the dossier (else :class:`NotFound`,
    as for a code nobody issued); with ``purpose``, the view of the applicant's personal data is logged in
    the same transaction."""
    if purpose is not None:
        purpose = clean_purpose(purpose)
    with store.session() as session:
        detail = lookup.dossier_detail(session, code, unit_id=actor.unit_id)
        if purpose is not None and detail.dossier.citizen_id:
            record_view(session, actor, detail.dossier.citizen_id, purpose, dossier_id=detail.dossier.id)
        return detail
