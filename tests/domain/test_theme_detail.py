"""The theme view's data, and filing notes under a theme chosen or typed by title."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from domain.activities import create_activity
from domain.errors import InvalidInput, NotFound
from domain.note_fields import NoteFields
from domain.notes import create_note, delete_note
from domain.theme_detail import NOTES_PAGE, file_notes_under_theme, theme_detail
from domain.themes import create_action, create_theme, delete_theme
from models.database import Store
from models.entities import Theme, ThemeNote


def _notes(session, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    activity = create_activity(session, title="A", kind="meeting", starts_at=datetime(2026, 1, 5))
    return [
        create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(
                body=f"note {i}",
                groups=["age"] if i % 2 else ["age", "disability"],
                principles=[2] if i else [2, 7],
            ),
        ).id
        for i in range(count)
    ]


def test_theme_detail_counts_groups_and_principles_of_live_notes(empty_store: Store) -> None:
    with empty_store.session() as session:
        ids = _notes(session, 4)
        theme = create_theme(session, title="Buses", note_ids=ids)
        create_action(session, theme_id=theme.id, what_we_did="Asked the council")
        delete_note(session, note_id=ids[3])
        detail = theme_detail(session, theme_id=theme.id)
    assert [n.id for n in detail.notes] == ids[:3]
    assert [(g.key, g.notes) for g in detail.groups] == [("age", 3), ("disability", 2)]
    assert [(p.key, p.notes) for p in detail.principles] == [("2", 3), ("7", 1)]
    assert detail.principles[0].label.startswith("2. ")
    assert [a.what_we_did for a in detail.actions] == ["Asked the council"]


def test_a_large_theme_reads_its_first_page_of_notes_and_counts_them_all(
    empty_store: Store,
) -> None:
    with empty_store.session() as session:
        ids = _notes(session, NOTES_PAGE + 30)
        theme = create_theme(session, title="Buses", note_ids=ids)
        detail = theme_detail(session, theme_id=theme.id)
    assert list(detail.note_ids) == ids  # oldest first
    assert [n.id for n in detail.notes] == ids[:NOTES_PAGE]
    assert [(g.key, g.notes) for g in detail.groups] == [("age", 130), ("disability", 65)]


def test_theme_detail_of_an_unknown_theme_says_so(empty_store: Store) -> None:
    with empty_store.session() as session, pytest.raises(NotFound):
        theme_detail(session, theme_id="nope")


def test_filing_under_a_new_title_then_the_same_title_in_another_case(empty_store: Store) -> None:
    with empty_store.session() as session:
        ids = _notes(session, 3)
        first = file_notes_under_theme(session, title="  Bus  times ", note_ids=ids[:2])
        again = file_notes_under_theme(session, title="bus times", note_ids=ids[1:])
        count = session.scalar(select(func.count()).select_from(Theme))
    assert first.created and first.theme.title == "Bus times" and first.added == 2
    assert not again.created and again.theme.id == first.theme.id and again.added == 1
    assert set(again.theme.note_ids) == set(ids) and count == 1


def test_filing_ignores_deleted_themes_and_uses_an_explicit_id(empty_store: Store) -> None:
    with empty_store.session() as session:
        ids = _notes(session, 2)
        old = create_theme(session, title="Parking")
        delete_theme(session, theme_id=old.id)
        new = file_notes_under_theme(session, title="Parking", note_ids=ids[:1])
        chosen = file_notes_under_theme(session, title="", note_ids=ids[1:], theme_id=old.id)
    assert new.created and new.theme.id != old.id
    assert chosen.theme.id == old.id and chosen.added == 1


@pytest.mark.parametrize(
    ("title", "note_ids", "field"),
    [("Buses", [], "notes"), ("   ", ["x"], "title")],
)
def test_filing_refuses_bad_input(
    empty_store: Store, title: str, note_ids: list[str], field: str
) -> None:
    with empty_store.session() as session, pytest.raises(InvalidInput) as error:
        file_notes_under_theme(session, title=title, note_ids=note_ids)
    assert error.value.field == field


def test_filing_an_unknown_note_changes_nothing(empty_store: Store) -> None:
    with empty_store.session() as session:
        ids = _notes(session, 1)
    with pytest.raises(NotFound), empty_store.session() as session:
        file_notes_under_theme(session, title="Buses", note_ids=[ids[0], "missing"])
    with empty_store.session() as session:
        assert session.scalar(select(func.count()).select_from(Theme)) == 0
        assert session.scalar(select(func.count()).select_from(ThemeNote)) == 0
