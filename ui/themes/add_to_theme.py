"""Add the selected notes of any notes table to a new or existing theme: context menu, Ctrl+T,
and dragging the notes onto a theme."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.changes import Outcome
from app.themes import file_notes
from domain.theme_detail import FiledNotes
from domain.themes import ThemeTitle, theme_titles
from ui.paged_table_model import ROW_ROLE
from ui.services import Services
from ui.themes.note_drag import NoteDragSource

ADD_TO_THEME = "Ctrl+T"


def selected_note_ids(view: QAbstractItemView) -> list[str]:
    """Ids of the selected rows of a table of notes or hits (PagedTableModel's ROW_ROLE)."""
    model = view.selectionModel()
    if model is None:
        return []
    rows = sorted(model.selectedRows(), key=lambda index: index.row())
    ids = [getattr(index.data(ROW_ROLE), "id", None) for index in rows]
    return [i for i in ids if isinstance(i, str)]


class AddToThemeDialog(QDialog):
    """Choose a theme or type a new title. Opened with open(), never exec(). GUI thread."""

    def __init__(
        self, parent: QWidget | None, themes: Sequence[ThemeTitle], note_count: int
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add to theme"))
        self.themes = {t.title: t.id for t in themes}
        explanation = QLabel(
            self.tr(
                "{n} notes selected. Choose a theme, or type a title to start a new one."
            ).format(n=note_count)
        )
        explanation.setWordWrap(True)
        self.theme = QComboBox()
        self.theme.setEditable(True)
        self.theme.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.theme.addItems(list(self.themes))
        self.theme.setCurrentIndex(-1)
        self.theme.setEditText("")
        completer = QCompleter(list(self.themes), self.theme)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.theme.setCompleter(completer)
        self.theme.setAccessibleName(self.tr("Theme"))
        label = QLabel(self.tr("&Theme:"))
        label.setBuddy(self.theme)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        # The standard OK button, renamed: a button added by role loses "default" to Cancel.
        self.add_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(label)
        layout.addWidget(self.theme)
        layout.addWidget(buttons)

    def choice(self) -> tuple[str | None, str]:
        """(id of an existing theme or None, the title as typed)."""
        title = self.theme.currentText().strip()
        return self.themes.get(title), title


class AddToTheme(QObject):
    """Gives a notes table the "Add to theme…" action (context menu and Ctrl+T) and drags.

    Status and errors go to `report` (e.g. the status bar), worded without note text.
    """

    def __init__(
        self, view: QAbstractItemView, services: Services, report: Callable[[str], None]
    ) -> None:
        super().__init__(view)
        self.view = view
        self.services = services
        self.report = report
        self.dialog: AddToThemeDialog | None = None
        self.action = QAction(self.tr("Add to theme…"), view)
        self.action.setShortcut(QKeySequence(ADD_TO_THEME))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action.triggered.connect(self.ask)
        view.addAction(self.action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.drag_source = NoteDragSource(view, lambda: selected_note_ids(view))

    def ask(self) -> None:
        ids = selected_note_ids(self.view)
        if not ids:
            self.report(self.tr("Select one or more notes to add to a theme."))
            return
        themes = self.services.read(theme_titles)  # titles only: not each theme's notes
        dialog = AddToThemeDialog(self.view.window(), themes, len(ids))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._file(ids, *dialog.choice()))
        dialog.destroyed.connect(lambda _=None: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        dialog.activateWindow()
        dialog.theme.setFocus()

    def _file(self, ids: list[str], theme_id: str | None, title: str) -> None:
        def job(session: Session, _progress: object) -> Outcome[FiledNotes]:
            return file_notes(session, title=title, note_ids=ids, theme_id=theme_id)

        self.services.runner.submit(
            job,
            label=self.tr("Adding notes to a theme"),
            on_done=self._filed,
            on_error=lambda error: self.report(self.tr("Error: ") + str(error)),
        )

    def _filed(self, filed: FiledNotes) -> None:
        text = (
            self.tr("Started the theme “{title}” with {n} notes.")
            if filed.created
            else self.tr("Added {n} notes to the theme “{title}”.")
        )
        self.report(text.format(title=filed.theme.title, n=filed.added))
