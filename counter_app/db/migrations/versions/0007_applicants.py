"""applicants: hand-entered applicants (kind, number, representative); unit identifiers no longer derived

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 17:00:00

The dossier gets the applicant's kind (citizen or organisation), the number they were identified by and
its kind, and who submitted for them. Unit identifiers the catalogue used to derive
(``000.<ward>.H<statistical province code>``, and ``000.00.00.H<code>`` for provincial centres) were
invented: identifiers are assigned under Decision 20/2020/QĐ-TTg (amended by Decision 09/2025/QĐ-TTg) and
cannot be derived. Those values are replaced by the placeholder of a unit whose identifier is not set
(``?<unit id>``); the store's own unit (``store_info``) keeps the identifier it was set up with.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("applicant_kind", 16, "citizen"),
    ("applicant_id_type", 16, ""),
    ("applicant_id_number", 20, ""),
    ("representative_name", 120, ""),
    ("representative_id", 20, ""),
)


def _derived(unit_id: str, kind: str, province_code: int) -> str | None:
    """The identifier the old catalogue derived for this unit."""
    if kind == "province":
        return f"000.00.00.H{province_code:02d}"
    return f"000.{int(unit_id):05d}.H{province_code:02d}" if unit_id.isdigit() else None


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        for name, length, default in _COLUMNS:
            batch.add_column(
                sa.Column(
                    name,
                    sqlmodel.sql.sqltypes.AutoString(length=length),
                    nullable=False,
                    server_default=default,
                )
            )
    bind = op.get_bind()
    unit = sa.table(
        "unit", sa.column("id"), sa.column("kind"), sa.column("province_code"), sa.column("one_stop_code")
    )
    info = sa.table("store_info", sa.column("key"), sa.column("value"))
    own = bind.execute(sa.select(info.c.value).where(info.c.key == "identifier")).scalar() or ""
    for row in bind.execute(sa.select(unit.c.id, unit.c.kind, unit.c.province_code, unit.c.one_stop_code)):
        if row.one_stop_code != own and row.one_stop_code == _derived(
            row.id, row.kind, int(row.province_code)
        ):
            bind.execute(sa.update(unit).where(unit.c.id == row.id).values(one_stop_code=f"?{row.id}"))


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        for name, _length, _default in reversed(_COLUMNS):
            batch.drop_column(name)
