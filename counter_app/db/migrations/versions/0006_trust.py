"""trust: a unit's own citizen records, officer names in the event hash, the view log chained, signed anchors

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 16:00:00

Every event is hashed again with its officer's name (``domain.chain.HASHED_FIELDS``), in ``seq`` order, on
the counter's store and on the central store alike (both compute the same hashes from the same content):
stores made before this version were demo and test stores only.
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from counter_app.domain.chain import access_hash, event_hash

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_UNIQUE = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _rehash_events(bind) -> None:
    events = sa.table(
        "dossier_event",
        *(
            sa.column(name)
            for name in (
                "id",
                "dossier_id",
                "dossier_code",
                "seq",
                "type",
                "officer_id",
                "officer_name",
                "unit_id",
                "counter_id",
                "prev_hash",
                "hash",
            )
        ),
        sa.column("payload", sa.JSON),
        sa.column("device_time", sa.DateTime),
    )
    dossiers = sa.table("dossier", sa.column("id"), sa.column("last_event_hash"))
    rows = bind.execute(sa.select(events).order_by(events.c.dossier_id, events.c.seq)).mappings()
    current, prev, updates, heads = None, "", [], {}
    for row in rows:
        if row["dossier_id"] != current:
            current, prev = row["dossier_id"], ""
        fields = dict(row)
        fields["prev_hash"] = prev
        new = event_hash(fields)
        updates.append({"b_id": row["id"], "b_prev": prev, "b_hash": new})
        heads[current] = new
        prev = new
    if updates:
        bind.execute(
            events.update()
            .where(events.c.id == sa.bindparam("b_id"))
            .values(prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash")),
            updates,
        )
    if heads:
        bind.execute(
            dossiers.update()
            .where(dossiers.c.id == sa.bindparam("b_id"))
            .values(last_event_hash=sa.bindparam("b_hash")),
            [{"b_id": k, "b_hash": v} for k, v in heads.items()],
        )


def _chain_access_log(bind) -> None:
    log = sa.table(
        "access_log",
        *(sa.column(n) for n in ("id", "officer_id", "officer_name", "unit_id", "counter_id", "citizen_id")),
        *(sa.column(n) for n in ("dossier_id", "purpose", "prev_hash", "hash", "seq")),
        sa.column("at", sa.DateTime),
    )
    prev, updates = "", []
    for seq, row in enumerate(bind.execute(sa.select(log).order_by(log.c.at, log.c.id)).mappings(), start=1):
        fields = {**row, "seq": seq, "prev_hash": prev}
        new = access_hash(fields)
        updates.append({"b_id": row["id"], "b_seq": seq, "b_prev": prev, "b_hash": new})
        prev = new
    if updates:
        bind.execute(
            log.update()
            .where(log.c.id == sa.bindparam("b_id"))
            .values(seq=sa.bindparam("b_seq"), prev_hash=sa.bindparam("b_prev"), hash=sa.bindparam("b_hash")),
            updates,
        )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for unique in sa.inspect(bind).get_unique_constraints("citizen"):  # "citizen_cccd_key" from 0001
            if unique["column_names"] == ["cccd"] and unique["name"]:
                op.drop_constraint(unique["name"], "citizen", type_="unique")
        op.create_index(op.f("ix_citizen_cccd"), "citizen", ["cccd"], unique=False)
    else:
        with op.batch_alter_table("citizen", naming_convention=_UNIQUE) as batch:
            batch.drop_constraint("uq_citizen_cccd", type_="unique")
            batch.create_index(batch.f("ix_citizen_cccd"), ["cccd"], unique=False)
    with op.batch_alter_table("access_log") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column(
                "prev_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default=""
            )
        )
        batch.add_column(
            sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False, server_default="")
        )
        batch.create_unique_constraint("uq_access_log_seq", ["seq"])
    with op.batch_alter_table("access_log") as batch:
        batch.alter_column("prev_hash", server_default=None)
        batch.alter_column("hash", server_default=None)
    op.create_table(
        "chain_anchor",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("unit_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("counter_id", sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
        sa.Column("key_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("prev_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("heads", sa.JSON(), nullable=False),
        sa.Column("digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("signature", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_chain_anchor_counter_id"), "chain_anchor", ["counter_id"], unique=False)
    op.create_index(op.f("ix_chain_anchor_unit_id"), "chain_anchor", ["unit_id"], unique=False)
    _rehash_events(bind)
    _chain_access_log(bind)


def downgrade() -> None:
    op.drop_index(op.f("ix_chain_anchor_unit_id"), table_name="chain_anchor")
    op.drop_index(op.f("ix_chain_anchor_counter_id"), table_name="chain_anchor")
    op.drop_table("chain_anchor")
    with op.batch_alter_table("access_log") as batch:
        batch.drop_constraint("uq_access_log_seq", type_="unique")
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    with op.batch_alter_table("citizen") as batch:
        batch.drop_index(batch.f("ix_citizen_cccd"))
        batch.create_unique_constraint("uq_citizen_cccd", ["cccd"])
