"""Capture and edit use cases on a real store: what they write and the Changes they return."""

from __future__ import annotations

from datetime import datetime

import pytest

from app import activities, notes, taxonomy, themes
from app.changes import Changes
from domain.drafts import load_draft
from domain.errors import InvalidInput
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import get_note, list_notes
from domain.taxonomy import list_groups
from domain.themes import get_theme, list_actions
from models.database import Store

BODY = "The bus to the clinic stopped running, so I miss appointments"


def _activity(store: Store) -> str:
    with store.session() as session:
        done = activities.save_activity(
            session,
            activity_id=None,
            groups_reached={"carers": 4},
            title="Carers' coffee morning",
            kind="drop_in",
            starts_at=datetime(2026, 5, 6, 10),
        )
    assert done.changes == Changes.of_activities([done.value.id])
    return done.value.id


def test_capturing_a_note_saves_it_and_drops_its_draft_together(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    slot = f"capture:{activity_id}"
    with empty_store.session() as session:
        assert not notes.keep_draft(
            session, slot=slot, activity_id=activity_id, body=BODY, fields={}
        ).any
    with empty_store.session() as session:
        saved = notes.capture_note(
            session,
            activity_id=activity_id,
            fields=NoteFields(body=BODY, kind="concern", groups=["carers"], principles=[3]),
            draft_slot=slot,
        )
    assert saved.changes.touches_notes_of(activity_id)
    assert not saved.changes.touches_notes_of("another activity")
    assert saved.changes.note_ids == {saved.value.id}
    assert not saved.changes.activities and not saved.changes.themes
    with empty_store.session() as session:
        assert load_draft(session, slot=slot) is None
        assert get_note(session, note_id=saved.value.id).group_keys == ("carers",)


def test_a_refused_note_keeps_its_draft(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    slot = f"capture:{activity_id}"
    with empty_store.session() as session:
        notes.keep_draft(session, slot=slot, activity_id=activity_id, body=BODY)
    with pytest.raises(InvalidInput), empty_store.session() as session:
        notes.capture_note(
            session,
            activity_id=activity_id,
            fields=NoteFields(body=BODY, kind="shout"),
            draft_slot=slot,
        )
    with empty_store.session() as session:
        draft = load_draft(session, slot=slot)
        assert draft is not None and draft.body == BODY
        assert list_notes(session, activity_id=activity_id) == []


def test_revise_bin_and_restore_a_note(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    with empty_store.session() as session:
        note_id = notes.capture_note(
            session, activity_id=activity_id, fields=NoteFields(body=BODY)
        ).value.id
    with empty_store.session() as session:
        changed = notes.revise_note(
            session,
            activity_id=activity_id,
            note_id=note_id,
            edit=NoteEdit.of(sentiment="negative", groups=["carers"]),
        )
    assert changed == Changes.of_notes(activity_ids=[activity_id], note_ids=[note_id])
    with empty_store.session() as session:
        note = get_note(session, note_id=note_id)
        assert (note.sentiment, note.group_keys) == ("negative", ("carers",))
        assert notes.bin_notes(session, activity_id=activity_id, note_ids=[note_id]).notes
    with empty_store.session() as session:
        assert list_notes(session, activity_id=activity_id) == []
        notes.restore_notes(session, activity_id=activity_id, note_ids=[note_id])
    with empty_store.session() as session:
        assert [n.id for n in list_notes(session, activity_id=activity_id)] == [note_id]


def test_updating_an_activity_replaces_its_groups_reached(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    with empty_store.session() as session:
        done = activities.save_activity(
            session, activity_id=activity_id, groups_reached={}, title="Carers' lunch"
        )
    assert done.value.title == "Carers' lunch" and not done.value.groups_reached
    with empty_store.session() as session:
        assert activities.bin_activity(session, activity_id=activity_id).touches_activity(
            activity_id
        )


def test_theme_and_action_writes_say_which_they_changed(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    with empty_store.session() as session:
        note_id = notes.capture_note(
            session, activity_id=activity_id, fields=NoteFields(body=BODY)
        ).value.id
    with empty_store.session() as session:
        filed = themes.file_notes(session, title="Transport", note_ids=[note_id])
    assert filed.changes == Changes(themes=True) and filed.value.created
    theme_id = filed.value.theme.id
    with empty_store.session() as session:
        saved = themes.save_action(
            session, theme_id=theme_id, action_id=None, values={"what_we_did": "Asked the council"}
        )
    assert saved.changes == Changes(actions=True)
    with empty_store.session() as session:
        assert [a.id for a in list_actions(session, theme_id=theme_id)] == [saved.value.id]
        assert get_theme(session, theme_id=theme_id).note_ids == (note_id,)


def test_taxonomy_writes_return_their_value_and_taxonomy_changes(empty_store: Store) -> None:
    with empty_store.session() as session:
        added = taxonomy.add_group(session, label="Kinship carers", parent_key="carers")
    assert added.changes == Changes(taxonomy=True)
    with empty_store.session() as session:
        assert added.value.key in {g.key for g in list_groups(session)}
