"""Undoable note changes (QUndoStack): captures, edits, tags, deletes and restores, run in order
by the task runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from domain.notes import delete_note, restore_note, set_note_tags, update_note
from domain.review import clear_review, redact_for_review
from ui.events import NotesChange
from ui.services import Services

Write = Callable[[Session], Any]


def _tr(text: str) -> str:
    return QCoreApplication.translate("note_commands", text)


class NoteCommand(QUndoCommand):
    """redo/undo queue one write each; the notes_did_change event refreshes the views."""

    def __init__(
        self, services: Services, text: str, activity_id: str, note_ids: list[str]
    ) -> None:
        super().__init__(text)
        self.services = services
        self.change = NotesChange(frozenset([activity_id]), frozenset(note_ids))

    def _run(self, write: Write) -> None:
        self.services.runner.submit(
            lambda session, _progress: write(session),
            label=self.text(),
            on_done=lambda _r: self.services.events.notes_did_change.emit(self.change),
        )

    def forward(self, session: Session) -> None:
        raise NotImplementedError

    def backward(self, session: Session) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)


class EditNoteCommand(NoteCommand):
    def __init__(
        self,
        services: Services,
        *,
        activity_id: str,
        note_id: str,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        super().__init__(services, _tr("edit note"), activity_id, [note_id])
        self.note_id, self.before, self.after = note_id, before, after

    def forward(self, session: Session) -> None:
        update_note(session, note_id=self.note_id, **self.after)

    def backward(self, session: Session) -> None:
        update_note(session, note_id=self.note_id, **self.before)


class TagNoteCommand(NoteCommand):
    """Before/after hold tag families: groups (keys), principles (numbers), services (keys)."""

    def __init__(
        self,
        services: Services,
        *,
        activity_id: str,
        note_id: str,
        before: dict[str, list[Any]],
        after: dict[str, list[Any]],
    ) -> None:
        super().__init__(services, _tr("change tags"), activity_id, [note_id])
        self.note_id, self.before, self.after = note_id, before, after

    def forward(self, session: Session) -> None:
        set_note_tags(session, note_id=self.note_id, **self.after)

    def backward(self, session: Session) -> None:
        set_note_tags(session, note_id=self.note_id, **self.before)


class ReviseNoteCommand(NoteCommand):
    """Fields and tags changed together in the note editor: one write, one undo step."""

    def __init__(
        self,
        services: Services,
        *,
        activity_id: str,
        note_id: str,
        fields_before: dict[str, Any],
        fields_after: dict[str, Any],
        tags_before: dict[str, list[Any]],
        tags_after: dict[str, list[Any]],
    ) -> None:
        super().__init__(services, _tr("edit note"), activity_id, [note_id])
        self.note_id = note_id
        self.before = (fields_before, tags_before)
        self.after = (fields_after, tags_after)

    def _write(self, session: Session, fields: dict[str, Any], tags: dict[str, list[Any]]) -> None:
        if fields:
            update_note(session, note_id=self.note_id, **fields)
        if tags:
            set_note_tags(session, note_id=self.note_id, **tags)

    def forward(self, session: Session) -> None:
        self._write(session, *self.after)

    def backward(self, session: Session) -> None:
        self._write(session, *self.before)


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

    def forward(self, session: Session) -> None:
        restore_note(session, note_id=self.note_id)

    def backward(self, session: Session) -> None:
        delete_note(session, note_id=self.note_id)


class DeleteNotesCommand(NoteCommand):
    def __init__(self, services: Services, *, activity_id: str, note_ids: list[str]) -> None:
        super().__init__(services, _tr("move notes to the bin"), activity_id, note_ids)
        self.note_ids = list(note_ids)

    def forward(self, session: Session) -> None:
        for note_id in self.note_ids:
            delete_note(session, note_id=note_id)

    def backward(self, session: Session) -> None:
        for note_id in self.note_ids:
            restore_note(session, note_id=note_id)


class RestoreNotesCommand(DeleteNotesCommand):
    def __init__(self, services: Services, *, activity_id: str, note_ids: list[str]) -> None:
        super().__init__(services, activity_id=activity_id, note_ids=note_ids)
        self.setText(_tr("restore notes from the bin"))

    def forward(self, session: Session) -> None:
        super().backward(session)

    def backward(self, session: Session) -> None:
        super().forward(session)


class ReviewNoteCommand(NoteCommand):
    """A reviewer redacts a waiting note or clears it; undo puts it back in the queue as it was."""

    def __init__(
        self, services: Services, *, activity_id: str, note_id: str, body: str, redact: bool
    ) -> None:
        text = _tr("redact note for review") if redact else _tr("clear note for reporting")
        super().__init__(services, text, activity_id, [note_id])
        self.note_id, self.body, self.redact = note_id, body, redact

    def forward(self, session: Session) -> None:
        if self.redact:
            redact_for_review(session, note_id=self.note_id)
        else:
            clear_review(session, note_id=self.note_id)

    def backward(self, session: Session) -> None:
        update_note(session, note_id=self.note_id, body=self.body, needs_review=True)
