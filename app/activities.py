"""Activities: create or update one with its groups reached, bin and restore."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.changes import Changes, Outcome
from domain.activities import (
    create_activity,
    delete_activity,
    get_activity,
    restore_activity,
    set_groups_reached,
    update_activity,
)
from domain.views import ActivityView


def save_activity(
    session: Session,
    *,
    activity_id: str | None,
    groups_reached: dict[str, int | None],
    **values: Any,
) -> Outcome[ActivityView]:
    """A new activity when `activity_id` is None, otherwise that one's fields and groups."""
    if activity_id is None:
        view = create_activity(session, groups_reached=groups_reached, **values)
    else:
        update_activity(session, activity_id=activity_id, **values)
        set_groups_reached(session, activity_id=activity_id, groups=groups_reached)
        view = get_activity(session, activity_id=activity_id)
    return Outcome(view, Changes.of_activities([view.id]))


def bin_activity(session: Session, *, activity_id: str) -> Changes:
    """Move an activity to the bin; its notes stay with it and come back with it."""
    delete_activity(session, activity_id=activity_id)
    return Changes.of_activities([activity_id])


def restore_activity_from_bin(session: Session, *, activity_id: str) -> Changes:
    restore_activity(session, activity_id=activity_id)
    return Changes.of_activities([activity_id])
