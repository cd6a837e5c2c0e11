"""Alembic migrations, driven from code (``counter-app db upgrade``; the app upgrades on start)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Bring the store's schema to ``revision``; returns the revision now in place."""
    if revision == "head" and current_revision(engine) == head_revision():
        return head_revision()
    command.upgrade(alembic_config(engine), revision)
    return current_revision(engine) or ""


def prepare(engine: Engine) -> str:
    """Migrate, then load the country's administrative units when the store has none yet."""
    revision = upgrade(engine)
    from sqlmodel import Session, select

    from counter_app.db.models import Unit
    from counter_app.db.units import load_catalogue

    with Session(engine) as session:
        if session.exec(select(Unit.id).limit(1)).first() is None:
            load_catalogue(session)
            session.commit()
    return revision
