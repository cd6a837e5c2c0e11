"""Alembic environment: the engine is handed over by counter_app.db.migrate.

SQLite: the whole upgrade is one explicit transaction (the driver would otherwise run DDL outside any
transaction, so a migration failing half-way left a half-rebuilt table behind), with foreign keys
off while tables are rebuilt (a batch migration drops and re-creates a table that other rows point to)
and checked before the commit: an upgrade either happens whole or leaves the store as it was.
"""

from alembic import context
from sqlalchemy import text
from sqlmodel import SQLModel

from counter_app.db import models  # noqa: F401  (registers the tables)

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` command line: build one from the settings
    from counter_app.config import load_settings
    from counter_app.db.engine import make_engine

    engine = make_engine(load_settings().db_url)


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


if engine.dialect.name == "sqlite":
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                _configure(connection)
                context.run_migrations()
                broken = connection.execute(text("PRAGMA foreign_key_check")).first()
                if broken is not None:
                    raise RuntimeError(f"foreign key check failed after the upgrade: {tuple(broken)}")
            except BaseException:
                connection.exec_driver_sql("ROLLBACK")
                raise
            connection.exec_driver_sql("COMMIT")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
else:
    with engine.begin() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
