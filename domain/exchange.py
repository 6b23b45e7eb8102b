"""Plain data exchanged with spreadsheets: rows out, validated rows in, problems.

The exporters (no Session) write and read these; domain.export_rows gathers them from a store
and domain.import_rows applies them in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from domain.errors import DomainError
from domain.note_fields import EDIT_FIELDS, TAG_FIELDS
from domain.selection import Selection
from domain.views import PrincipleView

# ---- rows going out -------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupRow:
    key: str
    label: str
    parent_key: str | None
    active: bool
    note: str


@dataclass(frozen=True)
class ServiceRow:
    key: str
    label: str
    active: bool


@dataclass(frozen=True)
class ActivityRow:
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
    groups_reached: tuple[tuple[str, int | None], ...]  # (group key, head count)
    note_count: int


# What a note row holds, in order: its ids and its activity's label, every field people may
# edit and every tag family (named as NoteFields declares them), its live themes, when written.
NOTE_ROW_FIELDS = (
    "id",
    "activity_id",
    "activity_label",
    *EDIT_FIELDS,
    *TAG_FIELDS,
    "theme_ids",
    "created_at",
)
NOTE_ROW_INDEX = {name: index for index, name in enumerate(NOTE_ROW_FIELDS)}
_NOTE_FIELDS = (*EDIT_FIELDS, *TAG_FIELDS)


class NoteRow(tuple[Any, ...]):
    """A note as exported: one value for each name in NOTE_ROW_FIELDS, in that order (tags
    as sorted tuples), so the workbook layout finds each column's value by its field's name.

    A tuple rather than a dataclass: a big export makes 100,000 of them and reads them by
    position (a dataclass and a dict of fields for each cost a tenth of the export).
    """

    __slots__ = ()

    def value(self, name: str) -> Any:
        return self[NOTE_ROW_INDEX[name]]

    @property
    def id(self) -> str:
        return cast(str, self[0])

    @property
    def activity_id(self) -> str:
        return cast(str, self[1])

    @property
    def activity_label(self) -> str:
        return cast(str, self[2])

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return cast(tuple[str, ...], self[-2])

    @property
    def created_at(self) -> datetime:
        return cast(datetime, self[-1])

    @property
    def fields(self) -> dict[str, Any]:
        """Every field people may edit and every tag family, by name."""
        return {name: self[NOTE_ROW_INDEX[name]] for name in _NOTE_FIELDS}


@dataclass(frozen=True)
class ThemeRow:
    id: str
    title: str
    description: str
    easy_read_summary: str
    status: str
    note_count: int


@dataclass(frozen=True)
class ActionRow:
    id: str
    theme_id: str
    theme_title: str
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


@dataclass(frozen=True)
class ExportData:
    """Everything one workbook holds. `notes` is lazy: it reads the store while it is written,
    so memory stays flat; the caller keeps the session open until writing ends."""

    exported_at: datetime
    organisation: str
    selection: Selection
    activities: Sequence[ActivityRow]
    notes: Iterable[NoteRow]
    note_count: int
    themes: Sequence[ThemeRow]
    actions: Sequence[ActionRow]
    groups: Sequence[GroupRow]
    services: Sequence[ServiceRow]
    principles: Sequence[PrincipleView]


@dataclass(frozen=True)
class TemplateLists:
    """What the typing-up template offers in its dropdowns."""

    groups: Sequence[GroupRow]
    services: Sequence[ServiceRow]
    principles: Sequence[PrincipleView]
    activity_labels: Sequence[str]


def activity_label(title: str, starts_at: datetime) -> str:
    """How a note names its activity in a workbook: readable and, with the date, unambiguous."""
    return f"{title} ({starts_at.date().isoformat()})"


# ---- rows coming in -------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported workbook, named by sheet, row and column."""

    sheet: str
    row: int = 0  # 0: the sheet (or file) as a whole; 1: the header row
    column: str = ""  # column letter, or a cell range for merged cells
    reason: str = ""

    def __str__(self) -> str:
        if not self.row:
            return f"{self.sheet}: {self.reason}"
        if not self.column:
            return f"{self.sheet}!row {self.row}: {self.reason}"
        if ":" in self.column:  # already a range such as B5:B7
            return f"{self.sheet}!{self.column}: {self.reason}"
        return f"{self.sheet}!{self.column}{self.row}: {self.reason}"


class ImportRefused(DomainError):
    """The workbook has problems; nothing was written. Every problem is listed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found; nothing was imported")
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ImportedGroup:
    row: int
    key: str
    label: str
    parent_key: str | None
    active: bool
    note: str


@dataclass(frozen=True)
class ImportedService:
    row: int
    key: str
    label: str
    active: bool


@dataclass(frozen=True)
class ImportedActivity:
    """None for a field means the workbook has no such column: keep or default it."""

    row: int
    id: str | None
    title: str
    kind: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    place: str | None
    area: str | None
    postcode_outward: str | None
    lead: str | None
    partners: tuple[str, ...] | None
    topic: str | None
    people_reached: int | None
    adjustments: tuple[str, ...] | None
    status: str | None
    groups_reached: tuple[tuple[str, int | None], ...] | None  # (group key or label, count)


@dataclass(frozen=True)
class ImportedNote:
    """A note's row as read. Only what the workbook has a column for is named: `fields` by
    NoteFields' names (EDIT_FIELDS; values as read, checked by the store's rules), `tags`
    by tag family (keys, labels or numbers, resolved by the store). Missing: keep or default."""

    row: int
    id: str | None
    activity_id: str | None
    activity_ref: str  # "Title (YYYY-MM-DD)" or a title, used when there is no id
    fields: Mapping[str, Any]
    tags: Mapping[str, tuple[str, ...]]
    theme_ids: tuple[str, ...] | None
    created_at: datetime | None


@dataclass(frozen=True)
class ImportedTheme:
    row: int
    id: str | None
    title: str
    description: str | None
    easy_read_summary: str | None
    status: str | None


@dataclass(frozen=True)
class ImportedAction:
    row: int
    id: str | None
    theme_id: str | None
    theme_ref: str  # theme title, used when there is no id
    what_we_did: str
    easy_read_summary: str | None
    status: str | None
    not_possible_reason: str | None
    owner: str | None
    due_on: date | None
    completed_on: date | None
    decision_forum: str | None
    fed_back_on: date | None
    fed_back_how: str | None


@dataclass(frozen=True)
class ImportBatch:
    """A workbook read and checked cell by cell; the store checks the references."""

    source: str  # file name, for messages
    groups: Sequence[ImportedGroup] = ()
    services: Sequence[ImportedService] = ()
    activities: Sequence[ImportedActivity] = ()
    themes: Sequence[ImportedTheme] = ()
    notes: Sequence[ImportedNote] = ()
    actions: Sequence[ImportedAction] = ()
    # sheet name → field name → column letter, so the store's checks can name the cell
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # Problems in cells, reported together with the store's checks so that one import lists
    # every problem; rows holding them are only used to resolve references.
    problems: Sequence[Problem] = ()
    faulty_rows: frozenset[tuple[str, int]] = frozenset()

    def column(self, sheet: str, field_name: str) -> str:
        return self.columns.get(sheet, {}).get(field_name, "")

    @property
    def row_count(self) -> int:
        return sum(
            len(rows)
            for rows in (
                self.groups,
                self.services,
                self.activities,
                self.themes,
                self.notes,
                self.actions,
            )
        )


@dataclass(frozen=True)
class ImportSummary:
    created: Mapping[str, int]
    updated: Mapping[str, int]
    unchanged: int
    flagged_for_review: int

    @property
    def changed_anything(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())
