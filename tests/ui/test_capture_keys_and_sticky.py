"""Group keys that keep their group for a whole activity, and tags that carry to the next note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.notes import list_notes
from tests.ui.conftest import wait_idle
from tests.ui.test_capture import ALT, CTRL, open_first_activity
from ui.capture.capture_page import CapturePage
from ui.main_window import MainWindow


def _add_group(qtbot: QtBot, page: CapturePage, typed: str) -> None:
    qtbot.keyClick(page.box.text, Qt.Key.Key_G, ALT)
    qtbot.keyClicks(page.box.picker, typed)
    qtbot.keyClick(page.box.picker, Qt.Key.Key_Return)


def _save(qtbot: QtBot, window: MainWindow, page: CapturePage, body: str) -> None:
    qtbot.keyClicks(page.box.text, body)
    qtbot.keyClick(page.box.text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, window)


def test_ctrl_number_keeps_its_group_for_the_whole_activity(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    activity_id = page.activity.id
    box = page.box
    _add_group(qtbot, page, "homeless")
    _add_group(qtbot, page, "Pregnancy")
    slots = [c.text() for c in box.slots.checks]
    assert slots[:2] == [
        "Ctrl+1: People experiencing homelessness",
        "Ctrl+2: Pregnancy and maternity",
    ]
    _save(qtbot, window, page, "A first note with both groups")
    qtbot.keyClick(box.text, Qt.Key.Key_X, ALT)  # start the next ones from no groups
    assert box.state()["groups"] == []
    for n in range(10):
        qtbot.keyClick(box.text, Qt.Key.Key_2, CTRL)  # on (it was cleared after the last save)
        assert box.state()["groups"] == ["pregnancy-maternity"]
        _save(qtbot, window, page, f"Note {n} about maternity care")
        qtbot.keyClick(box.text, Qt.Key.Key_X, ALT)
        assert [c.text() for c in box.slots.checks] == slots  # never reordered
    notes = window.services.read(lambda s: list_notes(s, activity_id=activity_id))
    mine = [n for n in notes if n.body.startswith("Note ")]
    assert len(mine) == 10
    assert {n.group_keys for n in mine} == {("pregnancy-maternity",)}


def test_groups_and_principles_carry_over_text_consent_and_safeguarding_reset(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    activity_id = page.activity.id
    box = page.box
    qtbot.keyClick(box.text, Qt.Key.Key_X, ALT)
    _add_group(qtbot, page, "homeless")
    qtbot.keyClick(box.text, Qt.Key.Key_4, ALT)
    qtbot.keyClick(box.text, Qt.Key.Key_Q, ALT)
    qtbot.keyClick(box.text, Qt.Key.Key_A, ALT)
    qtbot.keyClick(box.text, Qt.Key.Key_K, ALT)
    _save(qtbot, window, page, "First note at the shelter")
    state = box.state()
    assert state["body"] == "" and state["principles"] == [4]
    assert state["groups"] == ["homelessness"]
    assert not state["consent_to_quote"] and not state["safeguarding"]
    assert state["kind"] == "observation"
    assert box.carried.isVisible()
    assert "People experiencing homelessness" in box.carried.text()
    assert "Alt+X" in box.carried.text()
    _save(qtbot, window, page, "Second note at the shelter")
    qtbot.keyClick(box.text, Qt.Key.Key_X, ALT)  # one key clears the kept tags
    assert box.state()["groups"] == [] and box.state()["principles"] == []
    assert not box.carried.isVisible()
    _save(qtbot, window, page, "Third note, another subject")
    notes = {
        n.body: n for n in window.services.read(lambda s: list_notes(s, activity_id=activity_id))
    }
    second = notes["Second note at the shelter"]
    assert second.group_keys == ("homelessness",) and second.principle_numbers == (4,)
    assert not second.consent_to_quote and not second.safeguarding
    third = notes["Third note, another subject"]
    assert third.group_keys == () and third.principle_numbers == ()
