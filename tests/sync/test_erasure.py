"""Erasure: a note's text, and every earlier version of it, gone from every store after sync."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.erasure import erase
from domain.activities import create_activity
from domain.erasure import find_notes_to_erase
from domain.errors import DomainError
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, update_note
from models.entities import AuditEntry, Note
from sync.digest import state_digest
from sync.folder_sync import sync_now
from tests.sync.conftest import MakeDevice
from tests.sync.traces import found_in_folder, found_in_store

SECRET_FIRST = "Quillowhistle said her neighbour in flat 12 hits her"
SECRET_LATER = "Quillowhistle withdrew: Brackenfold asked us to remove this"


def test_an_erased_note_is_gone_from_every_store_and_history(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b, c = (make_device(name) for name in "abc")
    with a.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1)
        ).id
        note = create_note(session, activity_id=activity, fields=NoteFields(body=SECRET_FIRST)).id
        create_note(
            session,
            activity_id=activity,
            fields=NoteFields(body="The bus to the clinic is too dear"),
        )
    for store in (a, b, c):
        sync_now(store, sync_folder, org_key)
    with b.session() as session:  # an edit on another laptop: two versions in the history
        update_note(session, note_id=note, edit=NoteEdit.of(body=SECRET_LATER))
    for store in (b, a, c):
        sync_now(store, sync_folder, org_key)
    assert all(found_in_store(store, "Brackenfold") for store in (a, b, c))

    with a.session() as session:
        found = find_notes_to_erase(session, activity_id=activity, words="quillowhistle")
    assert [candidate.note_id for candidate in found] == [note]
    erased, changes = erase(a, [note])
    assert erased == 1 and changes.notes
    for store in (a, b, c, a):
        assert not sync_now(store, sync_folder, org_key).problems

    for store in (a, b, c):
        for needle in ("Quillowhistle", "Brackenfold"):
            assert found_in_store(store, needle) == [], (store.path, needle)
    for needle in ("Quillowhistle", "Brackenfold"):
        assert found_in_folder(sync_folder, org_key, needle) == []
        with store.session() as session:
            assert session.get(Note, note) is None
            assert session.scalar(select(func.count()).select_from(Note)) == 1
    digests = set()
    for store in (a, b, c):
        with store.session() as session:
            digests.add(state_digest(session))
    assert len(digests) == 1
    with a.session() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "notes.erased")).one()
    assert (audit.entity, audit.entity_id) == ("erasure", "1")


def test_erasure_needs_a_choice_and_names_what_is_unknown(make_device: MakeDevice) -> None:
    store = make_device("a")
    with store.session() as session:
        with pytest.raises(DomainError, match="say which notes"):
            find_notes_to_erase(session)
        with pytest.raises(DomainError, match="no note with id nope"):
            find_notes_to_erase(session, note_ids=["nope"])
        with pytest.raises(DomainError, match="no activity with id nope"):
            find_notes_to_erase(session, activity_id="nope")
