"""A new store's empty lists say what to do next, with the key that does it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from models.database import Store
from tests.ui.conftest import WindowFactory, wait_idle
from ui.activities.activity_form import ActivityForm


def test_a_new_store_says_what_to_do_next_at_each_step(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store
) -> None:
    window = make_window(store=empty_store)
    page = window.show_page("activities")
    assert page.empty.isVisible() and "Ctrl+N" in page.empty.text()
    qtbot.keyClick(page.open_button, Qt.Key.Key_Space)  # Open for capture, nothing there
    assert "press Ctrl+N to add one" in page.message.text()
    capture = window.show_page("capture")
    assert "Choose an activity" in capture.stack.currentWidget().findChild(type(page.empty)).text()
    window.show_page("activities")
    qtbot.keyClick(page.new_button, Qt.Key.Key_Space)  # New activity (Ctrl+N)
    form = page.form
    assert isinstance(form, ActivityForm)
    qtbot.keyClicks(form.title_edit, "First drop-in")
    form.save()
    wait_idle(qtbot, window)
    notes = window.pages["capture"].notes
    assert notes.empty.isVisible() and "Ctrl+Enter" in notes.empty.text()
    window.show_page("activities")
    assert not page.empty.isVisible()
    qtbot.keyClicks(page.search, "nothing like this")
    page.apply_filters()
    assert page.empty.isVisible() and "No activity matches" in page.empty.text()
    find = window.show_page("find")
    qtbot.keyClicks(find.query, "nothing like this")
    find.run_search()
    assert "No notes match: try fewer" in find.summary.text()
    page = window.show_page("activities")
    page.search.clear()
    page.apply_filters()
    page.table.clearSelection()
    qtbot.keyClick(page.open_button, Qt.Key.Key_Space)
    assert "Choose an activity in the list first" in page.message.text()


def test_an_empty_list_shows_an_icon_a_sentence_and_the_next_action(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store
) -> None:
    from ui.empty_state import EmptyState

    window = make_window(store=empty_store)
    page = window.show_page("activities")
    empty = page.empty
    assert isinstance(empty, EmptyState) and empty.isVisible()
    assert not empty.icon.pixmap().isNull()  # drawn from the icon library when first shown
    assert empty.icon.pixmap().height() >= empty.fontMetrics().height() * 2 - 1
    assert empty.action.isVisible() and "Ctrl+N" in empty.action.text()
    assert empty.accessibleName() == "What to do next"
    assert empty.accessibleDescription() == empty.text()
    qtbot.keyClick(empty.action, Qt.Key.Key_Space)  # the next action, from the keyboard
    assert isinstance(page.form, ActivityForm) and page.form.isVisible()
    page.form.reject()
    capture = window.show_page("capture")
    assert capture.choose_button.isVisible()
    qtbot.keyClick(capture.choose_button, Qt.Key.Key_Space)
    assert page.isVisible() and not capture.isVisible()
