"""A brief, non-modal confirmation ("Saved", "Synced 12 changes") at the foot of the window.

It never takes the keyboard focus or blocks anything, and it is announced to screen readers
(an alert event, as the message lines are), so a confirmation is heard as well as seen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

SHOWN_MS = 4000  # long enough to read two short phrases, short enough not to linger
MARGIN = 24  # from the window's bottom edge, clear of the status bar


class Toast(QFrame):
    """One per window, reused (GUI thread only). Colours come from the palette's tooltip roles
    so every theme styles it; the style sheet may refine it through the object name."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("toast")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("Confirmation"))
        self.label = QLabel(self)
        self.label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.label.setAccessibleName(self.tr("Confirmation"))
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        metrics = self.fontMetrics()
        layout.setContentsMargins(
            metrics.height(), metrics.height() // 2, metrics.height(), metrics.height() // 2
        )
        layout.addWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        window.installEventFilter(self)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleDescription(text)
        self.setAccessibleDescription(text)
        self._place()
        self.show()
        self.raise_()
        QAccessible.updateAccessibility(QAccessibleEvent(self.label, QAccessible.Event.Alert))
        self.timer.start(SHOWN_MS)

    def text(self) -> str:
        return self.label.text()

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
