"""Capturing, editing, tagging, deleting and restoring notes; the audit trail they leave."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from domain.activities import create_activity
from domain.errors import InvalidInput, NotFound
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import (
    create_note,
    delete_note,
    get_note,
    list_notes,
    restore_note,
    set_note_tags,
    update_note,
)
from models.database import Store
from models.entities import AuditEntry

BODY = "My neighbour translates at the GP because there is never an interpreter"


def _activity(store: Store) -> str:
    with store.session() as session:
        return create_activity(
            session, title="Mosque drop-in", kind="drop_in", starts_at=datetime(2026, 4, 2, 11)
        ).id


def test_a_note_is_saved_with_all_its_tag_families(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    with empty_store.session() as session:
        note = create_note(
            session,
            activity_id=activity_id,
            fields=NoteFields(
                body=BODY,
                kind="concern",
                sentiment="negative",
                consent_to_quote=True,
                groups=["ethnic-minority", "vulnerable-migrants"],
                principles=[4, 1],
                services=["gp-and-primary-care"],
            ),
            speaker="older woman",
        )
    with empty_store.session() as session:
        again = get_note(session, note_id=note.id)
    assert again == note
    assert again.group_keys == ("ethnic-minority", "vulnerable-migrants")
    assert again.principle_numbers == (1, 4)
    assert again.service_keys == ("gp-and-primary-care",)
    assert again.activity_title == "Mosque drop-in"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"body": "   "}, "body"),
        ({"body": "x", "kind": "rumour"}, "kind"),
        ({"body": "x", "sentiment": "angry"}, "sentiment"),
        ({"body": "x", "groups": ["no-such-group"]}, "groups"),
        ({"body": "x", "principles": [11]}, "principles"),
        ({"body": "x", "services": ["no-such-service"]}, "services"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(
    empty_store: Store, values: dict[str, object], field: str
) -> None:
    activity_id = _activity(empty_store)
    with pytest.raises(InvalidInput) as error, empty_store.session() as session:
        create_note(session, activity_id=activity_id, fields=NoteFields(**values))  # type: ignore[arg-type]
    assert error.value.field == field
    with empty_store.session() as session:
        assert list_notes(session) == []


def test_a_note_for_a_missing_activity_is_refused(empty_store: Store) -> None:
    with pytest.raises(NotFound), empty_store.session() as session:
        create_note(session, activity_id="nope", fields=NoteFields(body="hello"))


def test_edit_retag_delete_and_restore(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    with empty_store.session() as session:
        note_id = create_note(
            session, activity_id=activity_id, fields=NoteFields(body=BODY, groups=["age"])
        ).id
    with empty_store.session() as session:
        update_note(
            session, note_id=note_id, edit=NoteEdit.of(body="Edited text", sentiment="mixed")
        )
        set_note_tags(session, note_id=note_id, groups=["disability"], principles=[2, 3])
    with empty_store.session() as session:
        note = get_note(session, note_id=note_id)
        assert (note.body, note.sentiment) == ("Edited text", "mixed")
        assert note.group_keys == ("disability",)
        assert note.principle_numbers == (2, 3)
        delete_note(session, note_id=note_id)
    with empty_store.session() as session:
        assert list_notes(session, activity_id=activity_id) == []
        assert [n.id for n in list_notes(session, deleted=True)] == [note_id]
        assert get_note(session, note_id=note_id).group_keys == ("disability",)
        restore_note(session, note_id=note_id)
    with empty_store.session() as session:
        assert [n.id for n in list_notes(session)] == [note_id]


def test_every_write_is_audited_without_personal_text(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    with empty_store.session() as session:
        note_id = create_note(
            session, activity_id=activity_id, fields=NoteFields(body=BODY), speaker="Fatima, 52"
        ).id
        update_note(session, note_id=note_id, edit=NoteEdit.of(body=BODY + " again"))
        delete_note(session, note_id=note_id)
    with empty_store.session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == [
        "activity.create",
        "note.create",
        "note.update",
        "note.delete",
    ]
    assert {e.device_id for e in entries} == {empty_store.device_id}
    for entry in entries:
        blob = f"{entry.action} {entry.entity} {entry.entity_id}"
        assert "interpreter" not in blob and "Fatima" not in blob
