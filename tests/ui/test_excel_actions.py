"""File → Export to Excel, Save a typing-up template and Import from Excel, as people use them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from domain.selection import Selection
from models.database import Store
from models.entities import Note
from tests.ui.accessibility import assert_accessible
from tests.ui.conftest import WindowFactory, wait_idle
from ui.main_window import MainWindow
from ui.selection_picker import PickerChoices


class ChosenFiles:
    """Stands in for the file dialogs: answers with the paths a test chose."""

    def __init__(self) -> None:
        self.save_as = ""
        self.open_path = ""
        self.selection: Selection | None = Selection()

    def choose_selection(self, parent: QWidget, choices: PickerChoices) -> Selection | None:
        return self.selection

    def save_workbook(self, parent: QWidget, title: str, suggested: str) -> str:
        return self.save_as

    def open_workbook(self, parent: QWidget, title: str) -> str:
        return self.open_path


def _window(make_window: WindowFactory, store: Store, files: ChosenFiles) -> MainWindow:
    window = make_window(store=store)
    window.excel.dialogs = files  # never the real file dialogs in tests
    return window


def _notes(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Note)) or 0)


def test_export_template_and_import_from_the_file_menu(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_store: Store,
    empty_store: Store,
    tmp_path: Path,
) -> None:
    files = ChosenFiles()
    source = _window(make_window, sample_store, files)
    assert source.excel.export_action in source.file_menu.actions()
    files.save_as = str(tmp_path / "export.xlsx")
    source.excel.export_action.trigger()
    wait_idle(qtbot, source)
    workbook = openpyxl.load_workbook(tmp_path / "export.xlsx", read_only=True)
    assert {"Activities", "Notes", "Themes", "Actions"} <= set(workbook.sheetnames)
    workbook.close()
    assert "Exported" in source.statusBar().currentMessage()

    files.save_as = str(tmp_path / "template.xlsx")
    source.excel.template_action.trigger()
    wait_idle(qtbot, source)
    assert (tmp_path / "template.xlsx").exists()

    target = _window(make_window, empty_store, files)
    files.open_path = str(tmp_path / "export.xlsx")
    with qtbot.waitSignal(target.events.notes_did_change, timeout=20000):
        target.excel.import_action.trigger()
        wait_idle(qtbot, target)
    assert _notes(empty_store) == _notes(sample_store)
    assert "Imported" in target.statusBar().currentMessage()


def test_a_bad_workbook_imports_nothing_and_lists_its_problems(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_text("title,kind\nStall,outreach\n")  # a CSV renamed to .xlsx
    files = ChosenFiles()
    files.open_path = str(bad)
    window = _window(make_window, empty_store, files)
    before = _notes(empty_store)
    window.excel.import_action.trigger()
    wait_idle(qtbot, window)
    dialog = window.excel.problems
    assert dialog is not None and dialog.isVisible()
    assert "notes.xlsx" in dialog.list.toPlainText()
    assert dialog.list.accessibleName()
    assert _notes(empty_store) == before
    assert "Nothing was imported" in window.statusBar().currentMessage()
    dialog.close()


def test_cancelled_file_choice_does_nothing(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store, tmp_path: Path
) -> None:
    window = _window(make_window, empty_store, ChosenFiles())
    window.excel.export_action.trigger()
    window.excel.import_action.trigger()
    assert window.services is not None and window.services.runner.is_idle()
    assert list(tmp_path.iterdir()) == [] or all(p.is_dir() for p in tmp_path.iterdir())


def test_the_export_covers_the_notes_chosen_in_the_picker(
    qtbot: QtBot, make_window: WindowFactory, sample_store: Store, tmp_path: Path
) -> None:
    from domain.selection_query import selected_note_ids
    from ui.exchange.export_choice import ExportChoiceDialog
    from ui.selection_picker import read_choices

    with sample_store.session() as session:
        choices = read_choices(session)
    dialog = ExportChoiceDialog(choices)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert_accessible(dialog)
    picker = dialog.picker
    picker.date_from.setText("yesterday")
    dialog.accept()
    assert dialog.selection is None and "From: 'yesterday' is not a date" in dialog.message.text()
    picker.date_from.clear()
    picker.group.setCurrentIndex(picker.group.findData("inclusion-health"))
    picker.include_subgroups.setChecked(False)
    dialog.accept()
    chosen = dialog.selection
    assert chosen == Selection(group_keys=("inclusion-health",), include_subgroups=False)

    files = ChosenFiles()
    files.selection = Selection(group_keys=("inclusion-health",))
    files.save_as = str(tmp_path / "chosen.xlsx")
    window = _window(make_window, sample_store, files)
    window.excel.export_action.trigger()
    wait_idle(qtbot, window)
    workbook = openpyxl.load_workbook(tmp_path / "chosen.xlsx", read_only=True)
    sheet = workbook["Notes"]
    exported = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
    workbook.close()
    with sample_store.session() as session:
        wanted = set(selected_note_ids(session, files.selection))
    assert exported == wanted and 0 < len(wanted) < _notes(sample_store)


def test_cancelling_the_export_choice_writes_nothing(
    qtbot: QtBot, make_window: WindowFactory, empty_store: Store, tmp_path: Path
) -> None:
    files = ChosenFiles()
    files.selection = None
    files.save_as = str(tmp_path / "never.xlsx")
    window = _window(make_window, empty_store, files)
    window.excel.export_action.trigger()
    wait_idle(qtbot, window)
    assert not (tmp_path / "never.xlsx").exists()
