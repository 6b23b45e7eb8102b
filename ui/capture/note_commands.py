"""Undoable note changes (QUndoStack): captures, edits, tags, deletes and restores, run in order
by the task runner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from app.changes import Changes
from app.notes import bin_notes, restore_notes, return_to_review, review_note, revise_note
from domain.note_fields import NoteEdit
from ui.services import Services

Write = Callable[[Session], Changes]


def _tr(text: str) -> str:
    return QCoreApplication.translate("note_commands", text)


class NoteCommand(QUndoCommand):
    """redo/undo queue one use case each; the Changes it returns refresh the views."""

    def __init__(
        self, services: Services, text: str, activity_id: str, note_ids: list[str]
    ) -> None:
        super().__init__(text)
        self.services = services
        self.activity_id = activity_id

    def _run(self, write: Write) -> None:
        self.services.runner.submit(lambda session, _progress: write(session), label=self.text())

    def forward(self, session: Session) -> Changes:
        raise NotImplementedError

    def backward(self, session: Session) -> Changes:
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)


class ReviseNoteCommand(NoteCommand):
    """Fields and/or tags of one note changed: redo sets `after`, undo sets `before` (the
    same names, as they were), each in one write."""

    def __init__(
        self,
        services: Services,
        *,
        text: str,
        activity_id: str,
        note_id: str,
        before: NoteEdit,
        after: NoteEdit,
    ) -> None:
        super().__init__(services, text, activity_id, [note_id])
        self.note_id, self.before, self.after = note_id, before, after

    def forward(self, session: Session) -> Changes:
        return revise_note(
            session, activity_id=self.activity_id, note_id=self.note_id, edit=self.after
        )

    def backward(self, session: Session) -> Changes:
        return revise_note(
            session, activity_id=self.activity_id, note_id=self.note_id, edit=self.before
        )


class CaptureNoteCommand(NoteCommand):
    """Pushed once a captured note is saved: undo moves it to the bin, redo brings it back.

    The save itself was the first "do" (it ran before the push, so the note id is known and
    Ctrl+Z can never race the save); the push's own redo() therefore does nothing.
    """

    def __init__(self, services: Services, *, activity_id: str, note_id: str) -> None:
        super().__init__(services, _tr("capture note"), activity_id, [note_id])
        self.note_id = note_id
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        super().redo()

    def forward(self, session: Session) -> Changes:
        return restore_notes(session, activity_id=self.activity_id, note_ids=[self.note_id])

    def backward(self, session: Session) -> Changes:
        return bin_notes(session, activity_id=self.activity_id, note_ids=[self.note_id])


class DeleteNotesCommand(NoteCommand):
    def __init__(self, services: Services, *, activity_id: str, note_ids: list[str]) -> None:
        super().__init__(services, _tr("move notes to the bin"), activity_id, note_ids)
        self.note_ids = list(note_ids)

    def forward(self, session: Session) -> Changes:
        return bin_notes(session, activity_id=self.activity_id, note_ids=self.note_ids)

    def backward(self, session: Session) -> Changes:
        return restore_notes(session, activity_id=self.activity_id, note_ids=self.note_ids)


class RestoreNotesCommand(DeleteNotesCommand):
    def __init__(self, services: Services, *, activity_id: str, note_ids: list[str]) -> None:
        super().__init__(services, activity_id=activity_id, note_ids=note_ids)
        self.setText(_tr("restore notes from the bin"))

    def forward(self, session: Session) -> Changes:
        return super().backward(session)

    def backward(self, session: Session) -> Changes:
        return super().forward(session)


class ReviewNoteCommand(NoteCommand):
    """A reviewer redacts a waiting note or clears it; undo puts it back in the queue as it was."""

    def __init__(
        self, services: Services, *, activity_id: str, note_id: str, body: str, redact: bool
    ) -> None:
        text = _tr("redact note for review") if redact else _tr("clear note for reporting")
        super().__init__(services, text, activity_id, [note_id])
        self.note_id, self.body, self.redact = note_id, body, redact

    def forward(self, session: Session) -> Changes:
        return review_note(
            session, activity_id=self.activity_id, note_id=self.note_id, redact=self.redact
        )

    def backward(self, session: Session) -> Changes:
        return return_to_review(
            session, activity_id=self.activity_id, note_id=self.note_id, body=self.body
        )
