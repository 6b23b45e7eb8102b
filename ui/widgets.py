"""Small shared widgets: a form that scrolls at large text sizes, an announced message line,
a summary card (one figure said in words under its heading) and a message box that never
blocks, and a one-question dialog asked without keeping it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.announce import announce


def answered(dialog: QDialog) -> bool:
    """Ask one question in `dialog`; True when the person accepted.

    The dialog is then handed to Qt to delete: parented to the window, it would otherwise live
    (with all its widgets) until the window closes, one more each time it is asked. Its fields
    can still be read on return: Qt deletes it only once control is back in the event loop."""
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


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
            announce(self, text)

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


class SummaryCard(QFrame):
    """A heading and one figure in words ("1 change waiting"), framed as a card.

    Styled by the application's style sheet through its object name; the figure is a larger,
    bold version of the window font, so it grows with the person's text size.
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryCard")
        self.setProperty("role", "card")  # the style sheet's card look
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = QLabel(title)
        self.title.setObjectName("summaryCardTitle")
        self.value = QLabel()
        self.value.setObjectName("summaryCardValue")
        self.value.setProperty("role", "heading")
        self.value.setWordWrap(True)
        self.value.setAccessibleName(title)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.value.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        self.setAccessibleName(title)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleDescription(text)

    def text(self) -> str:
        return self.value.text()


def non_blocking_message(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # open(), not exec(): never blocks the event loop
