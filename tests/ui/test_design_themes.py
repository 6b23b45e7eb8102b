"""Themes: chosen in Settings and applied live, kept for next time, followed from the computer;
icons recolour; text size grows check boxes with the text; every page stays accessible."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QPlainTextEdit,
    QStyle,
    QStyleOptionButton,
)
from pytestqt.qtbot import QtBot

from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory
from ui.design import theme as theme_module
from ui.design.icons import page_icon
from ui.design.theme import ThemeManager, apply_theme, resolve
from ui.design.tokens import ThemeChoice, ThemeName, current_theme, palette
from ui.main_window import MainWindow
from ui.preferences.preferences_page import PreferencesPage


@pytest.fixture(autouse=True)
def _back_to_light() -> Iterator[None]:
    yield
    app = QApplication.instance()
    ThemeManager.of(app).set_text_percent(100)
    apply_theme(app, "light")


def _window_colour() -> str:
    return QApplication.instance().palette().color(QPalette.ColorRole.Window).name().upper()


def _icon_has(colour: str) -> bool:
    image = page_icon("sync").pixmap(48, 48).toImage()
    target = QColor(colour).rgb()
    pixels = (image.pixel(x, y) for y in range(image.height()) for x in range(image.width()))
    return any(p == target for p in pixels)


def test_the_theme_chosen_in_settings_applies_at_once_and_is_kept(
    qtbot: QtBot, sample_window: MainWindow, qsettings: QSettings
) -> None:
    page = sample_window.show_page("preferences")
    assert isinstance(page, PreferencesPage)
    assert current_theme() is ThemeName.LIGHT  # offscreen there is no system dark setting
    assert _icon_has(palette(ThemeName.LIGHT).text)
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    assert current_theme() is ThemeName.DARK
    assert _window_colour() == palette(ThemeName.DARK).background
    assert palette(ThemeName.DARK).focus_ring in QApplication.instance().styleSheet()
    assert _icon_has(palette(ThemeName.DARK).text)  # the same icon, recoloured
    assert "Theme: Dark" in page.message.text()
    qsettings.sync()
    assert QSettings(qsettings.fileName(), QSettings.Format.IniFormat).value(
        "preferences/theme"
    ) == ("dark")
    page.theme.setCurrentIndex(page.theme.findData("high-contrast"))
    assert _window_colour() == palette(ThemeName.HIGH_CONTRAST).background
    assert_accessible(sample_window)


def test_a_kept_theme_is_applied_when_the_app_starts(
    qsettings: QSettings, make_window: WindowFactory, sample_store
) -> None:
    qsettings.setValue("preferences/theme", "high-contrast")
    make_window(store=sample_store)
    assert current_theme() is ThemeName.HIGH_CONTRAST
    qsettings.setValue("preferences/theme", "no such theme")  # hand-edited: follow the computer
    apply_theme(QApplication.instance(), str(qsettings.value("preferences/theme")))
    assert current_theme() is ThemeName.LIGHT


def test_system_follows_the_computers_colour_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    # Offscreen Qt has no desktop to ask, so the desktop's answer is stood in for, and its
    # change signal sent as a desktop switching to dark sends it.
    app = QApplication.instance()
    apply_theme(app, "system")
    assert current_theme() is ThemeName.LIGHT
    monkeypatch.setattr(theme_module, "system_theme", lambda _app: ThemeName.DARK)
    assert resolve(ThemeChoice.SYSTEM, app) is ThemeName.DARK
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert current_theme() is ThemeName.DARK
    assert _window_colour() == palette(ThemeName.DARK).background
    apply_theme(app, "light")  # a chosen theme wins over the computer's
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert current_theme() is ThemeName.LIGHT


def _indicator_height(box: QCheckBox) -> int:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    return rect.height()


def test_text_size_grows_the_text_and_the_check_boxes_and_scroll_bars_with_it(
    qtbot: QtBot, sample_window: MainWindow, qsettings: QSettings
) -> None:
    page = sample_window.show_page("preferences")
    app = QApplication.instance()
    normal = app.font().pointSizeF()
    probe = QCheckBox("Consent to quote", page)
    probe.show()
    small = _indicator_height(probe)
    listing = QPlainTextEdit("a line\n" * 200, page)  # tall enough to scroll
    listing.show()
    bar = listing.verticalScrollBar()
    qtbot.waitUntil(bar.isVisible)
    narrow = bar.width()
    page.text_size.setCurrentIndex(page.text_size.findData(200))
    assert app.font().pointSizeF() == pytest.approx(normal * 2)
    qtbot.waitUntil(lambda: _indicator_height(probe) >= small * 1.6)  # fixed 2-px edges
    qtbot.waitUntil(lambda: bar.width() >= narrow * 1.8)  # scroll bars grow with the text too
    assert qsettings.value("preferences/text_size_percent") in (200, "200")
    assert "Text size: 200%" in page.message.text()


@pytest.mark.parametrize("theme", [ThemeName.DARK, ThemeName.HIGH_CONTRAST])
def test_every_page_passes_the_accessibility_walk_in_each_theme(
    qtbot: QtBot, sample_window: MainWindow, theme: ThemeName
) -> None:
    apply_theme(QApplication.instance(), theme.value)
    for key in sample_window.page_specs:
        sample_window.show_page(key)
        # Walk the page as a person would meet it: once its background counting has finished.
        qtbot.waitUntil(sample_window.services.runner.is_idle, timeout=60_000)
        assert_accessible(sample_window)
