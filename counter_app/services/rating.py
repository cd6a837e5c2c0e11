"""The citizen rates the service on the counter's tablet, not the officer (issue 16).

Decision 766/QĐ-TTg (Appendix, indicator group «mức độ hài lòng», 5.4) scores the satisfaction of the
citizen with the receiving and handling of their dossier: a rating the officer keys in is the person rated
recording their own mark, which no inspector accepts. So:

* when the officer returns a result at a counter, :func:`open_request` asks the counter's tablet for the rating
  (no request for a result sent by post: the citizen is not at the counter);
* the tablet reads :func:`pending` (the procedure's name only: the tablet shows no personal data) and answers
  with :func:`record`: the ``rated`` event sets the rating with ``satisfaction_by = "citizen"`` and names the
  tablet, its actor is the device (no officer);
* when no answer comes within ``[rating] wait_seconds``, :func:`close_expired` records the dossier as not
  rated (event ``not_rated``), never as rated by anyone;
* the officer's screen learns of both through :func:`answers_since`; nothing lets an officer enter or change
  a rating, and the indicators count only the citizens' ratings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from counter_app.db.models import Dossier, Procedure, RatingRequest
from counter_app.domain.states import Status
from counter_app.locale import t
from counter_app.services import lookup
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import ServiceError
from counter_app.services.events import append_event
from counter_app.services.ids import new_id
from counter_app.services.text_input import clean

#: the levels of Decision 766's rating: 1 very satisfied, 2 satisfied, 3 not satisfied
LEVELS = (1, 2, 3)
#: longest reason a citizen may add on the tablet
REASON_MAX = 200


@dataclass(frozen=True)
class PendingRating:
    """What the counter's tablet shows: the procedure, never the citizen; ``request_id`` to answer with."""

    request_id: str
    procedure_name: str
    opened_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class RatingAnswer:
    """A request closed: rated by the citizen (``level``) or not rated in time (``level`` None)."""

    request_id: str
    dossier_code: str
    level: int | None
    closed_at: datetime
    device: str


def open_request(
    store: Store, actor: Actor, code: str, *, now: datetime | None = None
) -> PendingRating | None:
    """Ask the tablet of ``actor``'s counter for the rating of dossier ``code``, just returned there; None when
    there is nothing to ask (not at a counter, returned by post, already rated). A newer request of the same
    counter replaces an open one (its dossier is closed as not rated: that citizen has left)."""
    now = now or local_now()
    if actor.counter_id is None:
        return None
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code, unit_id=actor.unit_id)
        if dossier.status != Status.RETURNED or dossier.satisfaction_by or dossier.post_item_code:
            return None
        for earlier in _open(session, actor.counter_id):
            _close_unrated(session, earlier, now, closed_at=now)
        procedure = session.get(Procedure, dossier.procedure_code)
        request = RatingRequest(
            id=new_id(),
            dossier_id=dossier.id,
            dossier_code=dossier.code,
            procedure_name=procedure.name if procedure is not None else "",
            unit_id=actor.unit_id,
            counter_id=actor.counter_id,
            officer_id=actor.officer_id,
            officer_name=actor.name,
            opened_at=now,
            expires_at=now + timedelta(seconds=store.settings.rating_wait_seconds),
        )
        session.add(request)
        return _pending(request)


def pending(store: Store, counter_id: str, *, now: datetime | None = None) -> PendingRating | None:
    """The rating the tablet of ``counter_id`` should ask for now (requests past their time closed first)."""
    now = now or local_now()
    with store.session() as session:
        _close_expired(session, now)
        requests = _open(session, counter_id)
        return _pending(requests[-1]) if requests else None


