"""The sample-data generator: deterministic and covering every tag family and value."""

from __future__ import annotations

from sqlalchemy import select

from domain.notes import list_notes
from domain.sample_data import generate_sample_data
from domain.themes import list_actions, list_themes
from domain.vocabulary import ActivityKind, NoteKind, Sentiment, choices
from models.database import Store
from models.entities import Activity, Group


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    with store.session() as session:
        return [
            (n.activity_title, n.body, n.kind, n.sentiment, n.group_keys, n.principle_numbers)
            for n in list_notes(session)
        ]


def test_the_same_seed_gives_the_same_data(empty_store: Store, sample_store: Store) -> None:
    with empty_store.session() as session:
        generate_sample_data(session, activities=6, notes_per_activity=8, seed=3)
    assert _snapshot(empty_store) == _snapshot(sample_store)


def test_sample_data_spans_every_value(empty_store: Store) -> None:
    with empty_store.session() as session:
        summary = generate_sample_data(session, activities=14, notes_per_activity=10, seed=9)
        notes = list_notes(session)
        kinds = set(session.scalars(select(Activity.kind)))
        groups = set(session.scalars(select(Group.key)))
        parents = set(session.scalars(select(Group.parent_id)))
        leaf_keys = {g.key for g in session.scalars(select(Group)) if g.id not in parents}
        themes, actions = list_themes(session), list_actions(session)
    assert summary.notes == len(notes) == 140
    assert kinds == set(choices(ActivityKind))
    assert {n.kind for n in notes} == set(choices(NoteKind))
    assert {n.sentiment for n in notes} == set(choices(Sentiment))
    assert {p for n in notes for p in n.principle_numbers} == set(range(1, 11))
    assert {g for n in notes for g in n.group_keys} == leaf_keys
    assert leaf_keys <= groups
    assert len(themes) == summary.themes and len(actions) == summary.actions
    assert {a.status for a in actions} == {"planned", "in_progress", "done", "not_possible"}
