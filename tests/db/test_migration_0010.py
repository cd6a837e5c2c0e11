"""Migration 0010: a dossier's postal item code and the day it went to the post office appear on upgrade and go
on downgrade (tests/db/test_upgrade_with_data.py upgrades a store with dossiers through it)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect

from counter_app.db.migrate import alembic_config, upgrade


def _columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("dossier")}


def test_the_post_columns_come_and_go(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0009")
    assert not {"post_item_code", "posted_at"} & _columns(engine)
    assert upgrade(engine, "0010") == "0010"
    assert {"post_item_code", "posted_at"} <= _columns(engine)
    command.downgrade(alembic_config(engine), "0009")
    assert not {"post_item_code", "posted_at"} & _columns(engine)
    engine.dispose()
