"""First run: choose a passphrase (with a strength hint), name this device and the organisation."""

from __future__ import annotations

import socket

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.database import StoreError
from models.keys import PassphraseRejected
from ui.design.widgets import PageTitle, aligned_form, reading_width
from ui.unlock.store_access import StoreAccess
from ui.unlock.strength import passphrase_strength
from ui.widgets import MessageLine, scrolling


class FirstRunPage(QWidget):
    """Creates the store; emits store_ready(Store). GUI thread only."""

    store_ready = Signal(object)

    def __init__(self, access: StoreAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.access = access
        form_host = QWidget()
        column = QVBoxLayout(form_host)
        heading = PageTitle(self.tr("Welcome to Listening Post"))
        intro = QLabel(
            self.tr(
                "Everything you capture is kept encrypted on this computer. Choose a passphrase "
                "you will remember: without it nobody, including you, can open the notes."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(heading)
        column.addWidget(intro)

        form = aligned_form()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Type the passphrase again"))
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        self.device_name = QLineEdit(socket.gethostname())
        self.device_name.setAccessibleName(self.tr("Name of this device"))
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName(self.tr("Your organisation"))
        form.addRow(self.tr("&Your passphrase:"), self.passphrase)
        form.addRow(self.tr("Strength:"), self.strength)
        form.addRow(self.tr("Type it &again:"), self.confirm)
        form.addRow(self.tr("&Device name:"), self.device_name)
        form.addRow(self.tr("&Organisation:"), self.organisation)
        column.addLayout(form)

        self.message = MessageLine(self.tr("Problem creating the store"))
        column.addWidget(self.message)
        self.create_button = QPushButton(self.tr("&Create encrypted store"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create)
        column.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        where = QLabel(self.tr("The store will be kept at: {path}").format(path=access.path))
        where.setWordWrap(True)
        column.addWidget(where)

        outer = QVBoxLayout(self)
        outer.addWidget(scrolling(reading_width(form_host)))
        self.passphrase.textChanged.connect(self._update_strength)
        for field in (self.passphrase, self.confirm, self.device_name, self.organisation):
            field.returnPressed.connect(self.create)
        self._update_strength("")
        self.setFocusProxy(self.passphrase)

    def _update_strength(self, text: str) -> None:
        strength = passphrase_strength(text)
        # Words, not colour: the level is spelled out for everyone.
        shown = self.tr("{word} — {hint}").format(word=strength.word, hint=strength.hint)
        self.strength.setText(shown)
        self.passphrase.setAccessibleDescription(self.tr("Strength: ") + shown)

    def create(self) -> None:
        if self.passphrase.text() != self.confirm.text():
            self.message.show_message(self.tr("Error: the two passphrases differ."))
            self.confirm.setFocus()
            return
        if not self.device_name.text().strip():
            self.message.show_message(self.tr("Error: give this device a name."))
            self.device_name.setFocus()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            store = self.access.create(
                self.passphrase.text(),
                device_name=self.device_name.text().strip(),
                organisation=self.organisation.text().strip(),
            )
        except PassphraseRejected as error:
            self.message.show_message(self.tr("Error: ") + str(error) + ".")
            self.passphrase.setFocus()
            return
        except StoreError as error:
            self.message.show_message(self.tr("Error: ") + str(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.passphrase.clear()
        self.confirm.clear()
        self.message.clear_message()
        self.store_ready.emit(store)
