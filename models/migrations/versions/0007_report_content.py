"""Who reports come from (organisation, contact details); theme pictures, Easy Read titles and
report-back dates; why an action is late

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation_profile",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("phone", sa.String(length=60), nullable=False, server_default=""),
        sa.Column("email", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("post", sa.Text(), nullable=False, server_default=""),
        sa.Column("text_relay", sa.String(length=60), nullable=False, server_default=""),
        sa.Column("other_formats", sa.Text(), nullable=False, server_default=""),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    # Stores made before this release named their organisation in meta; keep that name.
    op.execute(
        "INSERT INTO organisation_profile (id, name) "
        "SELECT 1, COALESCE((SELECT value FROM meta WHERE key = 'organisation'), '')"
    )
    with op.batch_alter_table("themes") as batch:
        batch.add_column(sa.Column("picture", sa.String(length=64), nullable=False, server_default=""))
        batch.add_column(sa.Column("report_back_on", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("easy_read_title", sa.String(length=120), nullable=False, server_default="")
        )
    with op.batch_alter_table("actions") as batch:
        batch.add_column(sa.Column("late_reason", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("actions") as batch:
        batch.drop_column("late_reason")
    with op.batch_alter_table("themes") as batch:
        batch.drop_column("easy_read_title")
        batch.drop_column("report_back_on")
        batch.drop_column("picture")
    op.drop_table("organisation_profile")
