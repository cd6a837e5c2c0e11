"""documents: digitised files on components, results and the citizen's documents; the files' outbox

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 19:00:00

A dossier's component and its result carry the file that digitises them (SHA-256, size, pages; files live
in the content-addressed ``services.file_store``). A citizen's document gets its expiry date, its file's
size and pages, and the dossier it came from. ``file_upload`` queues files for the central object store.
Demo rows whose ``file_hash`` named no file (the hash of a made-up string) cannot be told apart here and
are left as they are: the file check (``counter-app files verify``) reports them as missing.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _text(name: str, length: int) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=False, server_default="")


def _int(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False, server_default="0")


def upgrade() -> None:
    with op.batch_alter_table("dossier_document") as batch:
        batch.add_column(_text("file_hash", 64))
        batch.add_column(_int("file_size"))
        batch.add_column(_int("file_pages"))
    with op.batch_alter_table("dossier") as batch:
        batch.add_column(_text("result_file_hash", 64))
        batch.add_column(_int("result_file_size"))
        batch.add_column(_int("result_file_pages"))
    with op.batch_alter_table("citizen_document") as batch:
        batch.add_column(sa.Column("expires_on", sa.Date(), nullable=True))
        batch.add_column(_int("file_size"))
        batch.add_column(_int("file_pages"))
        batch.add_column(_text("dossier_code", 64))
    op.create_table(
        "file_upload",
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_index("ix_file_upload_uploaded_at", "file_upload", ["uploaded_at"])


def downgrade() -> None:
    op.drop_index("ix_file_upload_uploaded_at", table_name="file_upload")
    op.drop_table("file_upload")
    with op.batch_alter_table("citizen_document") as batch:
        for name in ("dossier_code", "file_pages", "file_size", "expires_on"):
            batch.drop_column(name)
    with op.batch_alter_table("dossier") as batch:
        for name in ("result_file_pages", "result_file_size", "result_file_hash"):
            batch.drop_column(name)
    with op.batch_alter_table("dossier_document") as batch:
        for name in ("file_pages", "file_size", "file_hash"):
            batch.drop_column(name)
