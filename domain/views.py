"""Frozen views the domain hands to callers: plain data, never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple


@dataclass(frozen=True)
class GroupReached:
    group_key: str
    label: str
    count: int | None


@dataclass(frozen=True)
class ActivityView:
    id: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    area: str
    postcode_outward: str
    lead: str
    partners: tuple[str, ...]
    topic: str
    people_reached: int
    adjustments: tuple[str, ...]
    status: str
    groups_reached: tuple[GroupReached, ...]
    deleted: bool
    note_count: int = 0


class NoteView(NamedTuple):
    """A note as callers see it. A named tuple rather than a frozen dataclass: a search page
    builds 200 of these per keystroke, and a tuple is built ten times faster (0.04 ms a page
    against 0.37 ms, measured on the benchmark query's page)."""

    id: str
    activity_id: str
    activity_title: str
    body: str
    kind: str
    sentiment: str
    speaker: str
    consent_to_quote: bool
    consent_to_share: bool
    safeguarding: bool
    needs_review: bool
    created_at: datetime
    updated_at: datetime
    deleted: bool
    group_keys: tuple[str, ...]
    principle_numbers: tuple[int, ...]
    service_keys: tuple[str, ...]
    theme_ids: tuple[str, ...]


class NoteHit(NamedTuple):
    """A note as a list of search results shows it: the note's own fields and the groups it
    speaks for, in NoteView's field order. Its principles, services and themes are read when it
    is opened (get_note): gathering them for every hit of a page took a tenth of each search."""

    id: str
    activity_id: str
    activity_title: str
    body: str
    kind: str
    sentiment: str
    speaker: str
    consent_to_quote: bool
    consent_to_share: bool
    safeguarding: bool
    needs_review: bool
    created_at: datetime
    updated_at: datetime
    deleted: bool
    group_keys: tuple[str, ...]


@dataclass(frozen=True)
class GroupView:
    id: str
    key: str
    label: str
    parent_key: str | None
    active: bool
    note: str


@dataclass(frozen=True)
class PrincipleView:
    number: int
    short: str
    text: str


@dataclass(frozen=True)
class ServiceView:
    id: str
    key: str
    label: str
    active: bool


@dataclass(frozen=True)
class ActionView:
    id: str
    theme_id: str
    what_we_did: str
    easy_read_summary: str
    status: str
    not_possible_reason: str
    owner: str
    due_on: date | None
    completed_on: date | None
    decision_forum: str
    fed_back_on: date | None
    fed_back_how: str
    deleted: bool
    late_reason: str = ""


@dataclass(frozen=True)
class ThemeView:
    id: str
    title: str
    description: str
    easy_read_summary: str
    status: str
    note_ids: tuple[str, ...]
    deleted: bool
    easy_read_title: str = ""
    picture: str = ""  # OpenMoji code chosen for Easy Read; "" means suggest one
    report_back_on: date | None = None
