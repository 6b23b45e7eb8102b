"""What an empty list shows instead: an icon, one short sentence, and the next action's button.

The icon is a Phosphor one from the design system's icon helper, drawn in the theme's muted
text colour when first shown, and again when the theme or text size changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.design import icons
from ui.design.tokens import space


class EmptyState(QFrame):
    """GUI thread only. Reads like the label it replaced: setText(), text()."""

    def __init__(
        self, icon: str, text: str = "", *, name: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.icon_name = icon
        self._drawn_icon = ""
        self.icon = QLabel()
        self.icon.setAccessibleName(self.tr("Icon"))  # decorative: the sentence says it all
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAccessibleName(name or self.tr("What to do next"))
        self.action = QPushButton()
        self.action.hide()
        self._slot: Callable[[], object] | None = None
        self.action.clicked.connect(lambda: self._slot() if self._slot is not None else None)
        column = QVBoxLayout()
        column.setSpacing(space(1))
        column.addWidget(self.label)
        column.addWidget(self.action, alignment=Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout(self)
        row.setContentsMargins(space(2), space(2), space(2), space(2))
        row.setSpacing(space(2))
        row.addWidget(self.icon, alignment=Qt.AlignmentFlag.AlignTop)
        row.addLayout(column, 1)
        self.setAccessibleName(name or self.tr("What to do next"))

    def setText(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)

    def text(self) -> str:
        return self.label.text()

    def set_icon(self, icon: str) -> None:
        self.icon_name = icon
        if self.isVisible():
            self._draw_icon()

    def set_action(self, text: str | None, slot: Callable[[], object] | None = None) -> None:
        """The button for the next step, or none (text None)."""
        self._slot = slot
        self.action.setText(text or "")
        self.action.setVisible(bool(text))

    def showEvent(self, event: object) -> None:
        self._draw_icon()
        super().showEvent(event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._drawn_icon = ""  # a theme or text size change: draw it again when shown
            if self.isVisible():
                self._draw_icon()
        super().changeEvent(event)

    def _draw_icon(self) -> None:
        if self._drawn_icon == self.icon_name:
            return
        size = self.fontMetrics().height() * 2  # grows with the person's text size
        self.icon.setPixmap(icons.icon(self.icon_name, "text_muted").pixmap(size, size))
        self._drawn_icon = self.icon_name
