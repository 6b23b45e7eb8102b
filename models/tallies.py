"""Counts the store keeps by triggers (migrations 0010, 0013, 0015 to 0017), and how to count
them again.

The `tallies` table holds, per activity, how many live notes it has in all, with each flag, with
any group, and with each principle and group; for the whole store (activity "") how many op-log
rows there are, how many are sealed into a bundle, how many the server lacks and how many audit
entries; and per group (activity "", value the group's id) how many live activities reached it
("reach"), the people they counted ("reach_people") and how many gave a count ("reach_known");
and per theme (in the activity column) its live notes by sentiment ("theme_sentiment").
Triggers on notes, activities, their links, the op log and the audit log keep it right through
every write path (capture, sync apply, erasure, import); a recount after every schema upgrade
(models.migrate.upgrade_to_head) and store recovery makes it exact again, as a table a migration
copies loses their effect.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, and_, func, select
from sqlalchemy.orm import QueryableAttribute, Session

from models.entities import Tally

_LIVE = "deleted_at IS NULL"
_INTO = "INSERT INTO tallies (activity_id, facet, value, count) "
_RECOUNT = (
    "DELETE FROM tallies",
    _INTO + f"SELECT activity_id, 'live', '', count(*) FROM notes WHERE {_LIVE} "
    "GROUP BY activity_id",
    _INTO + "SELECT activity_id, 'binned', '', count(*) FROM notes "
    f"WHERE NOT {_LIVE} GROUP BY activity_id",
    *(
        _INTO + f"SELECT activity_id, '{flag}', '', count(*) FROM notes "
        f"WHERE {_LIVE} AND {flag} GROUP BY activity_id"
        for flag in ("safeguarding", "needs_review", "consent_to_quote")
    ),
    _INTO + "SELECT activity_id, 'tagged', '', count(*) FROM notes "
    f"WHERE {_LIVE} AND EXISTS (SELECT 1 FROM note_groups WHERE note_id = notes.id) "
    "GROUP BY activity_id",
    _INTO + "SELECT n.activity_id, 'principle', p.principle_number, count(*) "
    f"FROM note_principles p JOIN notes n ON n.id = p.note_id WHERE n.{_LIVE} "
    "GROUP BY n.activity_id, p.principle_number",
    _INTO + "SELECT n.activity_id, 'group', g.group_id, count(*) "
    f"FROM note_groups g JOIN notes n ON n.id = g.note_id WHERE n.{_LIVE} "
    "GROUP BY n.activity_id, g.group_id",
    _INTO + "SELECT '', 'ops', '', count(*) FROM sync_ops",
    # Each op-log count over a partial index where one fits: the op log is the largest table.
    _INTO + "SELECT '', 'ops_off_server', '', count(*) FROM sync_ops WHERE on_server = 0",
    _INTO + "SELECT '', 'audit', '', count(*) FROM audit_entries",  # migration 0013
    _INTO + "SELECT '', 'ops_sealed', '', (SELECT count FROM tallies WHERE facet = 'ops') - "
    "(SELECT count(*) FROM sync_ops WHERE bundle_seq IS NULL)",  # migration 0015
    *(  # migration 0016
        _INTO + f"SELECT '', '{facet}', g.group_id, {value} FROM activity_groups g "
        f"JOIN activities a ON a.id = g.activity_id WHERE a.{_LIVE} GROUP BY g.group_id"
        for facet, value in (
            ("reach", "count(*)"),
            ("reach_people", "coalesce(sum(g.count), 0)"),
            ("reach_known", "count(g.count)"),
        )
    ),
    _INTO + "SELECT t.theme_id, 'theme_sentiment', n.sentiment, count(*) "  # migration 0017
    "FROM theme_notes t JOIN notes n ON n.id = t.note_id "
    f"JOIN activities a ON a.id = n.activity_id WHERE n.{_LIVE} AND a.{_LIVE} "
    "GROUP BY t.theme_id, n.sentiment",
)


def recount_tallies(connection: Connection) -> None:
    """Count everything the triggers keep again, from the rows themselves."""
    for statement in _RECOUNT:
        connection.exec_driver_sql(statement)


def store_tally(session: Session, facet: str) -> int:
    """One whole-store count ("ops", "ops_sealed", "ops_off_server", "audit"): one row read."""
    kept = select(Tally.count).where(
        Tally.facet == facet, Tally.activity_id == "", Tally.value == ""
    )
    return int(session.scalar(kept) or 0)


ActivityId = ColumnElement[str] | QueryableAttribute[str]  # a query's activity id column


def live_tally_of(activity_id: ActivityId) -> ColumnElement[bool]:
    """Picks the row that keeps an activity's count of live notes."""
    return and_(Tally.facet == "live", Tally.activity_id == activity_id, Tally.value == "")


def live_note_count(activity_id: ActivityId) -> ColumnElement[int]:
    """An activity's live notes as kept by trigger, for a column of a query over activities.

    One key lookup per activity: counting the notes instead read every note row (deleted_at is
    not in the notes' activity index), 110 ms and 13 MB of cached pages at 100,000 notes.
    """
    kept = select(Tally.count).where(live_tally_of(activity_id))
    return func.coalesce(kept.correlate_except(Tally).scalar_subquery(), 0)
