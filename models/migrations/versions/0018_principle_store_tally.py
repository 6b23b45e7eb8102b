"""Principle coverage kept for the whole store by triggers on the per-activity tallies: per
principle, the live notes of live activities with it and how many such activities have one,
so the dashboard reads ten rows instead of one per activity and principle (10,000 at 1,000
activities)

Revision ID: 0018
Revises: 0017
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_UPSERT = (
    "INSERT INTO tallies (activity_id, facet, value, count) SELECT * FROM ({rows}) WHERE true "
    "ON CONFLICT (facet, activity_id, value) DO UPDATE SET count = count + excluded.count;"
)
_LIVE = "EXISTS (SELECT 1 FROM activities WHERE id = new.activity_id AND deleted_at IS NULL)"
_PER_ACTIVITY = "new.facet = 'principle' AND new.activity_id != ''"


def _changed(notes: str, activities: str) -> str:
    rows = (
        f"SELECT '', 'principle_notes', new.value, {notes} WHERE {_LIVE} UNION ALL "
        f"SELECT '', 'principle_acts', new.value, {activities} WHERE {_LIVE}"
    )
    return _UPSERT.format(rows=rows)


def _activity(a: str, sign: str) -> str:
    """What all of one activity's principle tallies count for (its liveness is the caller's)."""
    rows = (
        f"SELECT '', 'principle_notes', value, {sign}count FROM tallies "
        f"WHERE facet = 'principle' AND activity_id = {a}.id UNION ALL "
        f"SELECT '', 'principle_acts', value, {sign}(count > 0) FROM tallies "
        f"WHERE facet = 'principle' AND activity_id = {a}.id"
    )
    return _UPSERT.format(rows=rows)


_TURNED = "(old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL)"
# Per-activity rows are only ever inserted and updated (a count falls to 0, the row stays); the
# recount deletes every row and inserts them again, which these triggers count afresh.
TRIGGERS = {
    "tallies_principles_insert": (
        f"AFTER INSERT ON tallies WHEN {_PER_ACTIVITY} "
        f"BEGIN {_changed('new.count', 'new.count > 0')} END"
    ),
    "tallies_principles_update": (
        f"AFTER UPDATE OF count ON tallies WHEN {_PER_ACTIVITY} AND old.count IS NOT new.count "
        f"BEGIN {_changed('new.count - old.count', '(new.count > 0) - (old.count > 0)')} END"
    ),
    "tallies_principles_activity_binned": (
        f"AFTER UPDATE OF deleted_at ON activities WHEN {_TURNED} AND new.deleted_at IS NOT NULL "
        f"BEGIN {_activity('new', '-')} END"
    ),
    "tallies_principles_activity_restored": (
        f"AFTER UPDATE OF deleted_at ON activities WHEN {_TURNED} AND new.deleted_at IS NULL "
        f"BEGIN {_activity('new', '+')} END"
    ),
    "tallies_principles_activity_delete": (
        "BEFORE DELETE ON activities WHEN old.deleted_at IS NULL "
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
