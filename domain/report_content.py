"""Plain data a report is built from: filled by domain/reports.py, read by exporters/pdf.

Frozen dataclasses only (no Session, no ORM objects), so exporters can run on any thread and be
tested without a database. Text fields hold plain text exactly as people wrote it; the exporter
escapes it, so nothing here is ever interpreted as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.vocabulary import ActionStatus


@dataclass(frozen=True, slots=True)
class ReportPeriod:
    """The period a report covers and, for its cover, what else narrowed it.

    `description` is the human wording of the selection (domain.selection.Selection.describe,
    e.g. "Leeds North, 2 chosen groups"); empty means "all activities in the period".
    """

    period_start: dt.date
    period_end: dt.date
    description: str = ""


@dataclass(frozen=True, slots=True)
class ActivitySummaryRow:
    """One row of "Who we heard from": a kind of activity and what it reached."""

    kind: str  # e.g. "Focus group", already in the reader's words
    activities: int
    people_reached: int


@dataclass(frozen=True, slots=True)
class GroupReachedRow:
    """An excluded group (taxonomy node) and how many people from it we heard from.

    `people` is None when activities recorded the group without a count.
    """

    key: str
    label: str
    activities: int
    people: int | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A Note offered as a quote, with the flags that decide whether it may be shown.

    `has_identifiers` is computed upstream by domain.identifiers.find_identifiers; the exporter
    never shows a quote with it set, nor one without consent, nor a safeguarding one.
    """

    note_id: str
    text: str
    speaker: str  # non-identifying descriptor, e.g. "Parent, LS8"
    consent_to_quote: bool
    safeguarding: bool
    has_identifiers: bool
    needs_review: bool = False  # kept for a reviewer at capture: never quoted until cleared


@dataclass(frozen=True, slots=True)
class ContactDetails:
    """How people reach the organisation and ask for the report in another format.

    `post` holds the postal address with one line per line; `text_relay` is the number to dial
    through Relay UK (e.g. "18001 0113 496 0000"); `other_formats` names the formats offered
    (empty: the standard list); `logo` is PNG or JPEG bytes, or None for no logo.
    """

    phone: str = ""
    email: str = ""
    post: str = ""
    text_relay: str = ""
    other_formats: str = ""
    logo: bytes | None = None

    @property
    def ways(self) -> tuple[tuple[str, str], ...]:
        """(how, details) for each way given, in the order a reader tries them."""
        found = (
            ("Phone", self.phone.strip()),
            ("Text relay", self.text_relay.strip()),
            ("Email", self.email.strip()),
            ("Post", ", ".join(line.strip() for line in self.post.splitlines() if line.strip())),
        )
        return tuple((how, text) for how, text in found if text)


def missing_for_reports(name: str, contact: ContactDetails) -> tuple[str, ...]:
    """What a report still needs before it can say who it is from and how to reach them."""
    missing: list[str] = []
    if not name.strip():
        missing.append("the organisation's name")
    if not (contact.phone.strip() or contact.email.strip() or contact.post.strip()):
        missing.append("a way to contact you (phone, email or postal address)")
    return tuple(missing)


@dataclass(frozen=True, slots=True)
class ReportAction:
    """ "We did": what was done or decided about a theme."""

    action_id: str
    what_we_did: str
    status: ActionStatus
    owner: str = ""
    not_possible_reason: str = ""  # required (non-empty) when status is NOT_POSSIBLE
    due_on: dt.date | None = None
    completed_on: dt.date | None = None
    easy_read_summary: str | None = None  # short sentences (<= 15 words each) for Easy Read
    fed_back_on: dt.date | None = None
    fed_back_how: str = ""
    late_reason: str = ""  # why it is past its due date, said when it is


