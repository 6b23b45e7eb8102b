"""Closing the loop: theme summaries with counts, the dashboard's figures, and report readiness."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from domain.organisation import organisation
from domain.plain_words import long_date
from domain.quoting import NotQuoted, reasons_not_quoted
from domain.reports import community_report_themes, coordinator_report_content
from domain.selection import Selection
from domain.selection_query import activity_ids_query, note_ids_query
from domain.tallies import can_tally
from domain.vocabulary import FINISHED_ACTION_STATUSES, OPEN_ACTION_STATUSES, ActionStatus
from models.entities import Action, Activity, Note, NoteGroup, Tally, Theme, ThemeNote
from models.tallies import live_tally_of


@dataclass(frozen=True)
class ThemeSummary:
    """A theme with how much stands behind it, for the Themes page."""

    id: str
    title: str
    status: str
    notes: int
    groups: int
    activities: int
    actions: int
    has_easy_read: bool


@dataclass(frozen=True)
class ActionFlag:
    """An action that needs attention, with the words that say why (never colour alone)."""

    action_id: str
    theme_title: str
    what_we_did: str
    reason: str


@dataclass(frozen=True)
class MonthCount:
    month: str  # "2026-03"
    activities: int
    notes: int


@dataclass(frozen=True)
class Dashboard:
    groups_reached: tuple[tuple[str, int], ...]  # (label, activities)
    groups_not_reached: tuple[str, ...]
    principles: tuple[tuple[int, str, int, int], ...]  # (number, short, activities, notes)
    principles_without_evidence: tuple[str, ...]
    themes_without_action: tuple[str, ...]
    actions_needing_attention: tuple[ActionFlag, ...]
    sentiment_by_theme: tuple[tuple[str, int, int, int, int], ...]  # title, +, -, mixed, neutral
    activity_over_time: tuple[MonthCount, ...]


@dataclass(frozen=True)
class ReportReadiness:
    """What a report would lack or leave out, shown before generating it."""

    themes_missing_easy_read: tuple[str, ...]
    actions_missing_easy_read: tuple[str, ...]
    quotes_without_consent: int
    quotes_safeguarding: int
    quotes_with_identifiers: int
    themes_in_scope: int
    organisation_missing: tuple[str, ...] = ()  # what reports need to say who they are from
    quotes_waiting_for_review: int = 0

    @property
    def easy_read_ready(self) -> bool:
        return not (self.themes_missing_easy_read or self.actions_missing_easy_read)


def theme_summaries(session: Session) -> list[ThemeSummary]:
    """Every live theme with counts of live notes, groups, activities and actions behind it,
    each counted in SQL (only a few numbers per theme come back)."""
    live = Note.deleted_at.is_(None)
    notes: dict[str, tuple[int, int]] = {
        theme_id: (n, activities)
        for theme_id, n, activities in session.execute(
            select(ThemeNote.theme_id, func.count(), func.count(distinct(Note.activity_id)))
            .join(Note, Note.id == ThemeNote.note_id)
            .where(live)
            .group_by(ThemeNote.theme_id)
        )
    }
    groups: dict[str, int] = {
        theme_id: n
        for theme_id, n in session.execute(
            select(ThemeNote.theme_id, func.count(distinct(NoteGroup.group_id)))
            .join(NoteGroup, NoteGroup.note_id == ThemeNote.note_id)
            .join(Note, Note.id == ThemeNote.note_id)
            .where(live)
            .group_by(ThemeNote.theme_id)
        )
    }
    actions = Counter(session.scalars(select(Action.theme_id).where(Action.deleted_at.is_(None))))
    themes = session.scalars(
        select(Theme).where(Theme.deleted_at.is_(None)).order_by(Theme.created_at, Theme.id)
    )
    return [
        ThemeSummary(
            t.id,
            t.title,
            t.status,
            notes.get(t.id, (0, 0))[0],
            groups.get(t.id, 0),
            notes.get(t.id, (0, 0))[1],
            actions[t.id],
            bool(t.easy_read_summary.strip()),
        )
        for t in themes
    ]


def actions_needing_attention(session: Session, *, today: date) -> list[ActionFlag]:
    """Overdue actions and done actions not yet fed back to the people who raised them."""
    flags = []
    rows = session.execute(
        select(Action, Theme.title)
        .join(Theme, Theme.id == Action.theme_id)
        .where(Action.deleted_at.is_(None), Theme.deleted_at.is_(None))
        .order_by(Action.due_on.is_(None), Action.due_on, Action.id)
    )
    for action, title in rows:
        status = ActionStatus(action.status)
        if status in OPEN_ACTION_STATUSES and action.due_on and action.due_on < today:
            reason = f"Overdue: was due {long_date(action.due_on)}"
        elif status in FINISHED_ACTION_STATUSES and action.fed_back_on is None:
            reason = "Not yet fed back to the community"
        else:
            continue
        flags.append(ActionFlag(action.id, title, action.what_we_did, reason))
    return flags


def _activity_over_time(session: Session, selection: Selection) -> tuple[MonthCount, ...]:
    """Activities and live notes in scope per month, grouped in SQL: a few rows, not one per
    activity. Times are stored as 'YYYY-MM-DD HH:MM:SS', so a month is the first 7 letters."""
    month = func.substr(Activity.starts_at, 1, 7)
    in_scope = Activity.id.in_(activity_ids_query(session, selection).scalar_subquery())
    per_month = select(month, func.count()).where(in_scope).group_by(month)
    activities: dict[str, int] = dict(session.execute(per_month).all())
    if can_tally(selection):
        kept = live_tally_of(Activity.id)
        notes_per_month = select(month, func.sum(Tally.count)).join(Tally, kept).where(in_scope)
    else:
        # Over the selection's own joins: through an IN list of every note id in scope it took
        # four times as long at 100,000 notes.
        ids = note_ids_query(session, selection).subquery()
        notes_per_month = (
            select(month, func.count())
            .select_from(Note)
            .join(ids, ids.c.id == Note.id)
            .join(Activity, Activity.id == Note.activity_id)
        )
    notes: dict[str, int] = dict(session.execute(notes_per_month.group_by(month)).all())
    return tuple(MonthCount(m, n, int(notes.get(m) or 0)) for m, n in sorted(activities.items()))


def dashboard(session: Session, *, selection: Selection, today: date) -> Dashboard:
    """The coverage dashboard's figures; the same counts as the coordinator report."""
    content = coordinator_report_content(session, selection=selection)
    return Dashboard(
        groups_reached=tuple((g.label, g.activities) for g in content.groups_reached),
        groups_not_reached=content.groups_not_reached,
        principles=tuple(
            (p.number, p.short_label, p.activities, p.notes) for p in content.principles
        ),
        principles_without_evidence=tuple(
            f"{p.number}. {p.short_label}" for p in content.principles_without_evidence
        ),
        themes_without_action=tuple(t.title for t in content.themes_without_action),
        actions_needing_attention=tuple(actions_needing_attention(session, today=today)),
        sentiment_by_theme=tuple(
            (s.title, s.positive, s.negative, s.mixed, s.neutral) for s in content.sentiment
        ),
        activity_over_time=_activity_over_time(session, selection),
    )


def report_readiness(session: Session, *, selection: Selection) -> ReportReadiness:
    """What is missing or will be left out, so people can fix it before generating."""
    themes = community_report_themes(session, selection=selection)
    left_out = reasons_not_quoted(q for theme in themes for q in theme.quotes)
    return ReportReadiness(
        themes_missing_easy_read=tuple(t.title for t in themes if not t.easy_read_summary),
        actions_missing_easy_read=tuple(
            a.what_we_did for t in themes for a in t.actions if not a.easy_read_summary
        ),
        # Each quote counted once, under the reason the report builder gives (the same rule).
        quotes_safeguarding=left_out[NotQuoted.SAFEGUARDING],
        quotes_without_consent=left_out[NotQuoted.NO_CONSENT],
        quotes_with_identifiers=left_out[NotQuoted.PERSONAL_IDENTIFIERS],
        quotes_waiting_for_review=left_out[NotQuoted.WAITING_FOR_REVIEW],
        themes_in_scope=len(themes),
        organisation_missing=organisation(session).missing,
    )
