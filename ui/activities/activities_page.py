"""The activities screen: search, sort, open for capture, create and edit."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.activities import get_activity
from ui.activities.activity_form import ActivityForm
from ui.activities.activity_table_model import ActivityTableModel
from ui.events import ActivitiesChange, NotesChange
from ui.pages import Navigator
from ui.services import Services


class ActivitiesPage(QWidget):
    """GUI thread only."""

    def __init__(self, services: Services, navigator: Navigator) -> None:
        super().__init__()
        self.services = services
        self.navigator = navigator
        self.form: ActivityForm | None = None

        heading = QLabel(self.tr("<h2>Activities</h2>"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Title, place or area"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Search activities:"))
        search_label.setBuddy(self.search)
        # Created in the order they appear, which is the Tab order.
        self.open_button = QPushButton(self.tr("&Open for capture"))
        self.edit_button = QPushButton(self.tr("Edi&t details"))
        self.new_button = QPushButton(self.tr("&New activity (Ctrl+N)"))
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.edit_button, self.new_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.model = ActivityTableModel(services)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Activities"))
        self.table.setAccessibleDescription(
            self.tr("Press Enter to capture notes for the selected activity.")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

        self._search_delay = QTimer(self)
        self._search_delay.setSingleShot(True)
        self._search_delay.setInterval(250)
        self._search_delay.timeout.connect(lambda: self.model.set_text(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._search_delay.start())
        self.search.returnPressed.connect(self._search_now)
        self.table.activated.connect(self._open_index)
        self.open_button.clicked.connect(self.open_selected)
        self.edit_button.clicked.connect(self.edit_selected)
        self.new_button.clicked.connect(self.new_activity)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_activity)
        services.events.activities_did_change.connect(self._activities_changed)
        services.events.notes_did_change.connect(self._notes_changed)
        self.model.modelReset.connect(self._select_first_if_none)
        self.first_focus: QWidget = self.table  # not a focus proxy: that would reorder Tab
        self.model.reload()

    def page_shown(self) -> None:
        self._select_first_if_none()

    def _search_now(self) -> None:
        self._search_delay.stop()
        self.model.set_text(self.search.text())
        self.table.setFocus()

    def _select_first_if_none(self) -> None:
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def selected_activity_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return row.id if row else None

    def select_activity(self, activity_id: str) -> None:
        number = self.model.find_row(lambda r: r.id == activity_id)
        if number >= 0:
            self.table.selectRow(number)
            self.table.scrollTo(self.model.index(number, 0))

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.navigator.open_activity(row.id)

    def open_selected(self) -> None:
        activity_id = self.selected_activity_id()
        if activity_id:
            self.navigator.open_activity(activity_id)

    def new_activity(self) -> None:
        self._show_form(None)

    def edit_selected(self) -> None:
        activity_id = self.selected_activity_id()
        if activity_id:
            self._show_form(activity_id)

    def _show_form(self, activity_id: str | None) -> None:
        existing = (
            self.services.read(lambda s: get_activity(s, activity_id=activity_id))
            if activity_id
            else None
        )
        self.form = ActivityForm(self.services, existing, parent=self)
        self.form.saved.connect(self._form_saved)
        self.form.open()  # window-modal but never blocks the event loop

    def _form_saved(self, activity_id: str, created: bool) -> None:
        self.select_activity(activity_id)
        if created:
            self.navigator.open_activity(activity_id)

    def _activities_changed(self, _change: ActivitiesChange) -> None:
        selected = self.selected_activity_id()
        self.model.reload()
        if selected:
            self.select_activity(selected)

    def _notes_changed(self, _change: NotesChange) -> None:
        self._activities_changed(ActivitiesChange())  # note counts changed
