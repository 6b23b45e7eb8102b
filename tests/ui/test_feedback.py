"""Feedback that feels alive: a brief, non-modal confirmation after saves, heard as well as seen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.plain_words import plural
from tests.ui.conftest import wait_idle
from tests.ui.test_capture import CTRL, open_first_activity
from ui.design.theme import apply_theme
from ui.design.tokens import ThemeName, palette
from ui.main_window import MainWindow
from ui.themes.themes_page import ThemesPage
from ui.toast import Toast, hide_toasts, show_toast


def _toast(window: MainWindow) -> Toast:
    toast = window.findChild(Toast)
    assert isinstance(toast, Toast)
    return toast


def test_a_saved_note_is_confirmed_without_taking_the_focus(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    qtbot.keyClicks(page.box.text, "The bus to the clinic stopped running")
    qtbot.keyClick(page.box.text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, window)
    toast = _toast(window)
    assert toast.isVisible() and toast.text() == "Saved"
    assert toast.accessibleName() == "Confirmation" and toast.accessibleDescription() == "Saved"
    assert QApplication.focusWidget() is page.box.text  # typing the next note goes on
    # Inside the window, above its foot, centred.
    assert window.rect().contains(toast.geometry())
    assert abs(toast.geometry().center().x() - window.rect().center().x()) <= 1
    qtbot.waitUntil(lambda: not toast.isVisible(), timeout=10_000)  # it goes by itself


def test_a_saved_theme_is_confirmed(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = window.show_page("themes")
    assert isinstance(page, ThemesPage)
    page.table.selectRow(0)
    page.editor.save()
    wait_idle(qtbot, window)
    assert _toast(window).text() == "Theme saved" and page.editor.message.text() == "Theme saved."


def test_one_toast_per_window_reused(qtbot: QtBot, sample_window: MainWindow) -> None:
    first = show_toast(sample_window, "Saved")
    second = show_toast(sample_window.pages["activities"], "Synced 12 changes")
    assert first is second and second.text() == "Synced 12 changes"
    assert len(sample_window.findChildren(Toast)) == 1


def test_counts_are_worded_in_one_place() -> None:
    assert plural(0, "conflict", none="No conflicts") == "No conflicts"
    assert plural(1, "conflict") == "1 conflict" and plural(3, "batch") == "3 batches"
    assert plural(0, "change") == "0 changes"


def test_no_screen_says_change_s_or_batch_es() -> None:
    """Counts go through plural(): no "(s)" or "(es)" in any string the screens show."""
    import io
    import re
    import tokenize
    from pathlib import Path

    hedge = re.compile(r"[a-z]\((s|es)\)")
    found = []
    for path in Path("ui").rglob("*.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
        strings = (t for t in tokens if t.type == tokenize.STRING)
        found += [f"{path}:{t.start[0]}" for t in strings if hedge.search(t.string)]
    assert not found


def test_the_sync_summary_is_cards_in_words_with_no_gap_above(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    from ui.sync.sync_page import SyncPage

    window = sample_window
    window.resize(1366, 698)
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    QApplication.processEvents()
    cards = [page.last_sync, page.waiting, page.conflict_count, page.held_count]
    assert [card.accessibleName() for card in cards] == [
        "Last sync",
        "Waiting to send",
        "Conflicts",
        "Set aside",
    ]
    assert page.last_sync.text() == "Never" and page.conflict_count.text() == "No conflicts"
    assert page.waiting.text().endswith("changes waiting")  # the sample data, never shared
    # The folder row, the key row and the cards follow each other: no empty band between them
    # (the hidden server form once left one).
    line = page.fontMetrics().height()
    folder_bottom = page.folder_edit.mapTo(page, page.folder_edit.rect().bottomLeft()).y()
    key_top = page.key_status.mapTo(page, page.key_status.rect().topLeft()).y()
    assert key_top - folder_bottom < line * 2


@pytest.mark.parametrize("theme", list(ThemeName))
def test_the_toast_wears_its_own_colours_in_every_theme_and_is_announced(
    qtbot: QtBot, sample_window: MainWindow, theme: ThemeName, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[tuple[str, QAccessible.AnnouncementPoliteness]] = []
    send = QAccessible.updateAccessibility

    def listen(event: QAccessibleEvent) -> None:  # what a screen reader would be sent
        if isinstance(event, QAccessibleAnnouncementEvent):
            heard.append((event.message(), event.politeness()))
        send(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", listen)
    app = QApplication.instance()
    try:
        apply_theme(app, theme.value)
        toast = show_toast(sample_window, "Synced 12 changes")
        QApplication.processEvents()
        colours = palette(theme)
        image = toast.grab().toImage()
        inside = image.pixelColor(toast.width() // 2, toast.height() - 6).name().upper()
        assert inside == colours.toast_background
        label = toast.label.grab().toImage()
        drawn = {
            label.pixelColor(x, y).name().upper()
            for x in range(label.width())
            for y in range(label.height())
        }
        assert colours.toast_text in drawn  # the words, in the toast's own text colour
        assert toast.tick.pixmap() is not None and toast.tick.accessibleName() == "Done"
        assert heard == [("Synced 12 changes", QAccessible.AnnouncementPoliteness.Polite)]
        hide_toasts(sample_window)
        assert not toast.isVisible()
    finally:
        apply_theme(app, "light")
