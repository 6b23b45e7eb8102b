"""The word lists of the data model as StrEnums, and the one table of their display labels."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from domain.errors import InvalidInput

# The stored values are these enums' values, unchanged since the first release: renaming one
# would need a data migration and break older laptops' bundles and workbooks.


class NoteKind(StrEnum):
    QUOTE = "quote"
    OBSERVATION = "observation"
    SUGGESTION = "suggestion"
    CONCERN = "concern"
    COMPLIMENT = "compliment"
    QUESTION = "question"


class Sentiment(StrEnum):
    """How a Note felt, as tagged by the worker."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    MIXED = "mixed"
    NEUTRAL = "neutral"


class ActivityKind(StrEnum):
    FOCUS_GROUP = "focus_group"
    OUTREACH = "outreach"
    DROP_IN = "drop_in"
    INTERVIEW = "interview"
    SURVEY_SESSION = "survey_session"
    ONLINE_SESSION = "online_session"
    MEETING = "meeting"


class ActivityStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class ThemeStatus(StrEnum):
    OPEN = "open"
    ACTED_ON = "acted_on"
    CLOSED = "closed"


class ActionStatus(StrEnum):
    """Where an Action ("We did") stands."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_POSSIBLE = "not_possible"


class Consent(StrEnum):
    """The consents a note records, named by the note field that holds each."""

    TO_QUOTE = "consent_to_quote"
    TO_SHARE = "consent_to_share"


DEFAULT_NOTE_KIND = NoteKind.OBSERVATION
DEFAULT_SENTIMENT = Sentiment.NEUTRAL
# Actions in these states are finished: what remains is telling the community.
FINISHED_ACTION_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.NOT_POSSIBLE})
OPEN_ACTION_STATUSES = frozenset({ActionStatus.PLANNED, ActionStatus.IN_PROGRESS})

# Display labels, one per stored value. Values shared by two lists ("planned", "done") read the
# same in both, so one table keyed by value serves every list.
LABELS: Mapping[str, str] = {
    NoteKind.QUOTE: "Quote",
    NoteKind.OBSERVATION: "Observation",
    NoteKind.SUGGESTION: "Suggestion",
    NoteKind.CONCERN: "Concern",
    NoteKind.COMPLIMENT: "Compliment",
    NoteKind.QUESTION: "Question",
    Sentiment.POSITIVE: "Positive",
    Sentiment.NEGATIVE: "Negative",
    Sentiment.MIXED: "Mixed",
    Sentiment.NEUTRAL: "Neutral",
    ActivityKind.FOCUS_GROUP: "Focus group",
    ActivityKind.OUTREACH: "Outreach stall",
    ActivityKind.DROP_IN: "Drop-in",
    ActivityKind.INTERVIEW: "Interview",
    ActivityKind.SURVEY_SESSION: "Survey session",
    ActivityKind.ONLINE_SESSION: "Online session",
    ActivityKind.MEETING: "Meeting",
    ActivityStatus.PLANNED: "Planned",
    ActivityStatus.DONE: "Done",
    ActivityStatus.CANCELLED: "Cancelled",
    ThemeStatus.OPEN: "Open",
    ThemeStatus.ACTED_ON: "Acted on",
    ThemeStatus.CLOSED: "Closed",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.NOT_POSSIBLE: "Not possible",
    Consent.TO_QUOTE: "Consent to quote",
    Consent.TO_SHARE: "Consent to share",
    # A note's other flags, named by their fields as the consents are.
    "safeguarding": "Safeguarding",
    "needs_review": "Needs review",
}
# How a note's flags are asked beside their check boxes, where the label alone says too little;
# a flag without an entry is asked by its label.
PROMPTS: Mapping[str, str] = {
    Consent.TO_QUOTE: "Consent to quote anonymously",
    "safeguarding": "Safeguarding concern",
}

E = TypeVar("E", bound=StrEnum)


def label(value: str) -> str:
    """The words people read for a stored value; an unknown value is shown readably as itself."""
    return LABELS.get(value, value.replace("_", " "))


# Shorter words for a note's flags where many share a narrow column (a list's Flags column);
# a flag without an entry is shown by its label.
SHORT_LABELS: Mapping[str, str] = {
    Consent.TO_QUOTE: "May quote",
    Consent.TO_SHARE: "May share",
}


def short_label(value: str) -> str:
    return SHORT_LABELS.get(value, label(value))


def prompt(value: str) -> str:
    """How a flag is asked beside its check box."""
    return PROMPTS.get(value, label(value))


def choices(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """The stored values of a word list, in their declared order."""
    return tuple(member.value for member in vocabulary)


def parse(vocabulary: type[E], value: object, field: str) -> E:
    """The member a stored value names; InvalidInput naming the field and the choices if none."""
    try:
        return vocabulary(str(value))
    except ValueError:
        raise InvalidInput(field, f"must be one of {', '.join(choices(vocabulary))}") from None
