"""Which activities, notes and themes a report or an export covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from models.entities import Activity, ActivityGroup, Group, Note, NoteGroup


@dataclass(frozen=True)
class Scope:
    """A period, optionally narrowed by activities, area, groups and themes (all optional)."""

    date_from: date | None = None
    date_to: date | None = None
    activity_ids: tuple[str, ...] = ()
    area: str | None = None
    group_keys: tuple[str, ...] = ()
    theme_ids: tuple[str, ...] = ()

    def describe(self) -> str:
        parts = []
        if self.area:
            parts.append(self.area)
        if self.activity_ids:
            parts.append(f"{len(self.activity_ids)} chosen activities")
        if self.group_keys:
            parts.append(f"{len(self.group_keys)} chosen groups")
        if self.theme_ids:
            parts.append(f"{len(self.theme_ids)} chosen themes")
        return ", ".join(parts)


def activities_in_scope(session: Session, scope: Scope) -> list[Activity]:
    """Live activities in the scope, oldest first; raises when the scope itself is malformed."""
    if scope.date_from and scope.date_to and scope.date_to < scope.date_from:
        raise InvalidInput("to", "the end date is before the start date")
    query = select(Activity).where(Activity.deleted_at.is_(None))
    if scope.date_from:
        query = query.where(Activity.starts_at >= datetime.combine(scope.date_from, time.min))
    if scope.date_to:
        end = datetime.combine(scope.date_to + timedelta(days=1), time.min)
        query = query.where(Activity.starts_at < end)
    if scope.activity_ids:
        query = query.where(Activity.id.in_(scope.activity_ids))
    if scope.area:
        query = query.where(Activity.area.ilike(scope.area.strip()))
    if scope.group_keys:
        group_ids = list(session.scalars(select(Group.id).where(Group.key.in_(scope.group_keys))))
        unknown = set(scope.group_keys) - set(
            session.scalars(select(Group.key).where(Group.key.in_(scope.group_keys)))
        )
        if unknown:
            raise InvalidInput("group", f"unknown group {sorted(unknown)[0]!r}")
        reached = select(ActivityGroup.activity_id).where(ActivityGroup.group_id.in_(group_ids))
        tagged = (
            select(Note.activity_id)
            .join(NoteGroup, NoteGroup.note_id == Note.id)
            .where(NoteGroup.group_id.in_(group_ids))
        )
        query = query.where(or_(Activity.id.in_(reached), Activity.id.in_(tagged)))
    return list(session.scalars(query.order_by(Activity.starts_at, Activity.id)))
