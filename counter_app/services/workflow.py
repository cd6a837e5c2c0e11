"""What happens to a received dossier: processing, result, return, rating, apology, withdrawal, stop."""

from __future__ import annotations

from datetime import date, datetime, time
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
        if dossier.posted_at is not None:  # with the post: returned when the post confirms (post_delivered)
            raise ServiceError("leaving.post.with_post", code=dossier.code, item=dossier.post_item_code)
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


#: what is wrong with a postal item code, as the officer reads it
_S10_MESSAGES = {
    "empty": "leaving.post.code_empty",
    "shape": "leaving.post.code_shape",
    "check_digit": "leaving.post.code_check_digit",
    "country": "leaving.post.code_country",
}


def _post_day(text: str | date | None, field_key: str, today: date) -> date:
    """A day typed as dd/mm/yyyy (empty: today), never after today; a bad one names its field."""
    if isinstance(text, date):
        day = text
    elif text is None or not text.strip():
        day = today
    else:
        try:
            day = datetime.strptime(text.strip(), "%d/%m/%Y").date()
        except ValueError:
            raise ServiceError("leaving.post.bad_day", field=t(field_key), value=text.strip()) from None
    if day > today:
        raise ServiceError("leaving.post.future_day", field=t(field_key), day=fmt.day(day))
    return day


def _postal(session: Session, actor: Actor, code: str) -> Dossier:
    """A dossier whose result goes back by post, ready (status 9), that the actor's unit may return."""
    dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
    if actor.unit_id not in (dossier.custodian_unit_id, dossier.return_unit_id):
        raise Forbidden("workflow.not_custodian", code=dossier.code, unit=dossier.custodian_unit_id)
    if dossier.return_method != "post":
        raise ServiceError("leaving.post.not_by_post", code=dossier.code)
    if dossier.status != Status.RESULT_READY:
        raise ServiceError(
            "workflow.not_ready", code=dossier.code, status=states.label(Status(dossier.status))
        )
    return dossier


def hand_to_post(
    store: Store,
    actor: Actor,
    code: str,
    item_code: str,
    posted_on: str | date | None = None,
    *,
    now: datetime | None = None,
) -> DossierView:
    """Record the result handed to the post office (event ``posted``): the item's code, checked as a UPU S10
    code of VNPost (:mod:`counter_app.domain.postal`), and the day it was handed over (dd/mm/yyyy, empty:
    today; not before the result was ready, not in the future). The status stays «result ready» (9): the
    result is returned when the post confirms delivery (:func:`post_delivered`).

    The citizen may choose to receive the result through the public postal service (Decree 118/2025/NĐ-CP on
    the one-stop mechanism; Decision 45/2016/QĐ-TTg on receiving dossiers and returning results through the
    public postal service, whose articles could not be read here: the steps are this program's, following
    the return columns of the control sheet, Mẫu 06 of Circular 03/2025/TT-VPCP). The return point, like the
    custodian, records it (:data:`counter_app.domain.custody.RETURN_POINT_EVENTS`)."""
    from counter_app.domain.postal import normalise_s10, s10_problem

    now = now or local_now()
    item = normalise_s10(item_code)
    problem = s10_problem(item)
    if problem is not None:
        raise ServiceError(_S10_MESSAGES[problem.value], field=t("leaving.field.item_code"), value=item)
    day = _post_day(posted_on, "leaving.field.posted_on", now.date())
    with store.session() as session:
        dossier = _postal(session, actor, code)
        if dossier.posted_at is not None:
            raise ServiceError(
                "leaving.post.already_posted",
                code=dossier.code,
                item=dossier.post_item_code,
                day=fmt.day(dossier.posted_at.date()),
            )
        if dossier.finished_at is not None and day < dossier.finished_at.date():
            raise ServiceError(
                "leaving.post.before_ready",
                field=t("leaving.field.posted_on"),
                day=fmt.day(dossier.finished_at),
            )
        posted_at = now if day == now.date() else datetime.combine(day, time.min)
        append_event(
            session,
            dossier,
            "posted",
            {"set": {"post_item_code": item, "posted_at": posted_at}},
            actor,
            now,
        )
        return view(DossierView, dossier)


def post_delivered(
    store: Store,
    actor: Actor,
    code: str,
    delivered_on: str | date | None = None,
    *,
    now: datetime | None = None,
) -> DossierView:
    """The post confirms the item delivered: the dossier is returned (status 9 → 10 through
    :func:`counter_app.domain.states.check_transition`, event ``returned`` marked ``by_post``) and the
    delivery day (dd/mm/yyyy, empty: today; not before the day it was posted, not in the future) is its
    return date, in the tracking ledger and the indicators like a return at the counter (Decision
    766/QĐ-TTg counts returned dossiers by ``returned_at``)."""
    now = now or local_now()
    day = _post_day(delivered_on, "leaving.field.delivered_on", now.date())
    with store.session() as session:
        dossier = _postal(session, actor, code)
        if dossier.posted_at is None:
            raise ServiceError("leaving.post.not_posted", code=dossier.code)
        if day < dossier.posted_at.date():
            raise ServiceError(
                "leaving.post.before_posted",
                field=t("leaving.field.delivered_on"),
                day=fmt.day(dossier.posted_at),
            )
        returned_at = now if day == now.date() else max(datetime.combine(day, time.min), dossier.posted_at)
        transition(
            session,
            dossier,
            Status.RETURNED,
            "returned",
            actor,
            now,
            {
                "by_post": True,
                "post_item_code": dossier.post_item_code,
                "receiver_name": dossier.applicant_name,
                "id_checked": False,
                "set": {"returned_at": returned_at},
            },
        )
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
