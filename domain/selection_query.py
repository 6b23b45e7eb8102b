"""The one query builder for a Selection: the ids of the notes and activities it covers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, column, func, literal_column, select, table
from sqlalchemy.orm import Session, lazyload

from domain.errors import InvalidInput, NotFound
from domain.selection import ACTIVITY_CRITERIA, Selection, check_date_range
from domain.vocabulary import NoteKind, Sentiment, parse
from models.entities import (
    Activity,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    NoteService,
    Service,
    Theme,
    ThemeNote,
)

PRINCIPLE_COUNT = 10
_WORD = re.compile(r"\w+", re.UNICODE)
_note_search = table("note_search", column("rowid"))


def fts_query(text: str, completions: Sequence[str] | None = None) -> str:
    """Turn what a person typed into a safe FTS5 query: every word must match, in any order.

    Words are quoted, so operators and punctuation typed by people (AND, NEAR, quotes, *) are
    searched for as text and can never be a syntax error. The last word matches as a prefix so
    results appear while typing: as the indexed words it completes to, when they are known
    (`completions`), else as an FTS5 prefix query.
    """
    words = _WORD.findall(text)
    if not words:
        return ""
    quoted = [f'"{word}"' for word in words]
    if completions is None:
        return " ".join([*quoted[:-1], quoted[-1] + "*"])
    alternatives = " OR ".join(f'"{term}"' for term in completions)
    return " AND ".join([*quoted[:-1], f"({alternatives})"])


def group_ids(session: Session, keys: Iterable[str], *, include_subgroups: bool) -> list[str]:
    """The ids of the groups with these keys, and of all their sub-groups when asked."""
    wanted = list(dict.fromkeys(keys))
    rows = session.execute(select(Group.id, Group.key, Group.parent_id)).all()
    by_key = {key: group_id for group_id, key, _ in rows}
    unknown = [key for key in wanted if key not in by_key]
    if unknown:
        raise InvalidInput("group", f"unknown group {unknown[0]!r}")
    found = [by_key[key] for key in wanted]
    if not include_subgroups:
        return found
    children: dict[str | None, list[str]] = {}
    for group_id, _, parent in rows:
        children.setdefault(parent, []).append(group_id)
    seen: set[str] = set()
    stack = list(found)
    while stack:
        group_id = stack.pop()
        if group_id not in seen:
            seen.add(group_id)
            stack.extend(children.get(group_id, []))
    return sorted(seen)


def _known(
    session: Session, model: type[Activity] | type[Theme], ids: Sequence[str], entity: str
) -> list[str]:
    wanted = list(dict.fromkeys(ids))
    known = set(session.scalars(select(model.id).where(model.id.in_(wanted))))
    missing = [row_id for row_id in wanted if row_id not in known]
    if missing:
        raise NotFound(entity, missing[0])
    return wanted


def _service_ids(session: Session, keys: Sequence[str]) -> list[str]:
    wanted = list(dict.fromkeys(keys))
    query = select(Service.key, Service.id).where(Service.key.in_(wanted))
    rows = {key: service_id for key, service_id in session.execute(query)}
    unknown = [key for key in wanted if key not in rows]
    if unknown:
        raise InvalidInput("service", f"unknown service {unknown[0]!r}")
    return [rows[key] for key in wanted]


def _principles(numbers: Iterable[int]) -> list[int]:
    wanted = sorted({int(n) for n in numbers})
    if any(not 1 <= n <= PRINCIPLE_COUNT for n in wanted):
        raise InvalidInput("principle", "principles are numbered 1 to 10")
    return wanted


def _note_values(session: Session, s: Selection) -> dict[str, Any]:
    """The resolved values of the criteria on notes' tags and fields (empty ones left falsy)."""
    return {
        "group_ids": s.group_keys
        and group_ids(session, s.group_keys, include_subgroups=s.include_subgroups),
        "theme_ids": s.theme_ids and _known(session, Theme, s.theme_ids, "theme"),
        "service_ids": s.service_keys and _service_ids(session, s.service_keys),
        "principles": s.principles and _principles(s.principles),
        "kinds": [parse(NoteKind, k, "kind").value for k in s.kinds],
        "sentiments": [parse(Sentiment, v, "sentiment").value for v in s.sentiments],
    }


