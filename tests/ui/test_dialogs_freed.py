"""Dialogs do not pile up: each one asked is deleted once answered, and the note editor and the
activity form keep only the last one, however often people open them in a day."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from tests.ui.test_capture import open_first_activity
from ui.about_dialog import AboutDialog, install_about
from ui.activities.activity_form import ActivityForm
from ui.capture.note_editor import NoteEditor
from ui.main_window import MainWindow
from ui.privacy.backup_actions import PassphraseTwice
from ui.widgets import answered


def _deleted_later() -> None:
    """What the app's event loop does between two clicks: delete what was handed over."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_note_editor_opened_again_and_again_keeps_one(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = open_first_activity(qtbot, sample_window)
    for row in range(4):
        page.table.selectRow(row)
        page.notes.open_editor()
        editor = page.notes.editor
        assert isinstance(editor, NoteEditor) and editor.isVisible()
        editor.reject()
        _deleted_later()
    assert page.notes.findChildren(NoteEditor) == [page.notes.editor]


def test_the_activity_form_opened_again_and_again_keeps_one(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    activities = sample_window.show_page("activities")
    for _ in range(3):
        activities.new_activity()
        activities.edit_selected()
        assert isinstance(activities.form, ActivityForm) and activities.form.isVisible()
        activities.form.reject()
        _deleted_later()
    wait_idle(qtbot, sample_window)
    assert activities.findChildren(ActivityForm) == [activities.form]


def test_an_answered_dialog_is_read_then_deleted(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = PassphraseTwice(parent)
    gone: list[bool] = []
    dialog.destroyed.connect(lambda: gone.append(True))

    def type_and_accept() -> None:
        dialog.first.setText("a long enough passphrase here")
        dialog.second.setText("a long enough passphrase here")
        dialog.accept()

    QTimer.singleShot(0, type_and_accept)
    accepted = answered(dialog)
    assert accepted and dialog.first.text() == "a long enough passphrase here"  # still readable
    _deleted_later()
    assert gone == [True]
    assert parent.findChildren(PassphraseTwice) == []


def test_about_asked_twice_leaves_no_dialog_behind(qtbot: QtBot, sample_window: MainWindow) -> None:
    about = install_about(sample_window, sample_window.help_menu)  # as the app's start does

    def close_it() -> None:
        shown = QApplication.activeModalWidget()
        assert isinstance(shown, AboutDialog)
        shown.reject()

    for _ in range(2):
        QTimer.singleShot(0, close_it)
        about.trigger()
        _deleted_later()
    assert sample_window.findChildren(AboutDialog) == []
