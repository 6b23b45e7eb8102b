"""Counts of live notes read from the tallies the store keeps (models/tallies.py): a few rows per
activity instead of every note, for selections that narrow by activity only (dates, area,
chosen activities). Selections that narrow the notes themselves are counted from the notes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.report_content import GroupReachedRow
from domain.selection import Selection
from domain.selection_query import activity_ids_query
from models.entities import Activity, Group, Note, NoteGroup, Tally


def can_tally(selection: Selection) -> bool:
    """True when the tallies answer for this selection (it names no criterion of notes)."""
    return not selection.narrows_notes


def _in_scope(session: Session, selection: Selection, facet: str) -> Any:
    ids = activity_ids_query(session, selection).scalar_subquery()
    return Tally.facet == facet, Tally.activity_id.in_(ids), Tally.count > 0


def notes_per_activity(session: Session, selection: Selection) -> dict[str, int]:
    """Live notes of each activity in scope that has any."""
    query = select(Tally.activity_id, Tally.count).where(*_in_scope(session, selection, "live"))
    return {activity_id: count for activity_id, count in session.execute(query)}


def principle_counts(session: Session, selection: Selection) -> dict[int, tuple[int, int]]:
    """Per principle number: (activities with a note of it, notes with it) in scope."""
    query = (
        select(Tally.value, func.count(), func.sum(Tally.count))
        .where(*_in_scope(session, selection, "principle"))
        .group_by(Tally.value)
    )
    return {
        int(number): (activities, notes) for number, activities, notes in session.execute(query)
    }


def tagged_group_ids(session: Session, selection: Selection) -> set[str]:
    """The groups that at least one live note in scope is tagged with. For the whole store,
    each group is asked for one live note through the links' group index (a few rows per
    group): the kept per-activity tallies hold 31,000 group rows at 1,000 activities."""
    if selection.is_everything:
        live_note = (
            select(NoteGroup.note_id)
            .join(Note, Note.id == NoteGroup.note_id)
            .join(Activity, Activity.id == Note.activity_id)
            .where(
                NoteGroup.group_id == Group.id,
                Note.deleted_at.is_(None),
                Activity.deleted_at.is_(None),
            )
        )
        return set(session.scalars(select(Group.id).where(live_note.exists())))
    query = select(Tally.value).where(*_in_scope(session, selection, "group")).distinct()
    return set(session.scalars(query))


def store_counts(session: Session) -> dict[str, int]:
    """Whole-store totals by facet: live and binned notes, notes with each flag, notes tagged to
    any group ("tagged"), op-log rows ("ops"), those the server lacks ("ops_off_server") and
    audit entries ("audit")."""
    wanted = ("live", "binned", "safeguarding", "needs_review", "consent_to_quote", "tagged")
    query = (
        select(Tally.facet, func.sum(Tally.count))
        .where(Tally.facet.in_((*wanted, "ops", "ops_off_server", "audit")))
        .group_by(Tally.facet)
    )
    return {facet: int(total or 0) for facet, total in session.execute(query)}


def store_groups_reached(session: Session) -> list[GroupReachedRow]:
    """Per group reached by any live activity, most reached first: the activities and the people
    counted (None if none gave a count), for the whole store, from three tallies per group."""
    facets = ("reach", "reach_people", "reach_known")
    query = select(Tally.value, Tally.facet, Tally.count).where(
        Tally.facet.in_(facets), Tally.activity_id == ""
    )
    kept: dict[str, dict[str, int]] = {}
    for group_id, facet, count in session.execute(query):
        kept.setdefault(group_id, {})[facet] = count
    groups = session.execute(select(Group.id, Group.key, Group.label).where(Group.id.in_(kept)))
    rows = [
        GroupReachedRow(
            key,
            label,
            kept[id_]["reach"],
            kept[id_].get("reach_people", 0) if kept[id_].get("reach_known") else None,
        )
        for id_, key, label in groups
        if kept[id_].get("reach", 0) > 0
    ]
    return sorted(rows, key=lambda row: (-row.activities, row.label))


def store_theme_sentiments(session: Session) -> dict[str, Counter[str]]:
    """Per theme with any live note, how many carry each sentiment, for the whole store."""
    query = select(Tally.activity_id, Tally.value, Tally.count).where(
        Tally.facet == "theme_sentiment", Tally.count > 0
    )
    counts: dict[str, Counter[str]] = {}
    for theme_id, sentiment, count in session.execute(query):
        counts.setdefault(theme_id, Counter())[sentiment] = count
    return counts
