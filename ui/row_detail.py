"""A detail pane under a table: the current row's every column in full, wrapped, so text cut
short in a cell (a long note, many groups) is read whole without a tooltip."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLabel, QScrollArea, QSizePolicy

from ui.design.tokens import space


class RowDetail(QScrollArea):
    """GUI thread only. Follows the view's current row; empty when no row is current."""

    def __init__(self, view: QAbstractItemView, name: str, hint: str = "") -> None:
        super().__init__()
        self.view = view
        self.hint = hint  # said while no row is chosen, so the empty pane explains itself
        self.label = QLabel()
        self.label.setObjectName("rowDetail")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.label.setContentsMargins(space(1), space(1), space(1), space(1))
        self.label.setAccessibleName(name)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the table to what follows
        self.label.setText(html.escape(hint))
        view.selectionModel().currentRowChanged.connect(lambda now, _old: self.show_row(now))
        model = view.model()
        model.modelReset.connect(lambda: self.show_row(view.currentIndex()))
        model.dataChanged.connect(lambda *_: self.show_row(view.currentIndex()))

    def show_row(self, index: QModelIndex) -> None:
        model = self.view.model()
        if not index.isValid():
            self.label.setText(html.escape(self.hint))
            self.label.setAccessibleDescription("")
            return
        lines, plain = [], []
        for column in range(model.columnCount()):
            cell = model.index(index.row(), column)
            full = model.data(cell, Qt.ItemDataRole.ToolTipRole) or model.data(cell) or ""
            if not str(full).strip():
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            lines.append(f"<b>{html.escape(title)}:</b> {html.escape(str(full))}")
            plain.append(f"{title}: {full}")
        self.label.setText("<br>".join(lines))
        self.label.setAccessibleDescription("; ".join(plain))

    def text(self) -> str:
        """What the pane says, as plain text (for tests and screen readers)."""
        return self.label.accessibleDescription()
