"""An export's notes: in export order with every tag, however the activities are batched."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import export_notes
from domain.exchange import NoteRow
from domain.export_rows import gather_export
from domain.notes import delete_note
from domain.selection import Selection
from models.database import Store
from models.entities import (
    Activity,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    NoteService,
    Service,
    Theme,
    ThemeNote,
)


def _expected(session: Session) -> list[tuple[Any, ...]]:
    """Each live note, worked out one at a time with plain queries."""
    notes = session.execute(
        select(Note.id, Activity.title, Activity.starts_at, Note.body)
        .join(Activity, Activity.id == Note.activity_id)
        .where(Note.deleted_at.is_(None), Activity.deleted_at.is_(None))
        .order_by(Activity.starts_at, Activity.id, Note.created_at, Note.id)
    ).all()
    expected = []
    for note_id, title, starts, body in notes:
        groups = session.scalars(
            select(Group.key).join(NoteGroup).where(NoteGroup.note_id == note_id)
        )
        principles = session.scalars(
            select(NotePrinciple.principle_number).where(NotePrinciple.note_id == note_id)
        )
        services = session.scalars(
            select(Service.key).join(NoteService).where(NoteService.note_id == note_id)
        )
        themes = session.scalars(
            select(ThemeNote.theme_id)
            .join(Theme, Theme.id == ThemeNote.theme_id)
            .where(ThemeNote.note_id == note_id, Theme.deleted_at.is_(None))
        )
        expected.append(
            (
                note_id,
                f"{title} ({starts.date().isoformat()})",
                body,
                tuple(sorted(groups)),
                tuple(sorted(principles)),
                tuple(sorted(services)),
                tuple(sorted(themes)),
            )
        )
    return expected


def _seen(rows: list[NoteRow]) -> list[tuple[Any, ...]]:
    """What each exported row says, in the shape of _expected."""
    return [
        (
            row.id,
            row.activity_label,
            row.fields["body"],
            row.fields["groups"],
            row.fields["principles"],
            row.fields["services"],
            row.theme_ids,
        )
        for row in rows
    ]


@pytest.mark.parametrize(("notes", "activities"), [(1, 500), (3, 500), (500, 2), (500, 500)])
def test_notes_come_in_order_with_their_tags_however_they_are_batched(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, notes: int, activities: int
) -> None:
    monkeypatch.setattr(export_notes, "BATCH_NOTES", notes)
    monkeypatch.setattr(export_notes, "BATCH_ACTIVITIES", activities)
    with sample_store.session() as session:
        first = session.scalars(select(Note.id).order_by(Note.id)).first()
        assert first is not None
        delete_note(session, note_id=first)
        theme = session.scalars(select(Theme).order_by(Theme.id)).first()
        assert theme is not None
        theme.deleted_at = theme.updated_at  # a binned theme is listed with no note
        session.flush()
        exported = gather_export(session, selection=Selection())
        rows = list(exported.notes)
        expected = _expected(session)
    assert exported.note_count == len(rows) == 47
    assert _seen(rows) == expected
    assert any(len(row.fields["groups"]) > 1 for row in rows)  # several tags joined and split
    assert any(row.theme_ids for row in rows)


@pytest.mark.parametrize("notes", [1, 3, 500])
def test_notes_a_selection_narrows_to_come_in_the_same_order_with_their_tags(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch, notes: int
) -> None:
    monkeypatch.setattr(export_notes, "BATCH_NOTES", notes)
    with sample_store.session() as session:
        kinds = {"quote", "concern"}
        wanted = set(session.scalars(select(Note.id).where(Note.kind.in_(kinds))))
        exported = gather_export(session, selection=Selection(kinds=tuple(kinds)))
        rows = list(exported.notes)
        expected = [row for row in _expected(session) if row[0] in wanted]
    assert 0 < exported.note_count == len(rows) == len(expected) < 48
    assert _seen(rows) == expected
    assert {row.fields["kind"] for row in rows} == kinds


def test_small_activities_are_read_together_and_a_big_one_on_its_own() -> None:
    from datetime import datetime

    from domain.exchange import ActivityRow

    def activity(name: str, notes: int) -> ActivityRow:
        return ActivityRow(
            id=name,
            title=name,
            kind="meeting",
            starts_at=datetime(2026, 3, 2),
            ends_at=None,
            place="",
            area="",
            postcode_outward="",
            lead="",
            partners=(),
            topic="",
            people_reached=0,
            adjustments=(),
            status="done",
            groups_reached=(),
            note_count=notes,
        )

    sizes = {"a": 3, "big": 600, "b": 2, "c": 2, "d": 499, "e": 1, "f": 0}
    batches = export_notes._batches([activity(name, n) for name, n in sizes.items()])
    assert [[a.id for a in batch] for batch in batches] == [
        ["a"],
        ["big"],  # streamed: its rows are never all held at once
        ["b", "c", "d"],
        ["e", "f"],
    ]
