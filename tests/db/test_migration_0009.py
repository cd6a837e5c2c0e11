"""Migration 0009: ``officer_preference`` (an officer's typing mode and tone style) appears on upgrade, one row
per officer and setting, and goes on downgrade."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from counter_app.db.migrate import alembic_config, upgrade


def test_officer_preferences_come_and_go(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0008")
    assert "officer_preference" not in inspect(engine).get_table_names()
    assert upgrade(engine, "0009") == "0009"
    with engine.begin() as c:
        c.execute(
            text("INSERT INTO officer_preference (officer_id, name, value) VALUES ('o1', 'typing', 'telex')")
        )
        c.execute(
            text("INSERT INTO officer_preference (officer_id, name, value) VALUES ('o2', 'typing', 'vni')")
        )
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(
            text("INSERT INTO officer_preference (officer_id, name, value) VALUES ('o1', 'typing', 'off')")
        )
    command.downgrade(alembic_config(engine), "0008")
    assert "officer_preference" not in inspect(engine).get_table_names()
    engine.dispose()
