"""rating: the citizen rates on the counter's tablet (issue 16)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 22:20:00

``dossier.satisfaction_by`` says who gave the rating: "citizen" (the tablet), "not_rated" (no answer in
time), "" for ratings keyed in by officers before (which the indicators no longer count). ``rating_request``
holds the returned dossiers waiting for a tablet's answer (``services.rating``); it stays in the counter's
store and is not synced.
"""

import json

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.add_column(
            sa.Column(
                "satisfaction_by",
                sqlmodel.sql.sqltypes.AutoString(length=12),
                nullable=False,
                server_default="",
            )
        )
    _project_satisfaction_by()
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "rating_request",
        sa.Column("id", text(length=36), nullable=False),
        sa.Column("dossier_id", text(length=36), nullable=False),
        sa.Column("dossier_code", text(length=64), nullable=False),
        sa.Column("procedure_name", text(length=500), nullable=False),
        sa.Column("unit_id", text(length=16), nullable=False),
        sa.Column("counter_id", text(length=48), nullable=False),
        sa.Column("officer_id", text(length=36), nullable=True),
        sa.Column("officer_name", text(length=120), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("state", text(length=12), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("device", text(length=64), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rating_request_dossier_id", "rating_request", ["dossier_id"])
    op.create_index("ix_rating_request_counter_id", "rating_request", ["counter_id"])
    op.create_index("ix_rating_request_state", "rating_request", ["state"])


def _project_satisfaction_by() -> None:
    """A store taken below this revision and up again still holds the events that said who rated: the column
    is projected from them (``db.projection``: a dossier's row is what its events say). A store coming from
    0010 has none."""
    bind = op.get_bind()
    events = bind.execute(
        sa.text(
            "SELECT dossier_id, payload FROM dossier_event WHERE type IN ('rated', 'not_rated') "
            "ORDER BY dossier_id, seq"
        )
    ).all()
    for dossier_id, payload in events:
        data = payload if isinstance(payload, dict) else json.loads(payload or "{}")
        by = (data.get("set") or {}).get("satisfaction_by")
        if by:
            bind.execute(
                sa.text("UPDATE dossier SET satisfaction_by = :by WHERE id = :id"),
                {"by": by, "id": dossier_id},
            )


def downgrade() -> None:
    for name in ("state", "counter_id", "dossier_id"):
        op.drop_index(f"ix_rating_request_{name}", table_name="rating_request")
    op.drop_table("rating_request")
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("satisfaction_by")
