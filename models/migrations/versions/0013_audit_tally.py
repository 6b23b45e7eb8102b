"""Audit entries counted by triggers and their times indexed, so the Data held page reads two
index ends and one tally instead of every entry (one or more per note ever written)

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_UPSERT = (
    "INSERT INTO tallies (activity_id, facet, value, count) VALUES ('', 'audit', '', {sign}1) "
    "ON CONFLICT (facet, activity_id, value) DO UPDATE SET count = count + excluded.count;"
)
TRIGGERS = {
    "tallies_audit_insert": f"AFTER INSERT ON audit_entries BEGIN {_UPSERT.format(sign='+')} END",
    "tallies_audit_delete": f"AFTER DELETE ON audit_entries BEGIN {_UPSERT.format(sign='-')} END",
}


def upgrade() -> None:
    for name, sql in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {sql}")
    op.create_index("ix_audit_entries_at", "audit_entries", ["at"])
    # Filled by models.migrate.upgrade_to_head (recount_tallies), which runs after every upgrade.


def downgrade() -> None:
    op.drop_index("ix_audit_entries_at", table_name="audit_entries")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
