"""Activities, find and taxonomy screens: flows by keyboard, item models, accessibility."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.activities import get_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.taxonomy import get_group, list_groups
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import wait_idle
from ui.activities.activity_form import ActivityForm
from ui.activities.activity_table_model import ActivityTableModel
from ui.capture.capture_page import CapturePage
from ui.capture.note_table_model import NoteTableModel
from ui.find.search_table_model import SearchTableModel
from ui.main_window import MainWindow
from ui.pages import default_pages


def test_every_page_passes_the_accessibility_walk(qtbot: QtBot, sample_window: MainWindow) -> None:
    keys = [spec.key for spec in default_pages()]
    assert {"activities", "capture", "find", "themes", "reports", "dashboard", "sync"} <= set(keys)
    for key in keys:  # every registered page, so a new page cannot skip the walk
        sample_window.show_page(key)
        # Walk the page as a person would meet it: once its background counting has finished.
        qtbot.waitUntil(sample_window.services.runner.is_idle, timeout=60_000)
        assert_accessible(sample_window)
    sample_window.open_activity(sample_window.pages["activities"].selected_activity_id())
    assert_accessible(sample_window)
    page = sample_window.pages["taxonomy"]
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        assert_accessible(sample_window)


def test_item_models_pass_qtmodeltester(qtmodeltester, sample_window: MainWindow) -> None:
    services = sample_window.services
    activities = ActivityTableModel(services, page_size=4)
    activities.reload(keep_loaded=False)
    assert activities.rowCount() == 4 and activities.canFetchMore()
    qtmodeltester.check(activities)  # (it fetches more pages as it goes)
    assert activities.rowCount() == 6 and not activities.canFetchMore()
    notes = NoteTableModel(services, page_size=3)
    notes.show(activities.row_at(0).id)
    qtmodeltester.check(notes)
    results = SearchTableModel(services, page_size=10)
    from domain.selection import Selection

    results.search("appointment", Selection())
    qtmodeltester.check(results)
    assert all(
        "appointment" in n.body.lower() or "appointment" in n.activity_title.lower()
        for n in results.rows
    )


def test_a_list_loads_rows_only_as_people_scroll(qtbot: QtBot, sample_window: MainWindow) -> None:
    model = NoteTableModel(sample_window.services, page_size=2)
    activity_id = sample_window.pages["activities"].selected_activity_id()
    model.show(activity_id)
    assert model.rowCount() == 2  # one page, not the activity's 8 notes
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 8


def test_new_activity_form_defaults_and_errors(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    window.preferences.last_place = "Beeston food bank"
    page = window.show_page("activities")
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.form
    assert isinstance(form, ActivityForm) and form.isVisible()
    assert form.place.text() == "Beeston food bank"
    assert_accessible(form)
    qtbot.keyClicks(form.title_edit, "Coffee morning")
    form.postcode.clear()
    qtbot.keyClicks(form.postcode, "ls11 5ab")  # a full postcode: only its first half is kept
    form.save()
    wait_idle(qtbot, window)
    assert form.postcode.text() == "LS11" and form.isVisible()
    assert "Only the first half of the postcode is kept (LS11)" in form.message.text()
    form.groups.item(0, 0).setCheckState(Qt.CheckState.Checked)
    form.groups.item(0, 1).setText("12")
    form.save()
    wait_idle(qtbot, window)
    assert not form.isVisible()
    capture = window.pages["capture"]
    assert isinstance(capture, CapturePage) and capture.activity.title == "Coffee morning"
    saved = window.services.read(lambda s: get_activity(s, activity_id=capture.activity.id))
    assert saved.postcode_outward == "LS11" and saved.place == "Beeston food bank"
    assert saved.groups_reached[0].count == 12
    assert window.preferences.last_postcode_outward == "LS11"


def test_find_by_words_and_filters_then_open_in_context(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    activity_id = window.pages["activities"].selected_activity_id()
    with window.services.store.session() as session:
        target = create_note(
            session,
            activity_id=activity_id,
            fields=NoteFields(
                body="The hearing loop was broken",
                principles=[4],
                groups=["disability", "vulnerable-migrants"],
            ),
        )
    page = window.show_page("find")
    qtbot.keyClicks(page.query, "hearing loop")
    qtbot.keyClick(page.query, Qt.Key.Key_Return)
    assert [n.id for n in page.model.rows] == [target.id]
    assert QApplication.focusWidget() is page.table
    assert page.model.headerData(2, Qt.Orientation.Horizontal) == "Groups"
    groups = page.model.index(0, 2)
    full = "Disability, Vulnerable migrants, refugees and people seeking asylum"
    assert groups.data(Qt.ItemDataRole.ToolTipRole) == full
    assert groups.data().startswith("Disability, Vulnerable migrants") and len(groups.data()) <= 60
    page.principle.setCurrentIndex(page.principle.findData(5))
    assert page.model.rowCount() == 0
    page.principle.setCurrentIndex(page.principle.findData(4))
    assert page.model.rowCount() == 1
    page.date_from.setText("2026-13-01")
    page.run_search()
    assert "not a date" in page.message.text() and page.model.rowCount() == 1
    page.date_from.clear()
    page.run_search()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    capture = window.pages["capture"]
    assert window.page_stack.currentWidget() is capture
    assert capture.selected_note().id == target.id


def test_taxonomy_add_rename_move_retire(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = window.show_page("taxonomy")
    qtbot.keyClicks(page.new_group_label, "Young carers")
    page.new_group_parent.setCurrentIndex(page.new_group_parent.findData("plus"))
    qtbot.keyClick(page.new_group_label, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert page.selected_group().key == "young-carers"
    page.group_label.clear()
    qtbot.keyClicks(page.group_label, "Young adult carers")
    qtbot.keyClick(page.group_label, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    page.move_parent.setCurrentIndex(page.move_parent.findData(""))
    page.move_button.click()
    wait_idle(qtbot, window)
    page.retire_button.click()
    wait_idle(qtbot, window)
    group = window.services.read(lambda s: get_group(s, key="young-carers"))
    assert (group.label, group.parent_key, group.active) == ("Young adult carers", None, False)
    assert page.tree.currentItem().text(1) == "Retired"  # said in words
    # The capture picker no longer offers it.
    capture = window.show_page("capture")
    assert "Young adult carers" not in capture.box.picker._by_label
    page.move_parent.setCurrentIndex(page.move_parent.findData("young-carers"))
    window.show_page("taxonomy")
    page.move_button.click()
    wait_idle(qtbot, window)
    assert "inside itself" in page.message.text()
    assert len(window.services.read(list_groups)) > 10
