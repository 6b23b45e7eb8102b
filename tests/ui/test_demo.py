"""The demo: its passphrase is shown when locked, and it leaves no temporary folder behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory
from ui.app import make_demo_store
from ui.unlock.unlock_page import UnlockPage

ROOT = Path(__file__).resolve().parents[2]


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


_RUN_DEMO_THEN_QUIT = """
import os, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QTimer
from sync.core import install
from ui.app import ensure_application, run_app
install()  # as main.py does
app = ensure_application()
def close_soon():
    print("open:", *sorted(p.name for p in Path(tempfile.gettempdir()).iterdir()))
    app.quit()
QTimer.singleShot(500, close_soon)
sys.exit(run_app(store=None, demo=True))
"""


def test_the_demo_removes_its_temporary_folder_on_exit(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(scratch),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # the app's settings: not the person's
        "QT_QPA_PLATFORM": "offscreen",
        "LISTENING_POST_KEYRING": "0",
    }
    done = subprocess.run(
        [sys.executable, "-c", _RUN_DEMO_THEN_QUIT],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "open: listening-post-demo-" in done.stdout  # it was there while the app ran
    assert list(scratch.iterdir()) == []
