"""Fixtures of the hardening tests: the CLI in this process, storage faults injected."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app.db.models import Officer
from counter_app.services.context import Actor


def officer_actor(store, username: str = "canbo1", *, counter: int = 1) -> Actor:
    with store.session() as s:
        o = s.exec(select(Officer).where(Officer.username == username)).one()
    return Actor(o.id, o.full_name, o.role, o.unit_id, f"{store.settings.one_stop_code}#{counter}")


@contextmanager
def sqlite_pragma(*statements: str) -> Iterator[None]:
    """Run ``statements`` on every new SQLite connection of every engine while the block runs."""

    def on_connect(dbapi_connection, _record) -> None:
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            cursor = dbapi_connection.cursor()
            for statement in statements:
                cursor.execute(statement)
            cursor.close()

    event.listen(Engine, "connect", on_connect)
    try:
        yield
    finally:
        event.remove(Engine, "connect", on_connect)


from tests.hardening.two_units import central  # noqa: E402, F401  (the two-unit central store fixture)
