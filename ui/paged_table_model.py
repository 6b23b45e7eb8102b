"""A read-only table model over DTO rows that loads one page at a time (fetchMore).

Subclasses declare their columns; the view asks for more rows as people scroll, so a list of
100,000 notes costs one page of memory and one page of query at start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: a flat table has no parents
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# fetch(offset, limit, sort_key, descending) -> (rows, has_more)
Fetch = Callable[[int, int, str | None, bool], tuple[Sequence[Any], bool]]


@dataclass(frozen=True)
class Column(Generic[Row]):
    title: str
    text: Callable[[Row], str]
    sort_key: str | None = None
    tooltip: Callable[[Row], str] | None = None
    align_right: bool = False


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """GUI thread only. `fetch` runs a quick read (one page) each time the view wants more."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        fetch: Fetch,
        *,
        page_size: int = 100,
        sort_key: str | None = None,
        descending: bool = True,
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self._fetch = fetch
        self.page_size = page_size
        self.sort_key = sort_key
        self.descending = descending
        self.rows: list[Row] = []
        self._has_more = True

    # ----- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or not self._has_more:
            return
        rows, has_more = self._fetch(len(self.rows), self.page_size, self.sort_key, self.descending)
        self._has_more = has_more
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the store (every row, not only the loaded pages)."""
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        self.sort_key = self.columns[column].sort_key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # ----- for pages ----------------------------------------------------------------------

    def reload(self, *, keep_loaded: bool = True) -> None:
        """Query again from the start, reloading as many rows as were showing."""
        wanted = max(len(self.rows), self.page_size) if keep_loaded else self.page_size
        # Fetch first: a query that fails (bad filter) leaves the rows as they were.
        rows, has_more = self._fetch(0, wanted, self.sort_key, self.descending)
        self.beginResetModel()
        self.rows, self._has_more = list(rows), has_more
        self.endResetModel()

    def row_at(self, row: int) -> Row | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def find_row(self, predicate: Callable[[Row], bool], *, load: bool = True) -> int:
        """The row number of the first row matching, loading further pages if needed; -1 if none."""
        start = 0
        while True:
            for number in range(start, len(self.rows)):
                if predicate(self.rows[number]):
                    return number
            if not (load and self._has_more):
                return -1
            start = len(self.rows)
            self.fetchMore(QModelIndex())
