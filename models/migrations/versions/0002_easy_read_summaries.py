"""Easy Read summaries on themes and actions (needed by the Easy Read report)

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("themes", "actions"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("easy_read_summary", sa.Text(), nullable=False, server_default="")
            )


def downgrade() -> None:
    for table in ("themes", "actions"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("easy_read_summary")
