"""An activity's notes list (or its bin): edit, tag, delete and restore, each one undoable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from domain.note_fields import NoteEdit, NoteFields
from domain.taxonomy import list_groups, list_principles, list_services
from domain.views import NoteView
from domain.vocabulary import NoteKind, Sentiment, choices
from ui.capture import shortcuts as keys
from ui.capture.note_commands import DeleteNotesCommand, RestoreNotesCommand, ReviseNoteCommand
from ui.capture.note_editor import NoteEditor
from ui.capture.note_table_model import BODY_COLUMN, TAG_COLUMNS, NoteTableModel
from ui.empty_state import EmptyState
from ui.flow_layout import flowing
from ui.remembered import remember_columns
from ui.services import Services

# In the list the capture keys act on the selected note: the same key, the same meaning.
_CYCLES = {
    keys.NEXT_KIND: ("kind", choices(NoteKind), 1),
    keys.PREVIOUS_KIND: ("kind", choices(NoteKind), -1),
    keys.NEXT_SENTIMENT: ("sentiment", choices(Sentiment), 1),
    keys.PREVIOUS_SENTIMENT: ("sentiment", choices(Sentiment), -1),
}
_FLAG_KEYS = {key: flag for flag, key in keys.flag_keys().items()}


class NotesPanel(QWidget):
    """GUI thread only. `say` shows a status line to the person (never note text)."""

    def __init__(self, services: Services, say: Callable[[str], None]) -> None:
        super().__init__()
        self.services = services
        self.say = say
        self.activity_id: str | None = None
        self.editor: NoteEditor | None = None

        self.heading = QLabel()
        self.show_bin = QCheckBox(self.tr("Show the &bin (deleted notes)"))
        self.open_button = QPushButton(self.tr("Edit note (Enter)"))
        self.edit_button = QPushButton(self.tr("Edit text ({key})").format(key=keys.EDIT_NOTE))
        self.delete_button = QPushButton(self.tr("&Delete ({key})").format(key=keys.DELETE_NOTE))
        self.restore_button = QPushButton(self.tr("Res&tore ({key})").format(key=keys.RESTORE_NOTE))
        self.restore_button.hide()
        self.model = NoteTableModel(services)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Notes for this activity"))
        self.table.setAccessibleDescription(
            self.tr(
                "Enter edits every field, F2 the text; Delete moves to the bin; "
                "the capture keys ({keys}, Alt+1 … Alt+0) change the selected note."
            ).format(keys=", ".join((keys.NEXT_KIND, keys.NEXT_SENTIMENT, *_FLAG_KEYS)))
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # F2 is a shortcut (below) so it edits the note's text whichever cell is current;
        # Enter and double-click open the note editor.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # the rows in view, not every row loaded
        # The note's text keeps a fair share of the width even when the other columns do not
        # fit (200% text): they then scroll sideways, the text does not shrink to nothing.
        header.setSectionResizeMode(BODY_COLUMN, QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().horizontalAdvance("M")
        header.setMinimumSectionSize(em * 4)
        for column in TAG_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, em * 10)
        remember_columns(self.table, services.window_state, "capture.notes")

        bar = flowing(
            self.heading,
            self.show_bin,
            self.open_button,
            self.edit_button,
            self.delete_button,
            self.restore_button,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        self.empty = EmptyState("chat-text")
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

        self.show_bin.toggled.connect(self._bin_toggled)
        self.open_button.clicked.connect(self.open_editor)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.activated.connect(lambda _index: self.open_editor())
        self.model.edit_requested.connect(self._edit_requested)
        self.model.modelReset.connect(self.fit_note_column)
        header.sectionResized.connect(self._column_resized)
        self._table_shortcut(keys.EDIT_NOTE, self.edit_selected)
        self._table_shortcut(keys.DELETE_NOTE, self.delete_selected)
        self._table_shortcut(keys.RESTORE_NOTE, self.restore_selected)
        for number, sequence in enumerate(keys.PRINCIPLES, start=1):
            self._table_shortcut(sequence, lambda n=number: self.toggle_principle_on_selected(n))
        for sequence, (field, values, step) in _CYCLES.items():
            self._table_shortcut(sequence, lambda f=field, v=values, s=step: self._cycle(f, v, s))
        for sequence, field in _FLAG_KEYS.items():
            self._table_shortcut(sequence, lambda f=field: self._toggle_flag(f))
        services.events.notes_did_change.connect(self._notes_changed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_note_column()

    def fit_note_column(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(c) for c in range(self.model.columnCount()) if c != BODY_COLUMN
        )
        room = self.table.viewport().width()
        scroll_bar = self.table.verticalScrollBar()
        if not scroll_bar.isVisible():  # it appears once rows fill the list: leave it room
            room -= scroll_bar.sizeHint().width()
        header.resizeSection(BODY_COLUMN, max(room - others, room * 2 // 5))

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column != BODY_COLUMN:
            self.fit_note_column()

    def _table_shortcut(self, sequence: str, slot: Any) -> None:
        shortcut = QShortcut(QKeySequence(sequence), self.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)

    # ----- showing ------------------------------------------------------------------------

    def show_activity(self, activity_id: str | None, *, in_bin: bool = False) -> None:
        self.activity_id = activity_id
        self.show_bin.blockSignals(True)
        self.show_bin.setChecked(in_bin)
        self.show_bin.blockSignals(False)
        self._show_notes()

    def _show_notes(self) -> None:
        in_bin = self.show_bin.isChecked()
        self.model.show(self.activity_id, show_bin=in_bin)
        self.restore_button.setVisible(in_bin)
        for button in (self.open_button, self.edit_button, self.delete_button):
            button.setVisible(not in_bin)
        self._update_heading()

    def _update_heading(self) -> None:
        shown = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        label = (
            self.tr("Bin: {n}{more} deleted notes")
            if self.show_bin.isChecked()
            else self.tr("Notes: {n}{more}")
        )
        self.heading.setText(label.format(n=shown, more=more))
        if shown:
            self.empty.hide()
            return
        self.empty.set_icon("trash" if self.show_bin.isChecked() else "chat-text")
        self.empty.setText(
            self.tr("The bin is empty.")
            if self.show_bin.isChecked()
            else self.tr(
                "No notes yet for this activity: type what people said in the box above and "
                "press Ctrl+Enter to save it."
            )
        )
        self.empty.show()

    def _bin_toggled(self, _on: bool) -> None:
        self._show_notes()
        self.table.setFocus()

    def select_note(self, note_id: str) -> bool:
        row = self.model.row_of(note_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, BODY_COLUMN))
        return True

    def selected_note(self) -> NoteView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _editable_note(self) -> NoteView | None:
        note = self.selected_note()
        if note is None or self.activity_id is None or self.show_bin.isChecked():
            return None
        return note

    # ----- editing (undoable) -------------------------------------------------------------

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and not self.show_bin.isChecked():
            index = self.model.index(rows[0].row(), BODY_COLUMN)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def _edit_requested(self, note_id: str, field: str, value: object) -> None:
        note = self.model.row_at(self.model.row_of(note_id))
        if note is not None and self.activity_id is not None:
            self._push_edit(note, NoteEdit.of(**{field: value}))

    def _push_edit(self, note: NoteView, after: NoteEdit, text: str = "") -> None:
        """One undoable step setting `after`; undo sets the same names as the note has them."""
        assert self.activity_id is not None
        now = NoteFields.of(note)
        self.services.undo_stack.push(
            ReviseNoteCommand(
                self.services,
                text=text or self.tr("edit note"),
                activity_id=self.activity_id,
                note_id=note.id,
                before=NoteEdit.of(**{name: getattr(now, name) for name in after.values()}),
                after=after,
            )
        )

    def _cycle(self, field: str, values: tuple[str, ...], step: int) -> None:
        note = self._editable_note()
        if note is not None:
            current = getattr(note, field)
            index = values.index(current) if current in values else 0
            self._push_edit(note, NoteEdit.of(**{field: values[(index + step) % len(values)]}))

    def _toggle_flag(self, field: str) -> None:
        note = self._editable_note()
        if note is not None:
            self._push_edit(note, NoteEdit.of(**{field: not getattr(note, field)}))

    def toggle_principle_on_selected(self, number: int) -> None:
        note = self._editable_note()
        if note is not None:
            after = set(note.principle_numbers) ^ {number}
            self._push_edit(note, NoteEdit.of(principles=after), self.tr("change tags"))

    def open_editor(self) -> None:
        """Every field and tag of the selected note, in a dialog (opened, never exec'd)."""
        note = self._editable_note()
        if note is None:
            return
        principles, groups, services = self.services.read(
            lambda s: (list_principles(s), list_groups(s), list_services(s))
        )
        if self.editor is not None:
            self.editor.deleteLater()  # closed by now (it is window-modal): one kept at a time
        self.editor = NoteEditor(
            note,
            principles=principles,
            groups=groups,
            services=services,
            recent_groups=self.services.preferences.recent_group_keys,
            parent=self,
        )
        self.editor.accepted_changes.connect(self._revise)
        self.editor.open()
        self.editor.activateWindow()
        self.editor.box.focus_text()

    def _revise(self, note_id: str, before: NoteFields, after: NoteFields) -> None:
        if self.activity_id is None:
            return
        back, forward = NoteEdit.between(before, after)
        if self.editor is not None and self.editor.kept_for_review:
            back, forward = back.adding(needs_review=False), forward.adding(needs_review=True)
        self.services.undo_stack.push(
            ReviseNoteCommand(
                self.services,
                text=self.tr("edit note"),
                activity_id=self.activity_id,
                note_id=note_id,
                before=back,
                after=forward,
            )
        )
        self.say(self.tr("Note changed. Ctrl+Z puts it back as it was."))
        self.table.setFocus()

    def delete_selected(self) -> None:
        note = self._editable_note()
        if note is None or self.activity_id is None:
            return
        self.services.undo_stack.push(
            DeleteNotesCommand(self.services, activity_id=self.activity_id, note_ids=[note.id])
        )
        self.say(self.tr("Moved to the bin. Ctrl+Z brings it back."))

    def restore_selected(self) -> None:
        note = self.selected_note()
        if note is None or self.activity_id is None or not self.show_bin.isChecked():
            return
        self.services.undo_stack.push(
            RestoreNotesCommand(self.services, activity_id=self.activity_id, note_ids=[note.id])
        )

    def _notes_changed(self, change: Changes) -> None:
        if self.activity_id is None or not change.touches_notes_of(self.activity_id):
            return
        selected = self.selected_note()
        row = self.table.currentIndex().row()
        self.model.reload()
        self._update_heading()
        if selected is not None and not self.select_note(selected.id) and self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
