"""The demo: its passphrase is shown when locked, and it leaves no temporary folder behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory
from ui.app import make_demo_store, run_app
from ui.unlock.unlock_page import UnlockPage


def test_the_lock_screen_shows_the_demo_passphrase_and_it_unlocks(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    demo = make_demo_store(activities=2, notes_per_activity=3, parent=tmp_path)
    window = make_window(store=demo.store)
    window.demo_passphrase = demo.passphrase
    window.lock_action.trigger()  # Ctrl+L, or the idle lock
    page = window.stack.currentWidget()
    assert window.locked and isinstance(page, UnlockPage)
    assert demo.passphrase in page.explanation.text()
    qtbot.keyClicks(page.passphrase, demo.passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    window.shutdown()
    demo.remove()
    assert not demo.folder.exists()


def test_the_demo_removes_its_temporary_folder_on_exit(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    # The app's own settings go to a throwaway folder, not the person's.
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(tmp_path / "settings"))
    seen: list[Path] = []

    def close_soon() -> None:
        seen.extend((tmp_path / "tmp").iterdir())
        QApplication.instance().quit()

    QTimer.singleShot(1500, close_soon)
    assert run_app(store=None, demo=True) == 0
    assert seen and seen[0].name.startswith("listening-post-demo-")  # it was there while open
    assert list((tmp_path / "tmp").iterdir()) == []
