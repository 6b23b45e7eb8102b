"""One theme in full for the theme view (its notes, groups, principles, actions), and filing
notes under a theme chosen or typed by title."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.note_rows import note_views
from domain.themes import add_notes_to_theme, create_theme, get_theme, list_actions
from domain.views import ActionView, NoteView, ThemeView
from models.entities import Group, Note, Principle, Theme, ThemeNote


@dataclass(frozen=True)
class TagCount:
    """A group or principle and how many of the theme's notes carry it."""

    key: str  # group key, or the principle's number as text
    label: str
    notes: int


@dataclass(frozen=True)
class ThemeDetail:
    theme: ThemeView
    notes: tuple[NoteView, ...]  # live notes, oldest first
    groups: tuple[TagCount, ...]  # most notes first
    principles: tuple[TagCount, ...]  # in principle order
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class FiledNotes:
    """What filing notes under a theme did: the theme, whether it is new, how many were added."""

    theme: ThemeView
    created: bool
    added: int


def theme_detail(session: Session, *, theme_id: str) -> ThemeDetail:
    """Raises NotFound for an unknown theme."""
    theme = get_theme(session, theme_id=theme_id)
    ordered_ids = list(
        session.scalars(
            select(Note.id)
            .join(ThemeNote, ThemeNote.note_id == Note.id)
            .where(ThemeNote.theme_id == theme_id, Note.deleted_at.is_(None))
            .order_by(Note.created_at, Note.id)
        )
    )
    notes = note_views(session, ordered_ids)
    group_counts = Counter(key for note in notes for key in note.group_keys)
    labels: dict[str, str] = {
        key: label
        for key, label in session.execute(
            select(Group.key, Group.label).where(Group.key.in_(group_counts))
        )
    }
    groups = sorted(
        (TagCount(key, labels.get(key, key), n) for key, n in group_counts.items()),
        key=lambda tag: (-tag.notes, tag.label),
    )
    principle_counts = Counter(n for note in notes for n in note.principle_numbers)
    principles = [
        TagCount(str(number), f"{number}. {short}", principle_counts[number])
        for number, short in session.execute(
            select(Principle.number, Principle.short).order_by(Principle.number)
        )
        if principle_counts[number]
    ]
    return ThemeDetail(
        theme=theme,
        notes=tuple(notes),
        groups=tuple(groups),
        principles=tuple(principles),
        actions=tuple(list_actions(session, theme_id=theme_id)),
    )


def file_notes_under_theme(
    session: Session, *, title: str, note_ids: Sequence[str], theme_id: str | None = None
) -> FiledNotes:
    """Add notes to the theme `theme_id`, or else to the live theme with this title (any case),
    or else to a new theme with this title. All or nothing: an unknown note changes nothing."""
    if not note_ids:
        raise InvalidInput("notes", "select at least one note to add to a theme")
    if theme_id is None:
        wanted = " ".join(title.split())
        if not wanted:
            raise InvalidInput("title", "choose a theme or type a title for a new one")
        theme_id = session.scalar(
            select(Theme.id)
            .where(Theme.deleted_at.is_(None), func.lower(Theme.title) == wanted.lower())
            .order_by(Theme.created_at, Theme.id)
            .limit(1)
        )
        if theme_id is None:
            theme = create_theme(session, title=wanted, note_ids=note_ids)
            return FiledNotes(theme, True, len(set(note_ids)))
    before = set(get_theme(session, theme_id=theme_id).note_ids)
    theme = add_notes_to_theme(session, theme_id=theme_id, note_ids=note_ids)
    return FiledNotes(theme, False, len(set(theme.note_ids) - before))
