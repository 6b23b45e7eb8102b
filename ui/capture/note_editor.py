"""The note editor: every field and tag of a saved note, in the same box (and keys) as capture.

Saving pushes one undoable command holding only what changed, so Ctrl+Z puts back exactly
the note as it was.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from domain.note_fields import NoteEdit, NoteFields
from domain.views import GroupView, NoteView, PrincipleView, ServiceView
from ui.capture.capture_box import CaptureBox
from ui.widgets import MessageLine, fitting, scrolling


class NoteEditor(QDialog):
    """Opened with open() (never exec): emits accepted_changes(note id, NoteFields before, after).

    GUI thread only; it writes nothing itself (the notes list pushes the undo command).
    """

    accepted_changes = Signal(str, object, object)

    def __init__(
        self,
        note: NoteView,
        *,
        principles: list[PrincipleView],
        groups: list[GroupView],
        services: list[ServiceView],
        recent_groups: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.note = note
        self.setWindowTitle(self.tr("Edit note"))
        self.setAccessibleName(self.windowTitle())
        self.box = CaptureBox()
        self.box.save_button.setText(self.tr("Save changes (Ctrl+Enter)"))
        self.box.set_principles(principles)
        self.box.set_groups(groups, recent_groups)
        self.box.set_services(services)
        self.before = NoteFields.of(note)
        self.kept_for_review = False  # saved with new possible identifiers: marked for review
        self.box.set_state(self.before)
        self.message = MessageLine(self.tr("Note editor message"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(self.box), 1)
        layout.addWidget(self.message)
        self.box.bottom_bar.layout().addWidget(buttons)  # Save changes and Cancel side by side
        layout.addWidget(self.box.bottom_bar)  # outside the scrolling: always in view
        self.box.save_requested.connect(self.save)
        buttons.rejected.connect(self.reject)
        height = self.fontMetrics().height()
        self.resize(fitting(self, height * 40, height * 36))

    def save(self) -> None:
        after = self.box.fields()
        if not after.body.strip():
            self.message.show_message(self.tr("Error: a note needs some text."))
            self.box.focus_text()
            return
        # New text that may identify someone asks first, as capture does (unless already kept).
        flagged = after.body != self.before.body and self.box.identifiers_present()
        if flagged and not self.note.needs_review and not self.box.review_asked:
            self.box.ask_review()
            self.message.show_message(
                self.tr(
                    "Not saved yet: the note may identify someone. Alt+R redacts it now; "
                    "Ctrl+Enter again keeps it for review."
                )
            )
            self.box.focus_text()
            return
        self.kept_for_review = flagged and not self.note.needs_review
        if any(NoteEdit.between(self.before, after)):
            self.accepted_changes.emit(self.note.id, self.before, after)
        self.accept()
