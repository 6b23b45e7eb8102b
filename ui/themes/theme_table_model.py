"""The themes list as a table model: counts behind each theme, and notes dropped onto a row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from domain.loop import ThemeSummary
from ui.themes.action_table_model import status_word
from ui.themes.note_drag import NOTE_IDS_MIME, note_ids_from

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("ThemeTableModel", text)


def _easy_read(theme: ThemeSummary) -> str:
    return _tr("Written") if theme.has_easy_read else _tr("Missing")


COLUMNS: list[tuple[str, Callable[[ThemeSummary], str | int], bool]] = [
    (_tr("Theme"), lambda t: t.title, False),
    (_tr("Status"), lambda t: status_word(t.status), False),
    (_tr("Notes"), lambda t: t.notes, True),
    (_tr("Groups"), lambda t: t.groups, True),
    (_tr("Activities"), lambda t: t.activities, True),
    (_tr("Actions"), lambda t: t.actions, True),
    (_tr("Easy Read"), _easy_read, False),
]


class ThemeTableModel(QAbstractTableModel):
    """GUI thread only. Numbers are returned as ints so a sort proxy sorts them as numbers."""

    notes_dropped = Signal(str, list)  # theme id, note ids

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ThemeSummary] = []

    def set_rows(self, rows: Sequence[ThemeSummary]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        theme = self.rows[index.row()]
        _title, value, numeric = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value(theme)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return str(value(theme))
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return _tr("Drop notes here to add them to this theme.")
        if role == SUMMARY_ROLE:
            return theme
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][0]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # ----- drops of notes onto a theme ----------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [NOTE_IDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return parent.isValid() and bool(note_ids_from(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        ids = note_ids_from(data)
        if not parent.isValid() or not ids or parent.row() >= len(self.rows):
            return False
        self.notes_dropped.emit(self.rows[parent.row()].id, ids)
        return True

    def row_of(self, theme_id: str) -> int:
        return next((i for i, t in enumerate(self.rows) if t.id == theme_id), -1)
