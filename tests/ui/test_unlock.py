"""First run, unlock with right and wrong passphrases, and the idle lock hiding everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.database import open_store
from models.keys import key_file_for
from tests.conftest import NO_KEYRING, PASSPHRASE, copy_store
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory
from ui.unlock.first_run_page import FirstRunPage
from ui.unlock.strength import passphrase_strength
from ui.unlock.unlock_page import UnlockPage


def test_first_run_creates_an_encrypted_store(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    path = tmp_path / "new" / "store.lpstore"
    window = make_window(path=path)
    page = window.stack.currentWidget()
    assert isinstance(page, FirstRunPage)
    assert_accessible(window)

    qtbot.keyClicks(page.passphrase, "tide lantern orchard")
    assert "fair" in page.strength.text() or "strong" in page.strength.text()
    qtbot.keyClicks(page.confirm, "tide lantern orchardX")
    page.organisation.setText("Healthwatch Leeds")
    qtbot.keyClick(page.organisation, Qt.Key.Key_Return)
    assert "differ" in page.message.text() and window.services is None
    assert not path.exists()

    page.confirm.clear()
    qtbot.keyClicks(page.confirm, "tide lantern orchard")
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    assert window.services is not None
    assert path.exists() and key_file_for(path).exists()
    window.shutdown()
    reopened = open_store(path, "tide lantern orchard", keyring=NO_KEYRING)
    assert reopened.organisation() == "Healthwatch Leeds"
    reopened.close()


def test_unlock_refuses_a_wrong_passphrase_then_opens(
    qtbot: QtBot, make_window: WindowFactory, empty_template: Path, tmp_path: Path
) -> None:
    path = copy_store(empty_template, tmp_path / "store")
    window = make_window(path=path)
    page = window.stack.currentWidget()
    assert isinstance(page, UnlockPage)
    assert_accessible(window)
    qtbot.keyClicks(page.passphrase, "not the passphrase")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert "wrong passphrase or damaged file" in page.message.text()
    assert page.passphrase.text() == ""  # never left lying in the field
    assert window.services is None

    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert window.services is not None
    assert window.stack.currentWidget() is window.workspace


def test_idle_lock_hides_content_until_the_passphrase_is_typed(
    qtbot: QtBot, make_window: WindowFactory, sample_store
) -> None:
    window = make_window(store=sample_store)
    assert window.preferences.auto_lock_minutes == 10
    window.idle.set_interval_ms(50)
    qtbot.waitUntil(lambda: window.locked, timeout=5000)
    assert not window.workspace.isVisible()
    assert not window.undo_action.isEnabled() and not window.lock_action.isEnabled()
    page = window.stack.currentWidget()
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, "wrong guess here")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert window.locked and "wrong passphrase" in page.message.text()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert not window.locked and window.workspace.isVisible()
    assert window.idle.is_counting()


def test_typing_keeps_the_window_unlocked(
    qtbot: QtBot, make_window: WindowFactory, sample_store
) -> None:
    window = make_window(store=sample_store)
    window.idle.set_interval_ms(1000)
    page = window.show_page("activities")
    for _ in range(10):  # keep typing for longer than the idle time, in short steps
        qtbot.keyClick(page.search, Qt.Key.Key_A)
        qtbot.wait(150)
        assert not window.locked
    qtbot.waitUntil(lambda: window.locked, timeout=5000)


def test_strength_hint_words() -> None:
    assert passphrase_strength("short").word == "too short"
    assert passphrase_strength("password1").word == "weak"
    assert passphrase_strength("copper kettle marsh violin").word == "strong"
