"""Theme summaries, actions needing attention, the dashboard and report readiness."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from domain.activities import create_activity
from domain.loop import actions_needing_attention, dashboard, report_readiness, theme_summaries
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, delete_note
from domain.reports import community_report_content, coordinator_report_content
from domain.selection import Selection
from domain.themes import create_action, create_theme, update_action, update_theme
from exporters.pdf import build_community_report
from models.database import Store
from models.entities import Activity


def test_theme_summaries_count_live_notes_groups_activities_and_actions(
    empty_store: Store,
) -> None:
    with empty_store.session() as session:
        first = create_activity(session, title="A", kind="meeting", starts_at=datetime(2026, 1, 5))
        second = create_activity(session, title="B", kind="meeting", starts_at=datetime(2026, 2, 5))
        n1 = create_note(
            session, activity_id=first.id, fields=NoteFields(body="x", groups=["age", "disability"])
        )
        n2 = create_note(
            session, activity_id=second.id, fields=NoteFields(body="y", groups=["age"])
        )
        n3 = create_note(
            session, activity_id=second.id, fields=NoteFields(body="z", groups=["sex-workers"])
        )
        theme = create_theme(session, title="T", note_ids=[n1.id, n2.id, n3.id])
        create_action(session, theme_id=theme.id, what_we_did="Did it")
        delete_note(session, note_id=n3.id)
        update_theme(session, theme_id=theme.id, easy_read_summary="Short words.")
        (summary,) = theme_summaries(session)
    assert (summary.notes, summary.groups, summary.activities, summary.actions) == (2, 2, 2, 1)
    assert summary.has_easy_read


def test_overdue_and_not_fed_back_actions_are_flagged_in_words(empty_store: Store) -> None:
    with empty_store.session() as session:
        theme = create_theme(session, title="Buses")
        late = create_action(session, theme_id=theme.id, what_we_did="Ask", due_on=date(2026, 1, 1))
        done = create_action(session, theme_id=theme.id, what_we_did="Done thing")
        update_action(session, action_id=done.id, status="done")
        told = create_action(session, theme_id=theme.id, what_we_did="Told")
        update_action(session, action_id=told.id, status="done", fed_back_on=date(2026, 2, 1))
        flags = actions_needing_attention(session, today=date(2026, 3, 1))
    assert [(f.action_id, f.reason) for f in flags] == [
        (late.id, "Overdue: was due 1 January 2026"),
        (done.id, "Not yet fed back to the community"),
    ]


def test_dashboard_figures_equal_the_coordinator_counts(sample_store: Store) -> None:
    with sample_store.session() as session:
        board = dashboard(session, selection=Selection(), today=date(2026, 12, 1))
        content = coordinator_report_content(session, selection=Selection())
        activity_count = session.scalar(select(func.count()).select_from(Activity))
    assert sum(m.activities for m in board.activity_over_time) == activity_count
    assert sum(m.notes for m in board.activity_over_time) == content.notes_in_scope
    assert [p[3] for p in board.principles] == [p.notes for p in content.principles]
    assert board.groups_not_reached == content.groups_not_reached
    assert len(board.sentiment_by_theme) == len(content.sentiment)


def test_readiness_lists_what_easy_read_lacks(empty_store: Store) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="A", kind="meeting", starts_at=datetime(2026, 1, 5)
        )
        note = create_note(
            session,
            activity_id=activity.id,
            fields=NoteFields(body="Ring 07700 900123", kind="quote", consent_to_quote=True),
        )
        other = create_note(
            session, activity_id=activity.id, fields=NoteFields(body="No consent", kind="quote")
        )
        theme = create_theme(session, title="Phones", note_ids=[note.id, other.id])
        create_action(session, theme_id=theme.id, what_we_did="Fixed", easy_read_summary="Done.")
        ready = report_readiness(session, selection=Selection())
    assert ready.themes_missing_easy_read == ("Phones",)
    assert ready.actions_missing_easy_read == ()
    assert not ready.easy_read_ready
    assert (ready.quotes_with_identifiers, ready.quotes_without_consent) == (1, 1)


def test_readiness_counts_each_left_out_quote_once_as_the_report_does(
    sample_store: Store, tmp_path: Path
) -> None:
    with sample_store.session() as session:
        ready = report_readiness(session, selection=Selection())
        content = community_report_content(session, selection=Selection())
    result = build_community_report(content, "standard", tmp_path / "r.pdf")
    reasons = Counter(q.reason for q in result.left_out_quotes)
    assert reasons["safeguarding"] == ready.quotes_safeguarding
    assert reasons["no consent to quote"] == ready.quotes_without_consent
    assert reasons["personal identifiers"] == ready.quotes_with_identifiers


def _plain_groups_reached(session, activity_ids: set[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Activities in scope that reached each group, counted link by link in Python."""
    from models.entities import ActivityGroup, Group

    labels = {g.id: g.label for g in session.scalars(select(Group))}
    return dict(
        Counter(
            labels[link.group_id]
            for link in session.scalars(select(ActivityGroup))
            if link.activity_id in activity_ids
        )
    )


