"""Activities, themes and actions through the domain layer."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.activities import (
    create_activity,
    delete_activity,
    get_activity,
    list_activities,
    restore_activity,
    update_activity,
)
from domain.errors import InvalidInput
from domain.note_fields import NoteFields
from domain.notes import create_note, delete_note, restore_note
from domain.themes import (
    add_notes_to_theme,
    create_action,
    create_theme,
    list_actions,
    list_themes,
    remove_notes_from_theme,
    update_action,
)
from models.database import Store


def test_an_activity_keeps_every_field(empty_store: Store) -> None:
    with empty_store.session() as session:
        made = create_activity(
            session,
            title="Food bank stall",
            kind="outreach",
            starts_at=datetime(2026, 6, 1, 10),
            ends_at=datetime(2026, 6, 1, 13),
            place="St Mark's hall",
            area="Beeston",
            postcode_outward="ls11",
            lead="Grace",
            partners=["Healthwatch", " Food bank "],
            topic="Pharmacy access",
            people_reached=23,
            adjustments=["Interpreter (Urdu)"],
            groups_reached={"homelessness": 4, "age": None},
        )
    with empty_store.session() as session:
        got = get_activity(session, activity_id=made.id)
    assert got == made
    assert got.postcode_outward == "LS11"
    assert got.partners == ("Healthwatch", "Food bank")
    assert {(g.group_key, g.count) for g in got.groups_reached} == {
        ("homelessness", 4),
        ("age", None),
    }


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": " "}, "title"),
        ({"kind": "party"}, "kind"),
        ({"postcode_outward": "LS8 1AB"}, "postcode_outward"),
        ({"people_reached": -1}, "people_reached"),
        ({"ends_at": datetime(2026, 5, 31)}, "ends_at"),
    ],
)
def test_bad_activity_values_are_refused(
    empty_store: Store, values: dict[str, object], field: str
) -> None:
    base: dict[str, object] = {
        "title": "Stall",
        "kind": "outreach",
        "starts_at": datetime(2026, 6, 1, 10),
    }
    with pytest.raises(InvalidInput) as error, empty_store.session() as session:
        create_activity(session, **{**base, **values})  # type: ignore[arg-type]
    assert error.value.field == field
    with empty_store.session() as session:
        assert list_activities(session) == []


def test_delete_restore_and_list_with_counts(empty_store: Store) -> None:
    with empty_store.session() as session:
        first = create_activity(
            session, title="Older", kind="meeting", starts_at=datetime(2026, 1, 1)
        )
        second = create_activity(
            session, title="Newer", kind="interview", starts_at=datetime(2026, 2, 1)
        )
        create_note(session, activity_id=second.id, fields=NoteFields(body="one"))
        binned = create_note(session, activity_id=second.id, fields=NoteFields(body="two"))
        create_note(session, activity_id=second.id, fields=NoteFields(body="three"))
        delete_note(session, note_id=binned.id)  # a binned note is not counted
        restore_note(session, note_id=binned.id)
        delete_note(session, note_id=binned.id)
        update_activity(session, activity_id=first.id, title="Older, renamed")
    with empty_store.session() as session:
        listed = list_activities(session)
        assert [(a.title, a.note_count) for a in listed] == [("Newer", 2), ("Older, renamed", 0)]
        delete_activity(session, activity_id=second.id)
    with empty_store.session() as session:
        assert [a.title for a in list_activities(session)] == ["Older, renamed"]
        assert [a.title for a in list_activities(session, text="renam")] == ["Older, renamed"]
        restore_activity(session, activity_id=second.id)
        assert len(list_activities(session)) == 2


def test_themes_link_notes_and_actions_need_a_reason_when_not_possible(
    empty_store: Store,
) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 3)
        )
        notes = [
            create_note(session, activity_id=activity.id, fields=NoteFields(body=f"n{i}")).id
            for i in range(3)
        ]
        theme = create_theme(session, title="Buses", note_ids=notes[:2])
        assert set(theme.note_ids) == set(notes[:2])
        theme = add_notes_to_theme(session, theme_id=theme.id, note_ids=notes)
        assert set(theme.note_ids) == set(notes)
        theme = remove_notes_from_theme(session, theme_id=theme.id, note_ids=[notes[0]])
        assert set(theme.note_ids) == set(notes[1:])
        with pytest.raises(InvalidInput) as error:
            create_action(
                session, theme_id=theme.id, what_we_did="New route", status="not_possible"
            )
        assert error.value.field == "not_possible_reason"
        action = create_action(session, theme_id=theme.id, what_we_did="Asked the council")
        done = update_action(
            session,
            action_id=action.id,
            status="done",
            completed_on=date(2026, 4, 1),
            fed_back_on=date(2026, 4, 8),
            fed_back_how="Newsletter",
        )
    assert done.status == "done" and done.fed_back_how == "Newsletter"
    with empty_store.session() as session:
        assert [t.title for t in list_themes(session)] == ["Buses"]
        assert list_actions(session, theme_id=theme.id) == [done]
