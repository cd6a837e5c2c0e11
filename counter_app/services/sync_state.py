"""What the local store records of its exchanges with the central store: the sync state (a key/value table
the sync writes: ``last_sync``, ``last_error``, ``last_problem``, ``last_attempt``, ``pull_cursor``, a
``pull_mark.<table>`` watermark per reference table) and the outbox counts.

:mod:`counter_app.sync.client` writes it; the status bar (:func:`counter_app.services.dashboard.store_state`)
and ``counter-app sync --status`` read it through :func:`status`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from counter_app.db.models import Outbox, SyncState


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
        return SyncStatus(
            int(pending),
            int(rejected),
            datetime.fromisoformat(last) if last else None,
            read_state(session, "last_error"),
            read_state(session, "last_problem"),
        )
