"""Table of sync bundles set aside (why, from which device, when) for the Sync page."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from domain.quarantine import QuarantinedBundle
from ui.display import short_date_time

_Index = QModelIndex | QPersistentModelIndex


class QuarantineTableModel(QAbstractTableModel):
    """GUI thread only; rows are frozen DTOs loaded by the page."""

    HEADERS = ("From device", "Why it was set aside", "Seen", "Decision", "Bundle")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[QuarantinedBundle] = []

    def set_rows(self, rows: list[QuarantinedBundle]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> QuarantinedBundle | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        bundle = self.row_at(index.row()) if index.isValid() else None
        if bundle is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(bundle, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return bundle.explanation
        return None

    def _text(self, bundle: QuarantinedBundle, column: int) -> str:
        if column == 0:
            return bundle.device_name or bundle.device_id
        if column == 1:
            return f"{bundle.cause}: {bundle.explanation}"
        if column == 2:
            return short_date_time(bundle.seen_at)
        if column == 3:
            return {
                "held": self.tr("Waiting for a decision"),
                "released": self.tr("Released: applied at the next sync"),
                "discarded": self.tr("Discarded"),
            }.get(bundle.state, bundle.state)
        return bundle.name
