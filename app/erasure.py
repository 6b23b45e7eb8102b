"""Erase notes for good: purge them in one transaction, then push their old pages out of the WAL."""

from __future__ import annotations

from collections.abc import Sequence

from app.changes import Changes
from domain.erasure import erase_notes
from models.database import Store


def erase(store: Store, note_ids: Sequence[str]) -> tuple[int, Changes]:
    """Purge the notes; the next sync purges them on every other device and on the server."""
    with store.session() as session:
        erased = erase_notes(session, note_ids, device_id=store.device_id)
    with store.engine.connect() as connection:
        # The WAL still holds the pages as they were before the purge: fold it in and empty it.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return erased, Changes(notes=True, themes=True) if erased else Changes()
