"""Services picker, the note editor (every field, one undo step), undoable capture, and one
draft per activity: all by keyboard, checked against the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from domain.activities import list_activities
from domain.drafts import list_drafts, save_draft
from domain.notes import get_note, list_notes
from tests.ui.conftest import WindowFactory, wait_idle
from tests.ui.test_capture import open_first_activity
from tests.ui.test_capture_room_and_contrast import active
from ui.capture.capture_page import CapturePage
from ui.capture.draft_keeper import capture_slot
from ui.capture.note_editor import NoteEditor
from ui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def note(window: MainWindow, note_id: str):
    return window.services.read(lambda s: get_note(s, note_id=note_id))


def test_services_are_picked_by_typing_and_saved_with_the_note(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = open_first_activity(qtbot, sample_window)
    text = page.box.text
    qtbot.keyClicks(text, "The GP sent me to A&E")
    qtbot.keyClick(text, Qt.Key.Key_I, ALT)
    assert QApplication.focusWidget() is page.box.service_picker
    qtbot.keyClicks(page.box.service_picker, "primary care")
    qtbot.keyClick(page.box.service_picker, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is text  # back to typing
    qtbot.keyClick(text, Qt.Key.Key_I, ALT)
    qtbot.keyClicks(page.box.service_picker, "urgent")
    qtbot.keyClick(page.box.service_picker, Qt.Key.Key_Return)
    qtbot.keyClick(text, Qt.Key.Key_I, ALT)
    qtbot.keyClicks(page.box.service_picker, "no such service")
    qtbot.keyClick(page.box.service_picker, Qt.Key.Key_Return)  # nothing matches: nothing added
    qtbot.keyClick(page.box.service_picker, Qt.Key.Key_Escape)
    assert page.box.state()["services"] == ["gp-and-primary-care", "aande-and-urgent-care"]
    qtbot.keyClick(text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, sample_window)
    saved = page.model.row_at(0)
    assert saved.body == "The GP sent me to A&E"
    assert set(saved.service_keys) == {"gp-and-primary-care", "aande-and-urgent-care"}
    assert page.box.state()["services"] == []  # the box is clear for the next note


def test_the_note_editor_changes_every_field_in_one_undoable_step(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    page.table.setFocus()
    page.table.selectRow(0)
    original = page.selected_note()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.notes.editor
    assert isinstance(editor, NoteEditor) and editor.isVisible()
    qtbot.waitUntil(editor.isActiveWindow)  # its keys work once it has the focus
    box = editor.box
    assert box.text.toPlainText() == original.body
    qtbot.keyClick(box.text, Qt.Key.Key_K, ALT)
    qtbot.keyClick(box.text, Qt.Key.Key_S, ALT)
    qtbot.keyClick(box.text, Qt.Key.Key_A, ALT)
    qtbot.keyClick(box.text, Qt.Key.Key_Q, ALT)
    qtbot.keyClick(box.text, Qt.Key.Key_H, ALT)
    qtbot.keyClick(box.text, Qt.Key.Key_G, ALT)
    qtbot.keyClicks(box.picker, "homeless")
    qtbot.keyClick(box.picker, Qt.Key.Key_Return)
    qtbot.keyClick(box.text, Qt.Key.Key_I, ALT)
    qtbot.keyClicks(box.service_picker, "pharmacy")
    qtbot.keyClick(box.service_picker, Qt.Key.Key_Return)
    wanted = box.state()
    qtbot.keyClick(box.text, Qt.Key.Key_Return, CTRL)
    assert not editor.isVisible()
    wait_idle(qtbot, window)
    assert window.services.undo_stack.count() == 1  # one step for the whole edit

    changed = note(window, original.id)
    assert (changed.kind, changed.sentiment) == (wanted["kind"], wanted["sentiment"])
    assert changed.kind != original.kind and changed.sentiment != original.sentiment
    assert changed.safeguarding is not original.safeguarding
    assert changed.consent_to_quote is not original.consent_to_quote
    assert changed.consent_to_share is not original.consent_to_share
    assert "homelessness" in changed.group_keys and "pharmacy" in changed.service_keys
    assert changed.body == original.body and changed.principle_numbers == original.principle_numbers

    active(qtbot, window)  # (a window manager hands the focus back; offscreen, the test does)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    wait_idle(qtbot, window)
    back = note(window, original.id)
    assert back == original._replace(updated_at=back.updated_at)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL | SHIFT)
    wait_idle(qtbot, window)
    assert note(window, original.id).service_keys == changed.service_keys


def test_the_editor_refuses_blank_text_and_cancel_changes_nothing(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    page = open_first_activity(qtbot, sample_window)
    page.table.selectRow(0)
    page.notes.open_editor()
    editor = page.notes.editor
    editor.box.text.setPlainText("   ")
    editor.save()
    assert editor.isVisible() and editor.message.text().startswith("Error:")
    editor.reject()
    wait_idle(qtbot, sample_window)
    assert sample_window.services.undo_stack.count() == 0


def test_the_capture_keys_change_the_selected_note_in_the_list(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    page.table.setFocus()
    page.table.selectRow(0)
    original = page.selected_note()
    qtbot.keyClick(page.table, Qt.Key.Key_K, ALT)
    wait_idle(qtbot, window)
    qtbot.keyClick(page.table, Qt.Key.Key_A, ALT)
    wait_idle(qtbot, window)
    changed = note(window, original.id)
    assert changed.kind != original.kind and changed.safeguarding is not original.safeguarding
    for _ in range(2):
        qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
        wait_idle(qtbot, window)
    back = note(window, original.id)
    assert (back.kind, back.safeguarding) == (original.kind, original.safeguarding)


def test_ctrl_z_right_after_saving_moves_the_note_to_the_bin_and_redo_brings_it_back(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    text = page.box.text
    qtbot.keyClicks(text, "Captured, then thought better of")
    qtbot.keyClick(text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, window)
    saved = page.model.row_at(0)
    assert saved.body == "Captured, then thought better of"

    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)  # the box has nothing of its own to undo
    wait_idle(qtbot, window)
    assert note(window, saved.id).deleted
    assert page.model.row_of(saved.id) == -1
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL | SHIFT)
    wait_idle(qtbot, window)
    assert not note(window, saved.id).deleted
    assert page.model.row_of(saved.id) == 0

    # With typing in the box, Ctrl+Z undoes the typing, never a saved note.
    qtbot.keyClicks(text, "abc")
    qtbot.keyClick(text, Qt.Key.Key_Z, CTRL)
    wait_idle(qtbot, window)
    assert text.toPlainText() != "abc" and not note(window, saved.id).deleted


def test_each_activity_keeps_its_own_draft(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    first = page.activity.id
    second = next(a.id for a in window.services.read(list_activities) if a.id != first)
    qtbot.keyClicks(page.box.text, "Half a note at the first activity")
    qtbot.keyClick(page.box.text, Qt.Key.Key_Q, ALT)

    window.open_activity(second)
    assert page.activity.id == second and page.box.text.toPlainText() == ""
    qtbot.keyClicks(page.box.text, "Another at the second")
    window.open_activity(first)
    assert page.box.text.toPlainText() == "Half a note at the first activity"
    assert page.box.state()["consent_to_quote"] is True
    assert "back in the box" in page.status.text()
    window.open_activity(second)
    assert page.box.text.toPlainText() == "Another at the second"

    page.page_closing()  # as on quitting: anything still pending is written
    wait_idle(qtbot, window)
    drafts = {d.slot: d.body for d in window.services.read(list_drafts)}
    assert drafts[capture_slot(first)] == "Half a note at the first activity"
    assert drafts[capture_slot(second)] == "Another at the second"

    # Saving at the second activity clears only its own draft.
    qtbot.keyClick(page.box.text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, window)
    drafts = {d.slot: d.body for d in window.services.read(list_drafts)}
    assert capture_slot(second) not in drafts and capture_slot(first) in drafts
    bodies = [n.body for n in window.services.read(lambda s: list_notes(s, activity_id=second))]
    assert "Another at the second" in bodies


def test_after_a_crash_the_latest_draft_is_offered_and_the_others_are_mentioned(
    qtbot: QtBot, make_window: WindowFactory, sample_store
) -> None:
    with sample_store.session() as session:
        older, latest = [a.id for a in list_activities(session)][:2]
        save_draft(session, slot=capture_slot(older), activity_id=older, body="older draft")
        save_draft(
            session,
            slot=capture_slot(latest),
            activity_id=latest,
            body="latest draft",
            fields={"principles": [2]},
        )
    window = active(qtbot, make_window(store=sample_store))
    page = window.pages["capture"]
    assert isinstance(page, CapturePage) and page.activity.id == latest
    assert page.banner.isVisible() and "1 other activities" in page.banner_text.text()
    assert page.box.text.toPlainText() == "latest draft" and page.box.state()["principles"] == [2]
    window.open_activity(older)
    assert page.box.text.toPlainText() == "older draft"
