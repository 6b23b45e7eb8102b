"""Taxonomy editing: groups and services added, renamed, moved, retired (kept on old notes)."""

from __future__ import annotations

from datetime import datetime

import pytest

from domain.activities import create_activity
from domain.errors import InvalidInput, NotFound
from domain.note_fields import NoteFields
from domain.notes import create_note, get_note
from domain.search import search_notes
from domain.selection import Selection
from domain.taxonomy import (
    add_group,
    add_service,
    get_group,
    list_groups,
    list_principles,
    list_services,
    move_group,
    reinstate_group,
    rename_group,
    rename_service,
    retire_group,
    retire_service,
)
from models.database import Store


def test_add_rename_and_move_a_group(empty_store: Store) -> None:
    with empty_store.session() as session:
        young = add_group(session, label="  Young   carers ", parent_key="plus")
        assert (young.key, young.label, young.parent_key, young.active) == (
            "young-carers",
            "Young carers",
            "plus",
            True,
        )
        again = add_group(session, label="Young carers")
        assert again.key == "young-carers-2"
        renamed = rename_group(session, key="young-carers", label="Young adult carers")
        assert (renamed.key, renamed.label) == ("young-carers", "Young adult carers")
        moved = move_group(session, key="young-carers", parent_key=None)
        assert moved.parent_key is None
        order = [g.key for g in list_groups(session)]
        # Tree order: a child comes straight after its parent's earlier children.
        assert order.index("plus") < order.index("ethnic-minority")
        assert "young-carers" in order


def test_a_group_cannot_move_inside_itself(empty_store: Store) -> None:
    with empty_store.session() as session:
        before = get_group(session, key="plus")
        with pytest.raises(InvalidInput) as error:
            move_group(session, key="plus", parent_key="inclusion-health")
        assert error.value.field == "parent"
        assert get_group(session, key="plus") == before
        with pytest.raises(NotFound):
            move_group(session, key="plus", parent_key="no-such-group")


def test_a_retired_group_stays_on_old_notes_and_leaves_the_picker(empty_store: Store) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1, 10)
        )
        note = create_note(
            session, activity_id=activity.id, fields=NoteFields(body="Buses", groups=["coastal"])
        )
        retired = retire_group(session, key="coastal")
        assert not retired.active
        assert get_note(session, note_id=note.id).group_keys == ("coastal",)
        assert "coastal" not in [g.key for g in list_groups(session, include_retired=False)]
        assert "coastal" in [g.key for g in list_groups(session)]
        found = search_notes(session, selection=Selection(group_keys=("coastal",)))
        assert [n.id for n in found.notes] == [note.id]
        assert reinstate_group(session, key="coastal").active


def test_services_and_bad_labels(empty_store: Store) -> None:
    with empty_store.session() as session:
        service = add_service(session, label="Social prescribing")
        assert (
            rename_service(session, key=service.key, label="Link workers").label == "Link workers"
        )
        assert not retire_service(session, key=service.key).active
        assert service.key not in [s.key for s in list_services(session, include_retired=False)]
        with pytest.raises(InvalidInput) as error:
            rename_group(session, key="coastal", label="   ")
        assert error.value.field == "label"
        assert get_group(session, key="coastal").label.startswith("Coastal")


def test_the_ten_principles_are_listed_with_their_full_text(empty_store: Store) -> None:
    with empty_store.session() as session:
        principles = list_principles(session)
    assert [p.number for p in principles] == list(range(1, 11))
    assert all(len(p.text) > len(p.short) for p in principles)
