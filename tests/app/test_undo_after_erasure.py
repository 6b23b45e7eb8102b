"""Undo after an erasure: every undo step a person may still have on screen (edit, review, bin,
capture) fails cleanly on the purged note and brings none of its text back."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app import notes
from app.erasure import erase
from domain.activities import create_activity
from domain.errors import NotFound
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note
from models.database import Store
from models.entities import Note
from tests.sync.traces import found_in_store

FIRST = "Mrs Hollyoak said the GP on 07700 900789 would not listen"


def test_no_undo_step_resurrects_an_erased_note(empty_store: Store) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 6)
        ).id
        note = create_note(
            session, activity_id=activity, fields=NoteFields(body=FIRST), needs_review=True
        ).id
    with empty_store.session() as session:  # the steps the undo stack now holds, with the text
        notes.review_note(session, activity_id=activity, note_id=note, redact=True)
        notes.revise_note(
            session,
            activity_id=activity,
            note_id=note,
            edit=NoteEdit.of(body="Said the GP ignored her"),
        )
        notes.bin_notes(session, activity_id=activity, note_ids=[note])
    erase(empty_store, [note])

    undo_steps = [
        lambda session: notes.restore_notes(session, activity_id=activity, note_ids=[note]),
        lambda session: notes.revise_note(
            session, activity_id=activity, note_id=note, edit=NoteEdit.of(body=FIRST)
        ),
        lambda session: notes.return_to_review(
            session, activity_id=activity, note_id=note, body=FIRST
        ),
    ]
    for step in undo_steps:
        with pytest.raises(NotFound), empty_store.session() as session:
            step(session)
    for needle in ("Hollyoak", "07700 900789", "ignored her"):
        assert found_in_store(empty_store, needle) == [], needle
    with empty_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 0
