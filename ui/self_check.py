"""The GUI part of `--self-test`: the window opens on a store, paints, and finds its icon."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtWidgets import QApplication

from ui.unlock.store_access import StoreAccess


def check_window(store: Path) -> str | None:
    """Opens the main window on `store` (passphrase from the environment); what failed, or None."""
    from ui.app import build_main_window, ensure_application

    app = ensure_application()
    if QGuiApplication.platformName() == "":
        return "Qt found no platform plugin"
    if b"svg" not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
        return "Qt's SVG image plugin is missing"
    if app.windowIcon().isNull():
        return "the app icon is missing"
    with tempfile.TemporaryDirectory(prefix="lp-self-test-settings-") as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_main_window(access=StoreAccess(store), qsettings=settings)
        try:
            window.resize(1366, 768)
            window.show()
            window.start()
            QApplication.processEvents()
            if window.services is None or window.locked:
                return "the window did not open the store"
            if window.grab().isNull():
                return "the window did not paint"
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            QApplication.processEvents()
    return None
