"""The review queue: a flagged note asks before saving, waits for a reviewer, and is marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain.notes import list_notes
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import wait_idle
from tests.ui.test_capture import ALT, CTRL, open_first_activity
from ui.main_window import MainWindow

FLAGGED = "My name is Sarah Jones, NHS number 943 476 5919, sarah@example.org, LS8 1AB"


def test_saving_a_flagged_note_asks_and_keeps_it_for_review(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    activity_id = page.activity.id
    box = page.box
    before = len(window.services.read(lambda s: list_notes(s, activity_id=activity_id)))
    qtbot.keyClicks(box.text, FLAGGED)
    qtbot.keyClick(box.text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, window)
    # Not saved: the question is asked, with both answers on keys.
    assert box.text.toPlainText() == FLAGGED
    assert "Not saved yet" in page.status.text()
    assert "Alt+R" in box.warning.text() and "review" in box.warning.text()
    assert box.keep_button.isVisible() and box.redact_button.isVisible()
    assert len(window.services.read(lambda s: list_notes(s, activity_id=activity_id))) == before
    qtbot.keyClick(box.text, Qt.Key.Key_Return, CTRL)  # keep for review
    wait_idle(qtbot, window)
    assert "Saved for review" in page.status.text()
    notes = window.services.read(lambda s: list_notes(s, activity_id=activity_id))
    kept = next(n for n in notes if n.body == FLAGGED)
    assert kept.needs_review


def test_redact_now_saves_a_clean_note_not_waiting_for_review(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    page = open_first_activity(qtbot, window)
    activity_id = page.activity.id
    box = page.box
    qtbot.keyClicks(box.text, "Call the carers' line on (020) 7946 0321 on Tuesdays")
    qtbot.keyClick(box.text, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(box.text, Qt.Key.Key_R, ALT)  # redact now
    assert not box.keep_button.isVisible()
    qtbot.keyClick(box.text, Qt.Key.Key_Return, CTRL)
    wait_idle(qtbot, window)
    notes = window.services.read(lambda s: list_notes(s, activity_id=activity_id))
    saved = next(n for n in notes if n.body.startswith("Call the carers"))
    assert saved.body == "Call the carers' line on [phone number removed] on Tuesdays"
    assert not saved.needs_review


def test_a_kept_note_is_marked_counted_and_reviewed_by_keyboard(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    from domain.notes import get_note
    from ui.capture.review_page import ReviewPage

    window = sample_window
    page = open_first_activity(qtbot, window)
    box = page.box
    review_item = window.navigation.item(window._page_order.index("review"))
    assert review_item.text() == "To review"
    for body in (FLAGGED, "Ring the carers' line on (020) 7946 0321"):
        qtbot.keyClicks(box.text, body)
        qtbot.keyClick(box.text, Qt.Key.Key_Return, CTRL)
        qtbot.keyClick(box.text, Qt.Key.Key_Return, CTRL)
        wait_idle(qtbot, window)
    # Marked in the activity's notes list, counted in the sidebar.
    qtbot.waitUntil(lambda: review_item.text() == "To review (2)")
    flags = page.model.columns[-1]
    assert flags.text(page.model.row_at(0)).startswith("Needs review")
    # Find filters by it, and marks it.
    find = window.show_page("find")
    qtbot.keyClicks(find.picker.review, "Needs")
    assert find.picker.review.currentData() is True
    find.run_search()
    hits = [find.model.row_at(r) for r in range(find.model.rowCount())]
    assert len(hits) == 2 and all(h.needs_review for h in hits)
    assert find.model.columns[-1].text(hits[0]) == "Needs review"
    # The reviewer: Ctrl+Shift+V, oldest first; Alt+R redacts, Alt+C clears.
    qtbot.keyClick(window, Qt.Key.Key_V, CTRL | Qt.KeyboardModifier.ShiftModifier)
    review = window.pages["review"]
    assert isinstance(review, ReviewPage) and review.model.rowCount() == 2
    assert_accessible(review)
    first, second = review.model.row_at(0), review.model.row_at(1)
    assert first.body == FLAGGED
    qtbot.keyClick(review.table, Qt.Key.Key_R, ALT)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: review.model.rowCount() == 1)
    assert review_item.text() == "To review (1)"
    qtbot.keyClick(review.table, Qt.Key.Key_C, ALT)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: review.model.rowCount() == 0)
    assert review.empty.isVisible() and "Ctrl+Enter" in review.empty.text()
    assert review_item.text() == "To review"
    redacted = window.services.read(lambda s: get_note(s, note_id=first.id))
    assert "Sarah" not in redacted.body and "[NHS number removed]" in redacted.body
    assert not redacted.needs_review
    cleared = window.services.read(lambda s: get_note(s, note_id=second.id))
    assert cleared.body == second.body and not cleared.needs_review
    qtbot.keyClick(review.table, Qt.Key.Key_Z, CTRL)  # undo: back in the queue as it was
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: review.model.rowCount() == 1)
    assert window.services.read(lambda s: get_note(s, note_id=second.id)).needs_review


def test_the_note_editor_asks_too_when_new_text_may_identify_someone(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    from domain.notes import get_note

    window = sample_window
    page = open_first_activity(qtbot, window)
    page.table.setFocus()
    page.table.selectRow(0)
    note = page.notes.selected_note()
    assert note is not None and not note.needs_review
    page.notes.open_editor()
    editor = page.notes.editor
    qtbot.keyClicks(editor.box.text, " Ring 07700 900123.")
    qtbot.keyClick(editor.box.save_button, Qt.Key.Key_Space)  # Save changes (Ctrl+Enter)
    assert editor.isVisible() and "Not saved yet" in editor.message.text()
    assert editor.box.keep_button.isVisible()
    qtbot.keyClick(editor.box.keep_button, Qt.Key.Key_Space)  # keep it for review
    wait_idle(qtbot, window)
    saved = window.services.read(lambda s: get_note(s, note_id=note.id))
    assert saved.needs_review and saved.body.endswith("Ring 07700 900123.")
    window.services.undo_stack.undo()  # Edit → Undo (Ctrl+Z): as it was, not waiting
    wait_idle(qtbot, window)
    back = window.services.read(lambda s: get_note(s, note_id=note.id))
    assert back.body == note.body and not back.needs_review
