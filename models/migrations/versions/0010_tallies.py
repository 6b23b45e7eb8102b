"""Counts kept by triggers: live notes per activity by principle, group and flag, and the op
log, so the dashboard and the Data held page read a few hundred rows instead of every note

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_UPSERT = (
    "INSERT INTO tallies (activity_id, facet, value, count) SELECT * FROM ({rows}) WHERE true "
    "ON CONFLICT (facet, activity_id, value) DO UPDATE SET count = count + excluded.count;"
)


def _note(n: str, sign: str) -> str:
    """What one note row counts for (its links are read as they are when the trigger runs)."""
    live = f"{n}.deleted_at IS NULL"
    rows = " UNION ALL ".join(
        (
            f"SELECT {n}.activity_id, 'live', '', {sign}1 WHERE {live}",
            f"SELECT {n}.activity_id, 'binned', '', {sign}1 WHERE NOT {live}",
            *(
                f"SELECT {n}.activity_id, '{flag}', '', {sign}1 WHERE {live} AND {n}.{flag}"
                for flag in ("safeguarding", "needs_review", "consent_to_quote")
            ),
            f"SELECT {n}.activity_id, 'tagged', '', {sign}1 WHERE {live} AND EXISTS "
            f"(SELECT 1 FROM note_groups WHERE note_id = {n}.id)",
            f"SELECT {n}.activity_id, 'principle', principle_number, {sign}1 "
            f"FROM note_principles WHERE note_id = {n}.id AND {live}",
            f"SELECT {n}.activity_id, 'group', group_id, {sign}1 "
            f"FROM note_groups WHERE note_id = {n}.id AND {live}",
        )
    )
    return _UPSERT.format(rows=rows)


def _link(facet: str, column: str, row: str, sign: str, extra: str = "") -> str:
    rows = (
        f"SELECT activity_id, '{facet}', {row}.{column}, {sign}1 FROM notes "
        f"WHERE id = {row}.note_id AND deleted_at IS NULL"
    )
    if extra:
        rows += f" UNION ALL SELECT activity_id, 'tagged', '', {sign}1 FROM notes "
        rows += f"WHERE id = {row}.note_id AND deleted_at IS NULL AND {extra}"
    return _UPSERT.format(rows=rows)


_FIRST_GROUP = "(SELECT count(*) FROM note_groups WHERE note_id = new.note_id) = 1"
_NO_GROUP_LEFT = "NOT EXISTS (SELECT 1 FROM note_groups WHERE note_id = old.note_id)"
_COUNTED = ("activity_id", "deleted_at", "safeguarding", "needs_review", "consent_to_quote")
_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in _COUNTED)
_OP = _UPSERT.format(
    rows="SELECT '', 'ops', '', {sign}1 UNION ALL "
    "SELECT '', 'ops_off_server', '', {sign}1 WHERE NOT {row}.on_server"
)

# A hard delete counts a note out BEFORE it goes, while its links are still there; a link
# deleted after its note (a cascade) finds no note and counts nothing.
TRIGGERS = {
    "tallies_note_insert": f"AFTER INSERT ON notes BEGIN {_note('new', '+')} END",
    "tallies_note_delete": f"BEFORE DELETE ON notes BEGIN {_note('old', '-')} END",
    "tallies_note_update": (
        f"AFTER UPDATE OF {', '.join(_COUNTED)} ON notes WHEN {_CHANGED} "
        f"BEGIN {_note('old', '-')} {_note('new', '+')} END"
    ),
    "tallies_principle_insert": (
        "AFTER INSERT ON note_principles "
        f"BEGIN {_link('principle', 'principle_number', 'new', '+')} END"
    ),
    "tallies_principle_delete": (
        "AFTER DELETE ON note_principles "
        f"BEGIN {_link('principle', 'principle_number', 'old', '-')} END"
    ),
    "tallies_principle_update": (
        "AFTER UPDATE ON note_principles "
        f"BEGIN {_link('principle', 'principle_number', 'old', '-')} "
        f"{_link('principle', 'principle_number', 'new', '+')} END"
    ),
    "tallies_group_insert": (
        f"AFTER INSERT ON note_groups BEGIN {_link('group', 'group_id', 'new', '+', _FIRST_GROUP)} END"
    ),
    "tallies_group_delete": (
        "AFTER DELETE ON note_groups "
        f"BEGIN {_link('group', 'group_id', 'old', '-', _NO_GROUP_LEFT)} END"
    ),
    "tallies_op_insert": f"AFTER INSERT ON sync_ops BEGIN {_OP.format(sign='+', row='new')} END",
    "tallies_op_delete": f"AFTER DELETE ON sync_ops BEGIN {_OP.format(sign='-', row='old')} END",
    "tallies_op_sent": (
        "AFTER UPDATE OF on_server ON sync_ops WHEN old.on_server IS NOT new.on_server BEGIN "
        + _UPSERT.format(
            rows="SELECT '', 'ops_off_server', '', "
            "CASE WHEN new.on_server THEN -1 ELSE 1 END"
        )
        + " END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "tallies",
        sa.Column("facet", sa.String(length=16), nullable=False),
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("value", sa.String(length=36), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("facet", "activity_id", "value"),
        sqlite_with_rowid=False,  # kept in key order: one facet's rows are read together
    )
    for name, sql in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {sql}")
    # The oldest and newest note (live, and in the bin) found by walking an index, not every note.
    op.create_index("ix_notes_created_at", "notes", ["created_at"])
    op.create_index(
        "ix_notes_binned", "notes", ["deleted_at"], sqlite_where=sa.text("deleted_at IS NOT NULL")
    )
    # Filled by models.migrate.upgrade_to_head (recount_tallies), which runs after every upgrade.


def downgrade() -> None:
    op.drop_index("ix_notes_binned", table_name="notes")
    op.drop_index("ix_notes_created_at", table_name="notes")
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("tallies")
