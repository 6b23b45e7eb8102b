"""Themes as units in reports: what we asked, near-duplicate quotes, late actions, next steps."""

from __future__ import annotations

from datetime import date, datetime

from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.pictures import picture_shows, suggest_picture
from domain.plain_words import long_date, plural, with_full_stop
from domain.reports import community_report_content, coordinator_report_content
from domain.selection import Selection
from domain.themes import create_action, create_theme
from models.database import Store

TODAY = date(2026, 12, 2)


def test_plain_words() -> None:
    assert long_date(date(2026, 3, 2)) == "2 March 2026"
    assert [plural(1, "note"), plural(2, "note"), plural(1, "activity")] == [
        "1 note",
        "2 notes",
        "1 activity",
    ]
    assert plural(3, "activity") == "3 activities"
    assert with_full_stop("Jordan P.") == "Jordan P."
    assert with_full_stop("Jordan P") == "Jordan P."
    assert with_full_stop("Is it?") == "Is it?"


def test_pictures_are_suggested_from_a_themes_words() -> None:
    shows = {
        title: picture_shows(suggest_picture(title))
        for title in (
            "Getting a GP appointment is too hard",
            "People need interpreters they can rely on",
            "People cannot find an NHS dentist",
            "Poor housing is harming people's health",
            "Getting medicines is unreliable",
        )
    }
    assert list(shows.values()) == ["a doctor", "an interpreter", "a tooth", "a house", "medicines"]
    assert picture_shows(suggest_picture("Something else entirely")) == "a speech bubble"


def _theme_with_notes(store: Store, bodies: list[str]) -> None:
    with store.session() as session:
        stall = create_activity(
            session,
            title="Stall",
            kind="outreach",
            starts_at=datetime(2026, 5, 5, 10),
            topic="Letters from the hospital",
        )
        other = create_activity(
            session,
            title="Drop-in",
            kind="drop_in",
            starts_at=datetime(2026, 5, 6, 10),
            topic="Something else",
        )
        ids = [
            create_note(
                session,
                activity_id=stall.id,
                fields=NoteFields(kind="quote", body=body, consent_to_quote=True),
                speaker="Parent, LS8",
            ).id
            for body in bodies
        ]
        ids.append(
            create_note(
                session, activity_id=other.id, fields=NoteFields(kind="observation", body="Aside")
            ).id
        )
        theme = create_theme(
            session, title="Letters in English only", note_ids=ids, report_back_on=date(2027, 2, 1)
        )
        create_action(
            session,
            theme_id=theme.id,
            what_we_did="Letters offer a translation",
            status="in_progress",
            due_on=date(2026, 9, 30),
            owner="Jordan P.",
            late_reason="The printing contract changes in January",
        )


def test_a_theme_unit_says_what_we_asked_and_collapses_near_duplicates(
    empty_store: Store,
) -> None:
    _theme_with_notes(
        empty_store,
        [
            "Letters come in English only and I throw them away without knowing.",
            "Letters come in English only and I throw them away without knowing. My sister "
            "had the same problem.",
            "Letters come in English only and I throw them away without knowing. Nobody explained.",
            "The phone menu has no option for other languages.",
        ],
    )
    with empty_store.session() as session:
        content = community_report_content(session, selection=Selection(), today=TODAY)
    (theme,) = content.themes
    assert theme.we_asked == ("Letters from the hospital",)
    assert theme.sessions == 1
    texts = [q.text for q in theme.quotes]
    assert len(texts) == 2
    assert "The phone menu has no option for other languages." in texts
    (letters,) = [t for t in texts if t.startswith("Letters come in English only")]
    assert len(letters) > 80  # the fuller wording is kept
    assert picture_shows(theme.picture) == "a letter"


def test_late_actions_reach_the_next_steps_and_the_coordinators_open_loops(
    empty_store: Store,
) -> None:
    _theme_with_notes(empty_store, ["Letters come in English only."])
    with empty_store.session() as session:
        content = community_report_content(session, selection=Selection(), today=TODAY)
        coordinator = coordinator_report_content(session, selection=Selection(), today=TODAY)
    assert content.next_steps == (
        "By 1 February 2027: we will give you a new date for the work on "
        "\u201cletters in English only\u201d.",
    )
    (late,) = coordinator.late_actions
    assert late.due_on == date(2026, 9, 30)
    assert late.late_reason == "The printing contract changes in January"
    assert "2 December 2026" not in content.intro and "02 " not in content.intro


