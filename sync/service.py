"""One sync of a store over a Transport: the shared folder or the organisation's PostgreSQL.

Both transports carry the same ops (sync.core.codec) and go through the one send/receive path
in sync.exchange, which merges with sync.apply and reports through one SyncReport and Progress;
the service is what callers (app/sync.py) run, whichever transport the person chose. The server's
transport is sync.postgres_sync.PostgresTransport, imported only where a server is used.
"""

from __future__ import annotations

from domain.progress import Progress
from models.database import Store
from sync.exchange import Transport, exchange
from sync.folder_sync import FolderTransport
from sync.forgotten import forget_synced_notes
from sync.receipts import write_receipts
from sync.report import SyncReport


class SyncService:
    """Syncs one store. Thread rules: one sync at a time per store, on any one thread."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def sync(
        self, transport: Transport, key: bytes, progress: Progress | None = None
    ) -> SyncReport:
        report = exchange(self.store, transport, key, progress)
        if report.cancelled:
            return report
        with self.store.session() as session:
            acknowledged = write_receipts(session, self.store.device_id)
        if acknowledged:
            # A coordinator's receipts go out at once: laptops waiting on them let go sooner.
            again = exchange(self.store, transport, key, None)
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


__all__ = ["FolderTransport", "SyncService", "Transport"]
