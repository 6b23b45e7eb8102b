"""Pages not visited yet are built while the window sits unused, one page per quiet spell."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.accessibility import assert_accessible
from ui.build_ahead import ORDER, QUIET_MS, BuildAhead
from ui.main_window import MainWindow
from ui.pages import default_pages


def test_quiet_window_builds_the_next_pages_one_at_a_time(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    focused = QApplication.focusWidget()
    ahead = BuildAhead(window, order=("themes", "reports"))
    ahead.start()
    qtbot.waitUntil(lambda: "themes" in window.pages, timeout=QUIET_MS * 10)
    assert "reports" not in window.pages  # the next one waits for another quiet spell
    assert window.page_stack.currentWidget() is window.pages["activities"]  # nothing moved
    assert QApplication.focusWidget() is focused
    qtbot.waitUntil(lambda: "reports" in window.pages, timeout=QUIET_MS * 10)
    assert ahead.next_key() is None

    themes = window.show_page("themes")
    assert themes is window.pages["themes"]  # shown as built, not built again
    assert themes.table.model().rowCount() > 0  # its data was read when it was built
    assert_accessible(window)
    reports = window.show_page("reports")
    qtbot.waitUntil(lambda: reports.readiness_list.count() > 0)  # checked once shown


def test_input_puts_building_off(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    ahead = BuildAhead(window, order=("themes",))
    ahead.start()
    # Someone typing for a while, key presses 20 ms apart. A shared machine can stall a wait
    # past the quiet spell; building is then right, so a build must follow such a stall.
    for _ in range(int(QUIET_MS * 2.5 / 20)):
        pressed = time.monotonic()  # before the press: the time since it can only be longer
        QTest.keyClick(window.pages["activities"], Qt.Key.Key_Shift)
        qtbot.wait(20)
        if "themes" in window.pages:
            assert (time.monotonic() - pressed) * 1000 >= QUIET_MS, "built while typing"
            break
    qtbot.waitUntil(lambda: "themes" in window.pages, timeout=QUIET_MS * 10)


def test_the_time_since_input_is_kept_to_the_millisecond(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    # Not read from the auto-lock countdown: Qt keeps a timer of minutes to the whole second,
    # which made a key press 110 ms old look like a quiet spell.
    idle = sample_window.idle
    qtbot.wait(QUIET_MS)
    assert idle.since_input_ms() >= QUIET_MS
    QTest.keyClick(sample_window.pages["activities"], Qt.Key.Key_Shift)
    assert idle.since_input_ms() < QUIET_MS
    sample_window.idle.stop()  # no countdown (the window locking): input is still timed
    qtbot.wait(QUIET_MS)
    QTest.keyClick(sample_window.pages["activities"], Qt.Key.Key_Shift)
    assert idle.since_input_ms() < QUIET_MS


def test_a_locked_window_builds_nothing(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    ahead = BuildAhead(window, order=("themes",))
    ahead.start()
    window.lock()
    qtbot.wait(QUIET_MS * 3)
    assert "themes" not in window.pages


def test_every_page_in_the_order_exists() -> None:
    keys = {spec.key for spec in default_pages()}
    assert set(ORDER) <= keys
    assert "data-held" not in ORDER  # building it would start a count on the store
