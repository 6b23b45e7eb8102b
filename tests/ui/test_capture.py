"""Quick capture by keyboard alone: text, kind, sentiment, consent, principles, groups, save."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.notes import list_notes
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import wait_idle
from ui.capture.capture_page import CapturePage
from ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def open_first_activity(qtbot: QtBot, window: MainWindow) -> CapturePage:
    activities = window.show_page("activities")
    qtbot.keyClick(activities.table, Qt.Key.Key_Return)
    page = window.pages["capture"]
    assert isinstance(page, CapturePage) and page.activity is not None
    assert QApplication.focusWidget() is page.box.text
    return page


def test_three_notes_captured_and_tagged_by_keyboard_only(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    activity_id = page.activity.id
    assert_accessible(window)
    text = page.box.text
    before = page.model.rowCount()

    # 1: a quote (Alt+K × 0 from observation → quote is Shift back), consent, principle 3, a group.
    qtbot.keyClicks(text, "The bus to the clinic stopped running")
    qtbot.keyClick(text, Qt.Key.Key_K, ALT | Qt.KeyboardModifier.ShiftModifier)  # → quote
    qtbot.keyClick(text, Qt.Key.Key_S, ALT)  # neutral → positive (wraps)
    qtbot.keyClick(text, Qt.Key.Key_Q, ALT)
    qtbot.keyClick(text, Qt.Key.Key_3, ALT)
    qtbot.keyClick(text, Qt.Key.Key_G, ALT)
    assert QApplication.focusWidget() is page.box.picker
    qtbot.keyClicks(page.box.picker, "homeless")
    qtbot.keyClick(page.box.picker, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is text  # back to typing
    qtbot.keyClick(text, Qt.Key.Key_Return, CTRL)
    assert text.toPlainText() == ""
    wait_idle(qtbot, window)

    # 2: safeguarding, principles 1 and 10; the group and principle 3 were kept from note 1.
    assert page.box.state()["groups"] == ["homelessness"] and page.box.carried.isVisible()
    qtbot.keyClicks(text, "Nobody answered the crisis line")
    qtbot.keyClick(text, Qt.Key.Key_A, ALT)
    qtbot.keyClick(text, Qt.Key.Key_3, ALT)  # principle 3 off again
    qtbot.keyClick(text, Qt.Key.Key_1, ALT)
    qtbot.keyClick(text, Qt.Key.Key_0, ALT)
    qtbot.keyClick(text, Qt.Key.Key_Enter, CTRL)
    wait_idle(qtbot, window)

    # 3: plain, with consent to share; kind moved on twice; Alt+X clears the kept tags.
    qtbot.keyClick(text, Qt.Key.Key_X, ALT)
    qtbot.keyClicks(text, "More evening appointments please")
    qtbot.keyClick(text, Qt.Key.Key_K, ALT)
    qtbot.keyClick(text, Qt.Key.Key_K, ALT)
    qtbot.keyClick(text, Qt.Key.Key_H, ALT)
    qtbot.keyClick(text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, window)

    notes = window.services.read(lambda s: list_notes(s, activity_id=activity_id))
    mine = {n.body: n for n in notes[-3:]}
    first = mine["The bus to the clinic stopped running"]
    assert (first.kind, first.sentiment, first.consent_to_quote) == ("quote", "positive", True)
    assert first.principle_numbers == (3,) and first.group_keys == ("homelessness",)
    second = mine["Nobody answered the crisis line"]
    assert second.safeguarding and second.principle_numbers == (1, 10)
    assert second.group_keys == ("homelessness",) and second.kind == "observation"
    third = mine["More evening appointments please"]
    assert (third.kind, third.consent_to_share, third.group_keys) == ("concern", True, ())
    assert third.principle_numbers == () and not third.safeguarding
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 3)
    assert page.model.row_at(0).body == "More evening appointments please"  # newest first


def test_empty_note_is_not_saved(qtbot: QtBot, sample_window: MainWindow) -> None:
    page = open_first_activity(qtbot, sample_window)
    before = page.model.rowCount()
    qtbot.keyClicks(page.box.text, "   ")
    qtbot.keyClick(page.box.text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, sample_window)
    assert "type the note" in page.status.text()
    assert page.model.rowCount() == before


def test_identifiers_are_flagged_while_typing_and_redacted_with_one_key(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = open_first_activity(qtbot, sample_window)
    box = page.box
    qtbot.keyClicks(box.text, "My name is Sarah, ring 07700 900123")
    qtbot.waitUntil(lambda: box.warning.isVisible())
    assert "phone number" in box.warning.text() and "name" in box.warning.text()
    assert "Warning:" in box.warning.text()  # said in words, not only by colour
    assert len(box.text.extraSelections()) == 2
    qtbot.keyClick(box.text, Qt.Key.Key_R, ALT)
    assert box.text.toPlainText() == "My name is [name removed], ring [phone number removed]"
    assert not box.warning.isVisible() and not box.text.extraSelections()
    qtbot.keyClick(box.text, Qt.Key.Key_Z, CTRL)  # the box's own undo brings the text back
    assert "07700 900123" in box.text.toPlainText()
