"""Full-text search (SQLite FTS5) over note text and activity titles, combined with filters."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnClause,
    Connection,
    Select,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.note_rows import hits_from_rows, note_group_keys, note_hits, note_plain_columns
from domain.views import NoteHit
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

PAGE_SIZE = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_note_search = table("note_search", column("rowid"))
_NOTE_ROWID: ColumnClause[Any] = literal_column("notes.rowid")
_MATCHES = literal_column("note_search").op("MATCH")(bindparam("match"))

# Completing the last word from the index's vocabulary (see last_word_completions).
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_SHORTEST_LOOKUP = 3
_MOST_COMPLETIONS = 8
_search_terms = table("note_search_terms", column("term"))
_COMPLETIONS = (
    select(_search_terms.c.term)
    .where(_search_terms.c.term >= bindparam("start"), _search_terms.c.term < bindparam("past"))
    .order_by(_search_terms.c.term)
    .limit(bindparam("most"))
)


@dataclass(frozen=True)
class SearchFilters:
    activity_id: str | None = None
    group_key: str | None = None
    principle: int | None = None
    service_key: str | None = None
    theme_id: str | None = None
    sentiment: str | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    include_deleted: bool = False


@dataclass(frozen=True)
class SearchPage:
    notes: tuple[NoteHit, ...]
    offset: int
    has_more: bool


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


def last_word_completions(connection: Connection, text: str) -> list[str] | None:
    """The indexed words the last typed word is the start of, or None to let FTS5 expand it.

    An FTS5 prefix query merges the doclists of every word the prefix completes to before it can
    match or rank anything. Naming the few completions instead, read from the index's own
    vocabulary so the notes found are the same, is cheaper: on 100,000 sample notes ranking
    "interpreter appointment*" took 4.8 ms, and listing its two completions 0.5 ms plus ranking
    them 3.2 ms. Only plain ASCII words are looked up, whose indexed form is simply their lower
    case; short starts and starts with many completions are left to FTS5, since listing them
    would cost more than it saves.
    """
    words = _WORD.findall(text)
    if not words or not _ASCII_WORD.fullmatch(words[-1]) or len(words[-1]) < _SHORTEST_LOOKUP:
        return None
    start = words[-1].lower()
    past = start[:-1] + chr(ord(start[-1]) + 1)  # the first string after every completion
    bound = {"start": start, "past": past, "most": _MOST_COMPLETIONS + 1}
    terms = list(connection.execute(_COMPLETIONS, bound).scalars())
    return None if len(terms) > _MOST_COMPLETIONS else terms


def _group_and_descendants(session: Session, key: str) -> list[str]:
    rows = session.execute(select(Group.id, Group.key, Group.parent_id)).all()
    by_key = {k: gid for gid, k, _ in rows}
    if key not in by_key:
        raise InvalidInput("group", f"unknown group {key!r}")
    children: dict[str | None, list[str]] = {}
    for gid, _, parent in rows:
        children.setdefault(parent, []).append(gid)
    found, stack = [], [by_key[key]]
    while stack:
        gid = stack.pop()
        found.append(gid)
        stack.extend(children.get(gid, []))
    return found


def _bind_filters(session: Session, f: SearchFilters) -> dict[str, Any]:
    """The values of the filters that are set, by the name their condition binds them to."""
    values: dict[str, Any] = {}
    if f.activity_id:
        values["activity_id"] = f.activity_id
    if f.group_key:
        values["group_ids"] = _group_and_descendants(session, f.group_key)
    if f.principle is not None:
        if not 1 <= f.principle <= 10:
            raise InvalidInput("principle", "principles are numbered 1 to 10")
        values["principle"] = f.principle
    if f.service_key:
        values["service_key"] = f.service_key
    if f.theme_id:
        values["theme_id"] = f.theme_id
    if f.sentiment:
        values["sentiment"] = f.sentiment
    if f.kind:
        values["kind"] = f.kind
    if f.date_from:
        values["date_from"] = datetime.combine(f.date_from, time.min)
    if f.date_to:
        values["date_to"] = datetime.combine(f.date_to + timedelta(days=1), time.min)
    return values


def _filter_conditions() -> dict[str, Any]:
    """One condition per filter, each reading its value from the bound parameter of its name."""
    return {
        "activity_id": Note.activity_id == bindparam("activity_id"),
        "group_ids": Note.id.in_(
            select(NoteGroup.note_id).where(
                NoteGroup.group_id.in_(bindparam("group_ids", expanding=True))
            )
        ),
        "principle": Note.id.in_(
            select(NotePrinciple.note_id).where(
                NotePrinciple.principle_number == bindparam("principle")
            )
        ),
        "service_key": Note.id.in_(
            select(NoteService.note_id)
            .join(Service, Service.id == NoteService.service_id)
            .where(Service.key == bindparam("service_key"))
        ),
        "theme_id": Note.id.in_(
            select(ThemeNote.note_id).where(ThemeNote.theme_id == bindparam("theme_id"))
        ),
        "sentiment": Note.sentiment == bindparam("sentiment"),
        "kind": Note.kind == bindparam("kind"),
        "date_from": Activity.starts_at >= bindparam("date_from"),
        "date_to": Activity.starts_at < bindparam("date_to"),
    }


def _where(query: Select[Any], shape: tuple[str, ...], include_deleted: bool) -> Select[Any]:
    if not include_deleted:
        query = query.where(Note.deleted_at.is_(None), Activity.deleted_at.is_(None))
    conditions = _filter_conditions()
    return query.where(*(conditions[name] for name in shape))


# Statements are built once per combination of filters in use and then only bound to values:
# building and keying a statement of this size costs about as much as running it.
@cache
def _newest_statement(shape: tuple[str, ...], include_deleted: bool) -> Select[Any]:
    query = select(Note.id).join(Activity, Activity.id == Note.activity_id)
    return (
        _where(query, shape, include_deleted)
        .order_by(Activity.starts_at.desc(), Note.created_at.desc(), Note.id)
        .offset(bindparam("offset"))
        .limit(bindparam("wanted"))
    )


@cache
def _ranked_statement(shape: tuple[str, ...], include_deleted: bool) -> Select[Any]:
    """The best matches that pass the filters, from `offset`, at most `wanted`, in one statement.

    FTS5 finds its top-k quickly when asked alone (ORDER BY bm25() LIMIT k); joined to the notes
    it must rank and fetch every match. So take the top `fetch` from the index, filter, and page;
    `_ranked_hits` widens `fetch` only when the filters removed too many.
    """
    # bm25() rather than the `rank` column: selecting `rank` as well as ordering by it scores
    # every match twice (measured: twice the time on a 2,500-match query).
    score = func.bm25(literal_column("note_search")).label("score")
    top = (
        select(_note_search.c.rowid, score)
        .where(_MATCHES)
        .order_by(score)
        .limit(bindparam("fetch"))
        .subquery("top")
    )
    ranked = (
        select(*note_plain_columns(), top.c.score)
        .select_from(top)
        .join(Note, top.c.rowid == _NOTE_ROWID)
        .join(Activity, Activity.id == Note.activity_id)
    )
    page = (
        _where(ranked, shape, include_deleted)
        .order_by(top.c.score, Note.id)
        .offset(bindparam("offset"))
        .limit(bindparam("wanted"))
        .subquery("page")
    )
    # The page carries the notes' own columns; their groups are gathered for its rows alone, not
    # for every candidate ranked above them.
    plain = (column for column in page.c if column is not page.c.score)
    query = select(*plain, note_group_keys(page.c.id))
    return query.order_by(page.c.score, page.c.id)


_MATCH_COUNT = select(func.count()).select_from(_note_search).where(_MATCHES)


def search_notes(
    session: Session,
    *,
    text: str = "",
    filters: SearchFilters | None = None,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> SearchPage:
    """One page of matching notes as hits: best match first for text, newest first for filters
    alone. A hit carries what a list of results shows; get_note reads the rest when opened."""
    filters = filters or SearchFilters()
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise InvalidInput("to", "the end date is before the start date")
    values = _bind_filters(session, filters)
    shape = tuple(values)
    session.flush()  # the statements below run on the connection, past the session's autoflush
    connection = session.connection()
    completions = last_word_completions(connection, text)
    if completions == []:  # no indexed word starts with the last word typed
        return SearchPage((), offset, False)
    match = fts_query(text, completions)
    if not match:
        statement = _newest_statement(shape, filters.include_deleted)
        found = connection.execute(statement, {**values, "offset": offset, "wanted": limit + 1})
        ids = list(found.scalars())
        return SearchPage(tuple(note_hits(session, ids[:limit])), offset, len(ids) > limit)
    hits = _ranked_hits(connection, match, shape, filters.include_deleted, values, offset, limit)
    return SearchPage(tuple(hits[:limit]), offset, len(hits) > limit)


def _ranked_hits(
    connection: Connection,
    match: str,
    shape: tuple[str, ...],
    include_deleted: bool,
    values: dict[str, Any],
    offset: int,
    limit: int,
) -> list[NoteHit]:
    """Up to limit + 1 hits (one more tells whether a next page exists)."""
    statement = _ranked_statement(shape, include_deleted)
    wanted = limit + 1
    fetch = offset + wanted + max(wanted // 4, 32)
    while True:
        bound = {**values, "match": match, "fetch": fetch, "offset": offset, "wanted": wanted}
        hits = hits_from_rows(connection.execute(statement, bound).all())
        if len(hits) >= wanted or fetch >= _match_count(connection, match):
            return hits
        fetch *= 4


def _match_count(connection: Connection, match: str) -> int:
    return int(connection.scalar(_MATCH_COUNT, {"match": match}) or 0)


def like_scan(session: Session, *, text: str, limit: int = PAGE_SIZE) -> list[NoteHit]:
    """The same page found by scanning with LIKE: the baseline the benchmark compares against."""
    query = select(Note.id).join(Activity, Activity.id == Note.activity_id)
    for word in _WORD.findall(text):
        pattern = f"%{word}%"
        query = query.where(Note.body.ilike(pattern) | Activity.title.ilike(pattern))
    # Ordering needs every match, as ranking does for the full-text query: a fair comparison.
    query = query.where(Note.deleted_at.is_(None)).order_by(Note.created_at.desc())
    return note_hits(session, list(session.scalars(query.limit(limit))))


def search_count(session: Session, *, text: str) -> int:
    """How many notes (live or deleted) contain every word: for summaries and benchmarks."""
    match = fts_query(text)
    return _match_count(session.connection(), match) if match else 0
