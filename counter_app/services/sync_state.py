"""What the local store records of its exchanges with the central store: the sync state (a key/value table
the sync writes: ``last_sync``, ``last_error``, ``last_problem``, ``last_attempt``, ``pull_cursor``, a
``pull_mark.<table>`` watermark per reference table) and the outbox counts.

:mod:`counter_app.sync.client` writes it; the status bar (:func:`counter_app.services.dashboard.store_state`)
and ``counter-app sync --status`` read it through :func:`status`; the events the central store refused
(``sync_rejection``, kept aside by the sync) through :func:`rejected_events`, for the dossier screen, the
supervisor's screen and ``sync --status``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from counter_app.db.models import FileUpload, Outbox, SyncRejection, SyncState
from counter_app.services.views import RejectedEventView

#: how many refused events ``sync --status`` lists at most (the newest); the count is always the full one
REJECTED_LISTED = 1000


@dataclass(frozen=True)
class SyncStatus:
    """Events waiting to be sent, events the central store refused, the last exchange and its error."""

    pending: int
    rejected: int
    last_sync: datetime | None
    last_error: str
    #: the last round's failure when it is one of our own sentences, for the officer as it is (a central store
    #: not set up); "" otherwise (a lost connection's driver message is for the log and ``sync --status``)
    problem: str = ""
    #: the refused events themselves, newest first (at most :data:`REJECTED_LISTED`)
    rejected_events: tuple[RejectedEventView, ...] = ()
    #: digitised files waiting for the central object store (``file_upload``), their bytes, and why the last
    #: file push failed ("" when it did not)
    files_pending: int = 0
    files_bytes: int = 0
    files_last_error: str = ""


def read_state(session: Session, key: str) -> str:
    """The recorded value of ``key`` ("" when none)."""
    row = session.get(SyncState, key)
    return row.value if row else ""


def write_state(session: Session, key: str, value: str) -> None:
    """Record ``value`` (cut to 500 characters) under ``key``, in the caller's transaction."""
    row = session.get(SyncState, key) or SyncState(key=key)
    row.value = value[:500]
    session.add(row)


def status(local: Engine) -> SyncStatus:
    """The sync status of the local store."""
    with Session(local) as session:
        pending = session.exec(
            select(func.count())
            .select_from(Outbox)
            .where(col(Outbox.sent_at).is_(None), col(Outbox.rejected_at).is_(None))
        ).one()
        rejected = session.exec(
            select(func.count()).select_from(Outbox).where(col(Outbox.rejected_at).is_not(None))
        ).one()
        last = read_state(session, "last_sync")
        files_pending, files_bytes = session.exec(
            select(func.count(), func.coalesce(func.sum(FileUpload.size), 0))
            .select_from(FileUpload)
            .where(col(FileUpload.uploaded_at).is_(None))
        ).one()
        return SyncStatus(
            int(pending),
            int(rejected),
            datetime.fromisoformat(last) if last else None,
            read_state(session, "last_error"),
            read_state(session, "last_problem"),
            tuple(rejected_events(session, limit=REJECTED_LISTED)),
            int(files_pending),
            int(files_bytes),
            read_state(session, "files_last_error"),
        )


def _moment(value: Any) -> datetime | None:
    """A time kept in a refused event's JSON copy (ISO text), or None when absent or unreadable."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def rejected_view(row: SyncRejection) -> RejectedEventView:
    """The frozen view of one refused event (its type, author and time from the kept copy of the event)."""
    event = row.event if isinstance(row.event, dict) else {}
    return RejectedEventView(
        event_id=row.event_id,
        dossier_id=row.dossier_id,
        dossier_code=row.dossier_code,
        type=str(event.get("type") or ""),
        officer_name=str(event.get("officer_name") or ""),
        unit_id=row.unit_id,
        counter_id=row.counter_id,
        recorded_at=_moment(event.get("device_time")),
        at=row.at,
        reason=row.reason,
    )


def rejected_events(
    session: Session,
    *,
    dossier_id: str | None = None,
    dossier_ids: list[str] | None = None,
    unit_id: str | None = None,
    limit: int | None = None,
) -> list[RejectedEventView]:
    """Refused events, newest first: of one dossier, of some dossiers, or sent by one unit's counters."""
    query = select(SyncRejection)
    if dossier_id is not None:
        query = query.where(SyncRejection.dossier_id == dossier_id)
    if dossier_ids is not None:
        query = query.where(col(SyncRejection.dossier_id).in_(dossier_ids))
    if unit_id is not None:
        query = query.where(SyncRejection.unit_id == str(unit_id))
    query = query.order_by(col(SyncRejection.at).desc(), col(SyncRejection.event_id))
    if limit is not None:
        query = query.limit(limit)
    return [rejected_view(row) for row in session.exec(query).all()]
