"""One theme in full for the theme view (its notes, groups, principles, actions), and filing
notes under a theme chosen or typed by title."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.note_rows import note_views
from domain.themes import add_notes_to_theme, create_theme, get_theme, list_actions
from domain.views import ActionView, NoteView, ThemeView
from models.entities import Group, Note, NoteGroup, NotePrinciple, Principle, Theme, ThemeNote


@dataclass(frozen=True)
class TagCount:
    """A group or principle and how many of the theme's notes carry it."""

    key: str  # group key, or the principle's number as text
    label: str
    notes: int


NOTES_PAGE = 100  # the notes read with the theme; the rest as the list scrolls to them


@dataclass(frozen=True)
class ThemeDetail:
    theme: ThemeView
    note_ids: tuple[str, ...]  # every live note, oldest first
    notes: tuple[NoteView, ...]  # the first NOTES_PAGE of them, as views
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
    """Raises NotFound for an unknown theme. Tags are counted in SQL and only the first page of
    notes is read whole: a theme may gather thousands of notes."""
    theme = get_theme(session, theme_id=theme_id)
    live = (ThemeNote.theme_id == theme_id, Note.deleted_at.is_(None))
    ordered_ids = list(
        session.scalars(
            select(Note.id)
            .join(ThemeNote, ThemeNote.note_id == Note.id)
            .where(*live)
            .order_by(Note.created_at, Note.id)
        )
    )
    group_rows = session.execute(
        select(Group.key, Group.label, func.count())
        .select_from(ThemeNote)
        .join(Note, Note.id == ThemeNote.note_id)
        .join(NoteGroup, NoteGroup.note_id == Note.id)
        .join(Group, Group.id == NoteGroup.group_id)
        .where(*live)
        .group_by(Group.id)
    )
    groups = sorted(
        (TagCount(key, label, n) for key, label, n in group_rows),
        key=lambda tag: (-tag.notes, tag.label),
    )
    principle_rows = session.execute(
        select(Principle.number, Principle.short, func.count())
        .select_from(ThemeNote)
        .join(Note, Note.id == ThemeNote.note_id)
        .join(NotePrinciple, NotePrinciple.note_id == Note.id)
        .join(Principle, Principle.number == NotePrinciple.principle_number)
        .where(*live)
        .group_by(Principle.number)
        .order_by(Principle.number)
    )
    principles = [TagCount(str(num), f"{num}. {short}", n) for num, short, n in principle_rows]
    return ThemeDetail(
        theme=theme,
        note_ids=tuple(ordered_ids),
        notes=tuple(note_views(session, ordered_ids[:NOTES_PAGE])),
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
