"""File menu: export to Excel, save a typing-up template, import from Excel (in the background)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from app.changes import Outcome
from domain.progress import Progress
from ui.main_window import MainWindow

# Imported when first used, not at start-up: the window paints sooner without them.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app import excel
    from domain.exchange import ImportSummary
    from domain.selection import Selection
    from ui.exchange.import_problems import ImportProblemsDialog
    from ui.selection_picker import PickerChoices

XLSX_FILTER = "Excel workbook (*.xlsx)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExcelActions", text)


class WorkbookDialogs(Protocol):
    """Each returns the chosen path, or "" when the person cancels (tests pass their own);
    choose_selection returns the notes to export, or None when the person cancels."""

    def choose_selection(self, parent: QWidget, choices: PickerChoices) -> Selection | None: ...

    def save_workbook(self, parent: QWidget, title: str, suggested: str) -> str: ...

    def open_workbook(self, parent: QWidget, title: str) -> str: ...


class QtWorkbookDialogs:
    def choose_selection(self, parent: QWidget, choices: PickerChoices) -> Selection | None:
        from ui.exchange.export_choice import choose_export_selection

        return choose_export_selection(parent, choices)

    def save_workbook(self, parent: QWidget, title: str, suggested: str) -> str:
        path = QFileDialog.getSaveFileName(parent, title, suggested, XLSX_FILTER)[0]
        return path if not path or path.lower().endswith(".xlsx") else path + ".xlsx"

    def open_workbook(self, parent: QWidget, title: str) -> str:
        return QFileDialog.getOpenFileName(parent, title, "", XLSX_FILTER)[0]


def describe_import(summary: ImportSummary) -> str:
    if not summary.changed_anything:
        return _tr("Nothing new: every row is already in the store.")
    added = sum(summary.created.values())
    updated = sum(summary.updated.values())
    text = _tr("Imported: {added} added, {updated} updated, {same} unchanged.").format(
        added=added, updated=updated, same=summary.unchanged
    )
    if summary.flagged_for_review:
        text += " " + _tr("{n} notes may identify someone and are flagged for review.").format(
            n=summary.flagged_for_review
        )
    return text


class ExcelActions(QObject):
    """Adds the three Excel actions to the window's File menu. GUI thread only."""

    def __init__(self, window: MainWindow, dialogs: WorkbookDialogs | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.dialogs = dialogs or QtWorkbookDialogs()
        self.problems: ImportProblemsDialog | None = None
        self.export_action = self._action(_tr("&Export to Excel…"), "Ctrl+Shift+E", self.export)
        self.template_action = self._action(
            _tr("Save a typing-up &template…"), "", self.save_template
        )
        self.import_action = self._action(_tr("&Import from Excel…"), "Ctrl+Shift+I", self.import_)

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.window.add_file_action(action)
        return action

    def export(self) -> None:
        services = self.window.services
        if services is None:
            return
        from ui.selection_picker import read_choices

        selection = self.dialogs.choose_selection(self.window, services.read(read_choices))
        if selection is None:
            return
        path = self.dialogs.save_workbook(
            self.window, _tr("Export to Excel"), "listening-post-export.xlsx"
        )
        if not path:
            return
        target = Path(path)

        def job(session: Session, progress: Progress) -> excel.Exported:
            from app import excel

            return excel.export_workbook(
                session, selection=selection, out=target, progress=progress
            )

        services.runner.submit(
            job,
            label=_tr("Exporting to Excel"),
            cancellable=True,
            on_done=lambda done: self.window.show_status(
                _tr("Exported {notes} notes to {name}.").format(
                    notes=done.note_count, name=target.name
                )
            ),
            on_error=lambda error: self.window.report_error(_tr("the Excel export"), error),
        )

    def save_template(self) -> None:
        services = self.window.services
        if services is None:
            return
        path = self.dialogs.save_workbook(
            self.window, _tr("Save a typing-up template"), "listening-post-template.xlsx"
        )
        if not path:
            return
        target = Path(path)

        def job(session: Session, progress: Progress) -> Path:
            from app import excel

            return excel.write_template_workbook(session, out=target)

        services.runner.submit(
            job,
            label=_tr("Writing the template"),
            on_done=lambda _: self.window.show_status(
                _tr("Saved a typing-up template as {name}.").format(name=target.name)
            ),
            on_error=lambda error: self.window.report_error(_tr("the template"), error),
        )

    def import_(self) -> None:
        services = self.window.services
        if services is None:
            return
        path = self.dialogs.open_workbook(self.window, _tr("Import from Excel"))
        if not path:
            return
        source = Path(path)

        def job(session: Session, progress: Progress) -> Outcome[ImportSummary]:
            from app import excel

            # Checked in full before anything is written; one transaction, all or nothing.
            return excel.import_workbook(session, path=source, progress=progress)

        services.runner.submit(
            job,
            label=_tr("Importing from Excel"),
            cancellable=True,
            on_done=self._imported,
            on_error=lambda error: self._import_failed(source, error),
        )

    def _imported(self, summary: ImportSummary) -> None:
        self.window.show_status(describe_import(summary))

    def _import_failed(self, source: Path, error: BaseException) -> None:
        from domain.exchange import ImportRefused
        from ui.exchange.import_problems import ImportProblemsDialog

        if not isinstance(error, ImportRefused):
            self.window.report_error(_tr("the Excel import"), error)
            return
        self.window.show_status(_tr("Nothing was imported: the workbook has problems."))
        self.problems = ImportProblemsDialog(
            self.window, source.name, str(error), [str(p) for p in error.problems]
        )
        self.problems.open()  # not exec(): the app stays usable while people read the list
