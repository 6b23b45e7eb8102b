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


def test_each_note_keeps_the_tags_written_for_its_words(empty_store: Store) -> None:
    from domain.activities import get_activity
    from domain.sample_data import TOPICS

    written = {n["text"]: n for topic in TOPICS.values() for n in topic["notes"]}
    with empty_store.session() as session:
        generate_sample_data(session, activities=12, notes_per_activity=15, seed=1)
        notes = list_notes(session)
        by_activity: dict[str, list[str]] = {}
        for note in notes:
            by_activity.setdefault(note.activity_id, []).append(note.body)
        reached = {
            a: {g.group_key for g in get_activity(session, activity_id=a).groups_reached}
            for a in by_activity
        }
    for note in notes:
        scenario = written[note.body]
        assert (note.kind, note.sentiment) == (scenario["kind"], scenario["sentiment"])
        assert set(note.group_keys) == set(scenario["groups"])
        assert set(note.principle_numbers) == set(scenario["principles"])
        assert set(note.group_keys) <= reached[note.activity_id]  # the activity reached them
    for bodies in by_activity.values():
        assert len(bodies) == len(set(bodies))  # no sentence repeats within an activity
    pharmacy = next(n for n in notes if "epilepsy tablets" in n.body)
    assert pharmacy.kind == "concern" and pharmacy.sentiment == "negative"
    assert "pharmacy" in pharmacy.service_keys
    bus = next(n for n in notes if n.body.startswith("The bus fares"))
    assert bus.kind != "compliment" and bus.sentiment == "negative"


def test_demo_refuses_to_add_the_sample_twice(sample_store: Store) -> None:
    import pytest

    from domain.sample_data import SampleDataExists

    with sample_store.session() as session:
        before = len(list_notes(session))
        with pytest.raises(SampleDataExists, match="already has the sample data"):
            generate_sample_data(session, activities=2, notes_per_activity=2, seed=3)
        assert len(list_notes(session)) == before


def test_themes_group_notes_of_one_topic(sample_store: Store) -> None:
    from domain.sample_data import TOPICS
    from domain.theme_detail import theme_detail

    topic_of = {n["text"]: key for key, t in TOPICS.items() for n in t["notes"]}
    with sample_store.session() as session:
        for theme in list_themes(session):
            bodies = [n.body for n in theme_detail(session, theme_id=theme.id).notes]
            assert len({topic_of[b] for b in bodies}) == 1, theme.title
