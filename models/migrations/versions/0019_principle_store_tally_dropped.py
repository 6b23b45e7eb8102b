"""Principle coverage no longer kept for the whole store (migration 0018 undone): its triggers
on every tally write cost 0.4 s of CPU per 10,000 imported notes (about 6 % of an import) to
save the dashboard 5-7 ms at 100,000 notes, where summing the per-activity rows is enough

Revision ID: 0019
Revises: 0018
"""

import importlib.util
from pathlib import Path

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_TRIGGERS = (
    "tallies_principles_insert",
    "tallies_principles_update",
    "tallies_principles_activity_binned",
    "tallies_principles_activity_restored",
    "tallies_principles_activity_delete",
)


def upgrade() -> None:
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DELETE FROM tallies WHERE facet IN ('principle_notes', 'principle_acts')")


def downgrade() -> None:
    # 0018's triggers again; their counts come back with the recount after the next upgrade.
    path = Path(__file__).with_name("0018_principle_store_tally.py")
    spec = importlib.util.spec_from_file_location("principle_store_tally", path)
    assert spec is not None and spec.loader is not None
    earlier = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(earlier)
    for name, sql in earlier.TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {sql}")
