"""A theme's actions: the list (overdue and not-fed-back said in words) above the action form."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from domain.views import ActionView
from ui.themes.action_editor import ActionEditor
from ui.themes.action_table_model import ActionTableModel
from ui.widgets import scrolling


class ActionsPanel(QWidget):
    """GUI thread only. The page fills it and handles the editor's save requests."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.new_button = QPushButton(self.tr("New act&ion"))
        self.model = ActionTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Actions for this theme"))
        self.table.setAccessibleDescription(
            self.tr("The last column says which actions are overdue or not yet fed back.")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # the rows in view, not every row loaded
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.editor = ActionEditor()
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(scrolling(self.editor), 3)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())
        self.new_button.clicked.connect(self.new_action)

    def show_actions(
        self, actions: Sequence[ActionView], attention: dict[str, str], select: str | None
    ) -> None:
        """List the actions; select `select` (an action id) or the first, or start a new one."""
        self.model.set_rows(actions, attention)
        waiting = sum(1 for a in actions if a.id in attention)
        self.heading.setText(
            self.tr("Actions (we did): {n}, {w} need attention").format(n=len(actions), w=waiting)
        )
        row = self.model.row_of(select) if select else (0 if actions else -1)
        if row >= 0:
            self.table.selectRow(row)
            self.editor.show_action(self.model.rows[row])
        else:
            self.table.clearSelection()
            self.editor.show_action(None)

    def _row_changed(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < len(self.model.rows):
            self.editor.show_action(self.model.rows[row])

    def new_action(self) -> None:
        self.table.clearSelection()
        self.editor.show_action(None)
        self.editor.what.setFocus()
