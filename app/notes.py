"""Capturing and editing notes: save a note (and drop its draft), edit, tag, bin and restore."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from app.changes import Changes, Outcome
from domain.drafts import clear_draft, save_draft
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, delete_note, restore_note, update_note
from domain.review import clear_review, redact_for_review
from domain.views import NoteView


def capture_note(
    session: Session,
    *,
    activity_id: str,
    fields: NoteFields,
    speaker: str = "",
    needs_review: bool = False,
    draft_slot: str | None = None,
) -> Outcome[NoteView]:
    """Save one note with its tags; its draft goes in the same transaction, so a crash leaves
    either the saved note or the draft, never both and never neither."""
    note = create_note(
        session,
        activity_id=activity_id,
        fields=fields,
        speaker=speaker,
        needs_review=needs_review,
    )
    if draft_slot is not None:
        clear_draft(session, slot=draft_slot)
    return Outcome(note, Changes.of_notes(activity_ids=[activity_id], note_ids=[note.id]))


def keep_draft(
    session: Session,
    *,
    slot: str,
    activity_id: str | None,
    body: str,
    fields: Mapping[str, Any] | None = None,
) -> Changes:
    """Keep what is being typed; a draft is not a record, so no view changes."""
    save_draft(session, slot=slot, activity_id=activity_id, body=body, fields=fields)
    return Changes()


def revise_note(session: Session, *, activity_id: str, note_id: str, edit: NoteEdit) -> Changes:
    """Change a note's fields and/or tag families (groups, principles, services) in one write.

    Fields and tag families the edit leaves out stay as they are; that is how undo restores
    exactly what it saw.
    """
    if edit:
        update_note(session, note_id=note_id, edit=edit)
    return Changes.of_notes(activity_ids=[activity_id], note_ids=[note_id])


def bin_notes(session: Session, *, activity_id: str, note_ids: Iterable[str]) -> Changes:
    """Move notes to the bin; they keep their text and tags and can be restored."""
    ids = list(note_ids)
    for note_id in ids:
        delete_note(session, note_id=note_id)
    return Changes.of_notes(activity_ids=[activity_id], note_ids=ids)


def restore_notes(session: Session, *, activity_id: str, note_ids: Iterable[str]) -> Changes:
    ids = list(note_ids)
    for note_id in ids:
        restore_note(session, note_id=note_id)
    return Changes.of_notes(activity_ids=[activity_id], note_ids=ids)


def review_note(session: Session, *, activity_id: str, note_id: str, redact: bool) -> Changes:
    """A reviewer redacts a note waiting for review, or clears it for reporting."""
    if redact:
        redact_for_review(session, note_id=note_id)
    else:
        clear_review(session, note_id=note_id)
    return Changes.of_notes(activity_ids=[activity_id], note_ids=[note_id])


def return_to_review(session: Session, *, activity_id: str, note_id: str, body: str) -> Changes:
    """Undo of a review: the note's text as it was, waiting for review again."""
    update_note(session, note_id=note_id, edit=NoteEdit.of(body=body, needs_review=True))
    return Changes.of_notes(activity_ids=[activity_id], note_ids=[note_id])


def discard_draft(session: Session, *, slot: str) -> Changes:
    """Forget what was being typed in this slot (the person chose not to keep it)."""
    clear_draft(session, slot=slot)
    return Changes()
