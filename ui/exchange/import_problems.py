"""Lists every problem of a refused import, one per line, ready to copy into the workbook's fix."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.design.widgets import ems, text_lines
from ui.widgets import fitting


class ImportProblemsDialog(QDialog):
    """GUI thread only."""

    def __init__(self, parent: QWidget, file_name: str, summary: str, problems: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nothing was imported from {name}").format(name=file_name))
        heading = QLabel(
            self.tr(
                "Nothing was changed. Fix these places in the workbook, then import it again. "
                "Each line names the sheet, the cell and the reason."
            )
        )
        heading.setWordWrap(True)
        self.summary = QLabel(summary.splitlines()[0] if summary else "")
        self.summary.setWordWrap(True)
        self.list = QPlainTextEdit("\n".join(problems))
        self.list.setReadOnly(True)
        self.list.setAccessibleName(self.tr("Problems found in the workbook"))
        self.list.setAccessibleDescription(
            self.tr("{n} problems, one per line").format(n=len(problems))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy the list"))
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.list.toPlainText())
        )
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(fitting(self, ems(self, 50), text_lines(self, 24)))
