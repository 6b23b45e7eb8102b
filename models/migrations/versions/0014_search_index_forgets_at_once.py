"""search index forgets at once: a deleted or edited note's old words leave its segments

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # FTS5 otherwise keeps a removed word in its old segments (behind a delete marker) until
    # they happen to be merged: with secure-delete, every delete and update removes it at once.
    op.execute("INSERT INTO note_search(note_search, rank) VALUES ('secure-delete', 1)")
    # What earlier deletes left behind goes now.
    op.execute("INSERT INTO note_search(note_search) VALUES ('optimize')")


def downgrade() -> None:
    op.execute("INSERT INTO note_search(note_search, rank) VALUES ('secure-delete', 0)")
