"""Use cases for activities: create, edit, delete (restorable), restore, list."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain import audit
from domain.errors import InvalidInput, NotFound
from domain.views import ActivityView, GroupReached
from domain.vocabulary import ActivityKind, ActivityStatus, parse
from models.entities import Activity, ActivityGroup, Group, Note
from models.ids import utc_now
from models.tallies import live_note_count
from sync.core.tables import own_fields

# Only the outward half of a postcode (e.g. "LS8", "SW1A"): an area, never an address.
OUTWARD_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
# What people edit on an activity: declared once, by the entity (see sync.core.tables).
EDITABLE_FIELDS = own_fields("activity")


_COLUMNS = frozenset((*EDITABLE_FIELDS, "id"))


def _outward_postcode(typed: object) -> str:
    outward = str(typed).replace(" ", "").upper()
    if not OUTWARD_POSTCODE.match(outward):
        raise InvalidInput(
            "postcode_outward", "give only the first half of the postcode, such as LS8"
        )
    return outward


def _listed(items: list[Any]) -> list[str]:
    return [str(item).strip() for item in items if str(item).strip()]


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], "not a field of an activity")
    cleaned = dict(values)
    if "title" in cleaned:
        cleaned["title"] = str(cleaned["title"]).strip()
        if not cleaned["title"]:
            raise InvalidInput("title", "an activity needs a title")
    for field, vocabulary in (("kind", ActivityKind), ("status", ActivityStatus)):
        if field in cleaned:
            cleaned[field] = parse(vocabulary, cleaned[field], field).value
    if cleaned.get("postcode_outward"):
        cleaned["postcode_outward"] = _outward_postcode(cleaned["postcode_outward"])
    if "people_reached" in cleaned and int(cleaned["people_reached"]) < 0:
        raise InvalidInput("people_reached", "cannot be negative")
    for listed in ("partners", "adjustments"):
        if listed in cleaned:
            cleaned[listed] = _listed(cleaned[listed])
    starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
    if isinstance(starts, datetime) and isinstance(ends, datetime) and ends < starts:
        raise InvalidInput("ends_at", "the activity cannot end before it starts")
    return cleaned


def _load(session: Session, activity_id: str) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound("activity", activity_id)
    return activity


def _view(session: Session, activity: Activity, note_count: int | None = None) -> ActivityView:
    reached: tuple[GroupReached, ...] = ()
    if activity.groups_reached:
        wanted = [link.group_id for link in activity.groups_reached]
        info = {
            group_id: (key, label)
            for group_id, key, label in session.execute(
                select(Group.id, Group.key, Group.label).where(Group.id.in_(wanted))
            )
        }
        reached = tuple(
            GroupReached(*info[link.group_id], link.count) for link in activity.groups_reached
        )
    if note_count is None:
        note_count = session.scalar(
            select(func.count())
            .select_from(Note)
            .where(Note.activity_id == activity.id, Note.deleted_at.is_(None))
        )
    values = {f.name: getattr(activity, f.name) for f in fields(ActivityView) if f.name in _COLUMNS}
    values.update(
        partners=tuple(activity.partners or ()),
        adjustments=tuple(activity.adjustments or ()),
        groups_reached=reached,
        deleted=activity.deleted_at is not None,
        note_count=int(note_count or 0),
    )
    return ActivityView(**values)


def create_activity(
    session: Session,
    *,
    title: str,
    kind: str,
    starts_at: datetime,
    groups_reached: dict[str, int | None] | None = None,
    **values: Any,
) -> ActivityView:
    cleaned = _clean({"title": title, "kind": kind, "starts_at": starts_at, **values})
    activity = Activity(**cleaned)
    session.add(activity)
    session.flush()
    if groups_reached:
        set_groups_reached(session, activity_id=activity.id, groups=groups_reached)
    audit.record(session, "activity.create", "activity", activity.id)
    return _view(session, activity, note_count=0)


def update_activity(session: Session, *, activity_id: str, **values: Any) -> ActivityView:
    activity = _load(session, activity_id)
    cleaned = _clean(values)
    starts = cleaned.get("starts_at", activity.starts_at)
    ends = cleaned.get("ends_at", activity.ends_at)
    if ends is not None and ends < starts:
        raise InvalidInput("ends_at", "the activity cannot end before it starts")
    for name, value in cleaned.items():
        setattr(activity, name, value)
    session.flush()
    audit.record(session, "activity.update", "activity", activity.id)
    return _view(session, activity)


def set_groups_reached(
    session: Session, *, activity_id: str, groups: dict[str, int | None]
) -> None:
    """Replace the groups reached at an activity (group key → head count or None)."""
    activity = _load(session, activity_id)
    ids = dict(session.execute(select(Group.key, Group.id).where(Group.key.in_(groups))).all())
    missing = sorted(set(groups) - set(ids))
    if missing:
        raise InvalidInput("groups_reached", f"unknown group {missing[0]!r}")
    for key, count in groups.items():
        if count is not None and count < 0:
            raise InvalidInput("groups_reached", f"the count for {key!r} cannot be negative")
    activity.groups_reached = [
        ActivityGroup(activity_id=activity.id, group_id=ids[key], count=count)
        for key, count in groups.items()
    ]
    session.flush()
    audit.record(session, "activity.groups", "activity", activity.id)


def delete_activity(session: Session, *, activity_id: str) -> None:
    activity = _load(session, activity_id)
    activity.deleted_at = utc_now()
    audit.record(session, "activity.delete", "activity", activity.id)


def restore_activity(session: Session, *, activity_id: str) -> None:
    activity = _load(session, activity_id)
    activity.deleted_at = None
    audit.record(session, "activity.restore", "activity", activity.id)


def get_activity(session: Session, *, activity_id: str) -> ActivityView:
    return _view(session, _load(session, activity_id))


def list_activities(
    session: Session, *, include_deleted: bool = False, text: str = ""
) -> list[ActivityView]:
    """All activities, newest first, each with its count of live notes."""
    query = select(Activity, live_note_count(Activity.id))
    if not include_deleted:
        query = query.where(Activity.deleted_at.is_(None))
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(
            Activity.title.ilike(pattern)
            | Activity.place.ilike(pattern)
            | Activity.area.ilike(pattern)
        )
    rows = session.execute(query.order_by(Activity.starts_at.desc())).all()
    return [_view(session, activity, note_count=count) for activity, count in rows]
