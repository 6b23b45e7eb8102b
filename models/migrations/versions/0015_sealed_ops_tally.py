"""Op-log rows sealed into a bundle counted by triggers, so the Sync page reads the outbox's size
(every op less the sealed ones) from two tallies instead of counting it: every op waits there
until the first sync, 640,000 of them at 100,000 notes

Revision ID: 0015
Revises: 0014
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_UPSERT = (
    "INSERT INTO tallies (activity_id, facet, value, count) VALUES ('', 'ops_sealed', '', {n}) "
    "ON CONFLICT (facet, activity_id, value) DO UPDATE SET count = count + excluded.count;"
)
_SEALED = "{row}.bundle_seq IS NOT NULL"
# Each WHEN keeps a local op's capture (bundle_seq NULL) free of any further write.
TRIGGERS = {
    "tallies_sealed_op_insert": (
        f"AFTER INSERT ON sync_ops WHEN {_SEALED.format(row='new')} "
        f"BEGIN {_UPSERT.format(n=1)} END"
    ),
    "tallies_sealed_op_delete": (
        f"AFTER DELETE ON sync_ops WHEN {_SEALED.format(row='old')} "
        f"BEGIN {_UPSERT.format(n=-1)} END"
    ),
    "tallies_op_sealed": (
        "AFTER UPDATE OF bundle_seq ON sync_ops "
        "WHEN (old.bundle_seq IS NULL) IS NOT (new.bundle_seq IS NULL) BEGIN "
        + _UPSERT.format(n="CASE WHEN new.bundle_seq IS NULL THEN -1 ELSE 1 END")
        + " END"
    ),
}


def upgrade() -> None:
    for name, sql in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {sql}")
    # Filled by models.migrate.upgrade_to_head (recount_tallies), which runs after every upgrade.


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
