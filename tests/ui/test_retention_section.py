"""Retention on the Data held page: rules against ages, changing a rule, review and delete after
a confirmation listing counts, and this laptop's own settings."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.retention import retention_view
from domain.retention import Period, RecordKind, Rule, Unit
from domain.retention_due import Due
from models.database import Store
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory, wait_idle
from ui.privacy.data_held_page import DataHeldPage
from ui.privacy.retention_section import PurgeDialog, RulesDialog


class Answers:
    """Stands in for the rules and confirmation dialogs."""

    def __init__(self, periods: dict[RecordKind, Period], confirm: bool) -> None:
        self.periods, self.confirm = periods, confirm
        self.shown: list[tuple[Due, ...]] = []

    def edit_rules(self, parent: QWidget, rules: tuple[Rule, ...]) -> dict[RecordKind, Period]:
        assert [rule.kind for rule in rules] == list(RecordKind)
        return self.periods

    def confirm_purge(self, parent: QWidget, due: tuple[Due, ...]) -> bool:
        self.shown.append(due)
        return self.confirm


def _cell(page: DataHeldPage, kind: str, column: int) -> str:
    for row in range(page.table.rowCount()):
        if page.table.item(row, 0).text() == kind:
            return page.table.item(row, column).text()
    raise AssertionError(kind)


def test_rules_show_against_ages_and_what_is_due_is_deleted_after_a_yes(
    qtbot: QtBot, make_window: WindowFactory, sample_store: Store
) -> None:
    window = make_window(store=sample_store)
    page = window.show_page("data-held")
    assert isinstance(page, DataHeldPage)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    kept = page.COLUMNS.index("Kept for")
    assert _cell(page, "Notes", kept) == "2 years after the activity"
    assert _cell(page, "Notes in the bin", kept) == "30 days after being deleted"
    section = page.retention
    assert section.due_label.text() == "Nothing is past its date."
    assert not section.review_button.isEnabled()
    # A count slower than half a second shows (and closes) a progress dialog, which takes the focus.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.first_focus.setFocus()
    assert_accessible(window)

    # The organisation shortens the notes rule: the sample's past activities' notes are due.
    section.dialogs = Answers({RecordKind.NOTES: Period(1, Unit.DAYS)}, confirm=False)
    section.rules_button.click()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: section.review_button.isEnabled())
    assert _cell(page, "Notes", kept) == "1 day after the activity"
    assert section.due_label.text().startswith("• Notes: ")

    section.review_button.click()  # shown, then cancelled: nothing deleted
    wait_idle(qtbot, window)
    assert section.dialogs.shown and _cell(page, "Notes", 1) != "0"

    section.dialogs.confirm = True
    window.services.undo_stack.push(QUndoCommand("edit note"))  # a step holding a note's text
    due = section.view.due
    section.review_button.click()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not section.review_button.isEnabled())
    assert section.due_label.text() == "Nothing is past its date."
    assert "Deleted " in window.statusBar().currentMessage()
    assert window.services.undo_stack.count() == 0  # no undo step holds purged text
    with sample_store.session() as session:
        from domain.retention_due import due_for_purge

        assert due_for_purge(session) == ()
    assert sum(listed.count for listed in due) > 0


def test_this_laptops_settings_are_kept(
    qtbot: QtBot, make_window: WindowFactory, sample_store: Store
) -> None:
    window = make_window(store=sample_store)
    page = window.show_page("data-held")
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    page.retention.delete_after_sync.click()
    wait_idle(qtbot, window)
    device = retention_view(sample_store).device
    assert device.delete_after_sync and not device.coordinator
    page.retention.coordinator.click()
    wait_idle(qtbot, window)
    assert retention_view(sample_store).device.coordinator


def test_the_dialogs_name_every_field_and_default_to_cancel(
    qtbot: QtBot, sample_store: Store
) -> None:
    view = retention_view(sample_store)
    rules = RulesDialog(None, view.rules)
    qtbot.addWidget(rules)
    rules.show()
    assert_accessible(rules)
    rules.amounts[RecordKind.DRAFTS].setValue(2)
    rules.units[RecordKind.DRAFTS].setCurrentIndex(rules.units[RecordKind.DRAFTS].findData("years"))
    rules.amounts[RecordKind.BIN].setValue(500)
    rules.units[RecordKind.BIN].setCurrentIndex(rules.units[RecordKind.BIN].findData("years"))
    rules.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert "The bin: give at most 100 years" in rules.problem.text()
    assert rules.result() == 0
    rules.amounts[RecordKind.BIN].setValue(30)
    rules.units[RecordKind.BIN].setCurrentIndex(rules.units[RecordKind.BIN].findData("days"))
    assert rules.periods() == {RecordKind.DRAFTS: Period(2, Unit.YEARS)}

    due = (Due(RecordKind.NOTES, "Notes", 3, None, (("note", "a"),), ""),)
    confirm = PurgeDialog(None, due)
    qtbot.addWidget(confirm)
    confirm.show()
    assert_accessible(confirm)
    cancel = confirm.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.isDefault() and not confirm.delete_button.isDefault()
