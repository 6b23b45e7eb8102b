"""Times the real main window's pages until their first data is shown (for `bench screens`)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from domain.activities import list_activities
from models.database import open_store
from models.keys import KeyringCache
from ui.app import build_main_window
from ui.main_window import MainWindow
from ui.remembered import KEEP_WIDTHS_TIMER

TIMEOUT_S = 60.0


def application() -> QCoreApplication:
    return QApplication.instance() or QApplication([])


def settle(window: MainWindow, page: QWidget | None) -> None:
    """Process events until the runner is idle and no short single-shot timer of the page (a
    debounce before its first search) is still waiting. The timer that writes column widths
    behind a drag is not one: the page's data is already shown."""
    assert window.services is not None
    runner = window.services.runner
    deadline = time.perf_counter() + TIMEOUT_S
    while time.perf_counter() < deadline:
        QApplication.processEvents()
        waiting = page is not None and any(
            t.isActive() and t.isSingleShot() and t.interval() <= 1000
            for t in page.findChildren(QTimer)
            if t.objectName() != KEEP_WIDTHS_TIMER
        )
        if runner.is_idle() and not waiting:
            QApplication.processEvents()  # the last callback's own follow-up work
            if runner.is_idle():
                return
        time.sleep(0.001)
    raise RuntimeError("a page did not finish loading within a minute")


def visit(window: MainWindow, key: str, activity_id: str) -> float:
    """Milliseconds from asking for the page to its first data shown."""
    started = time.perf_counter()
    if key == "capture":
        window.open_activity(activity_id)
    else:
        window.show_page(key)
    settle(window, window.pages[key])
    return (time.perf_counter() - started) * 1000


def open_window(path: Path, passphrase: str, folder: Path) -> tuple[MainWindow, str]:
    """The main window at 1366×768 on the store at path (settings kept in folder), and the id
    of its newest activity."""
    store = open_store(path, passphrase, keyring=KeyringCache(enabled=False))
    settings = QSettings(str(folder / f"{path.stem}.ini"), QSettings.Format.IniFormat)
    window = build_main_window(access=None, qsettings=settings, message_box=lambda *_: None)
    window.resize(1366, 768)
    window.show()
    window.start(store)
    settle(window, None)
    with store.read_session() as session:
        activity_id = list_activities(session)[0].id
    return window, activity_id
