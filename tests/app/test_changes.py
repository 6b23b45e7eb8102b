"""Changes: the flags, the id sets and how two of them combine."""

from __future__ import annotations

import dataclasses

import pytest

from app.changes import KINDS, NO_CHANGES, Changes


def test_nothing_changed_by_default() -> None:
    assert not NO_CHANGES.any
    assert not NO_CHANGES.touches_notes_of("a1")
    assert not NO_CHANGES.touches_activity("a1")


def test_notes_of_one_activity_touch_only_that_activity() -> None:
    change = Changes.of_notes(activity_ids=["a1"], note_ids=["n1"])
    assert change.any and change.notes and not change.activities
    assert change.touches_notes_of("a1")
    assert not change.touches_notes_of("a2")


def test_empty_ids_mean_all() -> None:
    assert Changes.of_notes().touches_notes_of("any")
    assert Changes.of_activities().touches_activity("any")
    assert not Changes.of_activities(["a1"]).touches_activity("a2")


def test_union_keeps_ids_of_both_sides() -> None:
    both = Changes.of_notes(activity_ids=["a1"], note_ids=["n1"]) | Changes.of_notes(
        activity_ids=["a2"], note_ids=["n2"]
    )
    assert both.note_ids == {"n1", "n2"}
    assert both.note_activity_ids == {"a1", "a2"}


def test_union_with_all_stays_all() -> None:
    merged = Changes.of_notes(activity_ids=["a1"]) | Changes.of_notes()
    assert merged.touches_notes_of("a9")


def test_union_ignores_ids_of_a_side_that_did_not_change_that_kind() -> None:
    merged = Changes(themes=True) | Changes.of_activities(["a1"])
    assert merged.themes and merged.activities
    assert merged.activity_ids == {"a1"}
    assert not merged.notes


def test_everything_touches_every_kind() -> None:
    every = Changes.everything()
    flags = [f.name for f in dataclasses.fields(Changes) if not f.name.endswith("_ids")]
    assert flags == list(KINDS) and all(getattr(every, name) for name in flags)
    assert every.touches_notes_of("x") and every.touches_activity("x")


def test_changes_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        NO_CHANGES.notes = True  # type: ignore[misc]
