"""File → Back up… and the Data held page, as people use them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.backup import restore
from models.database import Store, open_store
from sync.digest import state_digest
from tests.conftest import NO_KEYRING, PASSPHRASE
from tests.ui.conftest import WindowFactory, wait_idle
from ui.privacy.backup_actions import PassphraseTwice
from ui.privacy.data_held_page import DataHeldPage

BACKUP_PASSPHRASE = "backup passphrase 42"


class Answers:
    """Stands in for the file and passphrase dialogs."""

    def __init__(self, path: str, passphrase: str) -> None:
        self.path, self.passphrase = path, passphrase

    def backup_file(self, parent: QWidget, suggested: str) -> str:
        assert suggested.endswith(".lpbackup")
        return self.path

    def backup_passphrase(self, parent: QWidget) -> str:
        return self.passphrase


def test_back_up_from_the_file_menu_restores_to_the_same_record(
    qtbot: QtBot, make_window: WindowFactory, sample_store: Store, tmp_path: Path
) -> None:
    window = make_window(store=sample_store)
    assert "No backup yet" in window.statusBar().currentMessage()
    assert window.backup.backup_action in window.file_menu.actions()
    window.backup.dialogs = Answers(str(tmp_path / "b.lpbackup"), BACKUP_PASSPHRASE)
    window.backup.backup_action.trigger()
    wait_idle(qtbot, window)
    assert "Backed up to b.lpbackup" in window.statusBar().currentMessage()

    restore(
        tmp_path / "b.lpbackup",
        tmp_path / "r.lpstore",
        BACKUP_PASSPHRASE,
        new_passphrase=PASSPHRASE,
    )
    restored = open_store(tmp_path / "r.lpstore", PASSPHRASE, keyring=NO_KEYRING)
    try:
        with restored.session() as a, sample_store.session() as b:
            assert state_digest(a) == state_digest(b)
    finally:
        restored.close()
    window.backup.remind()
    assert "No backup" not in window.statusBar().currentMessage()


def test_the_passphrase_dialog_checks_before_accepting(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = PassphraseTwice(parent)
    dialog.first.setText("long enough passphrase")
    dialog.second.setText("a different one")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == 0 and "differ" in dialog.problem.text()
    dialog.second.setText("long enough passphrase")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    for field in (dialog.first, dialog.second):
        assert field.accessibleName()


def test_data_held_page_lists_what_the_store_holds(
    qtbot: QtBot, make_window: WindowFactory, sample_store: Store
) -> None:
    window = make_window(store=sample_store)
    page = window.show_page("data-held")
    assert isinstance(page, DataHeldPage)
    assert page.status.text() == "Counting…"  # shown at once; counted on the task runner
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    assert page.status.isHidden()
    assert page.refresh_button.isEnabled()
    kinds = [page.table.item(row, 0).text() for row in range(page.table.rowCount())]
    assert kinds[:3] == ["Notes", "Notes in the bin", "Activities"]
    assert page.table.item(0, 1).text() == "48"
    assert "tagged to excluded groups" in page.facts.text()
    assert "this computer" in page.copies.text()
