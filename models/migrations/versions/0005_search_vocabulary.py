"""The full-text index's vocabulary, to list the words a partly typed word completes to

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A view over the index, with no storage of its own: one row per indexed word.
    op.execute("CREATE VIRTUAL TABLE note_search_terms USING fts5vocab(note_search, row)")


def downgrade() -> None:
    op.execute("DROP TABLE note_search_terms")
