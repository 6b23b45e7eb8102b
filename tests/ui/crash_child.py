"""A real app process for the kill test: types a draft (and saves a note), or reports the offer.

Run as `python -m tests.ui.crash_child STORE SETTINGS type|report`; the passphrase comes from
LISTENING_POST_PASSPHRASE. It prints only markers and hashes, never the typed text.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LISTENING_POST_KEYRING"] = "0"

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest

from models.keys import KeyringCache
from sync.core import install as install_op_capture
from ui.app import build_main_window, ensure_application
from ui.capture.capture_page import CapturePage
from ui.unlock.store_access import StoreAccess

SAVED_NOTE = "A note saved before the crash"
DRAFT = "A draft typed, never saved, then the power went"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def main(store: str, settings: str, mode: str) -> int:
    install_op_capture()  # an entry point of its own, like main.py
    app = ensure_application()
    access = StoreAccess(Path(store), keyring=KeyringCache(enabled=False))
    window = build_main_window(
        access=access, qsettings=QSettings(settings, QSettings.Format.IniFormat)
    )
    window.show()
    window.start()
    page = window.page("capture")
    assert isinstance(page, CapturePage)

    def type_then_wait() -> None:
        window.activateWindow()
        QTest.qWaitForWindowActive(window)  # shortcuts only reach the active window
        window.open_activity(window.pages["activities"].selected_activity_id())
        QTest.keyClicks(page.box.text, SAVED_NOTE)
        QTest.keyClick(page.box.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        page.box.text.setFocus()
        QTest.keyClicks(page.box.text, DRAFT)
        QTest.keyClick(page.box.text, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
        print("typed", flush=True)  # now the parent waits for the draft, then kills us

    def report() -> None:
        print(
            json.dumps(
                {
                    "banner": page.banner.isVisible(),
                    "activity_id": page.activity.id if page.activity else None,
                    "body": digest(page.box.text.toPlainText()),
                    "principles": page.box.state()["principles"],
                }
            ),
            flush=True,
        )
        window.close()
        app.quit()

    QTimer.singleShot(0, type_then_wait if mode == "type" else report)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
