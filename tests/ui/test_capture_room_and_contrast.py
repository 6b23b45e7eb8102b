"""The capture page at 200% text (wraps, never scrolls sideways; the splitter moves by keyboard)
and under a dark high-contrast palette (no hard-coded colours; meaning never by colour alone)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory, wait_idle
from tests.ui.test_capture import open_first_activity
from ui.capture.capture_page import CapturePage
from ui.capture.note_table_model import NoteTableModel
from ui.design.theme import apply_theme
from ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def double_text() -> Iterator[None]:
    app = QApplication.instance()
    original = QFont(app.font())
    big = QFont(original)
    big.setPointSizeF(original.pointSizeF() * 2)
    app.setFont(big)
    yield
    app.setFont(original)


def active(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """Shortcuts reach only the active window: wait until it is."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _visible_descendants(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisible()]


def test_at_200_percent_the_capture_box_wraps_and_the_notes_list_keeps_room(
    qtbot: QtBot, make_window: WindowFactory, sample_store, double_text: None
) -> None:
    window = make_window(store=sample_store)
    window.resize(1280, 800)
    active(qtbot, window)
    page = open_first_activity(qtbot, window)
    qtbot.waitUntil(lambda: page.box.compact)  # tag controls folded away for room
    assert page.box.summary.isVisible() and "Tags:" in page.box.summary.text()

    scroll = page.capture_scroll
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)
    viewport = scroll.viewport()
    for widget in _visible_descendants(page.box):
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        assert right <= viewport.width() + 1, f"{type(widget).__name__} runs off to the right"
    top, bottom = page.splitter.sizes()
    assert bottom >= (top + bottom) * 2 // 5  # the notes list gets a fair share

    # The splitter moves from the keyboard, both ways, and F6 moves between the two panes.
    qtbot.keyClick(page.box.text, Qt.Key.Key_Up, CTRL_SHIFT)
    grown = page.splitter.sizes()[1]
    assert grown > bottom
    qtbot.keyClick(page.box.text, Qt.Key.Key_Down, CTRL_SHIFT)
    qtbot.keyClick(page.box.text, Qt.Key.Key_Down, CTRL_SHIFT)
    assert page.splitter.sizes()[1] < grown
    qtbot.keyClick(page.box.text, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is page.box.text

    # Alt+M unfolds the tag controls; they wrap into the same width (still no sideways scroll).
    qtbot.keyClick(page.box.text, Qt.Key.Key_M, ALT)
    assert not page.box.compact and page.box.principles.isVisible()
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)
    assert_accessible(window)
    # A folded picker unfolds when its key is pressed: it must be seen to be typed into.
    qtbot.keyClick(page.box.text, Qt.Key.Key_M, ALT)
    assert page.box.compact
    qtbot.keyClick(page.box.text, Qt.Key.Key_G, ALT)
    assert not page.box.compact and QApplication.focusWidget() is page.box.picker


def test_at_normal_text_size_every_tag_control_shows(
    qtbot: QtBot, sample_window, make_window: WindowFactory
) -> None:
    page = open_first_activity(qtbot, sample_window)
    assert not page.box.compact and page.box.principles.isVisible()
    assert page.capture_scroll.horizontalScrollBar().maximum() == 0


@pytest.fixture
def high_contrast(qsettings: QSettings) -> Iterator[None]:
    """The person chose the high-contrast theme in Settings (applied as the window opens)."""
    qsettings.setValue("preferences/theme", "high-contrast")
    yield
    apply_theme(QApplication.instance(), "light")


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


PAIRS = (
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
)


def test_the_high_contrast_palette_is_honoured_everywhere(
    qtbot: QtBot, make_window: WindowFactory, sample_store, high_contrast: None
) -> None:
    window = active(qtbot, make_window(store=sample_store))
    page = open_first_activity(qtbot, window)
    assert isinstance(page, CapturePage)
    qtbot.keyClicks(page.box.text, "My name is Sarah, ring 07700 900123")
    qtbot.waitUntil(page.box.warning.isVisible)
    qtbot.keyClick(page.box.text, Qt.Key.Key_M, ALT)  # every control on show, folded or not

    for widget in [window, *window.findChildren(QWidget)]:
        assert not widget.styleSheet(), f"{type(widget).__name__} sets its own style sheet"
        # (Widgets the application style sheet colours get a palette from it: WA_SetPalette is
        # Qt's doing there. Colours written in pages are caught by test_design_contrast.)
        for text_role, back_role in PAIRS:
            palette = widget.palette()
            ratio = contrast(palette.color(text_role), palette.color(back_role))
            assert ratio >= 7, f"{type(widget).__name__}: {text_role.name} contrast {ratio:.1f}"

    # The identifier marks use the palette's highlight, and are underlined as well.
    marks = page.box.text.extraSelections()
    assert marks
    for mark in marks:
        highlight = QApplication.instance().palette().color(QPalette.ColorRole.Highlight)
        assert mark.format.background().color() == highlight
        assert mark.format.fontUnderline()
    # What is drawn follows the palette: the page is mostly dark, its text light.
    image = page.grab().toImage()
    samples = [
        QColor(image.pixel(x, y))
        for x in range(0, image.width(), 23)
        for y in range(0, image.height(), 23)
    ]
    dark = sum(1 for colour in samples if _luminance(colour) < 0.1)
    assert dark / len(samples) > 0.6


def test_meaning_is_never_carried_by_colour_alone(qtbot: QtBot, sample_window) -> None:
    page = open_first_activity(qtbot, sample_window)
    model: NoteTableModel = page.model
    colour_roles = (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            assert all(model.data(index, role) is None for role in colour_roles)
    flags_column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)].index("Flags")
    for row in range(model.rowCount()):
        note = model.row_at(row)
        flags = model.data(model.index(row, flags_column))
        assert ("Safeguarding" in flags) is note.safeguarding  # said in words
    page.box.text.setFocus()
    qtbot.keyClick(page.box.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, sample_window)
    assert page.status.text().startswith("Error:")  # the kind of message is in its words
