"""Gathers the plain rows of a workbook export (or the template's lists) from a store."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Connection, Select, bindparam, func, select
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

# The activity's own columns, named as ActivityRow declares them; the last two are gathered.
_ACTIVITY_FIELDS = tuple(
    field.name
    for field in dataclasses.fields(ActivityRow)
    if field.name not in ("groups_reached", "note_count")
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


def _note_query() -> Select[Any]:
    """A chunk's notes: one statement built once, as building costs more than running it."""
    return (
        select(
            Note.id,
            Note.activity_id,
            Activity.title,
            Activity.starts_at,
            Note.created_at,
            *(getattr(Note, name) for name in EDITABLE_FIELDS),
        )
        .join(Activity, Activity.id == Note.activity_id)
        .where(Note.id.in_(bindparam("ids", expanding=True)))
    )


def _tag_queries() -> tuple[Select[Any, Any], ...]:
    """(note id, tag) pairs of each tag family for a chunk's notes, found through each link
    table's primary key."""
    ids: BindParameter[Any] = bindparam("ids", expanding=True)
    return (
        select(NoteGroup.note_id, Group.key)
        .join(Group, Group.id == NoteGroup.group_id)
        .where(NoteGroup.note_id.in_(ids)),
        select(NotePrinciple.note_id, NotePrinciple.principle_number).where(
            NotePrinciple.note_id.in_(ids)
        ),
        select(NoteService.note_id, Service.key)
        .join(Service, Service.id == NoteService.service_id)
        .where(NoteService.note_id.in_(ids)),
        select(ThemeNote.note_id, ThemeNote.theme_id).where(ThemeNote.note_id.in_(ids)),
    )


# A chunk's notes first, then its tags of each family: rendered to SQL once per dialect and
# chunk size, and run on the driver's cursor. Rendering the id list and handling each result
# row through the engine cost more than SQLite's reads; four tag look-ups per note cost more
# than one read per link table (about 0.9 s less of a 4.8 s export at 100,000 notes).
_CHUNK_QUERIES = (_note_query(), *_tag_queries())
_IDS_MARK = "__[POSTCOMPILE_ids]"  # where SQLAlchemy renders an expanding parameter's list
_CHUNK_SQL: dict[tuple[str, int, int], str] = {}
_NOTE_PROCESSORS: dict[str, list[tuple[int, Callable[[Any], Any]]]] = {}


def _chunk_rows(connection: Connection, query: int, chunk: Sequence[str]) -> list[Any]:
    key = (connection.dialect.name, query, len(chunk))
    if key not in _CHUNK_SQL:
        sql = str(_CHUNK_QUERIES[query].compile(dialect=connection.dialect))
        if _IDS_MARK not in sql:
            raise RuntimeError("a chunk query's id list was not rendered as expected")
        _CHUNK_SQL[key] = sql.replace(_IDS_MARK, ", ".join(["?"] * len(chunk)))
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        return list(cursor.execute(_CHUNK_SQL[key], chunk))
    finally:
        cursor.close()


def _note_processors(connection: Connection) -> list[tuple[int, Callable[[Any], Any]]]:
    """The engine's own conversions of the note query's columns (dates, flags), by position."""
    dialect = connection.dialect
    if dialect.name not in _NOTE_PROCESSORS:
        types = [column.type.dialect_impl(dialect) for column in _CHUNK_QUERIES[0].selected_columns]
        found = [(i, kind.result_processor(dialect, None)) for i, kind in enumerate(types)]
        _NOTE_PROCESSORS[dialect.name] = [(i, p) for i, p in found if p is not None]
    return _NOTE_PROCESSORS[dialect.name]


def _tags_by_note(
    connection: Connection, family: int, chunk: Sequence[str]
) -> dict[str, tuple[Any, ...]]:
    """Each note's tags of one family, sorted as the export always listed them."""
    found: defaultdict[str, list[Any]] = defaultdict(list)
    for note_id, value in _chunk_rows(connection, family, chunk):
        found[note_id].append(value)
    return {
        note_id: (values[0],) if len(values) == 1 else tuple(sorted(values))
        for note_id, values in found.items()
    }


def _chunk_notes(connection: Connection, chunk: Sequence[str]) -> dict[str, list[Any]]:
    processors = _note_processors(connection)
    by_id = {}
    for raw in _chunk_rows(connection, 0, chunk):
        row = list(raw)
        for index, process in processors:
            row[index] = process(row[index])
        by_id[row[0]] = row
    return by_id


def _note_chunk(
    connection: Connection, chunk: Sequence[str], live_themes: frozenset[str]
) -> list[NoteRow]:
    by_id = _chunk_notes(connection, chunk)
    groups, principles, services, themes = (
        _tags_by_note(connection, family, chunk) for family in range(1, 5)
    )
    rows = []
    own_end = 5 + len(EDITABLE_FIELDS)
    labels: dict[str, str] = {}  # an activity's notes are neighbours in export order
    for note_id in chunk:
        row = by_id[note_id]
        activity_id = row[1]
        label = labels.get(activity_id)
        if label is None:
            label = labels[activity_id] = activity_label(row[2], row[3])
        fields = dict(zip(EDITABLE_FIELDS, row[5:own_end], strict=True))
        fields["groups"] = groups.get(note_id, ())
        fields["principles"] = principles.get(note_id, ())
        fields["services"] = services.get(note_id, ())
        linked = themes.get(note_id)
        rows.append(
            NoteRow(
                id=note_id,
                activity_id=activity_id,
                activity_label=label,
                fields=fields,
                theme_ids=tuple(t for t in linked if t in live_themes) if linked else (),
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
