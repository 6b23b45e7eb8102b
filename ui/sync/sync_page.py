"""The Sync page: choose the shared folder or the organisation's server, enrol with the
organisation key, sync now in the background, and settle what sync could not (conflicts,
bundles set aside, a copied store)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain.quarantine import discard_bundle, list_quarantine, release_bundle
from sync.errors import CloneDetected
from sync.folder_sync import SyncReport, SyncStatus, sync_status
from sync.identity import NewIdentity
from sync.postgres_connect import ServerCredentialsRejected, ServerNotTrusted, ServerUrlInvalid
from sync.postgres_sync import PostgresStatus, postgres_status
from sync.server_setup import (
    FOLDER,
    SERVER,
    PasswordFileUnreadable,
    choose_transport,
    server_setup,
)
from sync.setup import (
    CreatedKey,
    SyncSetup,
    create_organisation_key,
    import_organisation_key,
    organisation_key,
    remember_folder,
    sync_setup,
)
from ui.display import short_date_time
from ui.pages import Navigator
from ui.services import Services
from ui.sync.conflict_review import ConflictReview
from ui.sync.file_dialogs import FileDialogs, QtFileDialogs
from ui.sync.quarantine_tab import QuarantineTab
from ui.sync.recovery_phrase_dialog import RecoveryPhraseDialog
from ui.sync.server_panel import ServerPanel
from ui.sync.sync_jobs import folder_job, server_job
from ui.sync.sync_messages import failure_text, report_lines, worded
from ui.tasks import Task
from ui.widgets import MessageLine, scrolling


class SyncPage(QWidget):
    """GUI thread only; every database and folder step runs on the task runner's worker."""

    progressed = Signal(int, int, str)
    synced = Signal(object)  # SyncReport, after a sync finished (cancelled or not)

    def __init__(
        self, services: Services, navigator: Navigator, dialogs: FileDialogs | None = None
    ) -> None:
        super().__init__()
        self.services = services
        self.navigator = navigator
        self.server_panel = ServerPanel(dialogs or QtFileDialogs())
        self.dialogs = dialogs or QtFileDialogs()
        self.task: Task | None = None
        self.transport = self._syncing_with = FOLDER
        self.phrase_dialog: RecoveryPhraseDialog | None = None
        self._cancel = threading.Event()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(QLabel(self.tr("<h2>Sync</h2>")))
        intro = QLabel(
            self.tr(
                "Share changes with your organisation's other laptops through a shared folder "
                "(OneDrive, SharePoint, a network drive or a USB stick) or through your "
                "organisation's server. Only encrypted changes leave this laptop; the notes "
                "themselves stay in its store."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._setup_rows())
        layout.addLayout(self._status_rows())
        layout.addWidget(self.message)
        layout.addLayout(self._recovery_row())
        self.tabs = QTabWidget()
        self.conflicts = ConflictReview(services)
        self.tabs.addTab(self.conflicts, self.tr("Conflicts to revie&w"))
        self.quarantine = QuarantineTab()
        self.quarantine_model = self.quarantine.model
        self.release_button = self.quarantine.release_button
        self.discard_button = self.quarantine.discard_button
        self.tabs.addTab(self.quarantine, self.tr("Set &aside"))
        self.tabs.setMinimumHeight(self.fontMetrics().height() * 22)
        layout.addWidget(self.tabs, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content))

        self.transport_choice.activated.connect(self._transport_chosen)
        self.choose_button.clicked.connect(self.choose_folder)
        self.create_key_button.clicked.connect(self.create_key)
        self.import_key_button.clicked.connect(self.import_key)
        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.new_identity_button.clicked.connect(lambda: self.start_sync(recover=True))
        self.release_button.clicked.connect(lambda: self._decide(release_bundle, "released"))
        self.discard_button.clicked.connect(lambda: self._decide(discard_bundle, "discarded"))
        self.progressed.connect(self._show_progress)
        self.conflicts.resolved.connect(self._conflict_resolved)
        for signal in (services.events.notes_did_change, services.events.activities_did_change):
            signal.connect(lambda _change: self._refresh_status_if_shown())
        services.events.sync_state_did_change.connect(self._refresh_status_if_shown)
        self.first_focus: QWidget = self.sync_button  # not a focus proxy: that would reorder Tab

    # ----- building -----------------------------------------------------------------------

    @property
    def dialogs(self) -> FileDialogs:
        return self._dialogs

    @dialogs.setter
    def dialogs(self, dialogs: FileDialogs) -> None:
        """Tests swap in fakes after the page is built; the server panel asks the same ones."""
        self._dialogs = dialogs
        self.server_panel.dialogs = dialogs

    def _setup_rows(self) -> QVBoxLayout:
        self.transport_choice = QComboBox()
        self.transport_choice.addItem(self.tr("Shared folder"), FOLDER)
        self.transport_choice.addItem(self.tr("Organisation server (PostgreSQL)"), SERVER)
        choice_label = QLabel(self.tr("Sync throu&gh:"))
        choice_label.setBuddy(self.transport_choice)
        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setAccessibleName(self.tr("Shared folder"))
        self.folder_edit.setPlaceholderText(self.tr("not chosen yet"))
        self.choose_button = QPushButton(self.tr("&Choose folder…"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        self.create_key_button = QPushButton(self.tr("C&reate the organisation key…"))
        self.create_key_button.setToolTip(
            self.tr("Only on your organisation's first laptop; the others import its key file.")
        )
        self.import_key_button = QPushButton(self.tr("&Import a key file…"))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_status, 1)
        key_row.addWidget(self.create_key_button)
        key_row.addWidget(self.import_key_button)
        folder_panel = QWidget()
        folder_form = QFormLayout(folder_panel)
        folder_form.setContentsMargins(0, 0, 0, 0)
        folder_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        folder_form.addRow(self.tr("Shared folder:"), folder_row)
        self.transport_pages = QStackedWidget()
        self.transport_pages.addWidget(folder_panel)
        self.transport_pages.addWidget(self.server_panel)
        choice = QFormLayout()
        choice.addRow(choice_label, self.transport_choice)
        keys = QFormLayout()
        keys.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        keys.addRow(self.tr("Organisation key:"), key_row)
        column = QVBoxLayout()
        column.addLayout(choice)
        column.addWidget(self.transport_pages)
        column.addLayout(keys)
        return column

    def _status_rows(self) -> QVBoxLayout:
        self.last_sync = QLabel()
        self.waiting = QLabel()
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.cancel_button = QPushButton(self.tr("Cancel sync"))
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.hide()
        self.message = MessageLine(self.tr("Sync status"))
        facts = QFormLayout()
        facts.addRow(self.tr("Last sync:"), self.last_sync)
        facts.addRow(self.tr("Waiting:"), self.waiting)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(facts)
        column.addLayout(buttons)
        return column

    def _recovery_row(self) -> QHBoxLayout:
        self.new_identity_button = QPushButton(self.tr("Take a &new device identity and sync"))
        self.new_identity_button.setAccessibleDescription(
            self.tr(
                "Keeps everything in this store. Its changes are sent again as a new laptop, "
                "and the other copy's changes arrive as another laptop's."
            )
        )
        self.new_identity_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.new_identity_button)
        row.addStretch(1)
        return row

    # ----- showing the state --------------------------------------------------------------

    def page_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        setup, server, held = self.services.read(
            lambda s: (sync_setup(s), server_setup(s), list_quarantine(s))
        )
        self.transport = server.transport
        self.transport_choice.setCurrentIndex(self.transport_choice.findData(server.transport))
        self.transport_pages.setCurrentIndex(self.transport_choice.currentIndex())
        self.server_panel.show_setup(server)
        self._show_setup(setup)
        self._show_status(self.services.read(self._status))
        self.quarantine.set_rows(held)
        self.conflicts.reload()

    def _status(self, session: Any) -> SyncStatus | PostgresStatus:
        return postgres_status(session) if self.transport == SERVER else sync_status(session)

    def _refresh_status_if_shown(self) -> None:
        if self.isVisible() and self.task is None:
            self._show_status(self.services.read(self._status))

    def _transport_chosen(self, index: int) -> None:
        chosen = self.transport_choice.itemData(index)
        self.transport_pages.setCurrentIndex(index)
        self._submit(
            lambda s: choose_transport(s, transport=chosen),
            self.tr("Choosing how to sync"),
            lambda _t: self.refresh(),
        )

    def _show_setup(self, setup: SyncSetup) -> None:
        self.folder_edit.setText(setup.folder or "")
        enrolled = setup.key_fingerprint is not None
        self.key_status.setText(
            self.tr("This laptop holds the organisation key (fingerprint {f}).").format(
                f=setup.key_fingerprint
            )
            if enrolled
            else self.tr(
                "None yet. The first laptop creates it; the others import a copy of its key file."
            )
        )
        self.create_key_button.setVisible(not enrolled)
        self.import_key_button.setVisible(not enrolled)

    def _show_status(self, status: SyncStatus | PostgresStatus) -> None:
        self.last_sync.setText(
            short_date_time(status.last_sync_at) if status.last_sync_at else self.tr("never")
        )
        if isinstance(status, PostgresStatus):
            waiting = self.tr(
                "{changes} change(s) not yet sent to the server; {conflicts} conflict(s) to "
                "review; {held} set aside"
            )
        else:
            waiting = self.tr(
                "{changes} change(s) not yet shared; {conflicts} conflict(s) to review; "
                "{held} bundle(s) set aside"
            )
        self.waiting.setText(
            waiting.format(
                changes=status.changes_waiting, conflicts=status.conflicts, held=status.quarantined
            )
        )
        self.tabs.setTabText(0, self.tr("Conflicts to revie&w ({n})").format(n=status.conflicts))
        self.tabs.setTabText(1, self.tr("Set &aside ({n})").format(n=status.quarantined))

    # ----- folder and key -----------------------------------------------------------------

    def choose_folder(self) -> None:
        start = self.folder_edit.text() or str(Path.home())
        chosen = self.dialogs.choose_folder(self, self.tr("Choose the shared sync folder"), start)
        if chosen:
            self._submit(
                lambda s: remember_folder(s, Path(chosen)),
                self.tr("Choosing the sync folder"),
                lambda folder: self._done(self.tr("Sync folder: {f}").format(f=folder)),
            )

    def create_key(self) -> None:
        chosen = self.dialogs.save_key_file(
            self, self.tr("Save the new organisation key file (not in the sync folder)")
        )
        if chosen:
            organisation = self.services.store.organisation()
            self._submit(
                lambda s: create_organisation_key(s, Path(chosen), organisation=organisation),
                self.tr("Creating the organisation key"),
                self._key_created,
            )

    def _key_created(self, created: CreatedKey) -> None:
        self._done(self.tr("Organisation key created in {path}.").format(path=created.path))
        self.phrase_dialog = RecoveryPhraseDialog(created, self.dialogs, self)
        self.phrase_dialog.finished.connect(lambda _result: self.sync_button.setFocus())
        self.phrase_dialog.open()  # open(), not exec(): never blocks the event loop

    def import_key(self) -> None:
        chosen = self.dialogs.open_key_file(self, self.tr("Open a copy of the organisation key"))
        if chosen:
            self._submit(
                lambda s: import_organisation_key(s, Path(chosen)),
                self.tr("Importing the organisation key"),
                lambda f: self._done(
                    self.tr("Imported the organisation key (fingerprint {f}).").format(f=f)
                ),
            )

    # ----- sync ---------------------------------------------------------------------------

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
            job, label=label, on_done=self._synced, on_error=self._sync_failed
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
        self.navigator.show_status(self.tr("Sync finished"))
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

    # ----- conflicts and quarantine -------------------------------------------------------

    def _conflict_resolved(self, entity: str, entity_id: str) -> None:
        self._show_status(self.services.read(self._status))

    def _decide(self, decide: Any, verb: str) -> None:
        bundle = self.quarantine.selected()
        if bundle is None:
            self.message.show_message(self.tr("Error: choose a bundle in the list first."))
            return
        self._submit(
            lambda s: decide(s, name=bundle.name, device_id=bundle.device_id),
            self.tr("Deciding about a bundle set aside"),
            lambda _r: self._done(
                self.tr("{name} {verb}.").format(name=bundle.name, verb=self.tr(verb))
                + (self.tr(" Sync now to apply it.") if verb == "released" else "")
            ),
        )

    # ----- helpers ------------------------------------------------------------------------

    def _submit(self, work: Any, label: str, on_done: Any) -> None:
        self.services.runner.submit(
            lambda session, _progress: work(session),
            label=label,
            on_done=on_done,
            on_error=lambda error: self.message.show_message(self.tr("Error: ") + worded(error)),
        )

    def _done(self, text: str) -> None:
        self.refresh()
        self.message.show_message(text)
