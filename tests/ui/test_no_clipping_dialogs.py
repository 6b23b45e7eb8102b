"""Every dialog the app opens free of clipped labels and buttons, with its buttons in view, at
1366×768 and 1280×720, at 100% and 200% text, in each theme: the note editor, the activity
form, export and import, the passphrase and backup dialogs, keeping and erasing records, the
recovery phrase, Easy Read pictures, adding to a theme and About."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from models.database import Store
from tests.ui.conftest import WindowFactory, wait_idle
from tests.ui.test_no_clipping import (
    SCREENS,
    WINDOW_CHROME,
    clipped_on,
    kept_theme,
    sized_text,
)
from tests.ui.test_room_at_laptop_sizes import _buttons_outside_scrolling, _check, _other_dialogs
from ui.activities.activity_form import ActivityForm
from ui.capture.note_editor import NoteEditor
from ui.design.tokens import ThemeName, current_theme
from ui.main_window import MainWindow


@pytest.fixture(params=list(ThemeName), ids=[theme.value for theme in ThemeName])
def theme(request: pytest.FixtureRequest, qsettings: QSettings) -> Iterator[ThemeName]:
    yield from kept_theme(qsettings, request.param)


@pytest.fixture(params=[1.0, 2.0], ids=["100%", "200%"])
def text_size(request: pytest.FixtureRequest) -> Iterator[float]:
    yield from sized_text(request.param)


def _retention_dialogs(window: MainWindow) -> dict[str, QDialog]:
    from app.retention import retention_view
    from domain.retention import RecordKind
    from domain.retention_due import Due
    from ui.privacy.restore_actions import BackupPassphrase
    from ui.privacy.retention_section import PurgeDialog, RulesDialog

    assert window.services is not None
    view = retention_view(window.services.store)
    due = tuple(Due(kind, kind.name.title(), 3, None, (("note", "a"),), "") for kind in RecordKind)
    return {
        "how long records are kept": RulesDialog(window, view.rules),
        "erase what is due": PurgeDialog(window, due),
        "restore passphrase": BackupPassphrase(window),
    }


def _every_dialog(qtbot: QtBot, window: MainWindow) -> dict[str, QDialog]:
    activities = window.show_page("activities")
    window.open_activity(activities.selected_activity_id())
    wait_idle(qtbot, window)
    page = window.pages["capture"]
    page.table.selectRow(0)
    page.notes.open_editor()
    editor = page.notes.editor
    assert isinstance(editor, NoteEditor)
    editor.hide()
    window.show_page("activities")
    activities.new_activity()
    form = activities.form
    assert isinstance(form, ActivityForm)
    form.hide()
    return {
        "note editor": editor,
        "activity form": form,
        **_other_dialogs(window),
        **_retention_dialogs(window),
    }


def _shown_in(dialog: QDialog, room_w: int, room_h: int) -> None:
    hint = dialog.sizeHint()
    dialog.resize(min(max(hint.width(), dialog.width()), room_w), min(hint.height(), room_h))
    dialog.show()
    QApplication.processEvents()


def test_no_dialog_clips_a_label_or_button(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_store: Store,
    theme: ThemeName,
    text_size: float,
) -> None:
    window = make_window(store=sample_store)
    assert current_theme() is theme
    dialogs = _every_dialog(qtbot, window)
    problems: dict[str, object] = {}
    for width, height in SCREENS:
        room_w, room_h = width, height - WINDOW_CHROME
        window.resize(room_w, room_h)
        wait_idle(qtbot, window)
        for name, dialog in dialogs.items():
            _shown_in(dialog, room_w, room_h)
            where = f"{name}: {theme.value} at {width}×{height}, {text_size:.0%} text"
            assert dialog.width() <= room_w and dialog.height() <= room_h, where
            found = clipped_on(dialog)
            if found:
                problems[where] = found
            _check(_buttons_outside_scrolling(dialog), where)
            dialog.hide()
    for dialog in dialogs.values():
        dialog.reject()
    assert not problems
