"""Crash-safe drafts: the text being typed in a capture box, saved continuously and offered back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.notes import MAX_NOTE_LENGTH
from models.entities import Draft
from models.ids import utc_now

MAX_SLOT_LENGTH = 64


@dataclass(frozen=True)
class DraftView:
    slot: str
    activity_id: str | None
    body: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None

    @property
    def is_empty(self) -> bool:
        return not self.body.strip()


def _check_slot(slot: str) -> str:
    slot = slot.strip()
    if not slot or len(slot) > MAX_SLOT_LENGTH:
        raise InvalidInput("slot", f"a draft slot is 1 to {MAX_SLOT_LENGTH} characters")
    return slot


def save_draft(
    session: Session,
    *,
    slot: str,
    activity_id: str | None,
    body: str,
    fields: Mapping[str, Any] | None = None,
) -> DraftView:
    """Replace the draft in this slot.

    No audit entry: a draft is not a record, and auditing every keystroke pause would bury the
    trail. The caller's commit makes it durable (the store runs with synchronous=FULL).
    """
    slot = _check_slot(slot)
    if len(body) > MAX_NOTE_LENGTH:
        raise InvalidInput("body", f"longer than {MAX_NOTE_LENGTH:,} characters")
    values = dict(fields or {})
    draft = session.get(Draft, slot)
    if draft is None:
        draft = Draft(slot=slot)
        session.add(draft)
    draft.activity_id = activity_id
    draft.body = body
    draft.fields = values
    draft.updated_at = utc_now()
    session.flush()
    return _view(draft)


def load_draft(session: Session, *, slot: str) -> DraftView | None:
    draft = session.get(Draft, _check_slot(slot))
    return None if draft is None else _view(draft)


def list_drafts(session: Session) -> list[DraftView]:
    """Every draft that holds some text, most recently typed first."""
    drafts = session.scalars(select(Draft).order_by(Draft.updated_at.desc()))
    return [view for view in map(_view, drafts) if not view.is_empty]


def clear_draft(session: Session, *, slot: str) -> None:
    draft = session.get(Draft, _check_slot(slot))
    if draft is not None:
        session.delete(draft)
        session.flush()


def _view(draft: Draft) -> DraftView:
    return DraftView(
        slot=draft.slot,
        activity_id=draft.activity_id,
        body=draft.body,
        fields=dict(draft.fields or {}),
        updated_at=draft.updated_at,
    )
