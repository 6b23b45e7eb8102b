"""The Sync page's "Set aside" tab: bundles sync would not apply, with Release and Discard."""

from __future__ import annotations

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

from domain.quarantine import QuarantinedBundle
from ui.sync.quarantine_table_model import QuarantineTableModel


class QuarantineTab(QWidget):
    """GUI thread only; the page loads the rows and acts on the buttons."""

    def __init__(self) -> None:
        super().__init__()
        explanation = QLabel(
            self.tr(
                "Sync sets a bundle aside, never applying it, when another copy of a laptop's "
                "store wrote it, or its changes are stamped more than a day in the future. "
                "Release one to apply it at the next sync; discard a copy's duplicate."
            )
        )
        explanation.setWordWrap(True)
        self.model = QuarantineTableModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Bundles set aside"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # the rows in view, not every row loaded
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.release_button = QPushButton(self.tr("Re&lease"))
        self.discard_button = QPushButton(self.tr("&Discard"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.release_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_rows(self, rows: list[QuarantinedBundle]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)

    def selected(self) -> QuarantinedBundle | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None