def bind_selection(
    session: Session, selection: Selection, *, with_text: bool = True
) -> dict[str, Any]:
    """The value of each criterion set, by the name its condition binds, checked and resolved.

    The names, in this fixed order, are the statement's shape (see note_conditions); raises
    InvalidInput or NotFound naming the first bad value.
    """
    s = selection
    check_date_range(s.date_from, s.date_to)
    resolved: dict[str, Any] = {
        "date_from": s.date_from and datetime.combine(s.date_from, time.min),
        "date_to": s.date_to and datetime.combine(s.date_to + timedelta(days=1), time.min),
        "activity_ids": s.activity_ids and _known(session, Activity, s.activity_ids, "activity"),
        "area": s.area and s.area.strip().lower(),
        **_note_values(session, s),
        "match": fts_query(s.text) if with_text else "",
        "needs_review": s.needs_review,
    }
    return {name: value for name, value in resolved.items() if value not in (None, "", (), [])}


def _in(name: str) -> Any:
    return bindparam(name, expanding=True)


@cache
def _conditions() -> dict[str, ColumnElement[bool]]:
    """One condition per criterion, each reading its value from the parameter of its name."""
    return {
        "date_from": Activity.starts_at >= bindparam("date_from"),
        "date_to": Activity.starts_at < bindparam("date_to"),
        "activity_ids": Activity.id.in_(_in("activity_ids")),
        "area": func.lower(Activity.area) == bindparam("area"),
        "group_ids": Note.id.in_(
            select(NoteGroup.note_id).where(NoteGroup.group_id.in_(_in("group_ids")))
        ),
        "theme_ids": Note.id.in_(
            select(ThemeNote.note_id).where(ThemeNote.theme_id.in_(_in("theme_ids")))
        ),
        "service_ids": Note.id.in_(
            select(NoteService.note_id).where(NoteService.service_id.in_(_in("service_ids")))
        ),
        "principles": Note.id.in_(
            select(NotePrinciple.note_id).where(
                NotePrinciple.principle_number.in_(_in("principles"))
            )
        ),
        "kinds": Note.kind.in_(_in("kinds")),
        "sentiments": Note.sentiment.in_(_in("sentiments")),
        "match": literal_column("notes.rowid").in_(
            select(_note_search.c.rowid).where(
                literal_column("note_search").op("MATCH")(bindparam("match"))
            )
        ),
        "needs_review": Note.needs_review == bindparam("needs_review"),
    }


def note_conditions(shape: Iterable[str]) -> list[ColumnElement[bool]]:
    """The conditions on notes joined to their activities for the criteria named in `shape`."""
    conditions = _conditions()
    return [conditions[name] for name in shape]


def live_note_conditions(shape: Iterable[str]) -> list[ColumnElement[bool]]:
    """As note_conditions, for live notes of live activities only."""
    live = [Note.deleted_at.is_(None), Activity.deleted_at.is_(None)]
    return [*live, *note_conditions(shape)]


def note_ids_query(session: Session, selection: Selection) -> Select[Any]:
    """The ids of the live notes a selection covers (values bound; no order)."""
    values = bind_selection(session, selection)
    query = select(Note.id).join(Activity, Activity.id == Note.activity_id)
    return query.where(*live_note_conditions(values)).params(values)


def activity_ids_query(session: Session, selection: Selection) -> Select[Any]:
    """The ids of the live activities a selection covers (values bound; no order)."""
    values = bind_selection(session, selection)
    own = [name for name in values if name in ACTIVITY_CRITERIA]
    query = select(Activity.id).where(Activity.deleted_at.is_(None), *note_conditions(own))
    if len(own) < len(values):
        with_notes = (
            select(Note.activity_id)
            .join(Activity, Activity.id == Note.activity_id)
            .where(*live_note_conditions(values))
        )
        query = query.where(Activity.id.in_(with_notes))
    return query.params(values)


def selected_note_ids(session: Session, selection: Selection) -> list[str]:
    """The ids of the live notes a selection covers, oldest activity first, in capture order."""
    query = note_ids_query(session, selection)
    ordered = query.order_by(Activity.starts_at, Activity.id, Note.created_at, Note.id)
    return list(session.scalars(ordered))


def selected_activities(session: Session, selection: Selection) -> list[Activity]:
    """The live activities a selection covers, oldest first."""
    ids = activity_ids_query(session, selection).scalar_subquery()
    # Reports count the groups reached in SQL: loading every activity's group links (some 40
    # per activity) cost seconds at 1,000 activities. They still load if someone reads them.
    query = select(Activity).where(Activity.id.in_(ids)).options(lazyload(Activity.groups_reached))
    return list(session.scalars(query.order_by(Activity.starts_at, Activity.id)))
