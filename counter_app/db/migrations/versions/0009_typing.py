"""typing: an officer's own settings (the Vietnamese typing mode of the text fields)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 19:30:00

``officer_preference`` holds one row per officer and setting (``typing`` = ``off`` | ``telex`` | ``vni``),
read when the officer logs in. It lives in the counter's store only (sync neither pushes nor pulls it).
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer_preference",
        sa.Column("officer_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("officer_id", "name"),
    )


def downgrade() -> None:
    op.drop_table("officer_preference")
