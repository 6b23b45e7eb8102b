"""Help › About: version, licence and generated third-party notices, reachable by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from appbuild.notices import app_version
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory
from ui.about_dialog import AboutDialog


def test_about_shows_version_licence_and_notices(qtbot: QtBot) -> None:
    dialog = AboutDialog(notices="Python 3.11: PSF-2.0\nPySide6_Essentials 6: LGPL-3.0-only")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert app_version() in dialog.heading.text() and "MIT" in dialog.heading.text()
    assert "LGPL-3.0-only" in dialog.notices.toPlainText()
    assert dialog.notices.isReadOnly()
    assert_accessible(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_help_menu_has_about_even_while_locked(make_window: WindowFactory) -> None:
    window = make_window()
    texts = [action.text().replace("&", "") for action in window.help_menu.actions()]
    assert "About Listening Post" in texts
    about = next(a for a in window.help_menu.actions() if "About" in a.text())
    assert about.isEnabled()
    assert not window.windowIcon().isNull()
