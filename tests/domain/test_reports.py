"""Report content gathered from the store: scope, totals, themes, quotes and open loops."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from domain.activities import create_activity
from domain.errors import InvalidInput
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.reports import community_report_content, coordinator_report_content
from domain.selection import Selection
from domain.themes import create_action, create_theme, update_action
from models.database import Store
from models.entities import Activity, Note


def test_community_content_matches_the_store(sample_store: Store) -> None:
    with sample_store.session() as session:
        content = community_report_content(session, selection=Selection())
        activities = session.scalar(select(func.count()).select_from(Activity))
        people = session.scalar(select(func.sum(Activity.people_reached)))
    assert content.activity_count == activities
    assert content.people_reached == people
    assert content.themes, "the sample has themes"
    for theme in content.themes:
        assert theme.easy_read_summary  # the sample fills every Easy Read summary
        texts = [q.text for q in theme.quotes]
        assert len(texts) == len(set(texts))  # the same words are offered once


def test_quotes_carry_consent_safeguarding_and_identifier_flags(empty_store: Store) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Stall", kind="outreach", starts_at=datetime(2026, 5, 5, 10)
        )
        ok = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(body="Clinic times suit nobody", kind="quote", consent_to_quote=True),
        )
        phone = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(body="Ring me on 07700 900123", kind="quote", consent_to_quote=True),
        )
        unsafe = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(
                body="Please help", kind="quote", consent_to_quote=True, safeguarding=True
            ),
        )
        create_theme(session, title="Clinic times", note_ids=[ok.id, phone.id, unsafe.id])
        content = community_report_content(session, selection=Selection())
    quotes = {q.note_id: q for q in content.themes[0].quotes}
    assert not quotes[ok.id].has_identifiers and quotes[ok.id].consent_to_quote
    assert quotes[phone.id].has_identifiers
    assert quotes[unsafe.id].safeguarding
    assert content.themes[0].easy_read_summary is None  # missing, so Easy Read will refuse


def test_scope_narrows_by_date_and_an_empty_scope_is_refused(sample_store: Store) -> None:
    with sample_store.session() as session:
        first_day = session.scalar(select(func.min(Activity.starts_at)))
        assert first_day is not None
        narrow = community_report_content(
            session, selection=Selection(date_from=first_day.date(), date_to=first_day.date())
        )
        assert narrow.activity_count == 1
        with pytest.raises(InvalidInput, match="no activities match"):
            community_report_content(session, selection=Selection(date_from=date(2031, 1, 1)))
        with pytest.raises(InvalidInput):
            community_report_content(
                session, selection=Selection(date_from=date(2026, 5, 1), date_to=date(2026, 4, 1))
            )
        with pytest.raises(InvalidInput, match="unknown group"):
            community_report_content(session, selection=Selection(group_keys=("nobody",)))


def test_coordinator_content_counts_principles_and_open_loops(empty_store: Store) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session,
            title="Hostel visit",
            kind="drop_in",
            starts_at=datetime(2026, 2, 2),
            groups_reached={"homelessness": 6},
        )
        a = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(
                body="one", principles=[1, 4], sentiment="negative", groups=["homelessness"]
            ),
        )
        b = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(body="two", principles=[4], sentiment="positive"),
        )
        quiet = create_theme(session, title="No action yet", note_ids=[a.id])
        acted = create_theme(session, title="Acted on", note_ids=[a.id, b.id])
        action = create_action(session, theme_id=acted.id, what_we_did="Extra clinic")
        update_action(session, action_id=action.id, status="done", completed_on=date(2026, 3, 1))
        refused = create_action(
            session,
            theme_id=acted.id,
            what_we_did="A new bus route",
            status="not_possible",
            not_possible_reason="The bus company decides routes",
        )
        content = coordinator_report_content(session, selection=Selection())
        leaf_count = session.scalar(select(func.count()).select_from(Note))
    coverage = {p.number: (p.activities, p.notes) for p in content.principles}
    assert coverage[1] == (1, 1) and coverage[4] == (1, 2) and coverage[2] == (0, 0)
    assert {p.number for p in content.principles_without_evidence} == set(range(1, 11)) - {1, 4}
    assert [g.key for g in content.groups_reached] == ["homelessness"]
    assert content.groups_reached[0].people == 6
    assert "People experiencing homelessness" not in content.groups_not_reached
    assert "Sex workers" in content.groups_not_reached
    assert [t.title for t in content.themes_without_action] == [quiet.title]
    # "Not possible" still has to reach the people who asked.
    assert [o.what_we_did for o in content.actions_not_fed_back] == [
        "Extra clinic",
        refused.what_we_did,
    ]
    sentiment = {s.title: (s.positive, s.negative) for s in content.sentiment}
    assert sentiment == {"No action yet": (0, 1), "Acted on": (1, 1)}
    assert content.notes_in_scope == leaf_count == 2
