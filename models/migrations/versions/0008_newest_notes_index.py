"""Live activities indexed by start, so the newest notes are found without sorting every note

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_activities_live_starts_at",
        "activities",
        ["starts_at"],
        sqlite_where=sa.text("deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_activities_live_starts_at", table_name="activities")
