"""leaving: a result returned by post (its S10 item code and when it went to the post office)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 22:10:00

``dossier.post_item_code`` (UPU S10, 13 characters, "" when none) and ``dossier.posted_at`` are projected
from the ``posted`` event (``services.workflow.hand_to_post``); the central store projects them the same way
(``sync.central_rules``).
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.add_column(
            sa.Column(
                "post_item_code",
                sqlmodel.sql.sqltypes.AutoString(length=13),
                nullable=False,
                server_default="",
            )
        )
        batch.add_column(sa.Column("posted_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("posted_at")
        batch.drop_column("post_item_code")
