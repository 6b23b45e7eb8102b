"""Tables and splitters as people left them: widths and positions kept per table and restored on
the page built again; whole text in a detail pane; several theme notes in view at laptop size."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QListWidget, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import wait_idle
from ui.find.find_page import FindPage
from ui.main_window import MainWindow
from ui.remembered import SAVE_AFTER_MS
from ui.reports.reports_page import ReportsPage
from ui.themes.themes_page import ThemesPage

LAPTOP = (1366, 768 - 70)  # a title bar and a taskbar off the commonest laptop screen


def _close(sizes: list[int], kept: list[int]) -> None:
    """The same positions, give or take the few pixels a page on its own lays out otherwise."""
    assert len(sizes) == len(kept), sizes
    assert all(abs(a - b) <= 8 for a, b in zip(sizes, kept, strict=True)), sizes


def _show_like(qtbot: QtBot, page: QWidget, like: QWidget) -> None:
    """The rebuilt page on its own, at the size the first one had."""
    qtbot.addWidget(page)
    page.resize(like.size())
    page.show()
    QApplication.processEvents()


def test_find_columns_and_splitter_are_restored_on_a_new_page(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    window.resize(*LAPTOP)
    page = window.show_page("find")
    assert isinstance(page, FindPage)
    page.run_search()
    header = page.table.horizontalHeader()
    header.resizeSection(1, 321)  # the Activity column, dragged wider
    qtbot.wait(SAVE_AFTER_MS + 200)
    total = sum(page.results.sizes())
    page.results.moveSplitter(total // 2, 1)  # as a drag of the handle does
    QApplication.processEvents()
    kept = page.results.sizes()

    again = FindPage(window.services, window)
    _show_like(qtbot, again, page)
    assert again.table.horizontalHeader().sectionSize(1) == 321
    _close(again.results.sizes(), kept)


def test_find_shows_the_chosen_note_in_full(qtbot: QtBot, sample_window: MainWindow) -> None:
    page = sample_window.show_page("find")
    assert isinstance(page, FindPage)
    page.run_search()
    note = page.model.row_at(0)
    assert note is not None
    page.table.selectRow(0)
    assert f"Note: {note.body}" in page.detail.text()
    assert f"Activity: {note.activity_title}" in page.detail.text()
    assert page.detail.accessibleName() == "Chosen note in full"


def test_theme_splitters_and_note_columns_are_restored(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    window.resize(*LAPTOP)
    page = window.show_page("themes")
    assert isinstance(page, ThemesPage)
    page.table.selectRow(0)
    wait_idle(qtbot, window)
    editor = page.editor
    # Several notes in view, not a row and a half.
    rows = editor.notes.verticalHeader().defaultSectionSize()
    assert editor.notes.viewport().height() >= rows * 4
    editor.notes.horizontalHeader().resizeSection(2, 277)  # Groups
    qtbot.wait(SAVE_AFTER_MS + 200)
    total = sum(editor.splitter.sizes())
    editor.splitter.moveSplitter(total // 3, 1)
    across = sum(editor.notes_split.sizes())  # the notes list and its detail pane beside it
    editor.notes_split.moveSplitter(across // 2, 1)
    QApplication.processEvents()
    kept = editor.splitter.sizes()
    kept_across = editor.notes_split.sizes()

    again = ThemesPage(window.services, window)
    _show_like(qtbot, again, page)
    assert again.editor.notes.horizontalHeader().sectionSize(2) == 277
    _close(again.editor.splitter.sizes(), kept)
    _close(again.editor.notes_split.sizes(), kept_across)


def test_reports_theme_titles_wrap_without_a_sideways_scroll_bar(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    window.resize(*LAPTOP)
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    QApplication.processEvents()
    themes: QListWidget = page.themes
    assert themes.count() and not themes.horizontalScrollBar().isVisible()
    room = themes.viewport().width()
    for number in range(themes.count()):
        item = themes.item(number)
        assert themes.visualItemRect(item).width() <= room, item.text()
        assert item.toolTip() == item.text()
    # Nor does the form around it: long group names are cut in the closed list, whole in its
    # open list and on hover.
    form = next(area for area in page.findChildren(QScrollArea) if area.isAncestorOf(themes))
    assert not form.horizontalScrollBar().isVisible()
    group = page.picker.group
    assert group.width() <= form.viewport().width()
    assert group.view().minimumWidth() >= group.view().sizeHintForColumn(0)
    assert group.toolTip() == group.currentText()


def test_the_capture_split_moved_by_keyboard_is_kept(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    from tests.ui.test_capture import open_first_activity
    from ui.capture.capture_page import CapturePage

    window = sample_window
    window.resize(*LAPTOP)
    page = open_first_activity(qtbot, window)
    page.move_splitter(-0.2)  # the notes list grows (Ctrl+Shift+Up does this)
    kept = page.splitter.sizes()

    assert window.services.window_state.sizes("splitter", "capture") == kept
    again = CapturePage(window.services, window)
    assert again._split_chosen  # restored: its own first fit leaves the kept split alone
