"""Where the Sync page asks people for paths and prints: real dialogs by default, fakes in tests.

Tests pass their own FileDialogs so no modal dialog ever pops up; the page never calls
QFileDialog or QPrintDialog directly.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.widgets import answered

KEY_FILTER = "Listening Post sync key (*.lpkey);;All files (*)"
CERTIFICATE_FILTER = "Certificates (*.pem *.crt *.cer);;All files (*)"


class FileDialogs(Protocol):
    """Each returns the chosen path, or "" when the person cancels."""

    def choose_folder(self, parent: QWidget, title: str, start: str) -> str: ...

    def open_key_file(self, parent: QWidget, title: str) -> str: ...

    def save_key_file(self, parent: QWidget, title: str) -> str: ...

    def print_text(self, parent: QWidget, title: str, text: str) -> bool: ...

    def open_password_file(self, parent: QWidget, title: str) -> str: ...

    def open_certificate_file(self, parent: QWidget, title: str) -> str: ...


class QtFileDialogs:
    """The platform's own dialogs (modal: they are what people expect for files)."""

    def choose_folder(self, parent: QWidget, title: str, start: str) -> str:
        return QFileDialog.getExistingDirectory(parent, title, start)

    def open_key_file(self, parent: QWidget, title: str) -> str:
        return QFileDialog.getOpenFileName(parent, title, "", KEY_FILTER)[0]

    def save_key_file(self, parent: QWidget, title: str) -> str:
        path = QFileDialog.getSaveFileName(parent, title, "organisation.lpkey", KEY_FILTER)[0]
        return path if not path or path.endswith(".lpkey") else path + ".lpkey"

    def print_text(self, parent: QWidget, title: str, text: str) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        dialog = QPrintDialog(printer, parent)
        if not answered(dialog):
            return False
        document = QTextDocument()
        document.setPlainText(text)
        document.print_(printer)
        return True

    def open_password_file(self, parent: QWidget, title: str) -> str:
        return QFileDialog.getOpenFileName(parent, title, "", "All files (*)")[0]

    def open_certificate_file(self, parent: QWidget, title: str) -> str:
        return QFileDialog.getOpenFileName(parent, title, "", CERTIFICATE_FILTER)[0]
