"""Shown once, when this laptop creates the organisation key: the recovery phrase, to print."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sync import CreatedKey
from ui.sync.file_dialogs import FileDialogs


class RecoveryPhraseDialog(QDialog):
    """GUI thread only. Opened with open(), never exec(): the app keeps running behind it."""

    def __init__(self, created: CreatedKey, dialogs: FileDialogs, parent: QWidget) -> None:
        super().__init__(parent)
        self.created = created
        self.dialogs = dialogs
        self.setWindowTitle(self.tr("Organisation key created"))
        warning = QLabel(
            self.tr(
                "<p><b>Warning: this recovery phrase is shown only now.</b> Print it or write it "
                "down, and keep it locked away with the key file. Anyone who has either can read "
                "every note your organisation syncs.</p>"
                "<p>The key was saved in {path}. Give a copy of that file to each of your "
                "organisation's laptops by hand (a USB stick you keep, not email), and never put "
                "it in the shared sync folder.</p>"
            ).format(path=created.path)
        )
        warning.setWordWrap(True)
        self.phrase = QLineEdit(created.recovery_phrase)
        self.phrase.setReadOnly(True)
        self.phrase.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.phrase.setAccessibleName(self.tr("Recovery phrase"))
        self.phrase.setMinimumWidth(self.phrase.fontMetrics().horizontalAdvance("M" * 70))
        phrase_label = QLabel(self.tr("&Recovery phrase:"))
        phrase_label.setBuddy(self.phrase)
        fingerprint = QLabel(
            self.tr("Key fingerprint (safe to share): {fingerprint}").format(
                fingerprint=created.key_fingerprint
            )
        )
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.clicked.connect(self.print_phrase)
        buttons = QDialogButtonBox()
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = buttons.addButton(
            self.tr("I have &kept it safe"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(phrase_label)
        layout.addWidget(self.phrase)
        layout.addWidget(fingerprint)
        layout.addWidget(buttons)

    def printable_text(self) -> str:
        return self.tr(
            "Listening Post organisation sync key: recovery phrase\n\n{phrase}\n\n"
            "Key fingerprint: {fingerprint}\n\n"
            "Keep this locked away. Anyone who has it can read your organisation's synced notes."
        ).format(phrase=self.created.recovery_phrase, fingerprint=self.created.key_fingerprint)

    def print_phrase(self) -> bool:
        return self.dialogs.print_text(self, self.tr("Recovery phrase"), self.printable_text())
