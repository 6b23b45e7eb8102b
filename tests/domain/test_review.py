"""The review queue: counted, paged, redacted or cleared (audited), and kept out of reports."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from domain.activities import create_activity
from domain.errors import InvalidInput
from domain.loop import report_readiness
from domain.note_fields import NoteFields
from domain.notes import create_note, delete_note
from domain.reports import community_report_content
from domain.review import clear_review, count_to_review, notes_to_review, redact_for_review
from domain.selection import Selection
from domain.themes import create_theme
from exporters.pdf.privacy import select_quotes
from models.database import Store
from models.entities import AuditEntry


def _waiting_note(session, activity_id: str, body: str):  # type: ignore[no-untyped-def]
    return create_note(
        session,
        activity_id=activity_id,
        fields=NoteFields(body=body, kind="quote", consent_to_quote=True),
        needs_review=True,
    )


def test_waiting_notes_are_counted_listed_redacted_and_cleared_with_audit(
    empty_store: Store,
) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 5, 5, 10)
        )
        phone = _waiting_note(session, activity.id, "Ring Sarah on (020) 7946 0321")
        plain = _waiting_note(session, activity.id, "I'm Deaf and nobody signs")
        binned = _waiting_note(session, activity.id, "My name is Ann Lee")
        delete_note(session, note_id=binned.id)
        create_note(
            session, activity_id=activity.id, fields=NoteFields(body="Nothing to review here")
        )
        assert count_to_review(session) == 2
        page = notes_to_review(session, limit=1)
        assert [n.id for n in page.notes] == [phone.id] and page.has_more
        redacted = redact_for_review(session, note_id=phone.id)
        assert redacted.body == "Ring Sarah on [phone number removed]"
        assert not redacted.needs_review
        cleared = clear_review(session, note_id=plain.id)
        assert cleared.body == "I'm Deaf and nobody signs" and not cleared.needs_review
        assert count_to_review(session) == 0
        with pytest.raises(InvalidInput, match="not waiting for review"):
            clear_review(session, note_id=plain.id)
        actions = set(session.scalars(select(AuditEntry.action)))
    assert {"note.review_redact", "note.review_clear"} <= actions


def test_notes_waiting_for_review_are_left_out_of_reports_until_cleared(
    empty_store: Store,
) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 5, 5, 10)
        )
        waiting = _waiting_note(session, activity.id, "The clinic is never open after five")
        create_theme(session, title="Opening hours", note_ids=[waiting.id])
        theme = community_report_content(session, selection=Selection()).themes[0]
        shown, left_out = select_quotes(theme, 3)
        assert shown == [] and [(q.note_id, q.reason) for q in left_out] == [
            (waiting.id, "waiting for review")
        ]
        assert report_readiness(session, selection=Selection()).quotes_waiting_for_review == 1
        clear_review(session, note_id=waiting.id)
        theme = community_report_content(session, selection=Selection()).themes[0]
        shown, left_out = select_quotes(theme, 3)
    assert [q.note_id for q in shown] == [waiting.id] and left_out == []
