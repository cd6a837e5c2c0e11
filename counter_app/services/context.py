"""The store a counter works on, and who is acting at it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from counter_app.config import Settings

if TYPE_CHECKING:  # the TUI imports this module before the store opens: keep SQLAlchemy out of start-up
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from counter_app.domain.calendar import WorkCalendar
    from counter_app.services.store_info import StoreIdentity

#: the faults of :func:`open_store` after which the store cannot be used at all (restore it)
STORE_UNUSABLE = frozenset(
    {"storage.store_corrupt", "storage.store_missing", "storage.store_empty", "storage.corrupt"}
)


def local_now() -> datetime:
    """Wall-clock local time, naive, to the second (how the counter shows and stores times)."""
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Actor:
    """The officer acting, with the unit and counter they act from.

    ``must_change_pin``: the officer logged in with a PIN an administrator set (``officer add``,
    ``officer reset-pin``); the user interface asks for a new one (:func:`counter_app.services.auth.change_pin`)
    before anything else."""

    officer_id: str | None
    name: str
    role: str
    unit_id: str
    counter_id: str | None = None
    must_change_pin: bool = False

    @property
    def counter_parts(self) -> tuple[str, int]:
        """(the unit's one-stop code, the counter number) of the counter the actor works at."""
        if not self.counter_id or "#" not in self.counter_id:
            raise ValueError(f"actor {self.name!r} is not at a counter")
        code, number = self.counter_id.rsplit("#", 1)
        return code, int(number)

    @property
    def is_supervisor(self) -> bool:
        return self.role in ("supervisor", "admin")


@dataclass
class Store:
    """The counter's working store: engine, settings and calendar, shared by every service."""

    settings: Settings
    engine: Engine
    calendar: WorkCalendar = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.calendar is None:
            self.calendar = self.settings.calendar()

    def reload_calendar(self) -> None:
        """The configured calendar plus the days off and make-up days shared by the central store."""
        from dataclasses import replace

        from sqlmodel import select

        from counter_app.db.models import CalendarDay

        with self.session() as session:
            days = session.exec(select(CalendarDay)).all()
        shared_off = {d.day for d in days if not d.working}
        shared_working = {d.day for d in days if d.working}
        settings = replace(  # the province's shared decision wins over a counter's own file
            self.settings,
            extra_days_off=tuple(sorted((set(self.settings.extra_days_off) - shared_working) | shared_off)),
            extra_working_days=tuple(
                sorted((set(self.settings.extra_working_days) - shared_off) | shared_working)
            ),
        )
        self.calendar = settings.calendar()

    @cached_property
    def unit_id(self) -> str:
        return str(self.settings.unit_code)

    @contextmanager
    def session(self) -> Iterator[Session]:
        from counter_app.db.engine import session_scope

        with session_scope(self.engine) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(settings: Settings, *, upgrade: bool = True) -> Store:
    """Open (and by default migrate) the store the settings point at.

    An SQLite store is checked first (:mod:`counter_app.services.store_health`): a damaged file, or one
    that existed and is now missing or empty, is refused with the restore command to run
    (:class:`~counter_app.services.storage_errors.StorageError`); nothing is created or written then."""
    from counter_app.db.engine import make_engine
    from counter_app.db.migrate import prepare
    from counter_app.services import store_health

    settings.ensure_dirs()
    store_health.check(settings)
    engine = make_engine(settings.db_url)
    try:
        if upgrade:
            prepare(engine)
        store = Store(settings=settings, engine=engine)
        if upgrade:
            from sqlmodel import col, select

            from counter_app.db.models import CalendarDay
            from counter_app.services import store_info

            with store.session() as session:
                has_days = session.exec(select(col(CalendarDay.day)).limit(1)).first() is not None
                identity = store_info.read(session)
            store.settings = with_identity(settings, identity)
            if has_days:
                store.reload_calendar()
            store_health.record(settings, identity={"kind": identity.kind, "unit": identity.unit_id})
    except BaseException:
        engine.dispose()
        raise
    return store


def with_identity(settings: Settings, identity: StoreIdentity) -> Settings:
    """The settings with the unit and official identifier the store was set up for: the store is what
    ``counter-app setup`` wrote, a PC's ``config.toml`` or environment only says where to find it."""
    from dataclasses import replace

    unit_code = int(identity.unit_id) if identity.unit_id.isdigit() else settings.unit_code
    one_stop_code = identity.identifier or settings.one_stop_code
    return replace(settings, unit_code=unit_code, one_stop_code=one_stop_code)