def record(
    store: Store,
    device: str,
    counter_id: str,
    request_id: str,
    level: int,
    reason: str = "",
    *,
    now: datetime | None = None,
) -> RatingAnswer:
    """The citizen's answer on ``device``, the tablet of ``counter_id``: the dossier's ``rated`` event, by the
    device. Refused when the level is not one of :data:`LEVELS`, or the request is not this counter's open
    one (answered already, or its time is over)."""
    now = now or local_now()
    if isinstance(level, bool) or level not in LEVELS:
        raise ServiceError("citizen_rating.bad_level")
    reason = clean(t("citizen_rating.reason_field"), reason or "", limit=REASON_MAX)
    with store.session() as session:
        _close_expired(session, now)
        request = session.get(RatingRequest, request_id)
        if request is None or request.counter_id != counter_id or request.state != "open":
            raise ServiceError("citizen_rating.not_open")
        dossier = session.get_one(Dossier, request.dossier_id)
        payload: dict[str, object] = {
            "set": {"satisfaction": level, "satisfaction_by": "citizen"},
            "device": device,
        }
        if reason:
            payload["reason"] = reason
        append_event(session, dossier, "rated", payload, _device_actor(request, device), now)
        request.state, request.closed_at, request.level, request.device = "rated", now, level, device
        session.add(request)
        return RatingAnswer(request.id, request.dossier_code, level, now, device)


def close_expired(store: Store, *, now: datetime | None = None) -> int:
    """Close the requests whose time is over as not rated; how many were closed."""
    with store.session() as session:
        return _close_expired(session, now or local_now())


def answers_since(store: Store, counter_id: str, since: datetime) -> list[RatingAnswer]:
    """The requests of ``counter_id`` closed at or after ``since``, oldest first: what the officer's screen says
    (it tells each request once, by its id)."""
    with store.session() as session:
        rows = session.exec(
            select(RatingRequest)
            .where(
                RatingRequest.counter_id == counter_id,
                col(RatingRequest.closed_at).is_not(None),
                col(RatingRequest.closed_at) >= since,
            )
            .order_by(col(RatingRequest.closed_at))
        ).all()
        return [
            RatingAnswer(r.id, r.dossier_code, r.level, r.closed_at, r.device)
            for r in rows
            if r.closed_at is not None
        ]


# --- inside a transaction ---------------------------------------------------------------------------------


def _pending(request: RatingRequest) -> PendingRating:
    return PendingRating(request.id, request.procedure_name, request.opened_at, request.expires_at)


def _open(session: Session, counter_id: str) -> list[RatingRequest]:
    return list(
        session.exec(
            select(RatingRequest)
            .where(RatingRequest.counter_id == counter_id, RatingRequest.state == "open")
            .order_by(col(RatingRequest.opened_at))
        ).all()
    )


def _close_expired(session: Session, now: datetime) -> int:
    overdue = session.exec(
        select(RatingRequest).where(RatingRequest.state == "open", col(RatingRequest.expires_at) <= now)
    ).all()
    for request in overdue:
        _close_unrated(session, request, min(now, request.expires_at), closed_at=now)
    return len(overdue)


def _close_unrated(session: Session, request: RatingRequest, at: datetime, *, closed_at: datetime) -> None:
    """No answer: the dossier is recorded as not rated at ``at`` (when the wait ended), by the officer's counter
    (who asked), never as rated; the request is closed at ``closed_at`` (when it was noticed: the officer's
    screen tells what closed since it last looked)."""
    dossier = session.get_one(Dossier, request.dossier_id)
    if not dossier.satisfaction_by:
        actor = Actor(
            request.officer_id, request.officer_name, "officer", request.unit_id, request.counter_id
        )
        append_event(session, dossier, "not_rated", {"set": {"satisfaction_by": "not_rated"}}, actor, at)
    request.state, request.closed_at = "not_rated", closed_at
    session.add(request)


def _device_actor(request: RatingRequest, device: str) -> Actor:
    """The tablet as the event's actor: no officer (the citizen answered), the counter it stands at."""
    return Actor(None, device, "device", request.unit_id, request.counter_id)
