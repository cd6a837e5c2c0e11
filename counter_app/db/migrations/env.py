"""Alembic environment: the engine is handed over by counter_app.db.migrate."""

from alembic import context
from sqlmodel import SQLModel

from counter_app.db import models  # noqa: F401  (registers the tables)

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line: build one from the settings
    from counter_app.config import load_settings
    from counter_app.db.engine import make_engine

    engine = make_engine(load_settings().db_url)

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
