"""The Sync page's background jobs: a folder sync or a server sync on the task runner's worker.

Each returns (new identity or None, SyncReport), so the page reports both the same way, with
the Changes the window refreshes the views from.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import SignalInstance

from app.changes import Changes, Outcome
from domain.progress import Progress
from models.database import Store
from sync.folder_sync import SyncReport, sync_now
from sync.identity import NewIdentity, take_new_device_identity
from sync.postgres_sync import sync_with_postgres
from sync.server_setup import read_password_file, remember_server

SyncResult = tuple[NewIdentity | None, SyncReport]
SyncJob = Callable[[Any, Progress], Outcome[SyncResult]]


def synced(identity: NewIdentity | None, report: SyncReport) -> Outcome[SyncResult]:
    """A sync that applied anything may have changed any kind of record."""
    changed = report.applied or identity is not None
    changes = Changes.everything() if changed else Changes(sync_state=True)
    return Outcome((identity, report), changes)


class PageProgress:
    """What a sync reports through: to the runner's dialog and to the page's own bar; it is
    cancelled by the page's Cancel button (the page then hears about it, unlike a runner cancel,
    which drops the job's result). Called on the worker thread; the signal is queued."""

    def __init__(self, job: Progress, progressed: SignalInstance, cancel: threading.Event) -> None:
        self._job, self._progressed, self._cancel = job, progressed, cancel

    def report(self, done: int, total: int, label: str) -> None:
        self._job.report(done, total, label)
        self._progressed.emit(done, total, label)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


def folder_job(
    store: Store,
    folder: Path,
    key: bytes,
    *,
    progressed: SignalInstance,
    cancel: threading.Event,
    recover: bool,
) -> SyncJob:
    def job(_session: Any, progress: Progress) -> Outcome[SyncResult]:
        identity = take_new_device_identity(store, folder) if recover else None
        report = sync_now(store, folder, key, PageProgress(progress, progressed, cancel))
        return synced(identity, report)

    return job


def server_job(
    store: Store,
    key: bytes,
    *,
    url: str,
    ca_file: str | None,
    password: str | None,
    password_file: str,
    progressed: SignalInstance,
    cancel: threading.Event,
) -> SyncJob:
    """The server as entered is kept first, so the page shows it again even if the sync fails;
    a password is kept only once the server has accepted it."""

    def job(_session: Any, progress: Progress) -> Outcome[SyncResult]:
        given = password or (read_password_file(password_file) if password_file else None)
        with store.session() as session:
            kept_url = remember_server(session, url=url, ca_file=ca_file)
        report = sync_with_postgres(
            store, kept_url, key, PageProgress(progress, progressed, cancel), password=given
        )
        return synced(None, report)

    return job
