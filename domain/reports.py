"""Gathers what the "You said, we did" and coordinator reports show, as plain report content."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.identifiers import find_identifiers
from domain.report_content import (
    ActivitySummaryRow,
    CoordinatorContent,
    GroupReachedRow,
    OpenAction,
    PrincipleCoverageRow,
    Quote,
    ReportAction,
    ReportContent,
    ReportPeriod,
    ReportTheme,
    ThemeSentiment,
    ThemeWithoutAction,
)
from domain.selection import Selection
from domain.selection_query import note_ids_query, selected_activities
from domain.vocabulary import ActionStatus, ActivityKind, NoteKind, Sentiment
from models.entities import (
    Action,
    Activity,
    ActivityGroup,
    Group,
    Meta,
    Note,
    NoteGroup,
    NotePrinciple,
    Principle,
    Theme,
    ThemeNote,
)

# Plural, as the report's "Who we heard from" table counts them.
KIND_WORDS: dict[str, str] = {
    ActivityKind.FOCUS_GROUP: "Focus groups",
    ActivityKind.OUTREACH: "Outreach stalls",
    ActivityKind.DROP_IN: "Drop-ins",
    ActivityKind.INTERVIEW: "Interviews",
    ActivityKind.SURVEY_SESSION: "Survey sessions",
    ActivityKind.ONLINE_SESSION: "Online sessions",
    ActivityKind.MEETING: "Meetings",
}
# Kinds of note that are people's own words, and so may be offered as quotes.
QUOTABLE_KINDS = frozenset(
    {NoteKind.QUOTE, NoteKind.CONCERN, NoteKind.SUGGESTION, NoteKind.COMPLIMENT}
)
DEFAULT_CONTACT = (
    "Ask the person who ran your session, or contact us. We can give you this report in large "
    "print, Easy Read, another language, audio or braille."
)


def _meta(session: Session, key: str, default: str = "") -> str:
    row = session.get(Meta, key)
    return row.value if row and row.value else default


def _selected(
    session: Session, selection: Selection
) -> tuple[list[Activity], list[Note], date, date]:
    """The selection's activities (oldest first) and notes, and the period they span."""
    activities = selected_activities(session, selection)
    if not activities:
        raise InvalidInput(
            "scope", "no activities match this scope: widen the dates or remove a filter"
        )
    ids = note_ids_query(session, selection).scalar_subquery()
    notes = list(session.scalars(select(Note).where(Note.id.in_(ids))))
    start = selection.date_from or activities[0].starts_at.date()
    end = selection.date_to or activities[-1].starts_at.date()
    return activities, notes, start, end


def _groups_reached(session: Session, activity_ids: list[str]) -> list[GroupReachedRow]:
    activities: Counter[str] = Counter()
    people: dict[str, int | None] = {}
    for group_id, count in session.execute(
        select(ActivityGroup.group_id, ActivityGroup.count).where(
            ActivityGroup.activity_id.in_(activity_ids)
        )
    ):
        activities[group_id] += 1
        if count is not None:
            people[group_id] = (people.get(group_id) or 0) + count
        else:
            people.setdefault(group_id, None)
    groups = {g.id: g for g in session.scalars(select(Group).where(Group.id.in_(activities)))}
    rows = [
        GroupReachedRow(groups[gid].key, groups[gid].label, n, people.get(gid))
        for gid, n in activities.items()
    ]
    return sorted(rows, key=lambda row: (-row.activities, row.label))


def _themes_in(
    session: Session, selection: Selection, note_ids: set[str]
) -> list[tuple[Theme, list[str]]]:
    links: dict[str, list[str]] = defaultdict(list)
    for theme_id, note_id in session.execute(select(ThemeNote.theme_id, ThemeNote.note_id)):
        if note_id in note_ids:
            links[theme_id].append(note_id)
    query = select(Theme).where(Theme.deleted_at.is_(None)).order_by(Theme.created_at, Theme.id)
    if selection.theme_ids:
        query = query.where(Theme.id.in_(selection.theme_ids))
    return [(t, links[t.id]) for t in session.scalars(query) if links[t.id] or selection.theme_ids]


def _report_action(action: Action) -> ReportAction:
    return ReportAction(
        action_id=action.id,
        what_we_did=action.what_we_did,
        status=ActionStatus(action.status),
        owner=action.owner,
        not_possible_reason=action.not_possible_reason,
        due_on=action.due_on,
        completed_on=action.completed_on,
        easy_read_summary=action.easy_read_summary or None,
        fed_back_on=action.fed_back_on,
        fed_back_how=action.fed_back_how,
    )


def _quotes(notes: list[Note]) -> tuple[Quote, ...]:
    # Spoken quotes first, newest first: the builder shows the first few that may be shown.
    # The same words captured twice (two workers, one stall) are offered once.
    ordered = sorted(
        notes, key=lambda n: (n.kind != NoteKind.QUOTE, -n.created_at.timestamp(), n.id)
    )
    unique: list[Note] = []
    seen: set[str] = set()
    for note in ordered:
        if note.body not in seen:
            seen.add(note.body)
            unique.append(note)
    return tuple(
        Quote(
            note_id=n.id,
            text=n.body,
            speaker=n.speaker,
            consent_to_quote=n.consent_to_quote,
            safeguarding=n.safeguarding,
            has_identifiers=bool(find_identifiers(n.body)),
            needs_review=n.needs_review,
        )
        for n in unique
        if n.kind in QUOTABLE_KINDS
    )


