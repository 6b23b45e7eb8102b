"""A layout that wraps widgets onto more rows when the width runs out (200% text, small screens).

Hand-written because Qt ships no flowing layout (only an example in its documentation). Two modes:
`uniform=False` places each widget at its natural width, left to right, wrapping like words;
`uniform=True` makes a grid with as many equal columns as fit (checkbox grids, side panels),
so columns stay aligned and collapse to one column on a narrow window.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class FlowLayout(QLayout):
    """GUI thread only. Has heightForWidth, so a scroll area around it never scrolls sideways."""

    def __init__(self, parent: QWidget | None = None, *, uniform: bool = False) -> None:
        super().__init__(parent)
        self.uniform = uniform
        self._items: list[QLayoutItem] = []
        self._hfw = (-1, 0)  # (width, height) last worked out; cleared by invalidate()
        self.setContentsMargins(0, 0, 0, 0)

    # ----- QLayout API --------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # Asked many times over with one width while a page is built and laid out (Qt's own
        # layouts cache it too); worked out again only once something inside has changed.
        if self._hfw[0] != width:
            self._hfw = (width, self._arrange(QRect(0, 0, width, 0), move=False))
        return self._hfw[1]

    def invalidate(self) -> None:
        self._hfw = (-1, 0)
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        # As wide as everything on one row; the height follows from heightForWidth.
        margins = self.contentsMargins()
        visible = self._visible()
        width = sum(self._natural(i).width() for i in visible)
        width += self._gap(Qt.Orientation.Horizontal) * max(len(visible) - 1, 0)
        width += margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        # Never wider than the widest single item: that is what lets a window shrink.
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # ----- placing ------------------------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        metric = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        value = style.pixelMetric(metric) if style is not None else -1
        return value if value >= 0 else 6

    @staticmethod
    def _natural(item: QLayoutItem) -> QSize:
        return item.sizeHint().expandedTo(item.minimumSize())

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        if item.hasHeightForWidth():
            return max(item.heightForWidth(width), item.minimumSize().height())
        return item.sizeHint().height()

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        items = self._visible()
        if not items:
            return 0
        if self.uniform:
            height = self._arrange_grid(area, items, move=move)
        else:
            height = self._arrange_flow(area, items, move=move)
        return height + margins.top() + margins.bottom()

    def _arrange_grid(self, area: QRect, items: list[QLayoutItem], *, move: bool) -> int:
        across, down = self._gap(Qt.Orientation.Horizontal), self._gap(Qt.Orientation.Vertical)
        cell = max(self._natural(item).width() for item in items)
        columns = max(1, min(len(items), (area.width() + across) // (cell + across)))
        width = max(1, (area.width() - across * (columns - 1)) // columns)
        y = area.y()
        for start in range(0, len(items), columns):
            row = items[start : start + columns]
            height = max(self._height(item, width) for item in row)
            if move:
                for n, item in enumerate(row):
                    x = area.x() + n * (width + across)
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            y += height + down
        return y - down - area.y()

    def _arrange_flow(self, area: QRect, items: list[QLayoutItem], *, move: bool) -> int:
        across, down = self._gap(Qt.Orientation.Horizontal), self._gap(Qt.Orientation.Vertical)
        x, y, row_height = area.x(), area.y(), 0
        for item in items:
            width = min(self._natural(item).width(), max(area.width(), 1))
            if x > area.x() and x + width > area.x() + area.width():
                x, y, row_height = area.x(), y + row_height + down, 0
            height = self._height(item, width)
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + across
            row_height = max(row_height, height)
        return y + row_height - area.y()


def flowing(*widgets: QWidget, uniform: bool = False) -> QWidget:
    """A plain widget holding `widgets` in a FlowLayout (preferred width, height for width)."""
    host = QWidget()
    layout = FlowLayout(host, uniform=uniform)
    for widget in widgets:
        layout.addWidget(widget)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    host.setSizePolicy(policy)
    return host
