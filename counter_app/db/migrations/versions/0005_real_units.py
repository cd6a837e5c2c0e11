"""real units: what the store is, procedures a unit enables and retires, published counter keys, PIN change

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 13:00:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_info",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "unit_procedure",
        sa.Column("unit_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("procedure_code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["procedure_code"], ["procedure.code"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("unit_id", "procedure_code"),
    )
    op.create_table(
        "counter_key",
        sa.Column("key_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("counter_id", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("unit_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("public_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id"),
    )
    op.create_index(op.f("ix_counter_key_counter_id"), "counter_key", ["counter_id"], unique=False)
    op.create_index(op.f("ix_counter_key_unit_id"), "counter_key", ["unit_id"], unique=False)
    with op.batch_alter_table("officer") as batch:
        batch.add_column(
            sa.Column("must_change_pin", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("procedure") as batch:
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
        batch.create_index(batch.f("ix_procedure_updated_at"), ["updated_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("procedure") as batch:
        batch.drop_index(batch.f("ix_procedure_updated_at"))
        batch.drop_column("updated_at")
        batch.drop_column("retired_at")
    with op.batch_alter_table("officer") as batch:
        batch.drop_column("must_change_pin")
    op.drop_index(op.f("ix_counter_key_unit_id"), table_name="counter_key")
    op.drop_index(op.f("ix_counter_key_counter_id"), table_name="counter_key")
    op.drop_table("counter_key")
    op.drop_table("unit_procedure")
    op.drop_table("store_info")
