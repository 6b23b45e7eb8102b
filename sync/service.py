"""One sync of a store over a Transport: the shared folder or the organisation's PostgreSQL.

Both transports carry the same ops (sync.core.codec), merge them with the same code
(sync.apply) and report through the same SyncReport and Progress; the service is what callers
(app/sync.py) run, whichever transport the person chose.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from domain.progress import Progress
from models.database import Store
from sync.folder_sync import sync_now
from sync.forgotten import forget_synced_notes
from sync.postgres_sync import sync_with_postgres
from sync.receipts import write_receipts
from sync.report import SyncReport


@runtime_checkable
class Transport(Protocol):
    """Where a store's changes go to and come from."""

    def describe(self) -> str:
        """Where, in words, for messages."""
        ...

    def exchange(self, store: Store, key: bytes, progress: Progress | None) -> SyncReport:
        """Send this store's changes and apply everyone else's; SyncError for whole failures."""
        ...


@dataclass(frozen=True)
class FolderTransport:
    """A shared folder (OneDrive, SharePoint, a network share, a USB stick)."""

    folder: Path

    def describe(self) -> str:
        return f"the shared folder {self.folder}"

    def exchange(self, store: Store, key: bytes, progress: Progress | None) -> SyncReport:
        return sync_now(store, self.folder, key, progress)


@dataclass(frozen=True)
class PostgresTransport:
    """The organisation's PostgreSQL server; `password` when given now (else the kept one)."""

    url: str
    password: str | None = None
    batch_size: int | None = None

    def describe(self) -> str:
        return "the organisation server"

    def exchange(self, store: Store, key: bytes, progress: Progress | None) -> SyncReport:
        return sync_with_postgres(
            store, self.url, key, progress, password=self.password, batch_size=self.batch_size
        )


class SyncService:
    """Syncs one store. Thread rules: one sync at a time per store, on any one thread."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def sync(
        self, transport: Transport, key: bytes, progress: Progress | None = None
    ) -> SyncReport:
        report = transport.exchange(self.store, key, progress)
        if report.cancelled:
            return report
        with self.store.session() as session:
            acknowledged = write_receipts(session, self.store.device_id)
        if acknowledged:
            # A coordinator's receipts go out at once: laptops waiting on them let go sooner.
            again = transport.exchange(self.store, key, None)
            report.published += again.published
            report.applied += again.applied
            report.ops_applied += again.ops_applied
            report.problems += again.problems
        with self.store.session() as session:
            report.forgotten = forget_synced_notes(session)
        if report.forgotten:
            with self.store.engine.connect() as connection:
                # The WAL still holds the forgotten notes' pages: fold it in and empty it.
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return report


__all__ = ["FolderTransport", "PostgresTransport", "SyncService", "Transport"]
