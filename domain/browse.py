"""Paged, sorted lists for screens that scroll through many rows (activities, an activity's notes).

The UI's table models fetch one page at a time, so a store with 100,000 notes opens as fast as
one with a hundred.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.first_look import NEWEST_ACTIVITIES_SQL, ActivityRow, activity_row
from domain.first_look import PAGE_SIZE as PAGE_SIZE
from domain.vocabulary import ActivityKind, ActivityStatus, parse
from models.entities import Activity, Note
from models.tallies import live_note_count

if TYPE_CHECKING:  # an activity's notes are read with note_rows: the activities list needs none
    from domain.views import NoteView

# The list reads table columns, not the ORM's attributes: the first paint (this list) then
# waits for no mapper configuration (~30 ms at start-up), done by the first ORM read after it.
ACTIVITIES = Activity.__table__


@dataclass(frozen=True)
class ActivityRowPage:
    rows: tuple[ActivityRow, ...]
    offset: int
    has_more: bool


@dataclass(frozen=True)
class NotePage:
    notes: tuple[NoteView, ...]
    offset: int
    has_more: bool


ACTIVITY_SORT_KEYS = ("starts_at", "title", "kind", "place", "status", "note_count")


def activity_rows(
    session: Session,
    *,
    text: str = "",
    kind: str | None = None,
    status: str | None = None,
    starts_from: datetime | None = None,
    starts_before: datetime | None = None,
    deleted: bool = False,
    sort: str = "starts_at",
    descending: bool = True,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> ActivityRowPage:
    """One page of activities matching text (title, place, area or topic) and the rest, sorted.

    None leaves that part open. `starts_from` is inclusive and `starts_before` exclusive (naive
    UTC, as stored), so consecutive ranges never count an activity twice. `deleted=True` lists
    the bin instead. (A Selection chooses the notes of a piece of work; this only pages a list.)
    """
    if sort not in ACTIVITY_SORT_KEYS:
        raise InvalidInput("sort", f"must be one of {', '.join(ACTIVITY_SORT_KEYS)}")
    if offset < 0 or limit < 1:
        raise InvalidInput("offset", "pages start at 0 and hold at least one row")
    _check_list_choices(kind, status, starts_from, starts_before)
    opening = (text.strip(), kind, status, starts_from, starts_before, deleted, sort, descending)
    if opening == OPENING_VIEW:
        return _newest_page(session, offset, limit)
    activity = ACTIVITIES.c
    count = live_note_count(activity.id).label("note_count")
    query = select(
        activity.id,
        activity.title,
        activity.kind,
        activity.starts_at,
        activity.place,
        activity.area,
        activity.status,
        count,
    ).where(activity.deleted_at.is_not(None) if deleted else activity.deleted_at.is_(None))
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(
            activity.title.ilike(pattern)
            | activity.place.ilike(pattern)
            | activity.area.ilike(pattern)
            | activity.topic.ilike(pattern)
        )
    if kind is not None:
        query = query.where(activity.kind == kind)
    if status is not None:
        query = query.where(activity.status == status)
    if starts_from is not None:
        query = query.where(activity.starts_at >= starts_from)
    if starts_before is not None:
        query = query.where(activity.starts_at < starts_before)
    key: Any = count if sort == "note_count" else getattr(activity, sort)
    if sort in ("title", "place"):
        key = func.lower(key)
    # The id breaks ties so paging never repeats or skips a row.
    query = query.order_by(key.desc() if descending else key.asc(), activity.id)
    rows = session.execute(query.offset(offset).limit(limit + 1)).all()
    return ActivityRowPage(
        rows=tuple(ActivityRow(*row) for row in rows[:limit]),
        offset=offset,
        has_more=len(rows) > limit,
    )


# The list as it opens (no search, no filter, newest first): read with the SQL start-up paints
# from before SQLAlchemy is loaded (domain/first_look.py), so both show the same rows.
OPENING_VIEW = ("", None, None, None, None, False, "starts_at", True)


def _newest_page(session: Session, offset: int, limit: int) -> ActivityRowPage:
    found = session.connection().exec_driver_sql(NEWEST_ACTIVITIES_SQL, (limit + 1, offset)).all()
    return ActivityRowPage(
        rows=tuple(activity_row(row) for row in found[:limit]),
        offset=offset,
        has_more=len(found) > limit,
    )


def _check_list_choices(
    kind: str | None, status: str | None, start: datetime | None, end: datetime | None
) -> None:
    if kind is not None:
        parse(ActivityKind, kind, "kind")
    if status is not None:
        parse(ActivityStatus, status, "status")
    if start is not None and end is not None and end <= start:
        raise InvalidInput("starts_before", "the end of the date range must come after its start")


def note_page(
    session: Session,
    *,
    activity_id: str,
    deleted: bool = False,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> NotePage:
    """One page of an activity's notes, newest first; `deleted=True` pages through its bin."""
    from domain.note_rows import note_views

    if offset < 0 or limit < 1:
        raise InvalidInput("offset", "pages start at 0 and hold at least one row")
    query = select(Note.id).where(Note.activity_id == activity_id)
    query = query.where(Note.deleted_at.is_not(None) if deleted else Note.deleted_at.is_(None))
    query = query.order_by(Note.created_at.desc(), Note.id.desc())
    ids = list(session.scalars(query.offset(offset).limit(limit + 1)))
    return NotePage(
        notes=tuple(note_views(session, ids[:limit])), offset=offset, has_more=len(ids) > limit
    )
