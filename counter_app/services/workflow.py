"""What happens to a received dossier: processing, result, return, rating, apology, withdrawal, stop."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from counter_app.db.models import Dossier
from counter_app.domain import states
from counter_app.domain.file_ref import FileRef
from counter_app.domain.states import Status
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.services import lookup
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import Forbidden, ServiceError
from counter_app.services.events import append_event
from counter_app.services.text_input import clean
from counter_app.services.views import DossierView, view


def ensure_custodian(dossier: Dossier, actor: Actor) -> None:
    """Only the unit holding a dossier may change it (ownership instead of conflicts)."""
    if dossier.custodian_unit_id != actor.unit_id:
        raise Forbidden("workflow.not_custodian", code=dossier.code, unit=dossier.custodian_unit_id)


def transition(
    session: Session,
    dossier: Dossier,
    to: Status,
    event_type: str,
    actor: Actor,
    at: datetime,
    payload: dict[str, Any] | None = None,
) -> None:
    """Move ``dossier`` to status ``to`` through an event, refusing what the state machine forbids."""
    states.check_transition(Status(dossier.status), to)
    payload = dict(payload or {})
    payload["set"] = {**payload.get("set", {}), "status": int(to)}
    payload["from_status"] = int(dossier.status)
    append_event(session, dossier, event_type, payload, actor, at)


def _act(
    store: Store,
    actor: Actor,
    code: str,
    to: Status,
    event_type: str,
    *,
    now: datetime | None,
    payload: dict[str, Any] | None = None,
) -> DossierView:
    now = now or local_now()
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        transition(session, dossier, to, event_type, actor, now, payload)
        return view(DossierView, dossier)


def _reason(reason: str) -> str:
    reason = clean(t("field.reason"), reason, limit=500)
    if not reason:
        raise ServiceError("intake.reason_required")
    return reason


def start_processing(store: Store, actor: Actor, code: str, *, now: datetime | None = None) -> DossierView:
    return _act(store, actor, code, Status.PROCESSING, "processing", now=now)


def await_fee(
    store: Store, actor: Actor, code: str, note: str = "", *, now: datetime | None = None
) -> DossierView:
    return _act(
        store,
        actor,
        code,
        Status.AWAITING_FEE,
        "awaiting_fee",
        now=now,
        payload={"note": clean(t("input.field.note"), note, limit=500)},
    )


def mark_result_ready(store: Store, actor: Actor, code: str, *, now: datetime | None = None) -> DossierView:
    now = now or local_now()
    return _act(
        store,
        actor,
        code,
        Status.RESULT_READY,
        "result_ready",
        now=now,
        payload={"set": {"finished_at": now}},
    )


def withdraw(
    store: Store, actor: Actor, code: str, reason: str, *, now: datetime | None = None
) -> DossierView:
    return _act(
        store, actor, code, Status.WITHDRAWN, "withdrawn", now=now, payload={"reason": _reason(reason)}
    )


#: the statuses a dossier may be stopped from (``domain.states.TRANSITIONS``): received, being processed, or
#: waiting for the applicant's supplement
STOPPABLE = frozenset(s for s in Status if states.can_transition(s, Status.STOPPED))


def stop(store: Store, actor: Actor, code: str, reason: str, *, now: datetime | None = None) -> DossierView:
    """Stop processing the dossier (status 8) with a reason; the notice is Mẫu 05 of Circular 03/2025/TT-VPCP
    («Thông báo dừng giải quyết hồ sơ», :mod:`counter_app.services.stopping` prints it).

    Only the unit holding the dossier may stop it, from :data:`STOPPABLE`, and not while a handover it sent is
    waiting for the other unit's answer (that unit may already be working on it); the reason is required.
    The article of Decree 118/2025/NĐ-CP on stopping could not be read here: who may ask for a stop beyond the
    custodian is not decided by this function."""
    from counter_app.services.handover import pending_handover

    now = now or local_now()
    reason = _reason(reason)
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        waiting = pending_handover(session, dossier)
        if waiting is not None:
            raise ServiceError(
                "handover.pending", code=dossier.code, unit=lookup.unit(session, waiting.to_unit_id).name
            )
        transition(session, dossier, Status.STOPPED, "stopped", actor, now, {"reason": reason})
        return view(DossierView, dossier)


def return_result(
    store: Store,
    actor: Actor,
    code: str,
    *,
    receiver_name: str,
    id_checked: bool,
    receiver_id: str = "",
    result_file: FileRef | None = None,
    now: datetime | None = None,
) -> DossierView:
    """Hand the result over (status 10). The return point, not only the custodian, may do it.

    ``result_file`` is the result digitised at the hand-over (``services.capture``): recorded with the return
    and kept in the citizen's store as an e-result (``services.dossier_files``)."""
    now = now or local_now()
    if result_file is not None:
        from counter_app.services import dossier_files

        if not dossier_files.files_of(store).has(result_file.sha256):
            raise ServiceError("files.result_missing")
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        if actor.unit_id not in (dossier.custodian_unit_id, dossier.return_unit_id):
            raise Forbidden("workflow.not_custodian", code=dossier.code, unit=dossier.custodian_unit_id)
        if dossier.status != Status.RESULT_READY:
            raise ServiceError(
                "workflow.not_ready", code=dossier.code, status=states.label(Status(dossier.status))
            )
        transition(
            session,
            dossier,
            Status.RETURNED,
            "returned",
            actor,
            now,
            {
                "receiver_name": clean(t("input.field.receiver_name"), receiver_name, limit=120)
                or dossier.applicant_name,
                "receiver_id": clean(t("input.field.receiver_id"), receiver_id, limit=40),
                "id_checked": bool(id_checked),
                "set": {"returned_at": now, **(result_file.result_columns() if result_file else {})},
            },
        )
        if result_file is not None:
            from counter_app.services import dossier_files

            dossier_files.keep_result(session, dossier, result_file, now)
        return view(DossierView, dossier)


def rate(store: Store, actor: Actor, code: str, level: int, *, now: datetime | None = None) -> DossierView:
    """The citizen's satisfaction (Decision 766): 1 very satisfied, 2 satisfied, 3 not satisfied."""
    now = now or local_now()
    if level not in (1, 2, 3):
        raise ServiceError("workflow.bad_rating")
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        if dossier.status != Status.RETURNED:
            raise ServiceError("workflow.not_returned")
        if dossier.satisfaction is not None:
            raise ServiceError("workflow.already_rated", code=dossier.code)
        append_event(session, dossier, "rated", {"set": {"satisfaction": level}}, actor, now)
        return view(DossierView, dossier)


def apologise(
    store: Store, actor: Actor, code: str, new_due_at: datetime, reason: str, *, now: datetime | None = None
) -> DossierView:
    """Apology letter with a new appointment (Mẫu 04): the due date moves, the original stays on record."""
    now = now or local_now()
    reason = _reason(reason)
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        ensure_custodian(dossier, actor)
        if Status(dossier.status) not in states.OPEN:
            raise ServiceError(
                "workflow.not_ready", code=dossier.code, status=states.label(Status(dossier.status))
            )
        if dossier.due_at is not None and new_due_at <= dossier.due_at:
            raise ServiceError("workflow.new_due_not_later", due=fmt.moment(dossier.due_at))
        append_event(
            session,
            dossier,
            "apology",
            {
                "reason": reason,
                "old_due_at": dossier.due_at,
                "set": {"due_at": new_due_at},
            },
            actor,
            now,
        )
        return view(DossierView, dossier)
