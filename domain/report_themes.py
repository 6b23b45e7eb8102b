"""Each theme of a report as one unit: what we asked, what you said, what we did, when we report
back; and the dated next steps that follow from them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from domain.identifiers import find_identifiers
from domain.pictures import suggest_picture
from domain.plain_words import long_date, lower_first, with_full_stop, words_of
from domain.report_content import Quote, ReportAction, ReportTheme
from domain.report_dates import is_late, report_back_date
from domain.vocabulary import OPEN_ACTION_STATUSES, ActionStatus, NoteKind
from models.entities import Action, Note, Theme

# Kinds of note that are people's own words, and so may be offered as quotes.
QUOTED_KINDS = frozenset(
    {NoteKind.QUOTE, NoteKind.CONCERN, NoteKind.SUGGESTION, NoteKind.COMPLIMENT}
)
OPEN = OPEN_ACTION_STATUSES


@dataclass(frozen=True, slots=True)
class NoteFacts:
    """What a report reads of a note: loaded as plain rows, as thousands of whole notes took a
    second to build at 100,000 notes."""

    id: str
    activity_id: str
    body: str
    kind: str
    speaker: str
    created_at: datetime
    consent_to_quote: bool
    safeguarding: bool
    needs_review: bool


NOTE_FACTS = (
    Note.id,
    Note.activity_id,
    Note.body,
    Note.kind,
    Note.speaker,
    Note.created_at,
    Note.consent_to_quote,
    Note.safeguarding,
    Note.needs_review,
)


def _first_sentence(text: str) -> list[str]:
    return words_of(re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0])


def _same_words(shorter: list[str], longer: list[str], common: int) -> bool:
    """True when one quote is the other's words again (perhaps with more said after);
    `common` is how many distinct words they share."""
    if not shorter:
        return True
    if longer[: len(shorter)] == shorter:
        return True
    # The same words with a few changed ("letters" for "a letter"): 80% of them shared.
    return common >= 0.8 * len(set(shorter)) and len(shorter) >= 4


def collapse_near_duplicates(notes: Iterable[NoteFacts]) -> list[NoteFacts]:
    """The notes with near-duplicates merged into the fullest wording, in the given order."""
    # Each kept note with its words, their set and its opening sentence, worked out once: every
    # new note is compared with every kept one (hundreds per theme at 100,000 notes).
    kept: list[tuple[NoteFacts, list[str], set[str], list[str]]] = []
    worked_out: dict[str, tuple[list[str], set[str], list[str]]] = {}  # by text: often repeated
    for note in notes:
        if note.body not in worked_out:
            words = words_of(note.body)
            worked_out[note.body] = (words, set(words), _first_sentence(note.body))
        words, bag, first = worked_out[note.body]
        for index, (_other, other_words, other_bag, other_first) in enumerate(kept):
            short, long_ = sorted((words, other_words), key=len)
            # The same opening sentence with a different remark after it is the same quote
            # written up twice (two workers at one stall); a short opening alone is not.
            same_start = len(first) >= 6 and first == other_first
            if same_start or _same_words(short, long_, len(bag & other_bag)):
                if len(words) > len(other_words):
                    kept[index] = (note, words, bag, first)  # the fuller one, in its place
                break
        else:
            kept.append((note, words, bag, first))
    return [kept_note for kept_note, *_ in kept]


def quote_order(note: NoteFacts) -> tuple[bool, float, str]:
    """The order quotes are offered in: spoken ones first, then newest first."""
    return (note.kind != NoteKind.QUOTE, -note.created_at.timestamp(), note.id)


@dataclass(frozen=True, slots=True)
class ThemeNotes:
    """What a report reads of one theme's notes in scope: how many came from each activity, and
    the notes of quoted kinds, one per distinct text (the first in quote order, which is the one
    the near-duplicate collapse would keep of identical texts). The store does this narrowing:
    at 100,000 notes a theme's thousands of notes often repeat a few dozen texts."""

    per_activity: dict[str, int]
    quotable: list[NoteFacts]


