"""Activities: move to the bin and restore (undoable, by keyboard); filter by kind, status, date."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.activities import create_activity, get_activity
from domain.browse import activity_rows
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import wait_idle
from ui.activities.activities_page import WHEN_CHOICES, ActivitiesPage
from ui.capture.capture_page import CapturePage
from ui.display import to_utc
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def activity(window: MainWindow, activity_id: str):
    return window.services.read(lambda s: get_activity(s, activity_id=activity_id))


def test_an_activity_goes_to_the_bin_and_back_by_keyboard_with_undo(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = window.show_page("activities")
    assert isinstance(page, ActivitiesPage)
    target = page.selected_activity_id()
    window.open_activity(target)  # being captured: the capture page lets go of it when binned
    page = window.show_page("activities")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    wait_idle(qtbot, window)
    assert activity(window, target).deleted
    assert page.model.find_row(lambda r: r.id == target) == -1
    assert "bin" in page.message.text()
    capture = window.pages["capture"]
    assert isinstance(capture, CapturePage) and capture.activity is None

    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    wait_idle(qtbot, window)
    assert not activity(window, target).deleted
    assert page.model.find_row(lambda r: r.id == target) >= 0
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL | SHIFT)
    wait_idle(qtbot, window)
    assert activity(window, target).deleted

    # Restore from the bin view: Alt+B shows the bin, Ctrl+R restores the selected activity.
    qtbot.keyClick(page.table, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(page.show_bin.isChecked)
    assert [r.id for r in page.model.rows] == [target]
    assert page.restore_button.isVisible() and not page.bin_button.isVisible()
    assert_accessible(window)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    wait_idle(qtbot, window)
    assert not activity(window, target).deleted
    assert page.model.rowCount() == 0  # gone from the bin view


def test_the_list_filters_by_kind_status_and_date(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    now = datetime.now()
    with window.services.store.session() as session:
        soon = create_activity(
            session,
            title="Coffee morning next week",
            kind="meeting",
            starts_at=to_utc(now + timedelta(days=6)),
            status="planned",
        )
        every = activity_rows(session).rows
    page = window.show_page("activities")
    assert isinstance(page, ActivitiesPage)
    page.apply_filters()
    assert page.model.rowCount() == len(every)

    page.kind_filter.setCurrentIndex(page.kind_filter.findData("meeting"))
    assert {r.kind for r in page.model.rows} == {"meeting"}
    assert soon.id in {r.id for r in page.model.rows}
    page.kind_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("planned"))
    assert {r.status for r in page.model.rows} == {"planned"}
    page.status_filter.setCurrentIndex(0)

    upcoming = [label for label, *_ in WHEN_CHOICES].index("Upcoming (from today)")
    page.when_filter.setCurrentIndex(upcoming)
    expected = {
        r.id
        for r in every
        if r.starts_at >= to_utc(datetime.combine(now.date(), datetime.min.time()))
    }
    assert {r.id for r in page.model.rows} == expected and soon.id in expected
    past_week = [label for label, *_ in WHEN_CHOICES].index("Past 7 days")
    page.when_filter.setCurrentIndex(past_week)
    assert soon.id not in {r.id for r in page.model.rows}

    # Filters and words apply together.
    page.when_filter.setCurrentIndex(0)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("meeting"))
    page.search.setText("Coffee morning")
    page.apply_filters()
    assert [r.id for r in page.model.rows] == [soon.id]
    assert_accessible(window)
