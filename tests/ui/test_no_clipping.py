"""Every page free of clipped labels and buttons at 1366×768 and 1280×720, at 100% and 200%
text, in each theme (high contrast draws thicker edges): each label gets the room its text needs
(the height of its wrapped lines, or the width of its one line), and each button, check box and
radio button at least its smallest size. The dialogs: tests/ui/test_no_clipping_dialogs.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from models.database import Store
from tests.ui.conftest import WindowFactory, wait_idle
from ui.design.theme import apply_theme
from ui.design.tokens import ThemeName

WINDOW_CHROME = 70  # a title bar and a taskbar
SCREENS = [(1366, 768), (1280, 720)]
SLACK = 1  # rounding between the hint and the laid-out size


def clipped(widget: QWidget) -> str | None:
    """What is cut short about a shown label or button, or None."""
    if isinstance(widget, QLabel):
        if not widget.text().strip():  # an icon, or nothing said yet
            return None
        if widget.wordWrap():
            wanted = widget.heightForWidth(widget.width())
            if wanted > widget.height() + SLACK:
                return f"{widget.height()} px high of the {wanted} its lines need"
            return None
        hint = widget.sizeHint()
        if hint.width() > widget.width() + SLACK:
            return f"{widget.width()} px wide of the {hint.width()} its text needs"
        if hint.height() > widget.height() + SLACK:
            return f"{widget.height()} px high of the {hint.height()} its text needs"
        return None
    if isinstance(widget, QAbstractButton):
        least = widget.minimumSizeHint()
        if least.width() > widget.width() + SLACK or least.height() > widget.height() + SLACK:
            return f"{widget.width()}×{widget.height()}, under its least {least.toTuple()}"
    return None


def clipped_on(root: QWidget) -> dict[str, str]:
    found = {}
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and widget.width() > 0:
            problem = clipped(widget)
            if problem:
                name = widget.text() if hasattr(widget, "text") else ""
                found[f"{type(widget).__name__} {name!r}"[:90]] = problem
    return found


def sized_text(factor: float) -> Iterator[float]:
    """The application's text at factor times its size, for the length of a test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QFont(app.font())
    sized = QFont(original)
    sized.setPointSizeF(original.pointSizeF() * factor)
    app.setFont(sized)
    yield factor
    app.setFont(original)


def kept_theme(qsettings: QSettings, theme: ThemeName) -> Iterator[ThemeName]:
    """The theme kept in Settings, so a window starts in it; light again afterwards."""
    qsettings.setValue("preferences/theme", theme.value)
    yield theme
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "light")


@pytest.fixture(params=[1.0, 2.0], ids=["100%", "200%"])
def text_size(request: pytest.FixtureRequest) -> Iterator[float]:
    yield from sized_text(request.param)


@pytest.fixture(params=list(ThemeName), ids=[theme.value for theme in ThemeName])
def theme(request: pytest.FixtureRequest, qsettings: QSettings) -> Iterator[ThemeName]:
    yield from kept_theme(qsettings, request.param)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_no_page_clips_a_label_or_button(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_store: Store,
    theme: ThemeName,
    text_size: float,
    width: int,
    height: int,
) -> None:
    window = make_window(store=sample_store)
    from ui.design.tokens import current_theme

    assert current_theme() is theme
    window.resize(width, height - WINDOW_CHROME)
    problems = {}
    for key in window.page_specs:
        page = window.show_page(key)
        assert page is not None
        wait_idle(qtbot, window)
        qtbot.wait(100)  # the layout settles after what the jobs filled in
        found = clipped_on(page)
        if found:
            problems[key] = found
    assert not problems, f"{theme.value} at {width}×{height}, {text_size:.0%} text"


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_at_200_percent_text_every_page_shows_its_buttons(
    qtbot: QtBot, make_window: WindowFactory, sample_store: Store, width: int, height: int
) -> None:
    """Buttons outside a scrolling area stay wholly in the window at double text size."""
    from tests.ui.test_room_at_laptop_sizes import _buttons_outside_scrolling, _check

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = QFont(app.font())
    doubled = QFont(original)
    doubled.setPointSizeF(original.pointSizeF() * 2)
    app.setFont(doubled)
    try:
        window = make_window(store=sample_store)
        window.resize(width, height - WINDOW_CHROME)
        for key in window.page_specs:
            page = window.show_page(key)
            assert page is not None
            wait_idle(qtbot, window)
            qtbot.wait(100)
            _check(_buttons_outside_scrolling(page), f"{key} at {width}×{height}, 200% text")
    finally:
        app.setFont(original)
