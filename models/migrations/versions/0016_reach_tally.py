"""Groups reached counted by triggers for the whole store: per group, the live activities that
reached it, the people they counted and how many gave a count, so the dashboard and the
coordinator report read one row per group instead of every activity's links (31,000 at 1,000
activities)

Revision ID: 0016
Revises: 0015
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_UPSERT = (
    "INSERT INTO tallies (activity_id, facet, value, count) SELECT * FROM ({rows}) WHERE true "
    "ON CONFLICT (facet, activity_id, value) DO UPDATE SET count = count + excluded.count;"
)


def _link(row: str, sign: str) -> str:
    """What one link counts for while its activity is live."""
    live = f"EXISTS (SELECT 1 FROM activities WHERE id = {row}.activity_id AND deleted_at IS NULL)"
    rows = " UNION ALL ".join(
        f"SELECT '', '{facet}', {row}.group_id, {sign}({value}) WHERE {live}"
        for facet, value in (
            ("reach", "1"),
            ("reach_people", f"coalesce({row}.count, 0)"),
            ("reach_known", f"{row}.count IS NOT NULL"),
        )
    )
    return _UPSERT.format(rows=rows)


def _activity(row: str, sign: str) -> str:
    """What all of one activity's links count for (its liveness is the caller's condition)."""
    rows = " UNION ALL ".join(
        f"SELECT '', '{facet}', group_id, {sign}({value}) FROM activity_groups "
        f"WHERE activity_id = {row}.id"
        for facet, value in (
            ("reach", "1"),
            ("reach_people", "coalesce(count, 0)"),
            ("reach_known", "count IS NOT NULL"),
        )
    )
    return _UPSERT.format(rows=rows)


_TURNED = "(old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL)"
# A hard delete counts an activity's links out BEFORE it goes; the links cascading after it
# find no activity and count nothing.
TRIGGERS = {
    "tallies_reach_insert": f"AFTER INSERT ON activity_groups BEGIN {_link('new', '+')} END",
    "tallies_reach_delete": f"AFTER DELETE ON activity_groups BEGIN {_link('old', '-')} END",
    "tallies_reach_update": (
        f"AFTER UPDATE ON activity_groups BEGIN {_link('old', '-')} {_link('new', '+')} END"
    ),
    "tallies_reach_activity_binned": (
        f"AFTER UPDATE OF deleted_at ON activities WHEN {_TURNED} AND new.deleted_at IS NOT NULL "
        f"BEGIN {_activity('new', '-')} END"
    ),
    "tallies_reach_activity_restored": (
        f"AFTER UPDATE OF deleted_at ON activities WHEN {_TURNED} AND new.deleted_at IS NULL "
        f"BEGIN {_activity('new', '+')} END"
    ),
    "tallies_reach_activity_delete": (
        f"BEFORE DELETE ON activities WHEN old.deleted_at IS NULL "
        f"BEGIN {_activity('old', '-')} END"
    ),
}


def upgrade() -> None:
    for name, sql in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {sql}")
    # Filled by models.migrate.upgrade_to_head (recount_tallies), which runs after every upgrade.


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
