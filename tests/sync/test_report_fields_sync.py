"""What reports print about a theme and its actions travels with them between laptops."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.themes import create_action, create_theme, get_theme, list_actions, update_theme
from sync.folder_sync import sync_now
from tests.sync.conftest import MakeDevice


def test_a_themes_picture_heading_report_back_date_and_late_reason_reach_every_laptop(
    make_device: MakeDevice, sync_folder: Path, org_key: bytes
) -> None:
    a, b = make_device("a"), make_device("b")
    with a.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 3, 2, 10)
        )
        note = create_note(
            session, activity_id=activity.id, fields=NoteFields(body="No dentist near us")
        )
        theme = create_theme(session, title="Dentists", note_ids=[note.id])
        create_action(
            session,
            theme_id=theme.id,
            what_we_did="A mobile dental van",
            due_on=date(2026, 9, 30),
            late_reason="The van is booked from January",
        )
    for store in (a, b, a, b):
        assert not sync_now(store, sync_folder, org_key).problems
    with b.session() as session:
        update_theme(
            session,
            theme_id=theme.id,
            picture="1F9B7",
            easy_read_title="Finding a dentist",
            report_back_on=date(2027, 2, 1),
        )
    for store in (b, a):
        assert not sync_now(store, sync_folder, org_key).problems
    with a.session() as session:
        seen = get_theme(session, theme_id=theme.id)
    with b.session() as session:
        (action,) = list_actions(session, theme_id=theme.id)
    assert (seen.picture, seen.easy_read_title, seen.report_back_on) == (
        "1F9B7",
        "Finding a dentist",
        date(2027, 2, 1),
    )
    assert action.late_reason == "The van is booked from January"
