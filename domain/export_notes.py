"""The notes of a workbook export, read in export order a few hundred at a time.

Notes are listed by activity (in the order of the Activities sheet), then by when they were
written. Exporting every note of some activities, each batch is one statement over the notes
index by activity, with each note's tags gathered beside it by SQLite: at 100,000 notes this
reads the store in one pass, where listing the ids first and reading tags in separate
statements read it twice (about 0.4 s of 2 s). A selection that narrows the notes (a group, a
kind…) lists their ids in order first and reads those, as reading every note of their
activities to keep a few would cost more.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnClause,
    Connection,
    ScalarSelect,
    Select,
    bindparam,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import Session

from domain.exchange import ActivityRow, NoteRow, activity_label
from domain.memo import Memo
from domain.note_fields import EDIT_FIELDS
from domain.note_rows import SEPARATOR
from domain.progress import Cancelled, Progress
from models.entities import Group, Note, NoteGroup, NotePrinciple, NoteService, Service, ThemeNote

# Activities are read together until their notes reach this many: few statements, flat memory.
BATCH_NOTES = 500
# SQLite's limit on bound parameters is far above this.
BATCH_ACTIVITIES = 500


# The separator the note lists join tags with, written into the statement: it is compiled to
# text once, with the id list its only parameters.
_SEPARATOR_SQL: ColumnClause[str] = literal_column(f"char({ord(SEPARATOR)})")


def _joined(value: Any, link: Any) -> ScalarSelect[Any]:
    """A note's tags of one family as one text (NULL when it has none)."""
    joined = func.group_concat(value, _SEPARATOR_SQL)
    return select(joined).where(link == Note.id).correlate(Note).scalar_subquery()


def _rows_query(by_note: bool) -> Select[Any]:
    """Live notes with their tags: of a few activities, grouped by activity and oldest first
    within each; or, by_note, the notes of an id list (in no order)."""
    query = select(
        Note.id,
        Note.activity_id,
        *(getattr(Note, name) for name in EDIT_FIELDS),
        _joined(NoteGroup.group_id, NoteGroup.note_id),
        _joined(NotePrinciple.principle_number, NotePrinciple.note_id),
        _joined(NoteService.service_id, NoteService.note_id),
        _joined(ThemeNote.theme_id, ThemeNote.note_id),
        Note.created_at,
    ).where(Note.deleted_at.is_(None))
    ids: BindParameter[Any] = bindparam("ids", expanding=True)
    if by_note:
        return query.where(Note.id.in_(ids))
    return query.where(Note.activity_id.in_(ids)).order_by(
        Note.activity_id, Note.created_at, Note.id
    )


# Built once: building a statement costs more than running it.
_QUERIES = {False: _rows_query(by_note=False), True: _rows_query(by_note=True)}
_TAGS = 2 + len(EDIT_FIELDS)  # where a result row's four tag lists begin
_IDS_MARK = "__[POSTCOMPILE_ids]"  # where SQLAlchemy renders an expanding parameter's list
_SQL: dict[tuple[str, bool, int], str] = {}
_PROCESSORS: dict[str, list[tuple[int, Callable[[Any], Any]]]] = {}


def _tag_lists(read: Callable[[str], Any | None]) -> Memo:
    """Tags of one family by the text SQLite joined them into, each distinct text read once
    (most notes share a handful of combinations): sorted, as the export always listed them."""

    def tags(joined: str | None) -> tuple[Any, ...]:
        if joined is None:
            return ()
        found = [read(item) for item in joined.split(SEPARATOR)]
        return tuple(sorted(tag for tag in found if tag is not None))

    return Memo(tags)


def _sql(connection: Connection, by_note: bool, size: int) -> str:
    key = (connection.dialect.name, by_note, size)
    if key not in _SQL:
        sql = str(_QUERIES[by_note].compile(dialect=connection.dialect))
        if _IDS_MARK not in sql:
            raise RuntimeError("the batch query's id list was not rendered as expected")
        _SQL[key] = sql.replace(_IDS_MARK, ", ".join(["?"] * size))
    return _SQL[key]


def _processors(connection: Connection) -> list[tuple[int, Callable[[Any], Any]]]:
    """The engine's own conversions of the query's columns (dates, flags), by position."""
    dialect = connection.dialect
    if dialect.name not in _PROCESSORS:
        columns = _QUERIES[False].selected_columns  # both queries select the same
        types = [column.type.dialect_impl(dialect) for column in columns]
        found = [(i, kind.result_processor(dialect, None)) for i, kind in enumerate(types)]
        _PROCESSORS[dialect.name] = [(i, p) for i, p in found if p is not None]
    return _PROCESSORS[dialect.name]