@dataclass(frozen=True, slots=True)
class ReportTheme:
    """ "You said": a plain-language summary of what many people raised, with its actions."""

    theme_id: str
    title: str
    summary: str
    easy_read_summary: str | None = None  # short sentences (<= 15 words each) for Easy Read
    quotes: tuple[Quote, ...] = ()
    actions: tuple[ReportAction, ...] = ()
    we_asked: tuple[str, ...] = ()  # topics of the activities its notes came from
    sessions: int = 0  # how many of those activities
    report_back_on: dt.date | None = None  # when we will next tell people about it
    easy_read_title: str = ""  # short heading for Easy Read; falls back to the first sentence
    picture: str = ""  # OpenMoji code shown beside it in Easy Read (chosen or suggested)


@dataclass(frozen=True, slots=True)
class ReportContent:
    """Everything the community "You said, we did" report shows, in reading order."""

    title: str
    organisation: str
    period: ReportPeriod
    intro: str
    activities: tuple[ActivitySummaryRow, ...]
    groups_reached: tuple[GroupReachedRow, ...]
    themes: tuple[ReportTheme, ...]
    next_steps: tuple[str, ...]
    contact: ContactDetails
    language: str = "en-GB"  # BCP 47 tag written to /Lang and XMP
    max_quotes_per_theme: int = 3
    easy_read_intro: str | None = None  # plain-language intro for Easy Read; falls back to intro
    easy_read_next_steps: tuple[str, ...] = ()  # falls back to next_steps
    made_on: dt.date | None = None  # the day it is made: dates before it are in the past

    @property
    def people_reached(self) -> int:
        """Total people reached across all activities in scope."""
        return sum(row.people_reached for row in self.activities)

    @property
    def activity_count(self) -> int:
        """Number of activities in scope."""
        return sum(row.activities for row in self.activities)


@dataclass(frozen=True, slots=True)
class PrincipleCoverageRow:
    """How much evidence one of NHS England's 10 principles has in scope."""

    number: int
    short_label: str
    activities: int
    notes: int


@dataclass(frozen=True, slots=True)
class ThemeSentiment:
    """Counts of Notes by sentiment for one theme."""

    theme_id: str
    title: str
    positive: int = 0
    negative: int = 0
    mixed: int = 0
    neutral: int = 0

    @property
    def total(self) -> int:
        """All notes linked to the theme."""
        return self.positive + self.negative + self.mixed + self.neutral


@dataclass(frozen=True, slots=True)
class OpenAction:
    """An action that is done (or found not possible) but not yet fed back to people."""

    action_id: str
    theme_title: str
    what_we_did: str
    completed_on: dt.date | None = None
    owner: str = ""


@dataclass(frozen=True, slots=True)
class LateAction:
    """A planned or in-progress action past its due date."""

    action_id: str
    theme_title: str
    what_we_did: str
    due_on: dt.date
    late_reason: str = ""
    owner: str = ""


@dataclass(frozen=True, slots=True)
class ThemeWithoutAction:
    """A theme people raised that has no action yet."""

    theme_id: str
    title: str
    notes: int


@dataclass(frozen=True, slots=True)
class CoordinatorContent:
    """Everything the coordinator report shows: coverage, reach and open feedback loops."""

    title: str
    organisation: str
    period: ReportPeriod
    principles: tuple[PrincipleCoverageRow, ...]
    groups_reached: tuple[GroupReachedRow, ...]
    groups_not_reached: tuple[str, ...]  # labels of active taxonomy groups with no activity
    themes_without_action: tuple[ThemeWithoutAction, ...]
    actions_not_fed_back: tuple[OpenAction, ...]
    sentiment: tuple[ThemeSentiment, ...]
    language: str = "en-GB"
    late_actions: tuple[LateAction, ...] = ()
    notes_in_scope: int = 0
    activities_in_scope: int = 0

    @property
    def principles_without_evidence(self) -> tuple[PrincipleCoverageRow, ...]:
        """Principles with neither activities nor notes in scope."""
        return tuple(p for p in self.principles if p.activities == 0 and p.notes == 0)
