"""The Help menu's About dialog: version, licence and the third-party notices of what ships."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from appbuild.notices import APP_NAME, app_licence, app_version, current_notices
from ui.app_icon import app_icon
from ui.design.widgets import ems, text_lines
from ui.widgets import answered, fitting


class AboutDialog(QDialog):
    """Modal, GUI thread only; the notices are read or generated once, when it opens."""

    def __init__(self, parent: QWidget | None = None, notices: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {name}").format(name=APP_NAME))
        self.setAccessibleName(self.windowTitle())
        self.resize(fitting(self, ems(self, 55), text_lines(self, 32)))
        picture = QLabel()
        picture.setPixmap(app_icon().pixmap(64, 64))
        picture.setAccessibleName(self.tr("Listening Post icon"))
        self.heading = QLabel(
            self.tr("<h2>{name} {version}</h2><p>Licence: {licence}</p>").format(
                name=APP_NAME, version=app_version(), licence=app_licence()
            )
        )
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setAccessibleName(self.tr("Version and licence"))
        blurb = QLabel(
            self.tr(
                "Offline, encrypted notes of community engagement, and accessible "
                "“You said, we did” reports. It ships the software listed below, each under "
                "its own licence."
            )
        )
        blurb.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.heading, 1)
        self.notices = QPlainTextEdit(notices if notices is not None else current_notices())
        self.notices.setReadOnly(True)
        self.notices.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.notices.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notices.setAccessibleName(self.tr("Third-party notices"))
        self.notices.setTabChangesFocus(True)
        notices_label = QLabel(self.tr("&Third-party notices"))
        notices_label.setBuddy(self.notices)
        notices_label.setFont(QFont(notices_label.font().family(), weight=QFont.Weight.Bold))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(blurb)
        layout.addWidget(notices_label)
        layout.addWidget(self.notices, 1)
        layout.addWidget(buttons)


def install_about(window: QMainWindow, help_menu: QMenu) -> QAction:
    """Adds Help › About; it works while the store is locked (it shows no personal data)."""
    action = QAction(window.tr("&About {name}").format(name=APP_NAME), window)
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.triggered.connect(lambda: answered(AboutDialog(window)))
    help_menu.addAction(action)
    return action
