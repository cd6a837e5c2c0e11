"""Finding citizens, procedures, units and dossiers as the officer types."""

from __future__ import annotations

from sqlalchemy.orm import Mapped
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, func, select

from counter_app.db.models import (
    Citizen,
    CitizenDocument,
    Dossier,
    DossierDocument,
    DossierEvent,
    Handover,
    Procedure,
    ProcedureDocument,
    Unit,
    UnitProcedure,
)
from counter_app.domain.matching import match_rank
from counter_app.domain.vntext import fold, scanned
from counter_app.services.errors import NotFound
from counter_app.services.scope import dossier_visible_to
from counter_app.services.views import (
    DossierDetail,
    DossierDocumentView,
    DossierView,
    EventView,
    HandoverView,
    ProcedureView,
    UnitView,
    view,
    views,
)


def prefix_bounds(prefix: str) -> tuple[str, str]:
    """Bounds such that ``lo <= value < hi`` holds exactly for the values starting with ``prefix``."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _starting_with(column: Mapped[str], text: str) -> ColumnElement[bool]:
    lo, hi = prefix_bounds(text)
    return (column >= lo) & (column < hi)


def citizen_by_cccd(session: Session, cccd: str) -> Citizen | None:
    return session.exec(select(Citizen).where(Citizen.cccd == scanned(cccd))).first()


def search_citizens(session: Session, text: str, *, limit: int = 20) -> list[Citizen]:
    """Citizens whose CCCD starts with ``text`` (digits) or whose name starts with it, accents ignored.

    A trailing space ends the last word: ``"nguyen van "`` finds "Nguyễn Văn An" but not "Nguyễn Vanh".
    """
    word_ended = text[-1:].isspace()
    text = text.strip()
    if not text:
        return []
    if text.isdigit():
        query = select(Citizen).where(_starting_with(col(Citizen.cccd), text)).order_by(col(Citizen.cccd))
    else:
        folded = fold(text)
        if not folded:
            return []
        if word_ended:
            folded += " "
        query = (
            select(Citizen)
            .where(_starting_with(col(Citizen.name_folded), folded))
            .order_by(col(Citizen.name_folded), col(Citizen.cccd))
        )
    return list(session.exec(query.limit(limit)).all())


def citizen_documents(session: Session, citizen_id: str) -> list[CitizenDocument]:
    return list(
        session.exec(
            select(CitizenDocument)
            .where(CitizenDocument.citizen_id == citizen_id)
            .order_by(col(CitizenDocument.kind), col(CitizenDocument.issued_on).desc())
        ).all()
    )


def offered_procedures(session: Session, unit_id: str | None) -> list[Procedure]:
    """The active procedures ``unit_id``'s counters take in: those its administrator enabled
    (``unit_procedure``), or every active one before any was enabled; every active one without a unit."""
    query = select(Procedure).where(Procedure.active == True)  # noqa: E712
    if unit_id:
        enabled = (
            select(UnitProcedure.procedure_code)
            .where(UnitProcedure.unit_id == unit_id)
            .where(UnitProcedure.enabled == True)  # noqa: E712
        )
        if session.exec(enabled.limit(1)).first() is not None:
            query = query.where(col(Procedure.code).in_(enabled))
    return list(session.exec(query).all())


def search_procedures(
    session: Session, text: str, *, limit: int = 30, unit_id: str | None = None
) -> list[Procedure]:
    """Active procedures matching what the officer typed, accents ignored, the likeliest first.

    Every typed word must match a word of the name (see :mod:`counter_app.domain.matching`: a whole
    word ranks above a word start, which ranks above a match inside a word), or the text must start
    the procedure's code. Among equal matches, the procedures received most often in the last 90 days
    (by ``unit_id``'s counters, or everywhere) come first: the officer's next dossier is most likely
    the kind they take in all day. The catalogue is small (tens to a few hundred rows), so the
    matching runs in Python.

    Once ``unit_id`` has enabled procedures (``unit_procedure``, see
    :mod:`counter_app.services.catalogue_admin`), only those are offered; before, every active one.
    """
    from datetime import datetime, timedelta

    procedures = offered_procedures(session, unit_id)
    since = datetime.now() - timedelta(days=90)
    usage_query = select(Dossier.procedure_code, func.count()).where(col(Dossier.received_at) >= since)
    if unit_id:
        usage_query = usage_query.where(col(Dossier.received_unit_id) == unit_id)
    usage = dict(session.exec(usage_query.group_by(col(Dossier.procedure_code))).all())
    words = fold(text).split()
    code = text.strip()
    ranked = []
    for procedure in procedures:
        rank = match_rank(words, procedure.name_folded) if words else None
        if rank is None and code and procedure.code.startswith(code):
            rank = (0, 0)
        if rank is None:
            continue
        usage_rank = -usage.get(procedure.code, 0)
        ranked.append((rank, usage_rank, len(procedure.name_folded), procedure.code, procedure))
    ranked.sort(key=lambda item: item[:4])
    return [item[-1] for item in ranked[:limit]]


def procedure(session: Session, code: str) -> Procedure:
    found = session.get(Procedure, code)
    if found is None:
        raise NotFound("lookup.procedure_not_found", code=code)
    return found


def procedure_documents(session: Session, code: str) -> list[ProcedureDocument]:
    return list(
        session.exec(
            select(ProcedureDocument)
            .where(ProcedureDocument.procedure_code == code)
            .order_by(col(ProcedureDocument.position))
        ).all()
    )


def unit(session: Session, unit_id: str) -> Unit:
    found = session.get(Unit, str(unit_id))
    if found is None:
        raise NotFound("lookup.unit_not_found", code=unit_id)
    return found


def search_units(
    session: Session, text: str, *, limit: int = 20, province_code: int | None = None
) -> list[Unit]:
    """Units whose name (with its province's) matches what the officer typed, the best match first
    (see :mod:`counter_app.domain.matching`); at equal match, units of ``province_code`` (the
    officer's own province) first, then by name. A unit's code matches exactly."""
    words = fold(text).split()
    code = text.strip()
    ranked = []
    for unit in session.exec(select(Unit)).all():
        rank = (0, 0) if unit.id == code else match_rank(words, unit.name_folded) if words else None
        if rank is None:
            continue
        elsewhere = province_code is not None and unit.province_code != province_code
        ranked.append((rank, elsewhere, unit.name_folded, unit.id, unit))
    ranked.sort(key=lambda item: item[:4])
    return [item[-1] for item in ranked[:limit]]


def dossier_by_code(session: Session, code: str, *, unit_id: str | None = None) -> Dossier:
    """The dossier with this code: ours (``<unit>-<YYMMDD>-<NNNN>``) or one the national portal numbered.

    With ``unit_id``, only a dossier that unit may see (:func:`counter_app.services.scope.dossier_visible_to`);
    any other is :class:`NotFound` with the same message as a code nobody issued."""
    code = scanned(code)
    query = select(Dossier).where(Dossier.code == code)
    if unit_id is not None:
        query = query.where(dossier_visible_to(unit_id))
    found = session.exec(query).first()
    if found is None:
        raise NotFound("lookup.dossier_not_found", code=code[:80])
    return found


def dossier_detail(session: Session, code: str, *, unit_id: str | None = None) -> DossierDetail:
    """Everything the dossier view shows, as frozen views, with the events of this dossier the central
    store refused. With ``unit_id``, only a dossier that unit may see (else :class:`NotFound`)."""
    from counter_app.services.sync_state import rejected_events

    dossier = dossier_by_code(session, code, unit_id=unit_id)
    events = list(
        session.exec(
            select(DossierEvent)
            .where(col(DossierEvent.dossier_id) == dossier.id)
            .order_by(col(DossierEvent.seq))
        ).all()
    )
    handovers = list(
        session.exec(
            select(Handover).where(col(Handover.dossier_id) == dossier.id).order_by(col(Handover.sent_at))
        ).all()
    )
    rejected = rejected_events(session, dossier_id=dossier.id)
    unit_ids = {dossier.received_unit_id, dossier.custodian_unit_id, dossier.return_unit_id}
    unit_ids |= {r.unit_id for r in rejected}
    unit_ids |= (
        {e.unit_id for e in events} | {h.to_unit_id for h in handovers} | {h.from_unit_id for h in handovers}
    )
    units = {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(unit_ids))).all()}
    documents = list(
        session.exec(
            select(DossierDocument)
            .where(DossierDocument.dossier_id == dossier.id)
            .order_by(col(DossierDocument.position))
        ).all()
    )
    return DossierDetail(
        view(DossierView, dossier),
        view(ProcedureView, procedure(session, dossier.procedure_code)),
        tuple(views(DossierDocumentView, documents)),
        tuple(views(EventView, events)),
        tuple(views(HandoverView, handovers)),
        {unit_id: view(UnitView, unit) for unit_id, unit in units.items()},
        tuple(rejected),
    )
