"""sync through PostgreSQL: which ops the server holds, ops held back for a coordinator

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): existing ops start as "not on the server", so the first
    # PostgreSQL sync shares everything this store knows, including ops it got from a folder.
    op.add_column(
        "sync_ops",
        sa.Column("on_server", sa.Boolean(), server_default=sa.text("0"), nullable=False),
    )
    op.create_index(
        "ix_sync_ops_server_outbox",
        "sync_ops",
        ["wall", "counter", "device_id", "changeset", "idx"],
        sqlite_where=sa.text("on_server = 0"),
    )
    op.create_table(
        "sync_held_ops",
        sa.Column("server_seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("changeset", sa.Integer(), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("wall", sa.Integer(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("server_seq"),
    )
    op.create_index("ix_sync_held_ops_device", "sync_held_ops", ["device_id", "server_seq"])


def downgrade() -> None:
    op.drop_index("ix_sync_held_ops_device", table_name="sync_held_ops")
    op.drop_table("sync_held_ops")
    op.drop_index("ix_sync_ops_server_outbox", table_name="sync_ops")
    with op.batch_alter_table("sync_ops") as batch:
        batch.drop_column("on_server")
