"""The Sync page: choose the shared folder or the organisation's server, enrol with the
organisation key, sync now in the background, and settle what sync could not (conflicts,
bundles set aside, a copied store)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.sync import (
    FOLDER,
    SERVER,
    PostgresStatus,
    SyncSetup,
    SyncStatus,
    choose_transport,
    postgres_status,
    server_setup,
    sync_setup,
    sync_status,
)
from domain.plain_words import plural
from domain.quarantine import discard_bundle, list_quarantine, release_bundle
from ui.design.widgets import PageTitle, align_forms, aligned_form
from ui.display import short_date_time
from ui.pages import Navigator
from ui.services import Services
from ui.sync.conflict_review import ConflictReview
from ui.sync.file_dialogs import FileDialogs, QtFileDialogs
from ui.sync.key_setup import KeySetupActions
from ui.sync.quarantine_tab import QuarantineTab
from ui.sync.recovery_phrase_dialog import RecoveryPhraseDialog
from ui.sync.server_panel import ServerPanel
from ui.sync.settling import SettlingActions
from ui.sync.sync_messages import conflicts_text
from ui.sync.sync_running import SyncRunning
from ui.tasks import Task
from ui.widgets import MessageLine, SummaryCard, scrolling


class OnePageShown(QWidget):
    """Like a stacked widget, but the hidden pages take no room: a stack is as tall as its
    tallest page, which left a gap under the folder row while the server's form was hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[QWidget] = []
        self._current = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, page: QWidget) -> None:
        self.pages.append(page)
        self.layout().addWidget(page)
        page.setVisible(len(self.pages) - 1 == self._current)

    def setCurrentIndex(self, index: int) -> None:
        self._current = index
        for number, page in enumerate(self.pages):
            page.setVisible(number == index)

    def currentIndex(self) -> int:
        return self._current

    def currentWidget(self) -> QWidget:
        return self.pages[self._current]


class SyncPage(KeySetupActions, SyncRunning, SettlingActions, QWidget):
    """GUI thread only; every database and folder step runs on the task runner's worker."""

    progressed = Signal(int, int, str)
    synced = Signal(object)  # SyncReport, after a sync finished (cancelled or not)

    def __init__(
        self,
        services: Services,
        navigator: Navigator,
        dialogs: FileDialogs | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)  # built in place: re-parenting a built page re-polishes it
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
        layout.addWidget(PageTitle(self.tr("Sync")))
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
        # Two choices: the list keeps its own width rather than stretching across the page.
        self.transport_choice.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
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
        # The explanation above its buttons: side by side, 200% text squeezed it to one line.
        key_buttons = QHBoxLayout()
        key_buttons.addWidget(self.create_key_button)
        key_buttons.addWidget(self.import_key_button)
        key_buttons.addStretch(1)
        key_row = QVBoxLayout()
        key_row.addWidget(self.key_status)
        key_row.addLayout(key_buttons)
        folder_panel = QWidget()
        folder_form = aligned_form(folder_panel)
        folder_form.setContentsMargins(0, 0, 0, 0)
        folder_form.addRow(self.tr("Shared folder:"), folder_row)
        self.transport_pages = OnePageShown()
        self.transport_pages.addWidget(folder_panel)
        self.transport_pages.addWidget(self.server_panel)
        choice = aligned_form()
        choice.addRow(choice_label, self.transport_choice)
        keys = aligned_form()
        keys.addRow(self.tr("Organisation key:"), key_row)
        align_forms(choice, folder_form, self.server_panel.form, keys)
        column = QVBoxLayout()
        column.addLayout(choice)
        column.addWidget(self.transport_pages)
        column.addLayout(keys)
        return column

    def _status_rows(self) -> QVBoxLayout:
        self.last_sync = SummaryCard(self.tr("Last sync"))
        self.waiting = SummaryCard(self.tr("Waiting to send"))
        self.conflict_count = SummaryCard(self.tr("Conflicts"))
        self.held_count = SummaryCard(self.tr("Set aside"))
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setProperty("primary", True)  # the page's one primary action
        self.cancel_button = QPushButton(self.tr("Cancel sync"))
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.hide()
        self.message = MessageLine(self.tr("Sync status"))
        facts = QHBoxLayout()
        for card in (self.last_sync, self.waiting, self.conflict_count, self.held_count):
            facts.addWidget(card, 1)
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
        self.last_sync.set_value(
            short_date_time(status.last_sync_at) if status.last_sync_at else self.tr("Never")
        )
        server = isinstance(status, PostgresStatus)
        self.waiting.set_value(
            plural(
                status.changes_waiting,
                self.tr("change not yet sent") if server else self.tr("change waiting"),
                self.tr("changes not yet sent") if server else self.tr("changes waiting"),
                none=self.tr("Nothing waiting"),
            )
        )
        self.conflict_count.set_value(conflicts_text(status.conflicts).capitalize())
        self.held_count.set_value(
            plural(
                status.quarantined,
                self.tr("batch set aside") if server else self.tr("bundle set aside"),
                self.tr("batches set aside") if server else self.tr("bundles set aside"),
                none=self.tr("Nothing set aside"),
            )
        )
        self.tabs.setTabText(0, self.tr("Conflicts to revie&w ({n})").format(n=status.conflicts))
        self.tabs.setTabText(1, self.tr("Set &aside ({n})").format(n=status.quarantined))
