"""Notes waiting for review indexed, so the count shown at start-up reads only those notes

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_notes_waiting",
        "notes",
        ["created_at", "id"],
        sqlite_where=sa.text("needs_review IS 1 AND deleted_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_notes_waiting", table_name="notes")
