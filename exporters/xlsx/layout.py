"""The workbook layout shared by export, template and import: sheets, columns, readable labels."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.note_fields import TAG_FIELDS, FieldShape, field_shapes
from domain.vocabulary import ActionStatus, ActivityKind, ActivityStatus, ThemeStatus, choices

README, ACTIVITIES, NOTES, THEMES, ACTIONS, GROUPS, SERVICES, PRINCIPLES = (
    "README",
    "Activities",
    "Notes",
    "Themes",
    "Actions",
    "Groups",
    "Services",
    "Principles",
)
INSTRUCTIONS, LISTS = "Instructions", "Lists"

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
LIST_SEPARATOR = "; "
YES, NO = "Yes", "No"
# Excel's own limit on the text of one cell.
EXCEL_CELL_LIMIT = 32_767


@dataclass(frozen=True)
class Column:
    """One column: its header, the field it carries, how it is read, and its width."""

    header: str
    field: str
    kind: str  # id, text, enum, bool, int, datetime, date, list, reached, info
    width: float = 16
    choices: tuple[str, ...] = ()  # stored values, for kind "enum"

    @property
    def number_format(self) -> str:
        return {"datetime": DATETIME_FORMAT, "date": DATE_FORMAT}.get(self.kind, "")


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: frozenset[str]  # fields a row must have on import
    about: str  # what the sheet holds, for the README sheet

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)


def choice_label(value: str) -> str:
    """A stored choice as people read it: 'focus_group' → 'Focus group'."""
    return value.replace("_", " ").capitalize()


def normalise_header(text: str) -> str:
    """Headers match whatever the case, spacing or bracketed hint: 'Starts (UTC)' ≈ 'starts'."""
    text = re.sub(r"\([^)]*\)", " ", text)
    return " ".join(text.replace("_", " ").split()).casefold()


ACTIVITY_COLUMNS = (
    Column("Activity id", "id", "id", 38),
    Column("Title", "title", "text", 40),
    Column("Kind", "kind", "enum", 16, choices(ActivityKind)),
    Column("Starts (UTC)", "starts_at", "datetime", 18),
    Column("Ends (UTC)", "ends_at", "datetime", 18),
    Column("Place", "place", "text", 30),
    Column("Area", "area", "text", 16),
    Column("Postcode (first half only)", "postcode_outward", "text", 12),
    Column("Lead", "lead", "text", 18),
    Column("Partners", "partners", "list", 30),
    Column("Topic", "topic", "text", 30),
    Column("People reached", "people_reached", "int", 10),
    Column("Adjustments offered", "adjustments", "list", 30),
    Column("Status", "status", "enum", 12, choices(ActivityStatus)),
    Column("Groups reached", "groups_reached_labels", "reached", 40),
    Column("Groups reached keys", "groups_reached", "reached", 30),
    Column("Notes", "note_count", "info", 8),
)
# A note's columns follow NoteFields (domain.note_fields), the one declaration of its fields;
# the speaker and the review flag are set by their own use cases, so they are placed here.
_SHAPES = field_shapes()


def labels_field(tag: str) -> str:
    """The column of a tag family's readable labels (beside the column of its keys)."""
    return f"{tag.removesuffix('s')}_labels"


def slot_fields(tag: str) -> tuple[str, ...]:
    """The typing-up template's numbered columns of a tag family, one dropdown each."""
    return tuple(f"{tag.removesuffix('s')}_{n}" for n in range(1, _TEMPLATE_SLOTS[tag][0] + 1))


def note_field_columns(
    shapes: tuple[FieldShape, ...],
) -> tuple[tuple[Column, ...], tuple[Column, ...]]:
    """(own columns, tag columns) of the Notes sheet for a declaration's fields: the typed
    ones in declared order with the speaker before the flags, then for each tag family its
    readable labels and its keys."""
    typed = tuple(
        Column(s.heading, s.name, s.kind, s.width, s.choices) for s in shapes if s.kind != "list"
    )
    flags_at = next(index for index, column in enumerate(typed) if column.kind == "bool")
    speaker = Column("Speaker (no names)", "speaker", "text", 20)
    tags = tuple(
        column
        for s in shapes
        if s.kind == "list"
        for column in (
            Column(s.name.capitalize(), labels_field(s.name), "list", s.labels_width),
            Column(s.heading, s.name, s.kind, s.width),
        )
    )
    return (*typed[:flags_at], speaker, *typed[flags_at:]), tags


