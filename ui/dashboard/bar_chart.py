"""A small horizontal bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

Series differ by fill pattern as well as shade, and every bar carries its number in text, so
nothing depends on colour; the data itself is always in a table beside the chart.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.design.tokens import space
from ui.design.widgets import ems

PATTERNS = (
    Qt.BrushStyle.SolidPattern,
    Qt.BrushStyle.BDiagPattern,
    Qt.BrushStyle.CrossPattern,
    Qt.BrushStyle.Dense6Pattern,
)


class BarChart(QWidget):
    """GUI thread only. Not focusable: its table beside it is what the keyboard reaches."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.categories: list[str] = []
        self.series: list[tuple[str, list[int]]] = []

    def set_data(
        self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[int]]], summary: str
    ) -> None:
        """Bars per category; several series are stacked, in the order given."""
        self.categories = list(categories)
        self.series = [(name, list(values)) for name, values in series]
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + space(1)

    def _legend_height(self) -> int:
        return self._row_height() if len(self.series) > 1 else 0

    def sizeHint(self) -> QSize:
        rows = max(len(self.categories), 1)
        return QSize(ems(self, 32), self._legend_height() + rows * self._row_height() + space(1))

    def minimumSizeHint(self) -> QSize:
        return QSize(ems(self, 15), self.sizeHint().height())

    def totals(self) -> list[int]:
        return [sum(values[i] for _n, values in self.series) for i in range(len(self.categories))]

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        ink = self.palette().color(self.foregroundRole())
        metrics = self.fontMetrics()
        row = self._row_height()
        top = self._legend_height()
        if not self.categories:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Nothing yet"))
            return
        gap, half = space(1), space(0.5)  # the grid's steps, between text and bars
        if len(self.series) > 1:
            x = 0
            for number, (name, _values) in enumerate(self.series):
                self._swatch(painter, QRectF(x, half, row - gap, row - gap), number, ink)
                painter.setPen(ink)
                painter.drawText(int(x + row), metrics.ascent() + half, name)
                x += row + metrics.horizontalAdvance(name) + space(2)
        label_width = min(
            max(metrics.horizontalAdvance(c) for c in self.categories) + gap, self.width() // 3
        )
        totals = self.totals()
        largest = max(max(totals), 1)
        number_width = metrics.horizontalAdvance(str(largest)) + gap
        span = max(self.width() - label_width - number_width - half, gap)
        for index, category in enumerate(self.categories):
            y = top + index * row
            painter.setPen(ink)
            text = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_width - gap)
            painter.drawText(0, y, label_width - gap, row, Qt.AlignmentFlag.AlignVCenter, text)
            x = float(label_width)
            for number, (_name, values) in enumerate(self.series):
                width = span * values[index] / largest
                if width > 0:
                    self._swatch(painter, QRectF(x, y + half, width, row - gap), number, ink)
                x += width
            painter.setPen(ink)
            painter.drawText(
                int(x) + half,
                y,
                number_width,
                row,
                Qt.AlignmentFlag.AlignVCenter,
                str(totals[index]),
            )
        painter.end()

    def _swatch(self, painter: QPainter, area: QRectF, number: int, ink: QColor) -> None:
        # The palette's highlight (dark enough against the window), told apart by pattern.
        shade = QColor(self.palette().color(self.palette().ColorRole.Highlight))
        painter.setPen(QPen(ink, 1))
        painter.setBrush(QBrush(shade, PATTERNS[number % len(PATTERNS)]))
        painter.drawRect(area)
