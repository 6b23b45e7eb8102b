"""Full-text search (SQLite FTS5) over note text and activity titles, combined with filters."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    text,
)
from sqlalchemy.orm import Session

from domain.note_rows import hits_from_rows, note_group_keys, note_hits, note_plain_columns
from domain.selection import Selection
from domain.selection_query import bind_selection, live_note_conditions, note_conditions
from domain.selection_query import fts_query as fts_query
from domain.views import NoteHit
from models.entities import (
    Activity,
    Note,
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
class SearchPage:
    notes: tuple[NoteHit, ...]
    offset: int
    has_more: bool


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


def _where(query: Select[Any], shape: tuple[str, ...], include_deleted: bool) -> Select[Any]:
    if include_deleted:
        return query.where(*note_conditions(shape))
    return query.where(*live_note_conditions(shape))


# The unfiltered list of live notes, newest first: CROSS JOIN keeps activities the outer loop,
# walked by start in the partial index of live activities (migration 0008), so only the notes of
# the newest activities are sorted. Left to itself SQLite scans and sorts every note (150 ms at
# 100,000 notes, against under 1 ms this way). A test checks it against _newest_statement.
NEWEST_LIVE = text(
    "SELECT notes.id FROM activities CROSS JOIN notes ON activities.id = notes.activity_id"
    " WHERE notes.deleted_at IS NULL AND activities.deleted_at IS NULL"
    " ORDER BY activities.starts_at DESC, notes.created_at DESC, notes.id"
    " LIMIT :wanted OFFSET :offset"
)


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
    selection: Selection | None = None,
    include_deleted: bool = False,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> SearchPage:
    """One page of the selected notes matching `text` (and the selection's own text) as hits:
    best match first for text, newest first without. A hit carries what a list of results
    shows; get_note reads the rest when opened."""
    selection = selection or Selection()
    text = f"{selection.text} {text}".strip()
    # The text ranks the matches rather than filtering them, so it is left out of the shape.
    values = bind_selection(session, selection, with_text=False)
    shape = tuple(values)
    session.flush()  # the statements below run on the connection, past the session's autoflush
    connection = session.connection()
    completions = last_word_completions(connection, text)
    if completions == []:  # no indexed word starts with the last word typed
        return SearchPage((), offset, False)
    match = fts_query(text, completions)
    if not match:
        unfiltered = not shape and not include_deleted
        statement = NEWEST_LIVE if unfiltered else _newest_statement(shape, include_deleted)
        found = connection.execute(statement, {**values, "offset": offset, "wanted": limit + 1})
        ids = list(found.scalars())
        return SearchPage(tuple(note_hits(session, ids[:limit])), offset, len(ids) > limit)
    hits = _ranked_hits(connection, match, shape, include_deleted, values, offset, limit)
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
