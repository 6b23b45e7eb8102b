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

from app.changes import Outcome
from app.sync import Store, SyncResult, run_folder_sync, run_server_sync
from domain.progress import Progress

SyncJob = Callable[[Any, Progress], Outcome[SyncResult]]


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
        relay = PageProgress(progress, progressed, cancel)
        return run_folder_sync(store, folder, key, relay, new_identity=recover)

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
    def job(_session: Any, progress: Progress) -> Outcome[SyncResult]:
        return run_server_sync(
            store,
            key,
            PageProgress(progress, progressed, cancel),
            url=url,
            ca_file=ca_file,
            password=password,
            password_file=password_file,
        )

    return job
