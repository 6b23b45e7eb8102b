"""The review queue: notes kept with possible personal details, waiting for a reviewer.

A note saved (or imported) with something that looks like a name, phone number, email, NHS
number or full postcode is marked needs_review. It stays out of reports until a reviewer
redacts it or clears it; both are audited.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain import audit
from domain.browse import PAGE_SIZE, NotePage
from domain.errors import InvalidInput, NotFound
from domain.identifiers import redact
from domain.note_rows import note_views
from domain.views import NoteView
from models.entities import Note
from models.ids import utc_now

_WAITING = (Note.needs_review.is_(True), Note.deleted_at.is_(None))


def count_to_review(session: Session) -> int:
    """How many notes (not in the bin) wait for review."""
    return int(session.scalar(select(func.count()).select_from(Note).where(*_WAITING)) or 0)


def notes_to_review(session: Session, *, offset: int = 0, limit: int = PAGE_SIZE) -> NotePage:
    """One page of the notes waiting for review, oldest first (first kept, first reviewed)."""
    if offset < 0 or limit < 1:
        raise InvalidInput("offset", "pages start at 0 and hold at least one row")
    query = select(Note.id).where(*_WAITING).order_by(Note.created_at, Note.id)
    ids = list(session.scalars(query.offset(offset).limit(limit + 1)))
    return NotePage(
        notes=tuple(note_views(session, ids[:limit])), offset=offset, has_more=len(ids) > limit
    )


def _waiting(session: Session, note_id: str) -> Note:
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound("note", note_id)
    if not note.needs_review:
        raise InvalidInput("needs_review", "this note is not waiting for review")
    return note


def clear_review(session: Session, *, note_id: str) -> NoteView:
    """A reviewer read the note and found nothing that identifies anyone: it may be reported."""
    note = _waiting(session, note_id)
    note.needs_review = False
    note.updated_at = utc_now()
    session.flush()
    audit.record(session, "note.review_clear", "note", note.id)
    return note_views(session, [note.id])[0]


def redact_for_review(session: Session, *, note_id: str) -> NoteView:
    """Replace what looks like an identifier with a placeholder, and clear the review mark."""
    note = _waiting(session, note_id)
    note.body = redact(note.body)
    note.needs_review = False
    note.updated_at = utc_now()
    session.flush()
    audit.record(session, "note.review_redact", "note", note.id)
    return note_views(session, [note.id])[0]
