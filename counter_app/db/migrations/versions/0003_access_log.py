"""access log: who opened a citizen's personal data, when and why

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:00:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("officer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("officer_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("unit_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("counter_id", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=True),
        sa.Column("citizen_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("dossier_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_access_log_at"), "access_log", ["at"], unique=False)
    op.create_index(op.f("ix_access_log_citizen_id"), "access_log", ["citizen_id"], unique=False)
    op.create_index(op.f("ix_access_log_unit_id"), "access_log", ["unit_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_access_log_unit_id"), table_name="access_log")
    op.drop_index(op.f("ix_access_log_citizen_id"), table_name="access_log")
    op.drop_index(op.f("ix_access_log_at"), table_name="access_log")
    op.drop_table("access_log")
