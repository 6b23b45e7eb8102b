"""Finding notes from the Themes page: search, then add the selection to the chosen theme, or
drag it onto any theme in the list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from domain.errors import DomainError
from domain.selection import Selection
from ui.find.search_table_model import SearchTableModel
from ui.services import Services
from ui.themes.add_to_theme import selected_note_ids
from ui.themes.note_drag import NoteDragSource
from ui.widgets import MessageLine

ADD_SELECTED = "Ctrl+Return"


class AddNotesPanel(QWidget):
    """GUI thread only. `add_requested(note ids)` asks the page to add them to its theme."""

    add_requested = Signal(list)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("words to find; Enter searches"))
        self.query.setClearButtonEnabled(True)
        label = QLabel(self.tr("&Words:"))
        label.setBuddy(self.query)
        self.search_button = QPushButton(self.tr("Searc&h"))
        self.add_button = QPushButton(
            self.tr("&Add selected to this theme ({key})").format(
                key=QKeySequence(ADD_SELECTED).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.summary = QLabel()
        self.message = MessageLine(self.tr("Add notes status"))
        self.model = SearchTableModel(services)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Notes found"))
        self.table.setAccessibleDescription(
            self.tr("Shift or Ctrl with arrows selects several; drag them onto a theme.")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # the rows in view, not every row loaded
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.drag_source = NoteDragSource(self.table, lambda: selected_note_ids(self.table))
        add = QShortcut(QKeySequence(ADD_SELECTED), self.table)
        add.setContext(Qt.ShortcutContext.WidgetShortcut)
        add.activated.connect(self.add_selected)

        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.query.returnPressed.connect(self._search_and_focus)
        self.search_button.clicked.connect(self.search)
        self.add_button.clicked.connect(self.add_selected)

    def search(self) -> None:
        try:
            self.model.search(self.query.text(), Selection())
        except DomainError as error:
            self.message.show_message(self.tr("Error: ") + str(error))
            return
        self.message.clear_message()
        more = self.tr(" or more") if self.model.canFetchMore() else ""
        self.summary.setText(
            self.tr("{n}{more} notes found").format(n=self.model.rowCount(), more=more)
        )
        if self.model.rowCount():
            self.table.selectRow(0)

    def _search_and_focus(self) -> None:
        self.search()
        if self.model.rowCount():
            self.table.setFocus()

    def add_selected(self) -> None:
        ids = selected_note_ids(self.table)
        if ids:
            self.add_requested.emit(ids)
        else:
            self.message.show_message(self.tr("Select the notes to add first."))
