"""Gathers the plain rows of a workbook export (or the template's lists) from a store."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from domain.exchange import (
    ActionRow,
    ActivityRow,
    ExportData,
    GroupRow,
    ServiceRow,
    TemplateLists,
    ThemeRow,
    activity_label,
)
from domain.export_notes import export_notes
from domain.progress import Cancelled, NoProgress, Progress
from domain.selection import Selection
from domain.selection_query import activity_ids_query, note_ids_query
from domain.taxonomy import list_principles
from models.entities import (
    Action,
    Activity,
    ActivityGroup,
    Group,
    Meta,
    Note,
    Service,
    Theme,
    ThemeNote,
)
from models.ids import utc_now
from models.tallies import live_note_count

# The activity's own columns, named as ActivityRow declares them; the last two are gathered.
_ACTIVITY_FIELDS = tuple(
    field.name
    for field in dataclasses.fields(ActivityRow)
    if field.name not in ("groups_reached", "note_count")
)
# Activities' groups are read for this many activities at a time: well under SQLite's limit
# on bound parameters.
ACTIVITY_CHUNK = 500


def gather_export(
    session: Session, *, selection: Selection, progress: Progress | None = None
) -> ExportData:
    """The rows of an export of `selection`. Notes are read lazily while the workbook is written."""
    progress = progress or NoProgress()
    note_query = note_ids_query(session, selection)
    in_selection = Activity.id.in_(activity_ids_query(session, selection).scalar_subquery())
    activities = _activity_rows(session, [in_selection])
    note_ids: list[str] | None = None  # every live note of the activities
    if selection.narrows_notes:
        order = (Activity.starts_at, Activity.id, Note.created_at, Note.id)
        note_ids = list(session.scalars(note_query.order_by(*order)))
    # Counted by the store's kept counts when every note of the activities is exported.
    note_count = sum(a.note_count for a in activities) if note_ids is None else len(note_ids)
    if progress.cancelled:
        raise Cancelled
    if selection.is_everything:
        theme_ids = None
    else:
        theme_ids = set(
            session.scalars(
                select(ThemeNote.theme_id).where(
                    ThemeNote.note_id.in_(note_query.scalar_subquery())
                )
            )
        )
    themes = _theme_rows(session, theme_ids)
    organisation = session.scalar(select(Meta.value).where(Meta.key == "organisation")) or ""
    notes = export_notes(
        session,
        activities,
        note_ids=note_ids,
        live_themes=frozenset(theme.id for theme in themes),
        total=note_count,
        progress=progress,
    )
    return ExportData(
        exported_at=utc_now().replace(microsecond=0),
        organisation=organisation,
        selection=selection,
        activities=activities,
        notes=notes,
        note_count=note_count,
        themes=themes,
        actions=_action_rows(session, themes),
        groups=group_rows(session),
        services=service_rows(session),
        principles=list_principles(session),
    )


def gather_template_lists(session: Session) -> TemplateLists:
    """Active groups and services, the principles, and the live activities, newest first."""
    activities = session.execute(
        select(Activity.title, Activity.starts_at)
        .where(Activity.deleted_at.is_(None))
        .order_by(Activity.starts_at.desc(), Activity.id)
    )
    return TemplateLists(
        groups=[group for group in group_rows(session) if group.active],
        services=[service for service in service_rows(session) if service.active],
        principles=list_principles(session),
        activity_labels=[activity_label(title, starts) for title, starts in activities],
    )


def group_rows(session: Session) -> list[GroupRow]:
    rows = session.execute(
        select(Group.id, Group.key, Group.label, Group.parent_id, Group.active, Group.note)
        .where(Group.deleted_at.is_(None))
        .order_by(Group.position, Group.key)
    )
    listed = list(rows)
    key_of = {group_id: key for group_id, key, *_ in listed}
    return [
        GroupRow(key, label, key_of.get(parent) if parent else None, active, note)
        for _, key, label, parent, active, note in listed
    ]


def service_rows(session: Session) -> list[ServiceRow]:
    rows = session.execute(
        select(Service.key, Service.label, Service.active)
        .where(Service.deleted_at.is_(None))
        .order_by(Service.position, Service.key)
    )
    return [ServiceRow(*row) for row in rows]


def _activity_rows(
    session: Session, conditions: Sequence[ColumnElement[bool]]
) -> list[ActivityRow]:
    # Columns, not objects: loading each activity (and its group links) cost most of the set-up.
    listed = session.execute(
        select(
            *(getattr(Activity, name) for name in _ACTIVITY_FIELDS), live_note_count(Activity.id)
        )
        .where(*conditions)
        .order_by(Activity.starts_at, Activity.id)
    ).all()
    reached: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    ids = [row[0] for row in listed]
    for start in range(0, len(ids), ACTIVITY_CHUNK):
        for activity_id, key, count in session.execute(
            select(ActivityGroup.activity_id, Group.key, ActivityGroup.count)
            .join(Group, Group.id == ActivityGroup.group_id)
            .where(ActivityGroup.activity_id.in_(ids[start : start + ACTIVITY_CHUNK]))
            .order_by(Group.position, Group.key)
        ):
            reached[activity_id].append((key, count))
    rows = []
    for *values, count in listed:
        fields = dict(zip(_ACTIVITY_FIELDS, values, strict=True))
        fields["partners"] = tuple(fields["partners"] or ())
        fields["adjustments"] = tuple(fields["adjustments"] or ())
        rows.append(
            ActivityRow(
                **fields, groups_reached=tuple(reached[fields["id"]]), note_count=int(count)
            )
        )
    return rows


def _theme_rows(session: Session, theme_ids: set[str] | None) -> list[ThemeRow]:
    counts = (
        select(ThemeNote.theme_id, func.count().label("n"))
        .join(Note, Note.id == ThemeNote.note_id)
        .where(Note.deleted_at.is_(None))
        .group_by(ThemeNote.theme_id)
        .subquery()
    )
    query = (
        select(Theme, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.theme_id == Theme.id)
        .where(Theme.deleted_at.is_(None))
        .order_by(Theme.id)  # UUIDv7: creation order, and kept by an import
    )
    if theme_ids is not None:
        query = query.where(Theme.id.in_(theme_ids))
    return [
        ThemeRow(
            id=theme.id,
            title=theme.title,
            description=theme.description,
            easy_read_summary=theme.easy_read_summary,
            status=theme.status,
            note_count=int(count),
        )
        for theme, count in session.execute(query)
    ]


def _action_rows(session: Session, themes: Sequence[ThemeRow]) -> list[ActionRow]:
    titles = {theme.id: theme.title for theme in themes}
    order = {theme.id: position for position, theme in enumerate(themes)}
    actions = session.scalars(
        select(Action).where(Action.deleted_at.is_(None), Action.theme_id.in_(titles))
    )
    rows = [
        ActionRow(
            id=action.id,
            theme_id=action.theme_id,
            theme_title=titles[action.theme_id],
            what_we_did=action.what_we_did,
            easy_read_summary=action.easy_read_summary,
            status=action.status,
            not_possible_reason=action.not_possible_reason,
            owner=action.owner,
            due_on=action.due_on,
            completed_on=action.completed_on,
            decision_forum=action.decision_forum,
            fed_back_on=action.fed_back_on,
            fed_back_how=action.fed_back_how,
        )
        for action in actions
    ]
    return sorted(rows, key=lambda row: (order[row.theme_id], row.id))
