"""Gathers what the "You said, we did" and coordinator reports show, as plain report content."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ScalarSelect, Select, distinct, func, select
from sqlalchemy.orm import Session

from domain.errors import InvalidInput
from domain.organisation import organisation
from domain.plain_words import long_date, plural
from domain.report_content import (
    ActivitySummaryRow,
    CoordinatorContent,
    GroupReachedRow,
    LateAction,
    OpenAction,
    PrincipleCoverageRow,
    ReportContent,
    ReportPeriod,
    ReportTheme,
    ThemeSentiment,
    ThemeWithoutAction,
)
from domain.report_themes import (
    NOTE_FACTS,
    QUOTED_KINDS,
    NoteFacts,
    ThemeNotes,
    easy_read_next_steps,
    next_steps,
    theme_unit,
)
from domain.selection import Selection
from domain.selection_query import (
    activity_ids_query,
    bind_selection,
    live_note_conditions,
    note_ids_query,
    selected_activities,
)
from domain.tallies import (
    can_tally,
    notes_per_activity,
    principle_counts,
    store_groups_reached,
    store_theme_sentiments,
    tagged_group_ids,
)
from domain.vocabulary import (
    FINISHED_ACTION_STATUSES,
    OPEN_ACTION_STATUSES,
    ActivityKind,
    NoteKind,
    Sentiment,
)
from models.entities import (
    Action,
    Activity,
    ActivityGroup,
    Group,
    Note,
    NoteGroup,
    NotePrinciple,
    Principle,
    Theme,
    ThemeNote,
)

_AnySelect = TypeVar("_AnySelect", bound="Select[*tuple[Any, ...]]")

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


def _selected(
    session: Session, selection: Selection
) -> tuple[list[Activity], ScalarSelect[str], date, date]:
    """The selection's activities (oldest first), its note ids (as a subquery, so that counts
    are made in SQL and never load every note) and the period they span."""
    activities = selected_activities(session, selection)
    if not activities:
        raise InvalidInput(
            "scope", "no activities match this scope: widen the dates or remove a filter"
        )
    ids = note_ids_query(session, selection).scalar_subquery()
    start = selection.date_from or activities[0].starts_at.date()
    end = selection.date_to or activities[-1].starts_at.date()
    return activities, ids, start, end


def _groups_reached(session: Session, selection: Selection) -> list[GroupReachedRow]:
    """Per group: the activities in scope that reached it and the people counted (None if
    never); kept by triggers for the whole store, else counted per group id, then joined to
    the few groups (joining each of 31,000 links to its group first took twice as long)."""
    if selection.is_everything:
        return store_groups_reached(session)
    activity_ids = activity_ids_query(session, selection).scalar_subquery()
    per_group = (
        select(
            ActivityGroup.group_id,
            func.count().label("activities"),
            func.sum(ActivityGroup.count).label("people"),
        )
        .where(ActivityGroup.activity_id.in_(activity_ids))
        .group_by(ActivityGroup.group_id)
        .subquery()
    )
    counted = select(Group.key, Group.label, per_group.c.activities, per_group.c.people).join(
        per_group, per_group.c.group_id == Group.id
    )
    rows = [
        GroupReachedRow(key, label, n, None if people is None else int(people))
        for key, label, n, people in session.execute(counted)
    ]
    return sorted(rows, key=lambda row: (-row.activities, row.label))


def _in_scope(session: Session, selection: Selection, query: _AnySelect) -> _AnySelect:
    """A query over theme links kept to the selection's live notes by joins: the few links lead
    to their notes, where an IN list of every note id in scope cost 0.2 s per query at 100,000
    notes. (Counts over every note keep the IN list, which SQLite plans better there.)"""
    values = bind_selection(session, selection)
    return (
        query.join(Note, Note.id == ThemeNote.note_id)
        .join(Activity, Activity.id == Note.activity_id)
        .where(*live_note_conditions(values))
        .params(values)
    )


def _themes_with(session: Session, selection: Selection, linked: set[str]) -> list[Theme]:
    """The live themes with notes in scope (`linked`), or those the selection names."""
    query = select(Theme).where(Theme.deleted_at.is_(None)).order_by(Theme.created_at, Theme.id)
    if selection.theme_ids:
        query = query.where(Theme.id.in_(selection.theme_ids))
    return [t for t in session.scalars(query) if t.id in linked or selection.theme_ids]


def _actions_of(session: Session, theme_id: str) -> list[Action]:
    return list(
        session.scalars(
            select(Action)
            .where(Action.theme_id == theme_id, Action.deleted_at.is_(None))
            .order_by(Action.created_at, Action.id)
        )
    )


def _theme_notes(session: Session, selection: Selection) -> dict[str, ThemeNotes]:
    """Each theme's notes in scope as counts per activity and one note per distinct quotable
    text (ThemeNotes): two passes over the links in SQL, a few rows back per theme."""
    notes: dict[str, ThemeNotes] = defaultdict(lambda: ThemeNotes({}, []))
    counted = select(ThemeNote.theme_id, Note.activity_id, func.count()).select_from(ThemeNote)
    counted = _in_scope(session, selection, counted).group_by(ThemeNote.theme_id, Note.activity_id)
    for theme_id, activity_id, count in session.execute(counted):
        notes[theme_id].per_activity[activity_id] = count
    first = func.row_number().over(
        partition_by=(ThemeNote.theme_id, Note.body),
        order_by=(Note.kind != NoteKind.QUOTE, Note.created_at.desc(), Note.id),  # quote_order
    )
    texts = select(ThemeNote.theme_id, *NOTE_FACTS, first.label("nth")).select_from(ThemeNote)
    texts = _in_scope(session, selection, texts.where(Note.kind.in_(QUOTED_KINDS)))
    ranked = texts.subquery()
    query = select(*(c for c in ranked.c if c.name != "nth")).where(ranked.c.nth == 1)
    for theme_id, *facts in session.execute(query):
        notes[theme_id].quotable.append(NoteFacts(*facts))
    return notes


def _report_themes(
    session: Session, selection: Selection, topics: dict[str, str]
) -> tuple[ReportTheme, ...]:
    notes = _theme_notes(session, selection)
    return tuple(
        theme_unit(theme, notes[theme.id], _actions_of(session, theme.id), topics)
        for theme in _themes_with(session, selection, set(notes))
    )


def community_report_themes(session: Session, *, selection: Selection) -> tuple[ReportTheme, ...]:
    """The themes the "You said, we did" report would show (for its readiness check: without
    the rest of the report); raises InvalidInput for an empty scope, as the report does."""
    in_scope = activity_ids_query(session, selection).scalar_subquery()
    query = select(Activity.id, Activity.topic).where(Activity.id.in_(in_scope))
    topics: dict[str, str] = {activity_id: topic for activity_id, topic in session.execute(query)}
    if not topics:
        raise InvalidInput(
            "scope", "no activities match this scope: widen the dates or remove a filter"
        )
    return _report_themes(session, selection, topics)


def community_report_content(
    session: Session,
    *,
    selection: Selection,
    max_quotes_per_theme: int = 3,
    today: date | None = None,
) -> ReportContent:
    """The "You said, we did" content for a scope; raises InvalidInput for an empty scope.

    The organisation's details come as stored (possibly incomplete): the report builder refuses
    to print without them, and the Reports page shows what is missing beforehand.
    """
    today = today or date.today()
    activities, _ids, start, end = _selected(session, selection)
    by_kind: dict[str, list[Activity]] = defaultdict(list)
    for activity in activities:
        by_kind[activity.kind].append(activity)
    summary = tuple(
        ActivitySummaryRow(KIND_WORDS.get(k, k), len(a), sum(x.people_reached for x in a))
        for k, a in sorted(by_kind.items(), key=lambda item: -len(item[1]))
    )
    themes = _report_themes(session, selection, {a.id: a.topic for a in activities})
    org = organisation(session)
    people = sum(a.people_reached for a in activities)
    intro = (
        f"Between {long_date(start)} and {long_date(end)} we held "
        f"{plural(len(activities), 'session')} and listened to {plural(people, 'person')}. "
        "For each thing you told us, this report says what we asked, what you said, what we "
        "did and when we will tell you more."
    )
    return ReportContent(
        title="You said, we did",
        organisation=org.name,
        period=ReportPeriod(start, end, selection.describe()),
        intro=intro,
        activities=summary,
        groups_reached=tuple(_groups_reached(session, selection)),
        themes=themes,
        next_steps=next_steps(themes, today),
        contact=org.contact,
        max_quotes_per_theme=max_quotes_per_theme,
        easy_read_intro=(
            f"We met {plural(people, 'person')}. You told us what matters to you. "
            "This is what we did."
        ),
        easy_read_next_steps=easy_read_next_steps(themes, today),
        made_on=today,
    )


def _principle_coverage(
    session: Session, selection: Selection, ids: ScalarSelect[str]
) -> tuple[PrincipleCoverageRow, ...]:
    if can_tally(selection):
        counts = principle_counts(session, selection)
    else:
        counts = {
            number: (activities, notes)
            for number, activities, notes in session.execute(
                select(
                    NotePrinciple.principle_number,
                    func.count(distinct(Note.activity_id)),
                    func.count(),
                )
                .join(Note, Note.id == NotePrinciple.note_id)
                .where(NotePrinciple.note_id.in_(ids))
                .group_by(NotePrinciple.principle_number)
            )
        }
    return tuple(
        PrincipleCoverageRow(p.number, p.short, *counts.get(p.number, (0, 0)))
        for p in session.scalars(select(Principle).order_by(Principle.number))
    )


def _not_reached(
    session: Session, reached: list[GroupReachedRow], selection: Selection, ids: ScalarSelect[str]
) -> tuple[str, ...]:
    tagged = (
        tagged_group_ids(session, selection)
        if can_tally(selection)
        else set(
            session.scalars(select(NoteGroup.group_id).where(NoteGroup.note_id.in_(ids)).distinct())
        )
    )
    reached_keys = {row.key for row in reached}
    parents = set(session.scalars(select(Group.parent_id).where(Group.parent_id.is_not(None))))
    return tuple(
        g.label
        for g in session.scalars(
            select(Group).where(Group.active.is_(True)).order_by(Group.position, Group.label)
        )
        if g.id not in parents and g.key not in reached_keys and g.id not in tagged
    )


def _sentiments(session: Session, selection: Selection) -> dict[str, Counter[str]]:
    """Per theme, how many of its notes in scope carry each sentiment: kept by triggers for the
    whole store (looking up each theme link's note cost 30 ms at 100,000), else counted in SQL."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    if selection.is_everything:
        return store_theme_sentiments(session)
    for theme_id, sentiment, n in session.execute(
        _in_scope(
            session, selection, select(ThemeNote.theme_id, Note.sentiment, func.count())
        ).group_by(ThemeNote.theme_id, Note.sentiment)
    ):
        counts[theme_id][sentiment] = n
    return counts


@dataclass
class _Loops:
    """The coordinator's open loops and sentiment, gathered theme by theme."""

    without_action: list[ThemeWithoutAction] = field(default_factory=list)
    not_fed_back: list[OpenAction] = field(default_factory=list)
    late: list[LateAction] = field(default_factory=list)
    sentiment: list[ThemeSentiment] = field(default_factory=list)

    def add(self, theme: Theme, counts: Counter[str], actions: list[Action], today: date) -> None:
        if not actions:
            notes = sum(counts.values())
            self.without_action.append(ThemeWithoutAction(theme.id, theme.title, notes))
        for a in actions:
            # "Not possible" is owed to people too: the reason has to reach them.
            if a.status in FINISHED_ACTION_STATUSES and a.fed_back_on is None:
                self.not_fed_back.append(
                    OpenAction(a.id, theme.title, a.what_we_did, a.completed_on, a.owner)
                )
            if a.status in OPEN_ACTION_STATUSES and a.due_on and a.due_on < today:
                self.late.append(
                    LateAction(a.id, theme.title, a.what_we_did, a.due_on, a.late_reason, a.owner)
                )
        self.sentiment.append(
            ThemeSentiment(
                theme.id,
                theme.title,
                positive=counts[Sentiment.POSITIVE],
                negative=counts[Sentiment.NEGATIVE],
                mixed=counts[Sentiment.MIXED],
                neutral=counts[Sentiment.NEUTRAL],
            )
        )


def notes_in_scope(session: Session, selection: Selection) -> int:
    """How many live notes the selection covers."""
    if can_tally(selection):
        return sum(notes_per_activity(session, selection).values())
    counted = select(func.count()).select_from(note_ids_query(session, selection).subquery())
    return session.scalar(counted) or 0


def coordinator_report_content(
    session: Session, *, selection: Selection, today: date | None = None
) -> CoordinatorContent:
    """Principles coverage, reach, open feedback loops (late actions too) and sentiment."""
    today = today or date.today()
    # Only the first and last start and how many: loading each activity cost 0.25 s at 1,000.
    in_scope = activity_ids_query(session, selection).scalar_subquery()
    first, last, activities = session.execute(
        select(func.min(Activity.starts_at), func.max(Activity.starts_at), func.count()).where(
            Activity.id.in_(in_scope)
        )
    ).one()
    if not activities:
        raise InvalidInput(
            "scope", "no activities match this scope: widen the dates or remove a filter"
        )
    start = selection.date_from or first.date()
    end = selection.date_to or last.date()
    ids = note_ids_query(session, selection).scalar_subquery()
    reached = _groups_reached(session, selection)
    sentiments = _sentiments(session, selection)
    loops = _Loops()
    for theme in _themes_with(session, selection, set(sentiments)):
        loops.add(theme, sentiments[theme.id], _actions_of(session, theme.id), today)
    return CoordinatorContent(
        title="Engagement coverage and open feedback loops",
        organisation=organisation(session).name,
        period=ReportPeriod(start, end, selection.describe()),
        principles=_principle_coverage(session, selection, ids),
        groups_reached=tuple(reached),
        groups_not_reached=_not_reached(session, reached, selection, ids),
        themes_without_action=tuple(loops.without_action),
        actions_not_fed_back=tuple(loops.not_fed_back),
        late_actions=tuple(sorted(loops.late, key=lambda a: (a.due_on, a.theme_title))),
        sentiment=tuple(loops.sentiment),
        notes_in_scope=notes_in_scope(session, selection),
        activities_in_scope=activities,
    )
