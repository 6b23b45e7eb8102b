"""The Reports page's web page: "Open in browser" opens the HTML made beside the PDF (in the
private temporary folder), and "Save as…" saves it when the web page format is chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import wait_idle
from ui.main_window import MainWindow
from ui.reports.reports_page import ReportsPage


def test_open_in_browser_and_save_as_web_page(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path
) -> None:
    window = sample_window
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    wait_idle(qtbot, window)
    assert not page.browser_button.isEnabled()  # nothing made yet
    opened: list[Path] = []
    page.open_file = lambda path: opened.append(path) or True
    page.choose_save_path = lambda _parent, suggested: str(tmp_path / suggested)
    page.variant.setCurrentIndex(page.variant.findData("easy-read"))
    wait_idle(qtbot, window)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.services.runner.is_idle, timeout=180_000)  # a busy machine is slow
    assert page.made is not None and page.browser_button.isEnabled()

    qtbot.mouseClick(page.browser_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].suffix == ".html"
    assert opened[0].is_relative_to(page._folder)  # private temporary folder, not the user's
    assert "<!DOCTYPE html>" in opened[0].read_text(encoding="utf-8")

    page.format.setCurrentIndex(page.format.findData("html"))
    page.save_button.click()
    saved = Path(page.message.text().removeprefix("Saved to ").removesuffix("."))
    assert saved.suffix == ".html" and saved.parent == tmp_path
    assert saved.read_text(encoding="utf-8") == opened[0].read_text(encoding="utf-8")

    page.format.setCurrentIndex(page.format.findData("pdf"))
    page.save_button.click()
    assert Path(page.message.text().removeprefix("Saved to ").removesuffix(".")).suffix == ".pdf"
    # The runner's progress window took activation while it was up; give it back, as a
    # window manager would.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert_accessible(window)


def test_a_browser_that_cannot_open_is_said(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    wait_idle(qtbot, window)
    page.open_file = lambda _path: False
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.services.runner.is_idle, timeout=180_000)  # a busy machine is slow
    page.browser_button.click()
    assert "no browser could open" in page.message.text()
