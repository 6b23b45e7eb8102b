"""A brief, non-modal confirmation ("Saved", "Synced 12 changes") at the foot of the window.

It never takes the keyboard focus or blocks anything, and it is announced to screen readers
(politely, after what they are reading), so a confirmation is heard as well as seen. Its look
(inverse colours, a tick) comes from the theme's toast tokens through the style sheet.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from ui.announce import announce
from ui.design.icons import icon

SHOWN_MS = 4000  # long enough to read two short phrases, short enough not to linger
MARGIN = 24  # from the window's bottom edge, clear of the status bar


class Toast(QFrame):
    """One per window, reused (GUI thread only)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("toast")  # the style sheet's toast look
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("Confirmation"))
        self.tick = QLabel(self)
        self.tick.setAccessibleName(self.tr("Done"))  # the word the tick stands for
        self.label = QLabel(self)
        self.label.setAccessibleName(self.tr("Confirmation"))
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.tick, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        window.installEventFilter(self)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleDescription(text)
        self.setAccessibleDescription(text)
        self._size_to_text()
        self._place()
        self.show()
        self.raise_()
        announce(self, text)
        self.timer.start(SHOWN_MS)

    def text(self) -> str:
        return self.label.text()

    def _size_to_text(self) -> None:
        """Padding and tick from the text height, so both grow with the person's text size."""
        line = self.fontMetrics().height()
        self.layout().setContentsMargins(line, line // 2, line, line // 2)
        self.layout().setSpacing(line // 2)
        self.tick.setPixmap(icon("check-circle", "toast_icon").pixmap(line, line))

    def _place(self) -> None:
        window = self.parentWidget()
        if window is None:
            return
        most = max(window.width() * 2 // 3, 1)
        self.label.setMaximumWidth(most)
        self.adjustSize()
        x = (window.width() - self.width()) // 2
        y = window.height() - self.height() - MARGIN - self.fontMetrics().height()
        self.move(max(x, 0), max(y, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self.parentWidget() and event.type() == QEvent.Type.Resize
        if resized and self.isVisible():
            self._place()
        return False

    def mousePressEvent(self, event: object) -> None:  # a click dismisses it early
        self.hide()


def show_toast(anchor: QWidget, text: str) -> Toast:
    """Show `text` briefly on the window `anchor` is in (its one toast, made when first needed)."""
    window = anchor.window()
    toast = window.findChild(Toast, "toast", Qt.FindChildOption.FindDirectChildrenOnly)
    if not isinstance(toast, Toast):
        toast = Toast(window)
    toast.show_message(text)
    return toast


def hide_toasts(window: QWidget) -> None:
    """Put away any confirmation still showing (before a screenshot, or when the window locks)."""
    for toast in window.findChildren(Toast):
        toast.timer.stop()
        toast.hide()
