"""Saving the capture box as a new note: checks, the review question, the job and its undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from app.changes import Outcome
from app.notes import capture_note
from domain.note_fields import NoteFields
from domain.views import NoteView
from ui.capture import shortcuts as keys
from ui.capture.draft_keeper import capture_slot
from ui.capture.note_commands import CaptureNoteCommand
from ui.toast import show_toast

if TYPE_CHECKING:
    from ui.capture.capture_page import CapturePage


def _tr(text: str) -> str:
    return QCoreApplication.translate("CapturePage", text)


def save_note(page: CapturePage) -> None:
    """Ctrl+Enter: save in the background; the box is ready for the next note at once."""
    if page.activity is None:
        return
    box = page.box
    fields = box.fields()
    if not fields.body.strip():
        page.status.show_message(_tr("Error: type the note before saving it."))
        box.focus_text()
        return
    needs_review = box.identifiers_present()
    if needs_review and not box.review_asked:
        box.ask_review()
        page.status.show_message(
            _tr(
                "Not saved yet: the note may identify someone. {redact} redacts it now; "
                "Ctrl+Enter again keeps it for review."
            ).format(redact=keys.REDACT)
        )
        box.focus_text()
        return
    _submit(page, page.activity.id, fields, needs_review)


def _submit(page: CapturePage, activity_id: str, fields: NoteFields, review: bool) -> None:
    services = page.services
    state = fields.as_mapping()

    def job(session: Session, _progress: object) -> Outcome[NoteView]:
        return capture_note(
            session,
            activity_id=activity_id,
            fields=fields,
            needs_review=review,
            draft_slot=capture_slot(activity_id),
        )

    def saved(note: NoteView) -> None:
        services.preferences.remember_groups(list(state["groups"]))
        services.undo_stack.push(
            CaptureNoteCommand(services, activity_id=activity_id, note_id=note.id)
        )
        show_toast(page, _tr("Saved for review") if review else _tr("Saved"))
        page.status.show_message(
            _tr(
                "Saved for review: it is marked “needs review” and left out of reports until "
                "a reviewer redacts or clears it."
            )
            if review
            else _tr("Saved. Type the next note (Ctrl+Z moves the saved one to the bin).")
        )

    def failed(error: BaseException) -> None:
        if page.activity is not None and page.activity.id == activity_id:
            if not page.box.fields().body.strip():
                page.box.set_state(fields)  # give the text back rather than lose it
        else:
            page.keep_unsaved(activity_id, fields)
        page.status.show_message(_tr("Error: not saved: ") + str(error))

    page.keep_unsaved(activity_id, None)
    page.drafts.cancel_pending()
    page.drafts.paused = True
    page.box.carry_over(state)  # the groups and principles stay for the next note
    page.drafts.paused = False
    page.banner.hide()
    page.box.focus_text()
    services.runner.submit(job, label=_tr("Saving the note"), on_done=saved, on_error=failed)
