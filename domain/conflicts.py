"""Free-text conflicts from sync: list both versions side by side, save the merged text.

A conflict is a free-text field two people edited without seeing each other's edit. Saving the
merged text is an ordinary edit; because it names every version it saw, it settles the conflict
on every device once synced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput, NotFound
from domain.note_fields import NoteEdit
from domain.notes import update_note
from domain.themes import update_action, update_theme
from models.entities import Device
from sync.core.schema import SyncConflict

FIELD_LABELS = {
    ("note", "body"): "note text",
    ("theme", "title"): "theme title",
    ("theme", "description"): "theme description",
    ("theme", "easy_read_summary"): "theme Easy Read summary",
    ("action", "what_we_did"): "what we did",
    ("action", "easy_read_summary"): "action Easy Read summary",
    ("action", "not_possible_reason"): "why it is not possible",
}


@dataclass(frozen=True)
class ConflictVersion:
    text: str
    device_id: str
    device_name: str
    edited_at: datetime


@dataclass(frozen=True)
class ConflictView:
    entity: str
    entity_id: str
    field: str
    label: str
    versions: tuple[ConflictVersion, ...]


def list_conflicts(session: Session) -> list[ConflictView]:
    """Every open conflict, oldest edited first; versions oldest first."""
    names = dict(session.execute(select(Device.id, Device.display_name)).all())
    views = []
    for conflict in session.scalars(select(SyncConflict)):
        versions = tuple(
            ConflictVersion(
                text=str(head["value"]),
                device_id=str(head["ref"][0]),
                device_name=names.get(str(head["ref"][0]), ""),
                edited_at=datetime.fromtimestamp(head["hlc"][0] / 1000, UTC).replace(tzinfo=None),
            )
            for head in json.loads(conflict.heads)
        )
        views.append(
            ConflictView(
                entity=conflict.entity,
                entity_id=conflict.key,
                field=conflict.field,
                label=FIELD_LABELS.get((conflict.entity, conflict.field), conflict.field),
                versions=versions,
            )
        )
    return sorted(views, key=lambda v: v.versions[0].edited_at if v.versions else datetime.min)


def resolve_conflict(
    session: Session, *, entity: str, entity_id: str, field: str, text: str
) -> None:
    """Save `text` (usually a merge of the versions) as a new edit that replaces them all."""
    if session.get(SyncConflict, (entity, entity_id, field)) is None:
        raise NotFound(f"conflict on {entity} {field}", entity_id)
    if not text.strip():
        raise InvalidInput(field, "the merged text cannot be empty")
    if entity == "note":
        update_note(session, note_id=entity_id, edit=NoteEdit.of(**{field: text}))
    elif entity == "theme":
        update_theme(session, theme_id=entity_id, **{field: text})
    elif entity == "action":
        update_action(session, action_id=entity_id, **{field: text})
    else:
        raise InvalidInput("entity", f"{entity} has no free-text fields")
    session.flush()
