"""The last place, area, postcode half and lead a new activity starts with, kept in the store.

They name places and people, so they live in the encrypted store, never in the settings file.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Meta

LAST_USED_FIELDS = ("place", "area", "postcode_outward", "lead")
_PREFIX = "last_used."


def read_last_used(session: Session) -> dict[str, str]:
    """Each field's last value ("" when none was kept)."""
    keys = [_PREFIX + name for name in LAST_USED_FIELDS]
    meta = Meta.__table__.c  # read as the window opens: no ORM mapper configuration for it
    rows = session.execute(select(meta.key, meta.value).where(meta.key.in_(keys)))
    found = {key: value for key, value in rows}
    return {name: found.get(_PREFIX + name, "") for name in LAST_USED_FIELDS}


def remember_last_used(session: Session, values: Mapping[str, str]) -> None:
    """Keep these values (unknown names are ignored) for the next new activity."""
    for name in LAST_USED_FIELDS:
        if name in values:
            session.merge(Meta(key=_PREFIX + name, value=str(values[name])))