def _batch_rows(
    connection: Connection, ids: Sequence[str], progress: Progress, *, by_note: bool = False
) -> Iterator[list[Any]]:
    """The rows of the notes of a few activities (or, by_note, of these notes), fetched a
    few hundred at a time on the driver's cursor: handling each row through the engine cost
    more than SQLite's reading."""
    processors = _processors(connection)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(_sql(connection, by_note, len(ids)), ids)
        while fetched := cursor.fetchmany(BATCH_NOTES):
            if progress.cancelled:
                raise Cancelled
            for raw in fetched:
                row = list(raw)
                for index, process in processors:
                    row[index] = process(row[index])
                yield row
    finally:
        cursor.close()


def _batches(activities: Sequence[ActivityRow]) -> Iterator[Sequence[ActivityRow]]:
    """Activities in export order, together until their notes reach BATCH_NOTES; one with as
    many notes on its own, so that its rows are streamed rather than held (see _in_order)."""
    batch: list[ActivityRow] = []
    notes = 0
    for activity in activities:
        if activity.note_count >= BATCH_NOTES:
            if batch:
                yield batch
                batch, notes = [], 0
            yield [activity]
            continue
        batch.append(activity)
        notes += activity.note_count
        if notes >= BATCH_NOTES or len(batch) >= BATCH_ACTIVITIES:
            yield batch
            batch, notes = [], 0
    if batch:
        yield batch


def _in_order(batch: Sequence[ActivityRow], rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    """The batch's rows in export order. They come by activity id, each activity's oldest
    first: an activity on its own is passed on as it comes, a few small ones are regrouped."""
    if len(batch) == 1:
        yield from rows
        return
    by_activity: dict[str, list[list[Any]]] = {activity.id: [] for activity in batch}
    for row in rows:
        by_activity[row[1]].append(row)
    for activity in batch:
        yield from by_activity[activity.id]


def _rows_in_order(
    connection: Connection,
    activities: Sequence[ActivityRow],
    note_ids: Sequence[str] | None,
    progress: Progress,
) -> Iterator[list[Any]]:
    """Every row to export, in export order: all the notes of the activities, a few
    activities at a time; or, when only some notes are wanted, those listed in order, a few
    hundred at a time (reading every note of the activities to keep a few cost more)."""
    if note_ids is None:
        for batch in _batches(activities):
            if progress.cancelled:
                raise Cancelled
            rows = _batch_rows(connection, [activity.id for activity in batch], progress)
            yield from _in_order(batch, rows)
        return
    for start in range(0, len(note_ids), BATCH_NOTES):
        if progress.cancelled:
            raise Cancelled
        chunk = note_ids[start : start + BATCH_NOTES]
        by_id = {row[0]: row for row in _batch_rows(connection, chunk, progress, by_note=True)}
        yield from (by_id[note_id] for note_id in chunk)


def export_notes(
    session: Session,
    activities: Sequence[ActivityRow],
    *,
    note_ids: Sequence[str] | None,
    live_themes: Collection[str],
    total: int,
    progress: Progress,
) -> Iterator[NoteRow]:
    """The live notes of `activities` (only those of `note_ids`, given in export order, when
    the selection narrows the notes) as NoteRows, in export order: by activity as listed,
    then oldest first."""
    connection = session.connection()
    keys: dict[type[Any], Mapping[str, str]] = {
        model: {row_id: key for row_id, key in session.execute(select(model.id, model.key))}
        for model in (Group, Service)
    }
    groups = _tag_lists(keys[Group].get)
    principles = _tag_lists(int)
    services = _tag_lists(keys[Service].get)
    themes = _tag_lists(lambda theme: theme if theme in live_themes else None)
    labels = {a.id: activity_label(a.title, a.starts_at) for a in activities}
    tags = _TAGS + 1  # once the label is in
    done = 0
    for row in _rows_in_order(connection, activities, note_ids, progress):
        # The row becomes the NoteRow: its activity's label after the ids, its tags' texts
        # read into tuples.
        row.insert(2, labels[row[1]])
        row[tags] = groups[row[tags]]
        row[tags + 1] = principles[row[tags + 1]]
        row[tags + 2] = services[row[tags + 2]]
        row[tags + 3] = themes[row[tags + 3]]
        yield NoteRow(row)
        done += 1
        if done % BATCH_NOTES == 0:
            progress.report(done, total, "Exporting notes")
    progress.report(done, total, "Exporting notes")
