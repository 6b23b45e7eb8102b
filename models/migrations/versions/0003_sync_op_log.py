"""sync: op log, clock, bundles, quarantine, conflicts

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_ops",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("changeset", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("wall", sa.Integer(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("bundle_seq", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", "changeset", "idx"),
    )
    op.create_index("ix_sync_ops_key", "sync_ops", ["entity", "key"])
    op.create_index(
        "ix_sync_ops_outbox",
        "sync_ops",
        ["changeset", "idx"],
        sqlite_where=sa.text("bundle_seq IS NULL"),
    )
    clock = op.create_table(
        "sync_clock",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("wall", sa.Integer(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("changeset", sa.Integer(), nullable=False),
        sa.Column("bundle_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.bulk_insert(clock, [{"id": 1, "wall": 0, "counter": 0, "changeset": 0, "bundle_seq": 0}])
    op.create_table(
        "sync_bundles",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("op_count", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", "seq"),
    )
    op.create_table(
        "sync_quarantine",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "name"),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("heads", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "key", "field"),
    )
    # Rows made before sync existed are logged once, so an upgraded store shares them too.
    from sync.core.oplog import record_baseline

    record_baseline(op.get_bind())


def downgrade() -> None:
    for table in ("sync_conflicts", "sync_quarantine", "sync_bundles", "sync_clock"):
        op.drop_table(table)
    op.drop_index("ix_sync_ops_outbox", table_name="sync_ops")
    op.drop_index("ix_sync_ops_key", table_name="sync_ops")
    op.drop_table("sync_ops")
