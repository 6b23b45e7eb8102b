"""Gathers the plain rows of a workbook export (or the template's lists) from a store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from json import JSONDecoder
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, bindparam, func, select
from sqlalchemy.orm import Session

from domain.exchange import (
    ActionRow,
    ActivityRow,
    ExportData,
    GroupRow,
    NoteRow,
    ServiceRow,
    TemplateLists,
    ThemeRow,
    activity_label,
)
from domain.notes import EDITABLE_FIELDS
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
    NoteGroup,
    NotePrinciple,
    NoteService,
    Service,
    Tally,
    Theme,
    ThemeNote,
)
from models.ids import utc_now

_ACTIVITY_FIELDS = (
    "id",
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "area",
    "postcode_outward",
    "lead",
    "partners",
    "topic",
    "people_reached",
    "adjustments",
    "status",
)
# Notes are read in chunks this size: small enough to keep memory flat, and well under
# SQLite's limit on bound parameters.
NOTE_CHUNK = 500


def gather_export(
    session: Session, *, selection: Selection, progress: Progress | None = None
) -> ExportData:
    """The rows of an export of `selection`. Notes are read lazily while the workbook is written."""
    progress = progress or NoProgress()
    note_query = note_ids_query(session, selection)
    note_ids = list(
        session.scalars(
            note_query.order_by(Activity.starts_at, Activity.id, Note.created_at, Note.id)
        )
    )
    if progress.cancelled:
        raise Cancelled
    in_selection = Activity.id.in_(activity_ids_query(session, selection).scalar_subquery())
    activities = _activity_rows(session, [in_selection])
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
    live_theme_ids = frozenset(theme.id for theme in themes)
    organisation = session.scalar(select(Meta.value).where(Meta.key == "organisation")) or ""
    return ExportData(
        exported_at=utc_now().replace(microsecond=0),
        organisation=organisation,
        selection=selection,
        activities=activities,
        notes=_note_rows(session, note_ids, live_theme_ids, progress),
        note_count=len(note_ids),
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
    # The count the store keeps by trigger (models/tallies.py): counting the notes read every
    # note row (deleted_at is not in the activity index), most of an export's set-up.
    kept = (
        select(Tally.count)
        .where(Tally.facet == "live", Tally.activity_id == Activity.id, Tally.value == "")
        .correlate(Activity)
        .scalar_subquery()
    )
    # Columns, not objects: loading each activity (and its group links) cost most of the set-up.
    listed = session.execute(
        select(*(getattr(Activity, name) for name in _ACTIVITY_FIELDS), func.coalesce(kept, 0))
        .where(*conditions)
        .order_by(Activity.starts_at, Activity.id)
    ).all()
    reached: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    ids = [row[0] for row in listed]
    for start in range(0, len(ids), NOTE_CHUNK):
        for activity_id, key, count in session.execute(
            select(ActivityGroup.activity_id, Group.key, ActivityGroup.count)
            .join(Group, Group.id == ActivityGroup.group_id)
            .where(ActivityGroup.activity_id.in_(ids[start : start + NOTE_CHUNK]))
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


def _note_rows(
    session: Session, note_ids: list[str], live_themes: frozenset[str], progress: Progress
) -> Iterator[NoteRow]:
    total = len(note_ids)
    connection = session.connection()
    for start in range(0, total, NOTE_CHUNK):
        if progress.cancelled:
            raise Cancelled
        chunk = note_ids[start : start + NOTE_CHUNK]
        yield from _note_chunk(connection, chunk, live_themes)
        progress.report(min(start + NOTE_CHUNK, total), total, "Exporting notes")


def _tag_list(query: Select[Any], value: Any) -> Any:
    """A note's tags of one family as one JSON array in order (a key may hold any character)."""
    tags = func.json_group_array(value).aggregate_order_by(value)
    return query.with_only_columns(tags).scalar_subquery()


def _note_query() -> Select[Any]:
    """One statement for a chunk of notes with their tags: built once, as building costs more
    than running it; SQLite looks each note's tags up in the link tables' primary keys."""
    groups = select().join_from(NoteGroup, Group, NoteGroup.group_id == Group.id)
    services = select().join_from(NoteService, Service, NoteService.service_id == Service.id)
    return (
        select(
            Note.id,
            Note.activity_id,
            Activity.title,
            Activity.starts_at,
            Note.created_at,
            *(getattr(Note, name) for name in EDITABLE_FIELDS),
            _tag_list(groups.where(NoteGroup.note_id == Note.id), Group.key),
            _tag_list(
                select().where(NotePrinciple.note_id == Note.id), NotePrinciple.principle_number
            ),
            _tag_list(services.where(NoteService.note_id == Note.id), Service.key),
            _tag_list(select().where(ThemeNote.note_id == Note.id), ThemeNote.theme_id),
        )
        .join(Activity, Activity.id == Note.activity_id)
        .where(Note.id.in_(bindparam("ids", expanding=True)))
    )


_NOTE_QUERY = _note_query()
# The decoder's scanner alone: json.loads' checks and wrappers cost more than parsing a short list.
_SCAN: Callable[[str, int], tuple[Any, int]] = JSONDecoder().scan_once  # type: ignore[attr-defined]


def _json_list(text: str) -> tuple[Any, ...]:
    return () if text == "[]" else tuple(_SCAN(text, 0)[0])


def _note_chunk(
    connection: Connection, chunk: Sequence[str], live_themes: frozenset[str]
) -> list[NoteRow]:
    by_id = {row[0]: row for row in connection.execute(_NOTE_QUERY, {"ids": chunk})}
    rows = []
    own_end = 5 + len(EDITABLE_FIELDS)
    labels: dict[str, str] = {}  # an activity's notes are neighbours in export order
    for note_id in chunk:
        row = by_id[note_id]
        activity_id = row[1]
        label = labels.get(activity_id)
        if label is None:
            label = labels[activity_id] = activity_label(row[2], row[3])
        groups, principles, services, themes = map(_json_list, row[own_end:])
        fields = dict(zip(EDITABLE_FIELDS, row[5:own_end], strict=True))
        fields["groups"] = groups
        fields["principles"] = principles
        fields["services"] = services
        rows.append(
            NoteRow(
                id=note_id,
                activity_id=activity_id,
                activity_label=label,
                fields=fields,
                theme_ids=tuple(t for t in themes if t in live_themes) if themes else (),
                created_at=row[4],
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
