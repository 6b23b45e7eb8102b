"""The capture workspace for one activity: the quick-capture box above the activity's notes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from domain.activities import get_activity
from domain.drafts import DraftView, clear_draft, load_draft
from domain.errors import DomainError
from domain.notes import create_note
from domain.taxonomy import list_groups, list_principles
from domain.views import ActivityView, NoteView
from ui.capture import shortcuts as keys
from ui.capture.capture_box import FLAG_FIELDS, CaptureBox
from ui.capture.draft_keeper import CAPTURE_SLOT, DraftKeeper
from ui.capture.note_commands import (
    DeleteNotesCommand,
    EditNoteCommand,
    RestoreNotesCommand,
    TagNoteCommand,
)
from ui.capture.note_table_model import BODY_COLUMN, NoteTableModel
from ui.display import short_date_time
from ui.events import NotesChange
from ui.pages import Navigator
from ui.services import Services
from ui.themes.add_to_theme import AddToTheme
from ui.widgets import MessageLine, scrolling


class CapturePage(QWidget):
    """GUI thread only."""

    def __init__(self, services: Services, navigator: Navigator) -> None:
        super().__init__()
        self.services = services
        self.navigator = navigator
        self.activity: ActivityView | None = None

        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.stack.addWidget(self._build_empty_state())
        self.workspace = QWidget()
        self.stack.addWidget(self.workspace)

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.banner = self._build_banner()
        self.box = CaptureBox()
        self.status = MessageLine(self.tr("Capture status"))

        notes_area = QWidget()
        notes_layout = QVBoxLayout(notes_area)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.notes_heading = QLabel()
        self.show_bin = QCheckBox(self.tr("Show the &bin (deleted notes)"))
        self.edit_button = QPushButton(self.tr("Edit text ({key})").format(key=keys.EDIT_NOTE))
        self.delete_button = QPushButton(self.tr("&Delete ({key})").format(key=keys.DELETE_NOTE))
        self.restore_button = QPushButton(self.tr("Res&tore ({key})").format(key=keys.RESTORE_NOTE))
        self.restore_button.hide()
        bar = QHBoxLayout()
        bar.addWidget(self.notes_heading)
        bar.addStretch(1)
        for widget in (self.show_bin, self.edit_button, self.delete_button, self.restore_button):
            bar.addWidget(widget)
        self.model = NoteTableModel(services)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Notes for this activity"))
        self.table.setAccessibleDescription(
            self.tr("F2 edits, Delete moves to the bin, Alt+1 … Alt+0 toggle principles.")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # F2 is a shortcut (below) so it edits the note's text whichever cell is current.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.add_to_theme = AddToTheme(self.table, services, navigator.show_status)  # Ctrl+T
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BODY_COLUMN, QHeaderView.ResizeMode.Stretch)
        notes_layout.addLayout(bar)
        notes_layout.addWidget(self.table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        capture_area = QWidget()
        capture_layout = QVBoxLayout(capture_area)
        capture_layout.setContentsMargins(0, 0, 0, 0)
        capture_layout.addWidget(self.box)
        capture_layout.addWidget(self.status)
        # Scrolls rather than squeezing at 200% text size or on a small screen.
        splitter.addWidget(scrolling(capture_area))
        splitter.addWidget(notes_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        page_layout = QVBoxLayout(self.workspace)
        page_layout.addWidget(self.heading)
        page_layout.addWidget(self.details)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(splitter, 1)

        self.drafts = DraftKeeper(services.runner, self._draft_snapshot)
        self.box.changed.connect(self.drafts.changed)
        self.box.save_requested.connect(self.save_note)
        self.model.edit_requested.connect(self._edit_requested)
        self.show_bin.toggled.connect(self._bin_toggled)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self._table_shortcut(keys.EDIT_NOTE, self.edit_selected)
        self._table_shortcut(keys.DELETE_NOTE, self.delete_selected)
        self._table_shortcut(keys.RESTORE_NOTE, self.restore_selected)
        for number, sequence in enumerate(keys.PRINCIPLES, start=1):
            self._table_shortcut(sequence, lambda n=number: self.toggle_principle_on_selected(n))
        services.events.notes_did_change.connect(self._notes_changed)
        services.events.taxonomy_did_change.connect(self._load_reference_data)
        self._load_reference_data()
        self.first_focus: QWidget = self.box  # not a focus proxy: that would reorder Tab

    def _build_empty_state(self) -> QWidget:
        empty = QWidget()
        column = QVBoxLayout(empty)
        text = QLabel(self.tr("<h2>Capture</h2><p>Choose an activity to capture notes for.</p>"))
        text.setTextFormat(Qt.TextFormat.RichText)
        self.choose_button = QPushButton(self.tr("&Choose an activity"))
        self.choose_button.clicked.connect(lambda: self.navigator.show_page("activities"))
        column.addWidget(text)
        column.addWidget(self.choose_button, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        return empty

    def _build_banner(self) -> QFrame:
        banner = QFrame()
        banner.setFrameShape(QFrame.Shape.Box)
        row = QHBoxLayout(banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setAccessibleName(self.tr("Recovered draft"))
        self.keep_draft_button = QPushButton(self.tr("Keep it"))
        self.discard_draft_button = QPushButton(self.tr("Discard the draft"))
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.keep_draft_button)
        row.addWidget(self.discard_draft_button)
        self.keep_draft_button.clicked.connect(self._keep_draft)
        self.discard_draft_button.clicked.connect(self._discard_draft)
        banner.hide()
        return banner

    def _table_shortcut(self, sequence: str, slot: Any) -> None:
        shortcut = QShortcut(QKeySequence(sequence), self.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)

    def _load_reference_data(self) -> None:
        groups, principles = self.services.read(
            lambda s: (list_groups(s, include_retired=False), list_principles(s))
        )
        self.box.set_principles(principles)
        self.box.set_groups(groups, self.services.preferences.recent_group_keys)

    # ----- opening an activity -----------------------------------------------------------

    def page_shown(self) -> None:
        self.stack.setCurrentIndex(1 if self.activity else 0)

    def open_activity(self, activity_id: str, note_id: str | None = None) -> None:
        try:
            activity = self.services.read(lambda s: get_activity(s, activity_id=activity_id))
        except DomainError as error:
            self.navigator.show_status(str(error))
            return
        self.activity = activity
        self.stack.setCurrentIndex(1)
        self.heading.setText(f"<h2>{_escape(activity.title)}</h2>")
        where = ", ".join(p for p in (activity.place, activity.area) if p)
        self.details.setText(f"{short_date_time(activity.starts_at)} · {where}".strip(" ·"))
        in_bin = False
        if note_id is not None:
            in_bin = bool(self.services.read(lambda s: _is_deleted(s, note_id)))
        self.show_bin.blockSignals(True)
        self.show_bin.setChecked(in_bin)
        self.show_bin.blockSignals(False)
        self._show_notes()
        if note_id is not None:
            self.select_note(note_id)
            self.table.setFocus()
        else:
            self.box.focus_text()

    def _show_notes(self) -> None:
        in_bin = self.show_bin.isChecked()
        self.model.show(self.activity.id if self.activity else None, show_bin=in_bin)
        self.restore_button.setVisible(in_bin)
        self.delete_button.setVisible(not in_bin)
        self.edit_button.setVisible(not in_bin)
        self._update_heading()

    def _update_heading(self) -> None:
        if self.activity is None:
            return
        shown = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        label = (
            self.tr("Bin: {n}{more} deleted notes")
            if self.show_bin.isChecked()
            else self.tr("Notes: {n}{more}")
        )
        self.notes_heading.setText(label.format(n=shown, more=more))

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

    # ----- capture -----------------------------------------------------------------------

    def save_note(self) -> None:
        if self.activity is None:
            return
        state = self.box.state()
        if not state["body"].strip():
            self.status.show_message(self.tr("Error: type the note before saving it."))
            self.box.focus_text()
            return
        activity_id = self.activity.id
        values = {name: state[name] for name in ("kind", "sentiment", *FLAG_FIELDS)}

        def job(session: Session, _progress: object) -> NoteView:
            note = create_note(
                session,
                activity_id=activity_id,
                body=state["body"],
                groups=state["groups"],
                principles=state["principles"],
                **values,
            )
            # Same transaction: the note is saved and its draft gone, or neither.
            clear_draft(session, slot=CAPTURE_SLOT)
            return note

        def saved(note: NoteView) -> None:
            self.services.preferences.remember_groups(list(state["groups"]))
            self.status.show_message(self.tr("Saved. Type the next note."))
            self.services.events.notes_did_change.emit(
                NotesChange(frozenset([activity_id]), frozenset([note.id]))
            )
            if state["groups"]:
                self._load_reference_data()

        def failed(error: BaseException) -> None:
            if not self.box.state()["body"].strip():
                self.box.set_state(state)  # give the text back rather than lose it
            self.status.show_message(self.tr("Error: not saved: ") + str(error))

        self.drafts.cancel_pending()
        self.drafts.paused = True
        self.box.clear()
        self.drafts.paused = False
        self.banner.hide()
        self.box.focus_text()
        self.services.runner.submit(
            job, label=self.tr("Saving the note"), on_done=saved, on_error=failed
        )

    def _draft_snapshot(self) -> tuple[str | None, str, dict[str, Any]]:
        state = self.box.state()
        body = state.pop("body")
        return (self.activity.id if self.activity else None), body, state

    def offer_draft(self, draft: DraftView) -> None:
        """Put a draft saved before a crash back in the box, and say so."""
        self.drafts.paused = True
        self.box.set_state({**dict(draft.fields), "body": draft.body})
        self.drafts.paused = False
        when = short_date_time(draft.updated_at) if draft.updated_at else ""
        self.banner_text.setText(
            self.tr(
                "Recovered: a note you were typing ({when}) was kept when Listening Post closed "
                "without saving it. It is back in the box below."
            ).format(when=when)
        )
        self.banner.show()
        self.box.focus_text()

    def _keep_draft(self) -> None:
        self.banner.hide()
        self.box.focus_text()

    def _discard_draft(self) -> None:
        self.banner.hide()
        self.drafts.cancel_pending()
        self.drafts.paused = True
        self.box.clear()
        self.drafts.paused = False
        self.services.runner.submit(
            lambda s, _p: clear_draft(s, slot=CAPTURE_SLOT), label=self.tr("Discarding the draft")
        )
        self.box.focus_text()

    def page_closing(self) -> None:
        if self.drafts.pending():
            self.drafts.save_now()

    # ----- notes list: edit, tags, delete, restore (undoable) -----------------------------

    def selected_note(self) -> NoteView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            index = self.model.index(rows[0].row(), BODY_COLUMN)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def _edit_requested(self, note_id: str, field: str, value: object) -> None:
        note = self.model.row_at(self.model.row_of(note_id))
        if note is None or self.activity is None:
            return
        self.services.undo_stack.push(
            EditNoteCommand(
                self.services,
                activity_id=self.activity.id,
                note_id=note_id,
                before={field: getattr(note, field)},
                after={field: value},
            )
        )

    def toggle_principle_on_selected(self, number: int) -> None:
        note = self.selected_note()
        if note is None or self.activity is None or self.show_bin.isChecked():
            return
        before = list(note.principle_numbers)
        after = sorted(set(before) ^ {number})
        self.services.undo_stack.push(
            TagNoteCommand(
                self.services,
                activity_id=self.activity.id,
                note_id=note.id,
                before={"principles": before},
                after={"principles": after},
            )
        )

    def delete_selected(self) -> None:
        note = self.selected_note()
        if note is None or self.activity is None or self.show_bin.isChecked():
            return
        self.services.undo_stack.push(
            DeleteNotesCommand(self.services, activity_id=self.activity.id, note_ids=[note.id])
        )
        self.status.show_message(self.tr("Moved to the bin. Ctrl+Z brings it back."))

    def restore_selected(self) -> None:
        note = self.selected_note()
        if note is None or self.activity is None or not self.show_bin.isChecked():
            return
        self.services.undo_stack.push(
            RestoreNotesCommand(self.services, activity_id=self.activity.id, note_ids=[note.id])
        )

    def _notes_changed(self, change: NotesChange) -> None:
        if self.activity is None:
            return
        if change.activity_ids and self.activity.id not in change.activity_ids:
            return
        selected = self.selected_note()
        row = self.table.currentIndex().row()
        self.model.reload()
        self._update_heading()
        if selected is not None and not self.select_note(selected.id) and self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))


def _is_deleted(session: Session, note_id: str) -> bool:
    from domain.notes import get_note

    return get_note(session, note_id=note_id).deleted


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def offer_recovered_draft(services: Services, navigator: Navigator) -> None:
    """At unlock: if a capture draft with text survived a crash, open its activity and offer it."""
    draft = services.read(lambda s: load_draft(s, slot=CAPTURE_SLOT))
    if draft is None or draft.is_empty or draft.activity_id is None:
        return
    navigator.open_activity(draft.activity_id)
    page = navigator.show_page("capture")
    if isinstance(page, CapturePage) and page.activity is not None:
        page.offer_draft(draft)
