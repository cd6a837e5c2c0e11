"""indexes for the indicators of a period: results and returns by date

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 05:45:00
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_dossier_finished_at", "dossier", ["finished_at"], unique=False)
    op.create_index("ix_dossier_returned_at", "dossier", ["returned_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_dossier_returned_at", table_name="dossier")
    op.drop_index("ix_dossier_finished_at", table_name="dossier")