def theme_quotes(notes: list[NoteFacts]) -> tuple[Quote, ...]:
    """Quotes a theme may offer: spoken ones first, newest first, near-duplicates collapsed."""
    ordered = sorted(notes, key=quote_order)
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
        for n in collapse_near_duplicates(n for n in ordered if n.kind in QUOTED_KINDS)
    )


def report_action(action: Action) -> ReportAction:
    """An action as a report shows it."""
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
        late_reason=action.late_reason,
    )


def _asked(per_activity: dict[str, int], topics: dict[str, str]) -> tuple[tuple[str, ...], int]:
    """The topics most of a theme's notes were asked about, and at how many sessions
    (`per_activity`: the theme's notes by activity; `topics`: each activity in scope's topic).

    Notes often touch a theme at a session about something else; only topics behind at least a
    quarter of the theme's notes count as what we asked about it.
    """
    by_topic: Counter[str] = Counter()
    for activity_id, count in per_activity.items():
        topic = topics.get(activity_id, "").strip()
        if topic and count:
            by_topic[topic] += count
    total = sum(by_topic.values())
    ranked = sorted(by_topic.items(), key=lambda item: (-item[1], item[0]))  # ties by name
    asked = tuple(t for t, n in ranked if n * 4 >= total)
    sessions = {
        activity_id
        for activity_id, count in per_activity.items()
        if count and activity_id in topics and topics[activity_id].strip() in asked
    }
    return asked, len(sessions)


def theme_unit(
    theme: Theme, notes: ThemeNotes, actions: list[Action], topics: dict[str, str]
) -> ReportTheme:
    """One theme with the topics it was asked about, its quotes and its actions."""
    asked, sessions = _asked(notes.per_activity, topics)
    return ReportTheme(
        theme_id=theme.id,
        title=theme.title,
        summary=theme.description or theme.title,
        easy_read_summary=theme.easy_read_summary or None,
        quotes=theme_quotes(notes.quotable),
        actions=tuple(report_action(a) for a in actions),
        we_asked=asked,
        sessions=sessions,
        report_back_on=theme.report_back_on,
        easy_read_title=theme.easy_read_title.strip(),
        picture=theme.picture
        or suggest_picture(theme.title, theme.easy_read_summary, theme.description),
    )


def next_steps(themes: Iterable[ReportTheme], today: date) -> tuple[str, ...]:
    """Plain, dated next steps: what happens by when, soonest first; undated ones after."""
    dated: list[tuple[date, str]] = []
    undated: list[str] = []
    for theme in themes:
        topic = lower_first(theme.title.strip())
        when = report_back_date(theme, today)
        if not theme.actions:
            step = f"We will decide what to do about \u201c{topic}\u201d and tell you"
        elif any(is_late(a, today) for a in theme.actions):
            step = f"We will give you a new date for the work on \u201c{topic}\u201d"
        elif any(a.status in OPEN for a in theme.actions):
            step = f"We will tell you how the work on \u201c{topic}\u201d is going"
        else:
            continue  # finished and said so in its own section
        if when is None:
            undated.append(with_full_stop(f"{step} at our next session"))
        else:
            dated.append((when, with_full_stop(f"By {long_date(when)}: {lower_first(step)}")))
    return tuple(text for _, text in sorted(dated, key=lambda item: item[0])) + tuple(undated)


def easy_read_next_steps(themes: Iterable[ReportTheme], today: date) -> tuple[str, ...]:
    """What happens next in Easy Read: one short idea per line, with the next date."""
    themes = tuple(themes)
    dates = [d for d in (report_back_date(t, today) for t in themes) if d is not None]
    steps = ["We will keep working on what you told us."]
    if dates:
        steps.append(f"We will tell you more by {long_date(min(dates))}.")
    else:
        steps.append("We will tell you more at our next session.")
    return tuple(steps)