def community_report_content(
    session: Session, *, selection: Selection, max_quotes_per_theme: int = 3
) -> ReportContent:
    """The "You said, we did" content for a selection; raises InvalidInput when it is empty."""
    activities, notes, start, end = _selected(session, selection)
    activity_ids = [a.id for a in activities]
    notes_by_id = {n.id: n for n in notes}
    by_kind: dict[str, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_kind[activity.kind].append(activity)
    summary = tuple(
        ActivitySummaryRow(KIND_WORDS.get(k, k), len(a), sum(x.people_reached for x in a))
        for k, a in sorted(by_kind.items(), key=lambda item: -len(item[1]))
    )
    themes = []
    open_titles = []
    for theme, linked in _themes_in(session, selection, set(notes_by_id)):
        actions = session.scalars(
            select(Action)
            .where(Action.theme_id == theme.id, Action.deleted_at.is_(None))
            .order_by(Action.created_at, Action.id)
        ).all()
        if not actions:
            open_titles.append(theme.title)
        themes.append(
            ReportTheme(
                theme_id=theme.id,
                title=theme.title,
                summary=theme.description or theme.title,
                easy_read_summary=theme.easy_read_summary or None,
                quotes=_quotes([notes_by_id[n] for n in linked if n in notes_by_id]),
                actions=tuple(_report_action(a) for a in actions),
            )
        )
    organisation = _meta(session, "organisation", "our team")
    people = sum(a.people_reached for a in activities)
    intro = (
        f"Between {start:%d %B %Y} and {end:%d %B %Y} we held {len(activities)} sessions and "
        f"listened to {people} people. This report says what you told us and what has happened "
        "because of it."
    )
    next_steps = [f"We are still deciding what to do about: {title}." for title in open_titles]
    next_steps.append("We will tell you what happens next at our sessions and in this report.")
    return ReportContent(
        title="You said, we did",
        organisation=organisation,
        period=ReportPeriod(start, end, selection.describe()),
        intro=intro,
        activities=summary,
        groups_reached=tuple(_groups_reached(session, activity_ids)),
        themes=tuple(themes),
        next_steps=tuple(next_steps),
        contact=_meta(session, "contact", DEFAULT_CONTACT),
        max_quotes_per_theme=max_quotes_per_theme,
        easy_read_intro=(
            f"We met {people} people. You told us what matters to you. This is what we did."
        ),
        easy_read_next_steps=(
            "We are still working on some things.",
            "We will tell you what happens next.",
        ),
    )


def coordinator_report_content(session: Session, *, selection: Selection) -> CoordinatorContent:
    """Principles coverage, reach, open feedback loops and sentiment for a selection."""
    activities, notes, start, end = _selected(session, selection)
    activity_ids = [a.id for a in activities]
    note_activity = {n.id: n.activity_id for n in notes}
    per_principle_notes: Counter[int] = Counter()
    per_principle_activities: dict[int, set[str]] = defaultdict(set)
    for note_id, number in session.execute(
        select(NotePrinciple.note_id, NotePrinciple.principle_number)
    ):
        if note_id in note_activity:
            per_principle_notes[number] += 1
            per_principle_activities[number].add(note_activity[note_id])
    principles = tuple(
        PrincipleCoverageRow(
            p.number,
            p.short,
            len(per_principle_activities[p.number]),
            per_principle_notes[p.number],
        )
        for p in session.scalars(select(Principle).order_by(Principle.number))
    )
    reached = _groups_reached(session, activity_ids)
    tagged = {
        group_id
        for note_id, group_id in session.execute(select(NoteGroup.note_id, NoteGroup.group_id))
        if note_id in note_activity
    }
    reached_keys = {row.key for row in reached}
    parents = set(session.scalars(select(Group.parent_id).where(Group.parent_id.is_not(None))))
    not_reached = tuple(
        g.label
        for g in session.scalars(
            select(Group).where(Group.active.is_(True)).order_by(Group.position, Group.label)
        )
        if g.id not in parents and g.key not in reached_keys and g.id not in tagged
    )
    notes_by_id = {n.id: n for n in notes}
    without_action: list[ThemeWithoutAction] = []
    not_fed_back: list[OpenAction] = []
    sentiment: list[ThemeSentiment] = []
    for theme, linked in _themes_in(session, selection, set(notes_by_id)):
        actions = session.scalars(
            select(Action).where(Action.theme_id == theme.id, Action.deleted_at.is_(None))
        ).all()
        if not actions:
            without_action.append(ThemeWithoutAction(theme.id, theme.title, len(linked)))
        not_fed_back.extend(
            OpenAction(a.id, theme.title, a.what_we_did, a.completed_on, a.owner)
            for a in actions
            if a.status == ActionStatus.DONE and a.fed_back_on is None
        )
        counts = Counter(notes_by_id[n].sentiment for n in linked)
        sentiment.append(
            ThemeSentiment(
                theme.id,
                theme.title,
                positive=counts[Sentiment.POSITIVE],
                negative=counts[Sentiment.NEGATIVE],
                mixed=counts[Sentiment.MIXED],
                neutral=counts[Sentiment.NEUTRAL],
            )
        )
    return CoordinatorContent(
        title="Engagement coverage and open feedback loops",
        organisation=_meta(session, "organisation", "our team"),
        period=ReportPeriod(start, end, selection.describe()),
        principles=principles,
        groups_reached=tuple(reached),
        groups_not_reached=not_reached,
        themes_without_action=tuple(without_action),
        actions_not_fed_back=tuple(not_fed_back),
        sentiment=tuple(sentiment),
        notes_in_scope=len(notes),
        activities_in_scope=len(activities),
    )
