"""Reading notes as plain rows: full views (NoteView) and search hits (NoteHit), in pages.

Pages are read on every search and scroll, so each takes one Core statement on the session's
connection, tags gathered by correlated sub-queries, with no ORM objects or ORM result handling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from domain.views import NoteHit, NoteView
from models.entities import (
    Activity,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    NoteService,
    Service,
    ThemeNote,
)

SEPARATOR = "\x1f"  # unit separator: cannot occur in keys or ids
_PLAIN_FIELDS = NoteView._fields.index("group_keys")  # a note's own fields come before its tags
_CHUNK = 900  # SQLite limits bound parameters; chunks keep a 100,000-note page valid

_Row = TypeVar("_Row", NoteView, NoteHit)


# NoteView's fields that are not a Note column of the same name.
_NOT_NAMED_AS_COLUMNS = {"activity_title": Activity.title, "deleted": Note.deleted_at.is_not(None)}


def note_plain_columns() -> tuple[Any, ...]:
    """The columns of a note's own fields in NoteView's order (notes joined to activities):
    each found by its name, so a field added to the view and the entity is read here too."""
    plain = NoteHit._fields[: NoteHit._fields.index("deleted") + 1]
    return tuple(
        _NOT_NAMED_AS_COLUMNS[name] if name in _NOT_NAMED_AS_COLUMNS else getattr(Note, name)
        for name in plain
    )


def note_group_keys(note_id: Any) -> Any:
    """The keys of the groups a note speaks for, joined by SEPARATOR, correlated on `note_id`."""
    return _concat(
        Group.key, (NoteGroup, NoteGroup.group_id == Group.id), where=NoteGroup.note_id == note_id
    )


def note_tag_columns(note_id: Any) -> tuple[Any, ...]:
    """A NoteView's tags, in its field order, each a sub-query correlated on `note_id`."""
    return (
        note_group_keys(note_id),
        _concat(NotePrinciple.principle_number, where=NotePrinciple.note_id == note_id),
        _concat(
            Service.key,
            (NoteService, NoteService.service_id == Service.id),
            where=NoteService.note_id == note_id,
        ),
        _concat(ThemeNote.theme_id, where=ThemeNote.note_id == note_id),
    )


@cache  # statements are immutable; building one costs more than running it for a page
def note_view_query() -> Select[Any]:
    """Every column of a NoteView, in field order; callers add WHERE and ORDER BY."""
    columns = (*note_plain_columns(), *note_tag_columns(Note.id))
    return select(*columns).join(Activity, Activity.id == Note.activity_id)


@cache
def note_hit_query() -> Select[Any]:
    """Every column of a NoteHit, in field order; callers add WHERE and ORDER BY."""
    columns = (*note_plain_columns(), note_group_keys(Note.id))
    return select(*columns).join(Activity, Activity.id == Note.activity_id)


def views_from_rows(rows: Iterable[Any]) -> list[NoteView]:
    """NoteViews from rows of `note_plain_columns` then `note_tag_columns`."""
    return [
        NoteView._make(
            (
                *row[:_PLAIN_FIELDS],
                _keys(row[_PLAIN_FIELDS]),
                _numbers(row[_PLAIN_FIELDS + 1]),
                _keys(row[_PLAIN_FIELDS + 2]),
                _keys(row[_PLAIN_FIELDS + 3]),
            )
        )
        for row in rows
    ]


def hits_from_rows(rows: Iterable[Any]) -> list[NoteHit]:
    """NoteHits from rows of `note_plain_columns` then `note_group_keys`."""
    return [NoteHit._make((*row[:_PLAIN_FIELDS], _keys(row[_PLAIN_FIELDS]))) for row in rows]


def note_views(session: Session, note_ids: Sequence[str]) -> list[NoteView]:
    """Views of the given notes in the given order (ids not found are skipped)."""
    return _in_order(session, note_ids, note_view_query(), views_from_rows)


def note_hits(session: Session, note_ids: Sequence[str]) -> list[NoteHit]:
    """Search hits of the given notes in the given order (ids not found are skipped)."""
    return _in_order(session, note_ids, note_hit_query(), hits_from_rows)


def _in_order(
    session: Session,
    note_ids: Sequence[str],
    query: Select[Any],
    build: Callable[[Iterable[Any]], list[_Row]],
) -> list[_Row]:
    if not note_ids:
        return []
    found: dict[str, _Row] = {}
    connection = session.connection()
    for start in range(0, len(note_ids), _CHUNK):
        chunk = note_ids[start : start + _CHUNK]
        rows = connection.execute(query.where(Note.id.in_(chunk)))
        found.update((row.id, row) for row in build(rows))
    return [found[note_id] for note_id in note_ids if note_id in found]


def _concat(column: Any, *joins: Any, where: Any) -> Any:
    query = select(func.group_concat(column, SEPARATOR))
    for target, on in joins:
        query = query.join(target, on)
    return query.where(where).scalar_subquery()


def _keys(text: str | None) -> tuple[str, ...]:
    return tuple(sorted(text.split(SEPARATOR))) if text else ()


def _numbers(text: str | None) -> tuple[int, ...]:
    return tuple(sorted(map(int, text.split(SEPARATOR)))) if text else ()
