"""The notes list: inline edit, tag, delete to the bin, undo/redo, restore; all via the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from domain.notes import get_note, list_notes
from tests.ui.conftest import wait_idle
from tests.ui.test_capture import open_first_activity
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def note(window: MainWindow, note_id: str):
    return window.services.read(lambda s: get_note(s, note_id=note_id))


def test_edit_tag_delete_undo_redo_and_restore(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    table = page.table
    table.setFocus()
    table.selectRow(0)
    target = page.selected_note()
    assert target is not None
    original = target.body

    # Inline edit: F2, type, Enter.
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Edited by keyboard")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.services.undo_stack.count() == 1)  # the commit is queued
    wait_idle(qtbot, window)
    assert note(window, target.id).body == "Edited by keyboard"

    # Tag: Alt+7 toggles principle 7 on the selected note.
    had_seven = 7 in note(window, target.id).principle_numbers
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_7, ALT)
    wait_idle(qtbot, window)
    assert (7 in note(window, target.id).principle_numbers) is not had_seven

    # Delete to the bin.
    page.select_note(target.id)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    wait_idle(qtbot, window)
    assert note(window, target.id).deleted
    assert page.model.row_of(target.id) == -1

    # Undo three times: back in the list, tag back, text back.
    for _ in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
        wait_idle(qtbot, window)
    restored = note(window, target.id)
    assert not restored.deleted and restored.body == original
    assert (7 in restored.principle_numbers) is had_seven
    assert page.model.row_of(target.id) >= 0

    # Redo all three.
    for _ in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Z, CTRL | SHIFT)
        wait_idle(qtbot, window)
    again = note(window, target.id)
    assert again.deleted and again.body == "Edited by keyboard"

    # Restore from the bin, by keyboard.
    qtbot.keyClick(table, Qt.Key.Key_B, ALT)  # "Show the &bin"
    qtbot.waitUntil(page.show_bin.isChecked)  # a mnemonic clicks after a short animation
    assert page.select_note(target.id)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_R, CTRL)
    wait_idle(qtbot, window)
    assert not note(window, target.id).deleted
    assert page.model.row_of(target.id) == -1  # gone from the bin view


def test_a_blank_edit_is_refused_and_changes_nothing(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = open_first_activity(qtbot, sample_window)
    page.table.selectRow(0)
    target = page.selected_note()
    index = page.model.index(0, 1)
    assert not page.model.setData(index, "   ")
    wait_idle(qtbot, sample_window)
    assert note(sample_window, target.id).body == target.body
    assert sample_window.services.undo_stack.count() == 0


def test_saved_notes_survive_closing_the_window(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    activity_id = page.activity.id
    store = window.services.store
    qtbot.keyClicks(page.box.text, "Saved just before closing")
    qtbot.keyClick(page.box.text, Qt.Key.Key_Return, CTRL)
    window.shutdown()  # the queued save still runs before the store closes
    from models.database import open_store
    from tests.conftest import NO_KEYRING, PASSPHRASE

    reopened = open_store(store.path, PASSPHRASE, keyring=NO_KEYRING)
    with reopened.session() as session:
        bodies = [n.body for n in list_notes(session, activity_id=activity_id)]
    reopened.close()
    assert "Saved just before closing" in bodies
