"""Small shared widgets: a form that scrolls at large text sizes, and an announced message line."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget


def scrolling(widget: QWidget) -> QScrollArea:
    """Wrap a form so it stays usable at 200% text size on a small laptop screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


class MessageLine(QLabel):
    """A line of status or error text, announced to screen readers when it changes.

    The kind is spelled out in words ("Error:", "Warning:"), never shown by colour alone.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(name)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))
        if text:
            event = QAccessibleEvent(self, QAccessible.Event.Alert)
            QAccessible.updateAccessibility(event)

    def clear_message(self) -> None:
        self.show_message("")


def fitting(dialog: QWidget, width: int, height: int) -> QSize:
    """A dialog's wanted size, shrunk to fit the screen it opens on (title bar and taskbar
    allowed for), so its buttons are never below the bottom of a small laptop screen."""
    screen = (dialog.parentWidget() or dialog).screen()
    room = screen.availableGeometry() if screen is not None else None
    if room is None:
        return QSize(width, height)
    return QSize(min(width, room.width() - 16), min(height, room.height() - 48))
