"""File → Restore from backup…: a backup restored beside the open store, checked, then opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.backup import back_up
from models.database import Store, open_store
from sync.digest import state_digest
from tests.conftest import NO_KEYRING
from tests.ui.conftest import WindowFactory, wait_idle

BACKUP_PASSPHRASE = "backup passphrase 42"
NEW_PASSPHRASE = "restored store passphrase 7"


class Answers:
    """Stands in for the file, passphrase and question dialogs."""

    def __init__(self, backup: Path, target: Path, passphrase: str = BACKUP_PASSPHRASE) -> None:
        self.backup, self.target, self.passphrase = backup, target, passphrase
        self.summaries: list[str] = []

    def backup_to_restore(self, parent: QWidget) -> str:
        return str(self.backup)

    def backup_passphrase(self, parent: QWidget) -> str:
        return self.passphrase

    def new_store_file(self, parent: QWidget, suggested: str) -> str:
        assert suggested.endswith(".lpstore")
        return str(self.target)

    def new_store_passphrase(self, parent: QWidget) -> str:
        return NEW_PASSPHRASE

    def offer_to_open(self, parent: QWidget, summary: str) -> bool:
        self.summaries.append(summary)
        return True


def test_restore_from_the_file_menu_then_open_it(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_store: Store,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    back_up(sample_store, tmp_path / "b.lpbackup", BACKUP_PASSPHRASE)
    window = make_window(store=sample_store)
    action = window.restore.restore_action
    assert action in window.file_menu.actions() and action.isEnabled()
    answers = Answers(tmp_path / "b.lpbackup", tmp_path / "restored" / "r.lpstore")
    opened: list[Path] = []
    window.restore.dialogs, window.restore.opener = answers, opened.append
    action.trigger()
    wait_idle(qtbot, window)

    assert messages == [] and opened == [answers.target]
    assert "syncs as a new device" in answers.summaries[0]
    assert "Backup restored to r.lpstore" in window.statusBar().currentMessage()
    restored = open_store(answers.target, NEW_PASSPHRASE, keyring=NO_KEYRING)
    try:
        with restored.session() as a, sample_store.session() as b:
            assert state_digest(a) == state_digest(b)
        assert restored.device_id != sample_store.device_id
    finally:
        restored.close()


def test_a_damaged_backup_is_refused_with_its_reason(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_store: Store,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    backup = tmp_path / "b.lpbackup"
    back_up(sample_store, backup, BACKUP_PASSPHRASE)
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    window = make_window(store=sample_store)
    answers = Answers(backup, tmp_path / "r.lpstore")
    window.restore.dialogs, window.restore.opener = answers, lambda _path: None
    window.restore.restore_action.trigger()
    wait_idle(qtbot, window)
    assert len(messages) == 1 and "damaged" in messages[0][1]
    assert answers.summaries == [] and not answers.target.exists()


def test_restore_works_before_any_store_is_open(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_store: Store,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    back_up(sample_store, tmp_path / "b.lpbackup", BACKUP_PASSPHRASE)
    window = make_window(path=tmp_path / "never-made.lpstore")  # the first-run page
    assert window.services is None and window.restore.restore_action.isEnabled()
    answers = Answers(tmp_path / "b.lpbackup", tmp_path / "r.lpstore")
    opened: list[Path] = []
    window.restore.dialogs, window.restore.opener = answers, opened.append
    window.restore.restore_action.trigger()
    assert messages == [] and opened == [answers.target]
    open_store(answers.target, NEW_PASSPHRASE, keyring=NO_KEYRING).close()
