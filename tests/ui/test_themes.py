"""Themes and actions: a theme from search results by keyboard only, actions done and fed back,
drops onto a theme, item models and the accessibility walk."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.loop import theme_summaries
from domain.note_fields import NoteFields
from domain.pictures import picture_shows
from domain.theme_detail import theme_detail
from domain.themes import list_actions, list_themes
from models.database import Store
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory, wait_idle
from ui.main_window import MainWindow
from ui.themes.action_table_model import ActionTableModel
from ui.themes.add_to_theme import selected_note_ids
from ui.themes.note_drag import note_ids_mime
from ui.themes.picture_picker import PicturePickerDialog
from ui.themes.theme_table_model import ThemeTableModel
from ui.themes.themes_page import ThemesPage

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_a_theme_from_search_results_by_keyboard_only(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    find = window.pages["find"]
    assert QApplication.focusWidget() is find.query
    qtbot.keyClicks(find.query, "appointment")
    qtbot.keyClick(find.query, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is find.table and find.model.rowCount() >= 2
    qtbot.keyClick(find.table, Qt.Key.Key_Down, SHIFT)  # two results selected
    chosen = selected_note_ids(find.table)
    assert len(chosen) == 2
    qtbot.keyClick(find.table, Qt.Key.Key_T, CTRL)
    dialog = find.add_to_theme.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.theme)
    qtbot.keyClicks(QApplication.focusWidget(), "Booking appointments by phone")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert find.add_to_theme.dialog is None  # closed and gone
    themes = window.services.read(list_themes)
    made = next(t for t in themes if t.title == "Booking appointments by phone")
    assert sorted(made.note_ids) == sorted(chosen)
    assert "Started the theme" in window.statusBar().currentMessage()
    # The Themes page lists it with its counts.
    page = window.show_page("themes")
    assert isinstance(page, ThemesPage)
    row = page.model.row_of(made.id)
    assert row >= 0 and page.model.rows[row].notes == 2


def _themes_page(qtbot: QtBot, window: MainWindow) -> ThemesPage:
    page = window.show_page("themes")
    assert isinstance(page, ThemesPage)
    page.today = lambda: date(2026, 11, 1)
    page.reload()
    return page


def test_add_an_action_then_mark_it_done_and_fed_back(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = _themes_page(qtbot, window)
    without = next(t for t in page.model.rows if t.actions == 0)
    assert page.select_theme(without.id)
    page.tabs.setCurrentWidget(page.actions)
    panel = page.actions
    assert panel.editor.action_id is None  # no actions yet: the form starts a new one
    editor = panel.editor
    editor.save()
    assert "What we did" in editor.message.text()  # refused, nothing queued
    qtbot.keyClicks(editor.what, "Asked the practice to keep phone lines open until 6pm")
    qtbot.keyClicks(editor.owner, "Priya")
    qtbot.keyClicks(editor.due, "2026-10-01")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    (action,) = window.services.read(lambda s: list_actions(s, theme_id=without.id))
    assert (action.owner, action.due_on, action.status) == ("Priya", date(2026, 10, 1), "planned")
    row = panel.model.row_of(action.id)
    assert panel.table.currentIndex().row() == row
    attention = panel.model.index(row, panel.model.columnCount() - 1).data()
    assert attention == "⚠ Overdue: was due 1 October 2026"  # in words, not colour alone
    assert page.model.rows[page.model.row_of(without.id)].actions == 1

    editor.mark_done(today=date(2026, 10, 20))
    wait_idle(qtbot, window)
    (action,) = window.services.read(lambda s: list_actions(s, theme_id=without.id))
    assert (action.status, action.completed_on) == ("done", date(2026, 10, 20))
    attention = panel.model.index(row, panel.model.columnCount() - 1).data()
    assert attention == "⚠ Not yet fed back to the community"

    editor.mark_fed_back()
    assert "Fed back how" in editor.message.text() and editor.fed_back_how.hasFocus()
    qtbot.keyClicks(editor.fed_back_how, "Community newsletter")
    editor.mark_fed_back(today=date(2026, 10, 28))
    wait_idle(qtbot, window)
    (action,) = window.services.read(lambda s: list_actions(s, theme_id=without.id))
    assert (action.fed_back_on, action.fed_back_how) == (date(2026, 10, 28), "Community newsletter")
    assert panel.model.index(row, panel.model.columnCount() - 1).data() == ""
    assert panel.model.index(row, 5).data() == "28 October 2026 — Community newsletter"


def test_not_possible_needs_a_reason_and_bad_dates_are_named(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = _themes_page(qtbot, sample_window)
    editor = page.actions.editor
    page.actions.new_action()
    editor.what.setPlainText("Move the bus stop")
    editor.status.setCurrentIndex(editor.status.findData("not_possible"))
    editor.save()
    assert "people are owed a reason" in editor.message.text() and editor.reason.hasFocus()
    editor.reason.setText("The bus company decides")
    editor.due.setText("31/12/2026")
    editor.save()
    assert "Due on: '31/12/2026' is not a date" in editor.message.text()
    assert editor.due.hasFocus()
    wait_idle(qtbot, sample_window)
    theme_id = page.current_theme_id()
    before = sample_window.services.read(lambda s: list_actions(s, theme_id=theme_id))
    assert all(a.what_we_did != "Move the bus stop" for a in before)


def test_notes_dropped_on_a_theme_join_it(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = _themes_page(qtbot, window)
    page.tabs.setCurrentWidget(page.add_notes)
    qtbot.keyClicks(page.add_notes.query, "bus")
    qtbot.keyClick(page.add_notes.query, Qt.Key.Key_Return)
    page.add_notes.table.selectAll()
    ids = selected_note_ids(page.add_notes.table)
    assert ids
    target = page.model.rows[-1]
    proxy_index = page.proxy.mapFromSource(page.model.index(len(page.model.rows) - 1, 0))
    data = note_ids_mime(ids)
    assert page.proxy.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, proxy_index)
    assert page.proxy.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, proxy_index)
    wait_idle(qtbot, window)
    detail = window.services.read(lambda s: theme_detail(s, theme_id=target.id))
    assert set(ids) <= {n.id for n in detail.notes}
    assert page.current_theme_id() == target.id
    assert page.editor.notes_model.rowCount() == len(detail.notes)
    # Removing them again from the theme view, by keyboard.
    page.tabs.setCurrentWidget(page.editor)
    table = page.editor.notes
    table.setFocus()
    table.selectAll()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    wait_idle(qtbot, window)
    assert window.services.read(lambda s: theme_detail(s, theme_id=target.id)).notes == ()


def test_capture_notes_list_adds_to_an_existing_theme(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    window.open_activity(window.pages["activities"].selected_activity_id())
    capture = window.pages["capture"]
    capture.table.setFocus()
    capture.table.selectRow(0)
    note_id = capture.selected_note().id
    existing = window.services.read(list_themes)[0]
    qtbot.keyClick(capture.table, Qt.Key.Key_T, CTRL)
    dialog = capture.add_to_theme.dialog
    assert dialog is not None
    dialog.theme.setEditText(existing.title)
    qtbot.keyClick(dialog.theme, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    after = window.services.read(list_themes)
    assert len(after) == len(window.services.read(list_themes))
    assert note_id in next(t for t in after if t.id == existing.id).note_ids
    assert "Added" in window.statusBar().currentMessage()


def test_start_save_and_delete_a_theme_with_undo(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = _themes_page(qtbot, window)
    count = len(page.model.rows)
    qtbot.keyClicks(page.new_title, "Parking at the hospital")
    qtbot.keyClick(page.new_title, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert len(page.model.rows) == count + 1
    theme_id = page.current_theme_id()
    assert page.editor.title.text() == "Parking at the hospital"
    assert QApplication.focusWidget() is page.add_notes.query  # next: find notes for it
    page.editor.easy_read.setPlainText("Parking is hard.\nIt costs too much.")
    page.editor.save()
    wait_idle(qtbot, window)
    summary = next(s for s in window.services.read(theme_summaries) if s.id == theme_id)
    assert summary.has_easy_read
    page.delete_button.click()
    wait_idle(qtbot, window)
    assert page.model.row_of(theme_id) == -1
    window.services.undo_stack.undo()
    wait_idle(qtbot, window)
    assert page.current_theme_id() == theme_id


def test_themes_page_passes_the_accessibility_walk(qtbot: QtBot, sample_window: MainWindow) -> None:
    page = _themes_page(qtbot, sample_window)
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        assert_accessible(sample_window)


def test_theme_item_models_pass_qtmodeltester(qtmodeltester, sample_window: MainWindow) -> None:
    page = sample_window.show_page("themes")
    themes = ThemeTableModel()
    themes.set_rows(sample_window.services.read(theme_summaries))
    qtmodeltester.check(themes)
    actions = ActionTableModel()
    actions.set_rows(page.detail.actions, {a.id: "Overdue" for a in page.detail.actions})
    qtmodeltester.check(actions)
    qtmodeltester.check(page.editor.notes_model)


def test_the_easy_read_picture_is_suggested_searched_for_and_saved(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = _themes_page(qtbot, window)
    gp = next(t for t in page.model.rows if "GP appointment" in t.title)
    assert page.select_theme(gp.id)
    editor = page.editor
    choice = editor.picture
    assert choice.chosen == "" and picture_shows(choice.suggested) == "a doctor"
    assert "a doctor (suggested)" in choice.words.text()

    dialog = PicturePickerDialog(choice.suggested, editor)
    qtbot.keyClicks(dialog.search, "bus")
    assert picture_shows(dialog.chosen()) == "a bus"
    shown = [
        dialog.pictures.item(i).text()
        for i in range(dialog.pictures.count())
        if not dialog.pictures.item(i).isHidden()
    ]
    assert shown == ["a bus"]
    assert not dialog.pictures.item(0).icon().isNull()  # the pictures themselves are shown
    dialog.close()

    choice.ask = lambda _current: "1F68C"
    choice.choose_button.click()
    editor.easy_read_title.setText("Seeing a doctor")
    editor.report_back.setText("2027-03-01")
    editor.save()
    wait_idle(qtbot, window)
    saved = window.services.read(lambda s: theme_detail(s, theme_id=gp.id)).theme
    assert (saved.picture, saved.easy_read_title, saved.report_back_on) == (
        "1F68C",
        "Seeing a doctor",
        date(2027, 3, 1),
    )
    editor.report_back.setText("next spring")
    editor.save()
    assert "not a date" in editor.message.text()


def test_an_actions_late_reason_is_saved(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = _themes_page(qtbot, window)
    theme = next(t for t in page.model.rows if t.actions)
    assert page.select_theme(theme.id)
    page.tabs.setCurrentWidget(page.actions)
    editor = page.actions.editor
    page.actions.table.selectRow(0)
    wait_idle(qtbot, window)
    assert editor.action_id is not None
    editor.late_reason.setText("The contract moved to January")
    editor.save()
    wait_idle(qtbot, window)
    actions = window.services.read(lambda s: list_actions(s, theme_id=theme.id))
    assert "The contract moved to January" in [a.late_reason for a in actions]


def test_a_large_themes_notes_are_read_a_page_at_a_time(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store
) -> None:
    from datetime import datetime

    from domain.activities import create_activity
    from domain.notes import create_note
    from domain.themes import create_theme

    with empty_store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2)
        ).id
        ids = [
            create_note(session, activity_id=activity, fields=NoteFields(body=f"note {i}")).id
            for i in range(130)
        ]
        create_theme(session, title="Buses", note_ids=ids)
    window = make_window(store=empty_store)
    page = window.show_page("themes")
    assert isinstance(page, ThemesPage)
    model = page.editor.notes_model
    assert model.rowCount() == 100 and model.canFetchMore()
    assert "130" in page.editor.notes_heading.text()
    model.fetchMore(QModelIndex())
    assert [row.id for row in model.rows] == ids and not model.canFetchMore()


def test_the_actions_and_add_notes_tabs_are_built_when_first_opened_by_keyboard(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = sample_window.show_page("themes")
    assert isinstance(page, ThemesPage)
    assert page._actions is None and page._add_notes is None  # the first visit skips them
    theme = next(t for t in page.model.rows if t.actions)
    assert page.select_theme(theme.id)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # A&ctions
    assert page._actions is not None and page.tabs.currentWidget() is page._actions
    assert page._actions.model.rowCount() == theme.actions  # the chosen theme's actions
    assert_accessible(page)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Add &notes
    assert page._add_notes is not None and page.tabs.currentWidget() is page._add_notes
    assert page._add_notes.model.rowCount() == 0  # no search until one is asked for
    assert page._add_notes.add_button.isEnabled()
    assert_accessible(page)
    assert page.tabs.count() == 3