def _plain_dashboard_counts(  # type: ignore[no-untyped-def]
    session, activity_ids: set[str], kinds: tuple[str, ...]
):
    """Principle coverage, tagged groups and notes per month, counted note by note in Python."""
    from models.entities import Group, Note, NoteGroup, NotePrinciple

    live = {
        n.id: n
        for n in session.scalars(select(Note))
        if n.deleted_at is None and n.activity_id in activity_ids and (not kinds or n.kind in kinds)
    }
    principles: dict[int, tuple[set[str], int]] = {}
    for link in session.scalars(select(NotePrinciple)):
        if link.note_id in live:
            acts, notes = principles.get(link.principle_number, (set(), 0))
            acts.add(live[link.note_id].activity_id)
            principles[link.principle_number] = (acts, notes + 1)
    tagged = {g.group_id for g in session.scalars(select(NoteGroup)) if g.note_id in live}
    labels = {g.id: g.label for g in session.scalars(select(Group))}
    starts = {a.id: a.starts_at for a in session.scalars(select(Activity))}
    months = Counter(f"{starts[n.activity_id]:%Y-%m}" for n in live.values())
    return (
        {number: (len(acts), notes) for number, (acts, notes) in principles.items()},
        {labels[g] for g in tagged},
        months,
    )


def test_dashboard_counts_equal_a_plain_count_with_and_without_note_criteria(
    sample_store: Store,
) -> None:
    """Activity criteria are answered from the kept tallies, note criteria from the notes."""
    from domain.notes import update_note
    from models.entities import Note

    with sample_store.session() as session:
        first, second = session.scalars(select(Note.id).order_by(Note.id).limit(2)).all()
        delete_note(session, note_id=first)
        update_note(session, note_id=second, edit=NoteEdit.of(kind="quote"))
        activities = list(session.scalars(select(Activity).order_by(Activity.starts_at)))
    later = activities[len(activities) // 2].starts_at.date()
    for selection in (Selection(), Selection(date_from=later), Selection(kinds=("quote",))):
        in_scope = {
            a.id for a in activities if not selection.date_from or a.starts_at.date() >= later
        }
        with sample_store.session() as session:
            board = dashboard(session, selection=selection, today=date(2026, 12, 1))
            principles, tagged, months = _plain_dashboard_counts(session, in_scope, selection.kinds)
        shown = {number: (acts, notes) for number, _s, acts, notes in board.principles if notes}
        assert shown == principles, selection
        reached = {label for label, _n in board.groups_reached}
        assert set(board.groups_not_reached).isdisjoint(tagged | reached)
        with sample_store.session() as session:
            assert dict(board.groups_reached) == _plain_groups_reached(session, in_scope)
        assert board.groups_reached
        assert {m.month: m.notes for m in board.activity_over_time if m.notes} == dict(months)


def test_the_whole_stores_kept_counts_equal_those_counted_for_a_scope(
    sample_store: Store,
) -> None:
    """The whole store's reach, sentiments and principles come from tallies kept for it; a
    narrower scope counts them per activity or in SQL."""
    from domain.activities import delete_activity, set_groups_reached
    from models.entities import Group

    with sample_store.session() as session:
        first, second, third = session.scalars(select(Activity.id).limit(3)).all()
        keys = session.scalars(select(Group.key).order_by(Group.key).limit(2)).all()
        set_groups_reached(session, activity_id=first, groups={keys[0]: 9, keys[1]: None})
        set_groups_reached(session, activity_id=second, groups={keys[1]: None})
        delete_activity(session, activity_id=third)
    everything = Selection(date_from=date(1900, 1, 1))  # a scope that walks every link
    with sample_store.session() as session:
        kept = coordinator_report_content(session, selection=Selection())
        walked = coordinator_report_content(session, selection=everything)
    assert kept.groups_reached == walked.groups_reached
    assert kept.sentiment == walked.sentiment and kept.sentiment  # kept per theme too
    assert kept.principles == walked.principles  # and per principle
    by_key = {row.key: row for row in kept.groups_reached}
    assert by_key[keys[1]].people is None or by_key[keys[1]].activities > 2


def test_the_whole_stores_tagged_groups_equal_the_kept_tallies_and_a_plain_look(
    sample_store: Store,
) -> None:
    """Each group is asked for one live note for the whole store; a narrower scope reads the
    kept tallies; both agree with a plain look at every link, binned notes and activities too."""
    from domain.activities import delete_activity
    from domain.tallies import tagged_group_ids
    from models.entities import Note, NoteGroup

    with sample_store.session() as session:
        links = session.execute(select(NoteGroup.note_id, NoteGroup.group_id)).all()
        only_link = {g: n for n, g in links if sum(1 for _, h in links if h == g) == 1}
        for note_id in list(only_link.values())[:2]:  # groups left with binned notes only
            delete_note(session, note_id=note_id)
        delete_activity(session, activity_id=session.scalars(select(Activity.id)).first())
    with sample_store.session() as session:
        notes = {n.id: n for n in session.scalars(select(Note))}
        live = {a.id for a in session.scalars(select(Activity)) if a.deleted_at is None}
        plain = {
            group_id
            for note_id, group_id in links
            if notes[note_id].deleted_at is None and notes[note_id].activity_id in live
        }
        everything = Selection(date_from=date(1900, 1, 1))  # read from the tallies
        assert tagged_group_ids(session, Selection()) == plain
        assert tagged_group_ids(session, everything) == plain
        assert len(plain) < len({g for _, g in links})  # the binning made a difference
