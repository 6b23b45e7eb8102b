"""retention rules (synced), coordinators' receipts (synced) and records forgotten on this device

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_rules",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind"),
    )
    op.create_table(
        "sync_receipts",
        sa.Column("coordinator_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("changeset", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("coordinator_id", "device_id"),
    )
    op.create_table(
        "sync_forgotten",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("forgotten_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "key"),
    )


def downgrade() -> None:
    op.drop_table("sync_forgotten")
    op.drop_table("sync_receipts")
    op.drop_table("retention_rules")
