"""Each theme's live notes counted by sentiment by triggers, for the whole store, so the
dashboard's sentiment table and the coordinator report read a few rows per theme instead of
looking up every theme link's note (6,000 links at 100,000 notes)

Kept in `tallies` as facet "theme_sentiment", the theme's id in the activity column and the
sentiment as the value.

Revision ID: 0017
Revises: 0016
"""

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_UPSERT = (
    "INSERT INTO tallies (activity_id, facet, value, count) SELECT * FROM ({rows}) WHERE true "
    "ON CONFLICT (facet, activity_id, value) DO UPDATE SET count = count + excluded.count;"
)
_LIVE_ACTIVITY = (
    "EXISTS (SELECT 1 FROM activities WHERE id = {n}.activity_id AND deleted_at IS NULL)"
)


def _link(row: str, sign: str) -> str:
    """What one theme link counts for while its note and the note's activity are live."""
    rows = (
        f"SELECT {row}.theme_id, 'theme_sentiment', n.sentiment, {sign}1 FROM notes n "
        f"WHERE n.id = {row}.note_id AND n.deleted_at IS NULL AND {_LIVE_ACTIVITY.format(n='n')}"
    )
    return _UPSERT.format(rows=rows)


def _note(n: str, sign: str) -> str:
    """What all of one note's theme links count for while it and its activity are live."""
    rows = (
        f"SELECT theme_id, 'theme_sentiment', {n}.sentiment, {sign}1 FROM theme_notes "
        f"WHERE note_id = {n}.id AND {n}.deleted_at IS NULL AND {_LIVE_ACTIVITY.format(n=n)}"
    )
    return _UPSERT.format(rows=rows)


def _activity(a: str, sign: str) -> str:
    """What the theme links of all of one activity's live notes count for."""
    rows = (
        f"SELECT t.theme_id, 'theme_sentiment', n.sentiment, {sign}count(*) FROM notes n "
        f"JOIN theme_notes t ON t.note_id = n.id WHERE n.activity_id = {a}.id "
        "AND n.deleted_at IS NULL GROUP BY t.theme_id, n.sentiment"
    )
    return _UPSERT.format(rows=rows)


_COUNTED = ("activity_id", "deleted_at", "sentiment")
_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in _COUNTED)
_TURNED = "(old.deleted_at IS NULL) IS NOT (new.deleted_at IS NULL)"
# A hard delete counts a note (or activity) out BEFORE it goes; its links cascading after it
# find no note and count nothing.
TRIGGERS = {
    "tallies_theme_link_insert": f"AFTER INSERT ON theme_notes BEGIN {_link('new', '+')} END",
    "tallies_theme_link_delete": f"AFTER DELETE ON theme_notes BEGIN {_link('old', '-')} END",
    "tallies_theme_link_update": (
        f"AFTER UPDATE ON theme_notes BEGIN {_link('old', '-')} {_link('new', '+')} END"
    ),
    "tallies_theme_note_update": (
        f"AFTER UPDATE OF {', '.join(_COUNTED)} ON notes WHEN {_CHANGED} "
        f"BEGIN {_note('old', '-')} {_note('new', '+')} END"
    ),
    "tallies_theme_note_delete": f"BEFORE DELETE ON notes BEGIN {_note('old', '-')} END",
    "tallies_theme_activity_binned": (
        f"AFTER UPDATE OF deleted_at ON activities WHEN {_TURNED} AND new.deleted_at IS NOT NULL "
        f"BEGIN {_activity('new', '-')} END"
    ),
    "tallies_theme_activity_restored": (
        f"AFTER UPDATE OF deleted_at ON activities WHEN {_TURNED} AND new.deleted_at IS NULL "
        f"BEGIN {_activity('new', '+')} END"
    ),
    "tallies_theme_activity_delete": (
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
