"""history that forgets: bundle rewrites (revision, original file) and what waits to be rewritten

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_bundles") as batch:
        batch.add_column(sa.Column("original", sa.String(length=64), nullable=True))
        batch.add_column(
            sa.Column("revision", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
    op.create_table(
        "sync_bundle_rewrites",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "sync_server_rewrites",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("changeset", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("device_id", "changeset", "idx"),
    )


def downgrade() -> None:
    op.drop_table("sync_server_rewrites")
    op.drop_table("sync_bundle_rewrites")
    with op.batch_alter_table("sync_bundles") as batch:
        batch.drop_column("revision")
        batch.drop_column("original")
