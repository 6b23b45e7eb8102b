"""At the commonest laptop screens (1366×768, 1280×720) and 100% or 125% scaling, every page and
dialog shows its primary actions and its messages without scrolling.

125% scaling leaves a window 1/1.25 as many device-independent pixels, which is what Qt lays
out in, so it is tested as the smaller logical size. A title bar and a taskbar take ~70 px.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from tests.ui.test_capture import CTRL, open_first_activity
from ui.activities.activity_form import ActivityForm
from ui.capture.note_editor import NoteEditor
from ui.main_window import MainWindow

SCREENS = [(1366, 768, 1.0), (1280, 720, 1.0), (1366, 768, 1.25), (1280, 720, 1.25)]
WINDOW_CHROME = 70  # title bar and taskbar


def _room(width: int, height: int, scale: float) -> tuple[int, int]:
    return int(width / scale), int(height / scale) - WINDOW_CHROME


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _hidden_part(widget: QWidget) -> str | None:
    """None when the whole widget is on screen, else what is wrong (for the failure message)."""
    if not widget.isVisible():
        return "not shown"
    seen = widget.visibleRegion().boundingRect()
    if seen.size() != widget.size():
        return f"only {seen.width()}×{seen.height()} of {widget.width()}×{widget.height()} seen"
    window = widget.window()
    corner = widget.mapTo(window, widget.rect().bottomRight())
    if not window.rect().contains(corner):
        return "below or beside the window's edge"
    return None


def _check(widgets: dict[str, QWidget], where: str) -> None:
    problems = {name: _hidden_part(w) for name, w in widgets.items()}
    assert not {k: v for k, v in problems.items() if v}, where


def _buttons_outside_scrolling(page: QWidget) -> dict[str, QWidget]:
    """Every button a page shows outside a scrolling area: each must be wholly in view."""
    return {
        f"{b.text()!r}": b
        for b in page.findChildren(QPushButton)
        if b.isVisibleTo(page) and not _in_scroll_area(b, page)
    }


@pytest.mark.parametrize(("width", "height", "scale"), SCREENS)
def test_every_page_shows_its_actions_and_messages(
    qtbot: QtBot, sample_window: MainWindow, width: int, height: int, scale: float
) -> None:
    window = sample_window
    window.resize(*_room(width, height, scale))
    page = open_first_activity(qtbot, window)
    # Capture: Save, its messages, and the identifier warning that must not push the form.
    qtbot.keyClick(page.box.text, Qt.Key.Key_Return, CTRL)  # empty: "Error: type the note…"
    wait_idle(qtbot, window)
    qtbot.keyClicks(page.box.text, "ring ")
    qtbot.wait(300)  # the layout settles, the identifier check runs: nothing flagged yet
    kind_at = page.box.kind.mapTo(window, page.box.kind.rect().topLeft())
    qtbot.keyClicks(page.box.text, "07700 900123")
    qtbot.waitUntil(lambda: page.box.warning.isVisible())
    # The warning comes without pushing the form below it down.
    assert page.box.kind.mapTo(window, page.box.kind.rect().topLeft()) == kind_at
    _check(
        {
            "Save note": page.box.save_button,
            "status": page.status,
            "warning": page.box.warning,
            "Redact": page.box.redact_button,
        },
        f"capture at {width}×{height} {scale:.0%}",
    )
    for key in window.page_specs:
        shown = window.show_page(key)
        assert shown is not None
        QApplication.processEvents()
        _check(_buttons_outside_scrolling(shown), f"{key} at {width}×{height} {scale:.0%}")


@pytest.mark.parametrize(("width", "height", "scale"), SCREENS)
def test_the_dialogs_show_their_save_buttons_and_messages(
    qtbot: QtBot, sample_window: MainWindow, width: int, height: int, scale: float
) -> None:
    window = sample_window
    room_w, room_h = _room(width, height, scale)
    window.resize(room_w, room_h)
    page = open_first_activity(qtbot, window)
    page.table.selectRow(0)
    page.notes.open_editor()
    editor = page.notes.editor
    assert isinstance(editor, NoteEditor)
    editor.resize(min(editor.width(), room_w), min(editor.height(), room_h))
    editor.box.text.clear()
    editor.save()  # empty: "Error: a note needs some text."
    QApplication.processEvents()
    _check(
        {"Save changes": editor.box.save_button, "message": editor.message},
        f"note editor at {width}×{height} {scale:.0%}",
    )
    editor.reject()
    activities = window.show_page("activities")
    qtbot.keyClick(activities.new_button, Qt.Key.Key_Space)
    form = activities.form
    assert isinstance(form, ActivityForm)
    form.resize(min(form.width(), room_w), min(form.height(), room_h))
    form.save()  # no title: "Error: Title: an activity needs a title"
    wait_idle(qtbot, window)
    save = form.findChild(QPushButton, "") or None
    buttons = {b.text(): b for b in form.findChildren(QPushButton) if b.isVisibleTo(form)}
    save = next(b for text, b in buttons.items() if "Save" in text)
    _check({"Save": save, "message": form.message}, f"activity form at {width}×{height}")
    form.reject()


def _other_dialogs(window: MainWindow) -> dict[str, QDialog]:
    """Every other dialog of the app, filled as people meet it (long lists included)."""
    from domain.themes import theme_titles
    from sync.setup import CreatedKey
    from ui.about_dialog import AboutDialog
    from ui.exchange.export_choice import ExportChoiceDialog
    from ui.exchange.import_problems import ImportProblemsDialog
    from ui.privacy.backup_actions import PassphraseTwice
    from ui.selection_picker import read_choices
    from ui.sync.recovery_phrase_dialog import RecoveryPhraseDialog
    from ui.themes.add_to_theme import AddToThemeDialog
    from ui.themes.picture_picker import PicturePickerDialog

    assert window.services is not None
    choices = window.services.read(read_choices)
    themes = window.services.read(theme_titles)
    created = CreatedKey(
        Path("/media/usb/organisation.lpkey"), "AB12 CD34 EF56", " ".join(["word"] * 24)
    )
    problems = [f"Notes!C{row}: unknown group 'carers of carers'" for row in range(2, 300)]
    return {
        "about": AboutDialog(window, notices="Third-party notices\n" * 400),
        "picture picker": PicturePickerDialog("doctor", window),
        "add to theme": AddToThemeDialog(window, themes, note_count=12),
        "import problems": ImportProblemsDialog(window, "notes.xlsx", "298 problems", problems),
        "export choice": ExportChoiceDialog(choices, window),
        "recovery phrase": RecoveryPhraseDialog(created, None, window),  # type: ignore[arg-type]
        "backup passphrase": PassphraseTwice(window),
    }


@pytest.mark.parametrize(("width", "height", "scale"), SCREENS)
def test_every_other_dialog_shows_its_buttons(
    qtbot: QtBot, sample_window: MainWindow, width: int, height: int, scale: float
) -> None:
    room_w, room_h = _room(width, height, scale)
    sample_window.resize(room_w, room_h)
    for name, dialog in _other_dialogs(sample_window).items():
        dialog.resize(
            min(dialog.sizeHint().width(), room_w), min(dialog.sizeHint().height(), room_h)
        )
        dialog.show()
        QApplication.processEvents()
        assert dialog.width() <= room_w and dialog.height() <= room_h, name
        buttons = _buttons_outside_scrolling(dialog)
        assert buttons, f"{name} shows no button"
        _check(buttons, f"{name} at {width}×{height} {scale:.0%}")
        dialog.reject()
