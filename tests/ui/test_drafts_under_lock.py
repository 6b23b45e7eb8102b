"""Typing is never lost to another writer's lock: draft saves retry, closing saves or asks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from domain.drafts import load_draft
from models import database
from models.database import open_store
from models.entities import Activity
from tests.conftest import NO_KEYRING, PASSPHRASE
from tests.ui.conftest import wait_idle
from tests.ui.test_capture import open_first_activity
from ui.capture.draft_keeper import capture_slot
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
# Another process takes the store's write lock and holds it until told to let go.
_HOLDER = """
import sys
from pathlib import Path
from models.integrity import data_key_for, raw_connection
path = Path(sys.argv[1])
connection = raw_connection(path, data_key_for(path, sys.argv[2]))
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("COMMIT")
print("released", flush=True)
"""


class LockHolder:
    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path), PASSPHRASE],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "locked\n"

    def release(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline() == "released\n"
        self.process.wait(timeout=10)


@pytest.fixture
def quick_window(sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    # A short busy timeout, so the lock outlasts it within a test (the store's own is 30 s).
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    assert sample_window.services is not None
    sample_window.services.store.engine.dispose()  # new connections take the short timeout
    return sample_window


def _draft_body(store_path: Path, slot: str) -> str | None:
    store = open_store(store_path, PASSPHRASE, keyring=NO_KEYRING)
    try:
        with store.read_session() as session:
            draft = load_draft(session, slot=slot)
    finally:
        store.close()
    return None if draft is None else draft.body


def test_a_draft_save_that_meets_the_lock_is_retried(
    qtbot: QtBot, quick_window: MainWindow
) -> None:
    window = quick_window
    store_path = window.services.store.path
    page = open_first_activity(qtbot, window)
    slot = capture_slot(page.activity.id)
    holder = LockHolder(store_path)
    qtbot.keyClicks(page.box.text, "They closed the clinic on Tuesdays")
    qtbot.waitUntil(lambda: page.drafts._retry.isActive(), timeout=5000)  # it met the lock
    assert page.drafts.unsaved()
    holder.release()
    with qtbot.waitSignal(page.drafts.saved, timeout=5000):
        pass
    assert not page.drafts.unsaved()
    wait_idle(qtbot, window)
    assert _draft_body(store_path, slot) == "They closed the clinic on Tuesdays"


def test_closing_with_unsaved_typing_asks_and_then_saves(
    qtbot: QtBot, quick_window: MainWindow
) -> None:
    window = quick_window
    store_path = window.services.store.path
    page = open_first_activity(qtbot, window)
    slot = capture_slot(page.activity.id)
    asked: list[bool] = []

    def keep_open(_parent: object) -> bool:
        asked.append(True)
        return False

    page.drafts.ask_close_unsaved = keep_open
    holder = LockHolder(store_path)
    qtbot.keyClicks(page.box.text, "Buses stop at six")
    window.close()  # before the draft timer: the text is in no store yet
    assert asked == [True]
    assert window.services is not None and window.isVisible()  # still open, text still there
    assert page.box.state()["body"] == "Buses stop at six"
    holder.release()
    window.close()
    assert asked == [True]  # saved this time, so no question
    assert window.services is None
    assert _draft_body(store_path, slot) == "Buses stop at six"


def test_reading_a_list_does_not_wait_for_another_writer(
    qtbot: QtBot, quick_window: MainWindow
) -> None:
    window = quick_window
    assert window.services is not None
    holder = LockHolder(window.services.store.path)
    try:
        # A GUI-thread read while another process holds the write lock: answered at once.
        count = window.services.read(lambda s: s.scalar(select(func.count()).select_from(Activity)))
        assert count == 6
    finally:
        holder.release()