def test_themes_without_actions_get_distinct_dated_steps(sample_store: Store) -> None:
    with sample_store.session() as session:
        content = community_report_content(session, selection=Selection(), today=TODAY)
    assert len(set(content.next_steps)) == len(content.next_steps) >= 5
    assert all(step.startswith("By ") for step in content.next_steps)
    assert not any("still deciding" in step for step in content.next_steps)


def _every_note_the_old_way(store: Store, scope: Selection) -> dict[str, tuple[object, ...]]:
    """Per theme title: its quotes' note ids, the topics asked and the sessions, from every
    note of the theme read whole, sorted and collapsed in Python (as before the store narrowed
    them by text)."""
    from collections import Counter
    from dataclasses import fields

    from sqlalchemy import select

    from domain.report_themes import QUOTED_KINDS, NoteFacts, collapse_near_duplicates
    from models.entities import Activity, Note, Theme, ThemeNote

    expected: dict[str, tuple[object, ...]] = {}
    with store.session() as session:
        topics = {
            a.id: a.topic.strip()
            for a in session.scalars(select(Activity).where(Activity.deleted_at.is_(None)))
            if scope.date_from is None or a.starts_at.date() >= scope.date_from
        }
        for theme in session.scalars(select(Theme).where(Theme.deleted_at.is_(None))):
            query = (
                select(Note)
                .join(ThemeNote, ThemeNote.note_id == Note.id)
                .where(ThemeNote.theme_id == theme.id, Note.deleted_at.is_(None))
            )
            notes = [
                NoteFacts(*(getattr(n, f.name) for f in fields(NoteFacts)))
                for n in session.scalars(query)
                if n.activity_id in topics
            ]
            if not notes:
                continue
            ordered = sorted(
                notes, key=lambda n: (n.kind != "quote", -n.created_at.timestamp(), n.id)
            )
            kept = collapse_near_duplicates(n for n in ordered if n.kind in QUOTED_KINDS)
            by_topic = Counter(topics[n.activity_id] for n in notes if topics[n.activity_id])
            total = sum(by_topic.values())
            asked = sorted(t for t, count in by_topic.items() if count * 4 >= total)
            sessions = {n.activity_id for n in notes if topics[n.activity_id] in asked}
            expected[theme.title] = ([n.id for n in kept], asked, len(sessions))
    return expected


def test_quotes_narrowed_by_text_in_the_store_equal_every_note_collapsed(
    sample_store: Store,
) -> None:
    """One note per distinct text comes back from the store (the first in quote order): the
    quotes, topics asked and sessions equal those worked out from every note of each theme."""
    from sqlalchemy import select

    from domain.note_fields import NoteEdit
    from domain.notes import update_note
    from models.entities import Activity, Note, ThemeNote

    with sample_store.session() as session:
        # The same words said at several sessions, with different flags: the newest is offered.
        linked = session.scalars(
            select(Note).join(ThemeNote, ThemeNote.note_id == Note.id).order_by(Note.created_at)
        ).all()
        body = linked[0].body
        for note in linked[1:6]:
            update_note(session, note_id=note.id, edit=NoteEdit.of(body=body, kind="quote"))
        update_note(session, note_id=linked[3].id, edit=NoteEdit.of(safeguarding=True))
        starts = sorted(a.starts_at.date() for a in session.scalars(select(Activity)))
    for scope in (Selection(), Selection(date_from=starts[len(starts) // 2])):
        expected = _every_note_the_old_way(sample_store, scope)
        with sample_store.session() as session:
            content = community_report_content(session, selection=scope, today=TODAY)
        got = {
            t.title: ([q.note_id for q in t.quotes], sorted(t.we_asked), t.sessions)
            for t in content.themes
        }
        assert got == expected, scope
        assert sum(len(quotes) for quotes, _a, _s in got.values()) >= 5
