"""Alembic migrations, driven from code (``counter-app db upgrade``; the app upgrades on start).

Alembic itself is imported only when the store is not at the scripts' head yet, so that an
up-to-date store opens without paying for it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)


@cache
def quick_head() -> str:
    """The head revision read straight from the scripts' text: the one no other script revises."""
    revisions, revised = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        if found := _REVISION.search(source):
            revisions.add(found.group(1))
        if down := _DOWN.search(source):
            revised.add(down.group(1))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else ""


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The head revision as the migration scripts define it."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The store's revision, or None for a store Alembic has not touched."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError:  # no alembic_version table yet
        return None


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Bring the store's schema to ``revision``; returns the revision now in place."""
    if revision == "head" and quick_head() and current_revision(engine) == quick_head():
        return quick_head()
    from alembic import command

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
