"""Asks for the passphrase: to open the store at start, or to lift the idle lock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.design.widgets import PageTitle, aligned_form, reading_width
from ui.widgets import MessageLine, scrolling


class UnlockPage(QWidget):
    """Emits unlocked(object) with what `attempt` returned; GUI thread only.

    `attempt(passphrase)` returns something (a Store, or True) when the passphrase is right and
    None/False when it is not; it may raise an exception whose message is safe to show.
    """

    unlocked = Signal(object)

    def __init__(
        self,
        *,
        heading: str,
        explanation: str,
        attempt: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.attempt = attempt
        host = QWidget()
        column = QVBoxLayout(host)
        column.addWidget(PageTitle(heading))
        self.explanation = QLabel(explanation)
        self.explanation.setWordWrap(True)
        column.addWidget(self.explanation)
        form = aligned_form()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        form.addRow(self.tr("&Your passphrase:"), self.passphrase)
        column.addLayout(form)
        self.message = MessageLine(self.tr("Unlock problem"))
        column.addWidget(self.message)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        column.addWidget(self.unlock_button, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addWidget(scrolling(reading_width(host)))
        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.setFocusProxy(self.passphrase)

    def try_unlock(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.show_message(self.tr("Error: type your passphrase."))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        problem = self.tr("Error: wrong passphrase.")
        try:
            result = self.attempt(passphrase)
        except Exception as error:  # the store's errors are worded for people
            problem = self.tr("Error: ") + str(error)
            result = None
        finally:
            QApplication.restoreOverrideCursor()
        self.passphrase.clear()
        if not result:
            self.message.show_message(problem)
            self.passphrase.setFocus()
            return
        self.message.clear_message()
        self.unlocked.emit(result)
