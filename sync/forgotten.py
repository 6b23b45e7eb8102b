"""Delete after sync: notes removed from this laptop only, once a coordinator's store holds them.

For shared or borrowed laptops. Unlike a purge this is never synced: no op is made, other
devices keep the notes. The rows go, the text this laptop's change history held for them is
blanked, and a marker (SyncForgotten) makes later changes to them, received from anyone, arrive
without their text and never bring the note back. Blanked ops are never sent on from here (to
the server, or relayed into a bundle): the coordinator's store holds them whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from models.entities import Activity, Note
from models.ids import utc_now
from sync.core import oplog
from sync.core.schema import SyncConflict, SyncForgotten, SyncOp
from sync.core.tables import BY_ENTITY
from sync.receipts import DELETE_AFTER_SYNC, held_by_a_coordinator, receipts, setting

_CHUNK = 500
_NOTES = BY_ENTITY["note"].table
# Activity statuses whose notes a worker still needs (see domain.vocabulary.ActivityStatus).
_STILL_OPEN = ("planned",)


def forgotten_among(connection: Connection, entity: str, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        chunk = list(keys[start : start + _CHUNK])
        found.update(
            connection.scalars(
                select(SyncForgotten.key).where(
                    SyncForgotten.entity == entity, SyncForgotten.key.in_(chunk)
                )
            )
        )
    return found


def blank_history(connection: Connection, entity: str, keys: Iterable[str]) -> None:
    """Blank what the log holds of these keys and keep those ops from being sent on."""
    ordered = sorted(keys)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        of_keys = (SyncOp.entity == entity, SyncOp.key.in_(chunk), SyncOp.kind != "purge")
        # bundle_seq 0 would be relayed into a folder bundle; -1 never is (sync.relay).
        connection.execute(
            update(SyncOp).where(*of_keys, SyncOp.bundle_seq == 0).values(bundle_seq=-1)
        )
        connection.execute(update(SyncOp).where(*of_keys).values(body="{}", on_server=True))
        connection.execute(
            delete(SyncConflict).where(SyncConflict.entity == entity, SyncConflict.key.in_(chunk))
        )


def notes_to_forget(session: Session, now: datetime | None = None) -> list[str]:
    """Notes a coordinator's store holds, but for those of today's, later or open activities."""
    every_receipt = receipts(session)
    if not every_receipt:
        return []
    moment = now or utc_now()
    today = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    candidates = list(
        session.scalars(
            select(Note.id)
            .join(Activity, Activity.id == Note.activity_id)
            .where(Activity.starts_at < today, Activity.status.not_in(_STILL_OPEN))
            .order_by(Note.id)
        )
    )
    chosen: list[str] = []
    for start in range(0, len(candidates), _CHUNK):
        chunk = candidates[start : start + _CHUNK]
        tops: dict[str, dict[str, int]] = {}
        for key, device_id, top in session.execute(
            select(SyncOp.key, SyncOp.device_id, func.max(SyncOp.changeset))
            .where(SyncOp.entity == "note", SyncOp.key.in_(chunk))
            .group_by(SyncOp.key, SyncOp.device_id)
        ):
            tops.setdefault(key, {})[device_id] = top
        chosen += [
            key for key in chunk if key in tops and held_by_a_coordinator(tops[key], every_receipt)
        ]
    return chosen


def forget_notes(session: Session, note_ids: Sequence[str]) -> int:
    """Remove these notes from this store only (no op is made); returns how many."""
    if not note_ids:
        return 0
    with oplog.applying(session):
        connection = session.connection()
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
        for start in range(0, len(note_ids), _CHUNK):
            chunk = list(note_ids[start : start + _CHUNK])
            # Core statements: no capture; tag and theme links go by ON DELETE CASCADE.
            connection.execute(delete(_NOTES).where(_NOTES.c.id.in_(chunk)))
            connection.execute(
                insert(SyncForgotten), [{"entity": "note", "key": key} for key in chunk]
            )
        blank_history(connection, "note", note_ids)
        connection.execute(text("INSERT INTO note_search(note_search) VALUES ('optimize')"))
    return len(note_ids)


def forget_synced_notes(session: Session, now: datetime | None = None) -> int:
    """After a sync, on a laptop set to delete after sync: forget what a coordinator holds."""
    if not setting(session, DELETE_AFTER_SYNC):
        return 0
    return forget_notes(session, notes_to_forget(session, now))


__all__ = [
    "blank_history",
    "forget_notes",
    "forget_synced_notes",
    "forgotten_among",
    "notes_to_forget",
]
