"""What an import plan is made of, and what it reads from the store: records by id, their
current tags, the texts already held."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.import_refs import normalised_body
from models.entities import (
    Action,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    NoteService,
    Service,
    Theme,
    ThemeNote,
)

_CHUNK = 500  # ids per IN (…): well under SQLite's bound-parameter limit


@dataclass
class Write:
    """One row to create (existing is None) or bring up to date."""

    entity_id: str
    values: dict[str, Any]
    existing: Any = None
    links: dict[str, Any] = field(default_factory=dict)  # tag family → wanted keys


@dataclass
class Plan:
    groups: list[Write] = field(default_factory=list)
    services: list[Write] = field(default_factory=list)
    activities: list[Write] = field(default_factory=list)
    themes: list[Write] = field(default_factory=list)
    notes: list[Write] = field(default_factory=list)
    actions: list[Write] = field(default_factory=list)
    existing_links: dict[str, dict[str, set[Any]]] = field(default_factory=dict)
    matched: int = 0  # rows that matched a record by content key and so change nothing
    group_ids: dict[str, str] = field(default_factory=dict)
    service_ids: dict[str, str] = field(default_factory=dict)


def load_by_id(session: Session, model: Any, ids: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found.update(
            (row.id, row) for row in session.scalars(select(model).where(model.id.in_(chunk)))
        )
    return found


def current_links(session: Session, note_ids: list[str]) -> dict[str, dict[str, set[Any]]]:
    """The current tags of notes the workbook updates, to change only what differs."""
    links: dict[str, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    for start in range(0, len(note_ids), _CHUNK):
        chunk = note_ids[start : start + _CHUNK]
        queries = {
            "groups": select(NoteGroup.note_id, Group.key)
            .join(Group, Group.id == NoteGroup.group_id)
            .where(NoteGroup.note_id.in_(chunk)),
            "principles": select(NotePrinciple.note_id, NotePrinciple.principle_number).where(
                NotePrinciple.note_id.in_(chunk)
            ),
            "services": select(NoteService.note_id, Service.key)
            .join(Service, Service.id == NoteService.service_id)
            .where(NoteService.note_id.in_(chunk)),
            "themes": select(ThemeNote.note_id, ThemeNote.theme_id)
            .join(Theme, Theme.id == ThemeNote.theme_id)
            .where(ThemeNote.note_id.in_(chunk), Theme.deleted_at.is_(None)),
        }
        for family, query in queries.items():
            for note_id, value in session.execute(query):
                links[note_id][family].add(value)
    return links


def note_bodies(session: Session, activity_id: str) -> set[str]:
    """The activity's notes as content keys, so a re-imported row is matched, not doubled."""
    bodies = session.scalars(select(Note.body).where(Note.activity_id == activity_id))
    return {normalised_body(body) for body in bodies}


def action_exists(session: Session, theme_id: str, what: str) -> bool:
    texts = session.scalars(select(Action.what_we_did).where(Action.theme_id == theme_id))
    return any(" ".join(text.split()).casefold() == what for text in texts)
