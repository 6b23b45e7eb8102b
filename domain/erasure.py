"""Erasure: notes purged for good, here and (through sync) on every device, leaving only the fact.

A purge is a real DELETE: op capture turns it into a `purge` op that wins over every other change
to the note on every device, and scrubs the text the op log held for it. The audit keeps who,
when and how many, never the text or the ids of what was erased.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from domain.errors import DomainError
from models.entities import Activity, AuditEntry, Note

PREVIEW_CHARS = 80


@dataclass(frozen=True)
class ErasureCandidate:
    """A note a person is about to erase, shown so they can check it is the right one."""

    note_id: str
    activity_title: str
    created_at: datetime
    preview: str  # the start of the note's text, on one line


def find_notes_to_erase(
    session: Session,
    *,
    note_ids: Sequence[str] = (),
    activity_id: str | None = None,
    words: str = "",
) -> list[ErasureCandidate]:
    """The notes named by id, or those of an activity, narrowed by words in their text.

    Notes in the bin are included: erasure is about the data, not the list it shows in.
    """
    if not note_ids and activity_id is None and not words.strip():
        raise DomainError("say which notes to erase: by note id, by activity, or by words")
    statement = (
        select(Note.id, Activity.title, Note.created_at, Note.body)
        .join(Activity, Activity.id == Note.activity_id)
        .order_by(Note.created_at, Note.id)
    )
    if note_ids:
        statement = statement.where(Note.id.in_(list(note_ids)))
    if activity_id is not None:
        if session.get(Activity, activity_id) is None:
            raise DomainError(f"no activity with id {activity_id}")
        statement = statement.where(Note.activity_id == activity_id)
    for word in words.split():
        statement = statement.where(Note.body.icontains(word, autoescape=True))
    found = [
        ErasureCandidate(note_id, title, created, " ".join(body.split())[:PREVIEW_CHARS])
        for note_id, title, created, body in session.execute(statement)
    ]
    missing = set(note_ids) - {candidate.note_id for candidate in found}
    if missing:
        raise DomainError(f"no note with id {sorted(missing)[0]}")
    return found


def erase_notes(session: Session, note_ids: Sequence[str], *, device_id: str) -> int:
    """Purge these notes and everything tagged to them; returns how many were erased.

    Run it in a session of its own: it turns on SQLite's secure delete for the connection so
    the freed pages are overwritten, and clears the search index's old segments.
    """
    if not note_ids:
        return 0
    overwrite_freed_pages(session)
    erased = 0
    for note in session.scalars(select(Note).where(Note.id.in_(list(note_ids)))):
        session.delete(note)  # captured as a purge op (links and theme links cascade)
        erased += 1
    session.flush()
    merge_search_index(session)
    session.add(
        AuditEntry(
            device_id=device_id, action="notes.erased", entity="erasure", entity_id=str(erased)
        )
    )
    return erased


def overwrite_freed_pages(session: Session) -> None:
    """SQLite's secure delete for this session's connection: purged text is overwritten."""
    session.connection().exec_driver_sql("PRAGMA secure_delete = ON")


def merge_search_index(session: Session) -> None:
    """FTS5 keeps deleted terms in old segments until they are merged: merge them now."""
    session.connection().execute(text("INSERT INTO note_search(note_search) VALUES ('optimize')"))


__all__ = [
    "ErasureCandidate",
    "erase_notes",
    "find_notes_to_erase",
    "merge_search_index",
    "overwrite_freed_pages",
]
