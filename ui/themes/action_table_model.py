"""A theme's actions ("we did") as a table model; what needs attention is said in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from domain.plain_words import long_date
from domain.views import ActionView
from domain.vocabulary import label

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionTableModel", text)


def status_word(status: str) -> str:
    return QCoreApplication.translate("values", label(status))


def day(value: date | None) -> str:
    return long_date(value) if value else ""


class ActionTableModel(QAbstractTableModel):
    """GUI thread only. `attention` maps action id → the reason it needs attention."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ActionView] = []
        self.attention: dict[str, str] = {}
        self.columns: list[tuple[str, Callable[[ActionView], str]]] = [
            (_tr("What we did"), lambda a: " ".join(a.what_we_did.split())),
            (_tr("Status"), lambda a: status_word(a.status)),
            (_tr("Owner"), lambda a: a.owner),
            (_tr("Due"), lambda a: day(a.due_on)),
            (_tr("Completed"), lambda a: day(a.completed_on)),
            (_tr("Fed back"), self._fed_back),
            (_tr("Needs attention"), lambda a: self.attention.get(a.id, "")),
        ]

    @staticmethod
    def _fed_back(action: ActionView) -> str:
        if action.fed_back_on is None:
            return _tr("Not yet")
        return " — ".join(p for p in (day(action.fed_back_on), action.fed_back_how) if p)

    def set_rows(self, rows: Sequence[ActionView], attention: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.attention = dict(attention)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        action = self.rows[index.row()]
        text = self.columns[index.column()][1](action)
        needs_attention = action.id in self.attention
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == len(self.columns) - 1 and needs_attention:
                return "⚠ " + text  # a sign as well as the words, never colour alone
            return text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return action.what_we_did
        if role == Qt.ItemDataRole.FontRole and needs_attention:
            font = QFont()
            font.setBold(True)
            return font
        if role == ACTION_ROLE:
            return action
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section][0]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def row_of(self, action_id: str) -> int:
        return next((i for i, a in enumerate(self.rows) if a.id == action_id), -1)