NOTE_OWN_COLUMNS, NOTE_TAG_COLUMNS = note_field_columns(_SHAPES)
NOTE_COLUMNS = (
    Column("Note id", "id", "id", 38),
    Column("Activity id", "activity_id", "id", 38),
    Column("Activity", "activity_ref", "text", 40),
    *NOTE_OWN_COLUMNS,
    Column("Needs review", "needs_review", "bool", 10),
    *NOTE_TAG_COLUMNS,
    Column("Themes", "theme_titles", "info", 30),
    Column("Theme ids", "theme_ids", "list", 38),
    Column("Created (UTC)", "created_at", "datetime", 18),
)
THEME_COLUMNS = (
    Column("Theme id", "id", "id", 38),
    Column("Title", "title", "text", 40),
    Column("Description", "description", "text", 50),
    Column("Easy Read summary", "easy_read_summary", "text", 40),
    Column("Status", "status", "enum", 12, choices(ThemeStatus)),
    Column("Notes", "note_count", "info", 8),
)
ACTION_COLUMNS = (
    Column("Action id", "id", "id", 38),
    Column("Theme id", "theme_id", "id", 38),
    Column("Theme", "theme_ref", "text", 40),
    Column("What we did", "what_we_did", "text", 50),
    Column("Easy Read summary", "easy_read_summary", "text", 40),
    Column("Status", "status", "enum", 13, choices(ActionStatus)),
    Column("Why not possible", "not_possible_reason", "text", 40),
    Column("Owner", "owner", "text", 18),
    Column("Due", "due_on", "date", 12),
    Column("Completed", "completed_on", "date", 12),
    Column("Decision forum", "decision_forum", "text", 24),
    Column("Fed back on", "fed_back_on", "date", 12),
    Column("Fed back how", "fed_back_how", "text", 30),
)
GROUP_COLUMNS = (
    Column("Key", "key", "id", 30),
    Column("Label", "label", "text", 50),
    Column("Parent key", "parent_key", "id", 30),
    Column("Active", "active", "bool", 8),
    Column("About", "note", "text", 50),
)
SERVICE_COLUMNS = (
    Column("Key", "key", "id", 30),
    Column("Label", "label", "text", 40),
    Column("Active", "active", "bool", 8),
)
PRINCIPLE_COLUMNS = (
    Column("Number", "number", "info", 8),
    Column("Principle", "short", "info", 30),
    Column("Full text", "text", "info", 100),
)

EXPORT_SHEETS = (
    Sheet(
        ACTIVITIES,
        ACTIVITY_COLUMNS,
        frozenset({"title", "kind", "starts_at"}),
        "One row per activity (engagement event).",
    ),
    Sheet(
        NOTES,
        NOTE_COLUMNS,
        frozenset({"body"}),
        "One row per note: what people said or the worker observed, with its tags.",
    ),
    Sheet(
        THEMES,
        THEME_COLUMNS,
        frozenset({"title"}),
        "'You said': themes that sum up what many people raised.",
    ),
    Sheet(
        ACTIONS,
        ACTION_COLUMNS,
        frozenset({"what_we_did"}),
        "'We did': what was done or decided about each theme.",
    ),
    Sheet(
        GROUPS,
        GROUP_COLUMNS,
        frozenset({"key", "label"}),
        "The excluded-groups taxonomy notes and activities are tagged with.",
    ),
    Sheet(SERVICES, SERVICE_COLUMNS, frozenset({"key", "label"}), "Services people mention."),
    Sheet(
        PRINCIPLES,
        PRINCIPLE_COLUMNS,
        frozenset(),
        "NHS England's 10 principles for working with people and communities.",
    ),
)

# The typing-up template: the same Activities columns without ids and counts, and a Notes
# sheet with one dropdown per tag, because a cell's dropdown offers one value only.
TEMPLATE_GROUP_SLOTS, TEMPLATE_PRINCIPLE_SLOTS, TEMPLATE_SERVICE_SLOTS = 3, 2, 2
# Each tag's numbered columns: how many, and their width.
_TEMPLATE_SLOTS = {
    "groups": (TEMPLATE_GROUP_SLOTS, 30),
    "principles": (TEMPLATE_PRINCIPLE_SLOTS, 26),
    "services": (TEMPLATE_SERVICE_SLOTS, 26),
}
TEMPLATE_ACTIVITY_COLUMNS = tuple(
    column
    for column in ACTIVITY_COLUMNS
    if column.field not in {"id", "note_count", "groups_reached"}
)
TEMPLATE_NOTE_COLUMNS = (
    Column("Activity", "activity_ref", "text", 40),
    *NOTE_OWN_COLUMNS,
    *(
        Column(f"{tag.removesuffix('s').capitalize()} {n}", name, "text", _TEMPLATE_SLOTS[tag][1])
        for tag in TAG_FIELDS
        for n, name in enumerate(slot_fields(tag), start=1)
    ),
)


def import_sheets() -> dict[str, Sheet]:
    """What import reads: the export's sheets, with the template's extra Notes columns."""
    sheets = {sheet.name: sheet for sheet in EXPORT_SHEETS}
    notes = sheets[NOTES]
    known = {column.field for column in notes.columns}
    extra = tuple(column for column in TEMPLATE_NOTE_COLUMNS if column.field not in known)
    sheets[NOTES] = Sheet(NOTES, notes.columns + extra, notes.required, notes.about)
    return sheets


def sheet_order_for_import() -> tuple[str, ...]:
    return (GROUPS, SERVICES, ACTIVITIES, THEMES, NOTES, ACTIONS)


# Sheets import never reads: explanations and lists.
IGNORED_SHEETS = frozenset({README, INSTRUCTIONS, LISTS, PRINCIPLES})
