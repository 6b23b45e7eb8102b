"""The navigation sidebar: each section with its icon and its name, sized to the longest name."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ui.design.icons import page_icon
from ui.design.tokens import space


def build_sidebar(sections: list[tuple[str, str]], accessible_name: str) -> QListWidget:
    """A list of (key, title); the key is kept in each item's UserRole."""
    sidebar = QListWidget()
    sidebar.setObjectName("sidebar")  # the style sheet's sidebar rules
    sidebar.ensurePolished()  # rows are measured with the style sheet's padding, not without
    sidebar.setAccessibleName(accessible_name)
    sidebar.setFrameShape(QListWidget.Shape.NoFrame)
    sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    metrics = sidebar.fontMetrics()
    side = round(metrics.height() * 1.25)  # icons grow with the text
    sidebar.setIconSize(QSize(side, side))
    for key, title in sections:
        item = QListWidgetItem(page_icon(key), title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        sidebar.addItem(item)
    widest = max(metrics.horizontalAdvance(f"{title} (999)") for _key, title in sections)
    # icon, gap, item padding both sides, list padding and focus ring both sides
    sidebar.setFixedWidth(widest + side + space(1) + space(2) + space(3))
    return sidebar


def set_item_title(sidebar: QListWidget, row: int, text: str) -> None:
    item = sidebar.item(row)
    item.setText(text)
    item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
