"""Setting a central PostgreSQL store up from nothing (``counter-app central init``), and a counter's check that
the store it syncs with was set up.

:func:`init_central` runs, as the database's owner or a superuser, every step a central store needs, each one
idempotent: the same Alembic migrations as a counter's store, the country's administrative units, the
unit-scoped row-level security of :mod:`counter_app.sync.security`, and ``store_info`` kind ``central``.
Re-run after an upgrade of the program it migrates the schema and extends the security to the new tables; on a
store already up to date it changes nothing and says so.

:func:`check_ready` is the first thing a sync round does: a fresh empty database, or a counter's own store
given as the central one, answers with one sentence naming the store and the command to run, instead of the
first SQL error the round would meet (``relation "citizen" does not exist``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import ProgrammingError
from sqlmodel import Session

from counter_app.services.errors import ServiceError

log = logging.getLogger(__name__)
CENTRAL = "central"


def place_of(url: URL) -> str:
    """``HOST/DB`` of a store's URL, to name it to people (never the user or the password)."""
    return f"{url.host or 'localhost'}/{url.database or ''}"


@dataclass(frozen=True)
class InitReport:
    """What :func:`init_central` found and did, one field per step."""

    place: str
    #: the schema's revision before (None: an empty database) and after
    revision_before: str | None
    revision: str
    units_added: int
    security_changed: bool
    #: ``store_info`` was written now (False: it already said ``central``)
    recorded: bool
    set_up_at: str

    @property
    def changed(self) -> bool:
        return (
            self.revision_before != self.revision
            or self.units_added > 0
            or self.security_changed
            or self.recorded
        )


def _store_kind(engine: Engine) -> str:
    """``store_info``'s kind, or "" when the table or the row is not there (yet)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("store_info"):
            return ""
        value = connection.execute(text("SELECT value FROM store_info WHERE key = 'kind'")).scalar()
        return str(value or "")


def init_central(engine: Engine, *, now: datetime) -> InitReport:
    """Create or migrate the central store behind ``engine`` (its owner's or a superuser's connection)."""
    from counter_app.db.migrate import current_revision, upgrade
    from counter_app.db.units import load_catalogue
    from counter_app.services import store_info
    from counter_app.sync import security

    place = place_of(engine.url)
    security.check_postgresql(engine)
    kind = _store_kind(engine)
    if kind and kind != CENTRAL:  # a counter's own store named as the central one: leave it alone
        raise ServiceError("central.not_a_central_store", place=place, kind=kind)
    before = current_revision(engine)
    revision = upgrade(engine)
    with Session(engine) as session:
        added = load_catalogue(session)
        session.commit()
    changed = security.install(engine)
    with Session(engine) as session:
        identity = store_info.read(session)
        recorded = identity.kind != CENTRAL
        if recorded:
            identity = store_info.write(session, kind=CENTRAL, now=now)
            session.commit()
    report = InitReport(place, before, revision, added, changed, recorded, identity.set_up_at)
    log.info("central init on %s: %s", place, report)
    return report


def check_ready(engine: Engine) -> None:
    """Raise :class:`ServiceError` ``central.not_set_up`` unless ``engine``'s store says it is a central store.

    A connection that fails is not caught here: an unreachable store is another matter (the caller's).
    The check reads ``store_info``, which a counter's role may read once ``central init`` installed the
    security; a role denied it is on a store whose security predates the table: not set up either.
    """
    try:
        kind = _store_kind(engine)
    except ProgrammingError as exc:  # permission denied: security older than the schema
        log.info("central store check: %s", exc)
        kind = ""
    if kind != CENTRAL:
        raise ServiceError("central.not_set_up", place=place_of(engine.url))
