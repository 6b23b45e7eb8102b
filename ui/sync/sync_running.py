"""The Sync page's running of a sync: start it, show progress, cancel, report the outcome."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from app.sync import (
    FOLDER,
    SERVER,
    CloneDetected,
    NewIdentity,
    PasswordFileUnreadable,
    ServerCredentialsRejected,
    ServerNotTrusted,
    ServerUrlInvalid,
    SyncReport,
    organisation_key,
    sync_setup,
)
from ui.sync.sync_jobs import folder_job, server_job
from ui.sync.sync_messages import failure_text, report_lines, synced_toast
from ui.toast import show_toast


class SyncRunning:
    """Part of SyncPage (GUI thread only): the sync itself runs on the task runner's worker."""

    def start_sync(self, recover: bool = False) -> None:
        setup = self.services.read(sync_setup)
        if self.transport == FOLDER and not setup.folder:
            self.message.show_message(self.tr("Error: choose the shared folder first."))
            self.choose_button.setFocus()
            return
        if setup.key_fingerprint is None:
            self.message.show_message(
                self.tr("Error: create the organisation key or import a copy of its key file.")
            )
            self.import_key_button.setFocus()
            return
        if self.transport == SERVER:
            self._start_server_sync()
            return
        key = self.services.read(organisation_key)
        store, folder, cancel = self.services.store, Path(str(setup.folder)), threading.Event()

        job = folder_job(
            store, folder, key, progressed=self.progressed, cancel=cancel, recover=recover
        )
        self._run_sync(
            job,
            cancel,
            self.tr("Syncing with the shared folder"),
            self.tr("Syncing with {f}…").format(f=folder),
        )

    def _start_server_sync(self) -> None:
        panel = self.server_panel
        url, ca_file, typed = panel.url(), panel.ca_file(), panel.password()
        password_file = panel.password_file
        if not url:
            self.message.show_message(
                self.tr("Error: type the server URL your administrator gave you.")
            )
            panel.url_edit.setFocus()
            return
        key = self.services.read(organisation_key)
        cancel = threading.Event()

        job = server_job(
            self.services.store,
            key,
            url=url,
            ca_file=ca_file,
            password=typed,
            password_file=password_file,
            progressed=self.progressed,
            cancel=cancel,
        )
        self._run_sync(
            job,
            cancel,
            self.tr("Syncing with the organisation server"),
            self.tr("Syncing with the organisation server…"),
        )

    def _run_sync(self, job: Any, cancel: threading.Event, label: str, starting: str) -> None:
        self._cancel = cancel
        self._syncing_with = self.transport
        self.new_identity_button.hide()
        self._set_syncing(True)
        self.message.show_message(starting)
        self.task = self.services.runner.submit(
            job, label=label, on_done=self._synced, on_error=self._sync_failed, background=True
        )

    def cancel_sync(self) -> None:
        self._cancel.set()
        self.message.show_message(
            self.tr("Cancelling after the batch being sent or received…")
            if self._syncing_with == SERVER
            else self.tr("Cancelling after the bundle being applied…")
        )

    def _set_syncing(self, syncing: bool) -> None:
        self.sync_button.setEnabled(not syncing)
        self.cancel_button.setVisible(syncing)
        self.progress.setVisible(syncing)
        self.progress.setRange(0, 0)
        if syncing:
            self.cancel_button.setFocus()
        else:
            self.task = None
            self.sync_button.setFocus()

    def _show_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total))
        self.progress.setFormat(f"{label}: %v/%m")

    def _synced(self, result: tuple[NewIdentity | None, SyncReport]) -> None:
        identity, report = result
        self._set_syncing(False)
        server = self._syncing_with == SERVER
        if server:
            self.server_panel.forget_entered()
        lines = report_lines(report, identity, server=server)
        self.message.show_message("\n".join(lines))
        self.refresh()
        confirmation = synced_toast(report, server=server)
        self.navigator.show_status(confirmation)
        show_toast(self, confirmation)
        self.synced.emit(report)

    def _sync_failed(self, error: BaseException) -> None:
        self._set_syncing(False)
        self.message.show_message(failure_text(error))
        self.refresh()
        self._focus_the_fix(error)

    def _focus_the_fix(self, error: BaseException) -> None:
        panel = self.server_panel
        if isinstance(error, CloneDetected) and self._syncing_with == FOLDER:
            self.new_identity_button.show()
            self.new_identity_button.setFocus()
        elif isinstance(error, (ServerCredentialsRejected, PasswordFileUnreadable)):
            panel.password_edit.setFocus()
        elif isinstance(error, ServerNotTrusted):
            (panel.ca_button if panel.ca_button.isVisible() else panel.url_edit).setFocus()
        elif isinstance(error, ServerUrlInvalid):
            panel.url_edit.setFocus()
