"""The activities list's first page, read with sqlcipher3 alone before SQLAlchemy is imported.

Start-up paints the window from these rows, then opens the store as usual (models.database, a
third of a second of imports) and hands the live store to the window. domain.browse reads the
same page with the same SQL, so what the window shows cannot change when the store arrives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from models.migrate import SCHEMA_HEAD

PAGE_SIZE = 100


@dataclass(frozen=True)
class ActivityRow:
    """One line of the activities list: the few fields the list shows."""

    id: str
    title: str
    kind: str
    starts_at: datetime
    place: str
    area: str
    status: str
    note_count: int


# The list as it opens: live activities, newest first, the id breaking ties; the note count is
# the one the store keeps by trigger (models/tallies.py). Parameters: LIMIT, OFFSET.
NEWEST_ACTIVITIES_SQL = (
    "SELECT a.id, a.title, a.kind, a.starts_at, a.place, a.area, a.status,"
    " coalesce((SELECT t.count FROM tallies AS t WHERE t.facet = 'live'"
    " AND t.activity_id = a.id AND t.value = ''), 0)"
    " FROM activities AS a WHERE a.deleted_at IS NULL"
    " ORDER BY a.starts_at DESC, a.id LIMIT ? OFFSET ?"
)


def activity_row(raw: Sequence[Any]) -> ActivityRow:
    """A row of NEWEST_ACTIVITIES_SQL as read by the driver (dates are stored as ISO text)."""
    row_id, title, kind, starts_at, place, area, status, note_count = raw
    if not isinstance(starts_at, datetime):
        starts_at = datetime.fromisoformat(starts_at)
    return ActivityRow(row_id, title, kind, starts_at, place, area, status, int(note_count))


@dataclass(frozen=True)
class FirstLook:
    """The first page of the activities list as the window opens on it."""

    rows: tuple[ActivityRow, ...]
    has_more: bool


def first_look(path: Path, data_key: bytes, *, limit: int = PAGE_SIZE) -> FirstLook | None:
    """The list's first page, or None whenever anything is out of the ordinary (an older or
    newer schema, a damaged or locked file, a wrong key): the normal opening then deals with it,
    exactly as if this had never been tried. Read-only: it changes nothing."""
    try:
        connection = sqlcipher3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
        )
    except Exception:  # the normal path says what is wrong, in words
        return None
    try:
        return _read(connection, data_key, limit)
    except Exception:
        return None
    finally:
        connection.close()


def _read(connection: sqlcipher3.Connection, data_key: bytes, limit: int) -> FirstLook | None:
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    connection.execute("PRAGMA busy_timeout = 0")  # never wait: the normal path will
    stamp = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    device = connection.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
    if stamp != [(SCHEMA_HEAD,)] or not device or not device[0]:
        return None
    raw = connection.execute(NEWEST_ACTIVITIES_SQL, (limit + 1, 0)).fetchall()
    rows = tuple(activity_row(row) for row in raw[:limit])
    return FirstLook(rows=rows, has_more=len(raw) > limit)
