"""Starts the Qt application on a store (the real one, or a throwaway demo store)."""

from __future__ import annotations

import secrets
import socket
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from cli.context import store_path
from domain.sample_data import generate_sample_data
from models.database import Store, StoreError, create_store, open_store
from models.keys import KeyringCache
from ui.main_window import MainWindow


def open_demo_store() -> Store:
    folder = Path(tempfile.mkdtemp(prefix="listening-post-demo-"))
    store = create_store(
        folder / "demo.lpstore",
        secrets.token_urlsafe(24),
        device_name="Demo laptop",
        organisation="Demo Healthwatch",
        keyring=KeyringCache(enabled=False),
    )
    with store.session() as session:
        generate_sample_data(session, activities=24, notes_per_activity=20, seed=7)
    return store


def ask_and_open(path: Path) -> Store | None:
    while True:
        passphrase, ok = QInputDialog.getText(
            None, "Unlock Listening Post", f"Passphrase for {path.name}:", QLineEdit.Password
        )
        if not ok:
            return None
        try:
            return open_store(path, passphrase)
        except StoreError as error:
            QMessageBox.warning(None, "Could not open the store", str(error))


def ask_and_create(path: Path) -> Store | None:
    passphrase, ok = QInputDialog.getText(
        None, "Create a store", "Choose a passphrase (8 or more characters):", QLineEdit.Password
    )
    if not ok:
        return None
    return create_store(path, passphrase, device_name=socket.gethostname())


def run_app(*, store: str | None, demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Listening Post")
    if demo:
        opened: Store | None = open_demo_store()
    else:
        path = store_path(store)
        opened = ask_and_open(path) if path.exists() else ask_and_create(path)
    if opened is None:
        return 0
    window = MainWindow(opened)
    window.show()
    try:
        return int(app.exec())
    finally:
        opened.close()
