"""Writes the typing-up template: Activities and Notes sheets with dropdowns, and instructions.

Small, so it uses openpyxl's default mode (write-only mode cannot add data validation).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from domain.exchange import TemplateLists
from domain.note_fields import SAFEGUARDING
from domain.vocabulary import (
    ActivityKind,
    ActivityStatus,
    Consent,
    NoteKind,
    Sentiment,
    choices,
)
from exporters.private_output import start_private_file
from exporters.xlsx.layout import (
    ACTIVITIES,
    INSTRUCTIONS,
    LISTS,
    NO,
    NOTES,
    TEMPLATE_ACTIVITY_COLUMNS,
    TEMPLATE_NOTE_COLUMNS,
    YES,
    Column,
    choice_label,
)

# Rows that get dropdowns: far more than one event's notes, small enough to keep the file light.
TEMPLATE_ROWS = 2000
BOLD = Font(bold=True)

INSTRUCTIONS_TEXT = (
    "Typing up paper notes for Listening Post",
    "",
    "1. On the Activities sheet, add one row for each event you are typing up (skip this if the "
    "activity is already in Listening Post: it is in the Activity dropdown on the Notes sheet).",
    "2. On the Notes sheet, add one row for each thing people said or you observed. Pick the "
    "activity from the dropdown, or type its title exactly as on the Activities sheet.",
    "3. Use the dropdowns for kind, sentiment, consent, groups, principles and services. Leave a "
    "cell empty when it does not apply.",
    "4. Never write names, phone numbers, email addresses, NHS numbers or full postcodes. The "
    "import flags notes that seem to contain them for review.",
    "5. Dates: type them like 2026-03-02 or 02/03/2026 (day first). Times are UTC.",
    "6. Save as Excel Workbook (.xlsx) and import it: File > Import, or "
    "'python main.py import-xlsx FILE.xlsx'. If anything is wrong nothing is imported and every "
    "problem is listed by sheet, row and column. Importing the same file twice adds nothing.",
    "",
    "Example (this row is only an example: it is not imported)",
)


def write_template(path: Path, lists: TemplateLists) -> None:
    """Write the template to `path` (through a temporary file)."""
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS
    activities = workbook.create_sheet(ACTIVITIES)
    notes = workbook.create_sheet(NOTES)
    list_sheet = workbook.create_sheet(LISTS)
    list_sheet.sheet_state = "hidden"
    ranges = _write_lists(list_sheet, lists)
    _write_instructions(instructions, lists)
    _data_sheet(activities, TEMPLATE_ACTIVITY_COLUMNS, "TypedActivities")
    _data_sheet(notes, TEMPLATE_NOTE_COLUMNS, "TypedNotes")
    dropdowns = {
        ACTIVITIES: {"kind": "activity_kinds", "status": "activity_statuses"},
        NOTES: {
            "activity_ref": "activities",
            "kind": "note_kinds",
            "sentiment": "sentiments",
            **{c.field: "yes_no" for c in TEMPLATE_NOTE_COLUMNS if c.kind == "bool"},
            **{c.field: "groups" for c in TEMPLATE_NOTE_COLUMNS if c.field.startswith("group_")},
            **{
                c.field: "principles"
                for c in TEMPLATE_NOTE_COLUMNS
                if c.field.startswith("principle_")
            },
            **{
                c.field: "services" for c in TEMPLATE_NOTE_COLUMNS if c.field.startswith("service_")
            },
        },
    }
    for sheet, columns in ((activities, TEMPLATE_ACTIVITY_COLUMNS), (notes, TEMPLATE_NOTE_COLUMNS)):
        for index, column in enumerate(columns, start=1):
            list_name = dropdowns[sheet.title].get(column.field)
            if list_name:
                # The activity list only suggests: a new activity's title is typed by hand.
                strict = list_name != "activities"
                _dropdown(sheet, index, ranges[list_name], column.header, strict=strict)
    partial = path.with_name(path.name + ".part")
    try:
        start_private_file(partial)  # the lists hold the organisation's groups and activities
        workbook.save(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _write_lists(sheet: Worksheet, lists: TemplateLists) -> dict[str, str]:
    columns: dict[str, Sequence[str]] = {
        "note_kinds": [choice_label(kind) for kind in choices(NoteKind)],
        "sentiments": [choice_label(sentiment) for sentiment in choices(Sentiment)],
        "yes_no": [YES, NO],
        "groups": [group.label for group in lists.groups],
        "principles": [f"{p.number} {p.short}" for p in lists.principles],
        "services": [service.label for service in lists.services],
        "activity_kinds": [choice_label(kind) for kind in choices(ActivityKind)],
        "activity_statuses": [choice_label(status) for status in choices(ActivityStatus)],
        "activities": list(lists.activity_labels) or ["(no activities yet)"],
    }
    ranges = {}
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name).font = BOLD
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        last = max(len(values), 1) + 1
        ranges[name] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${last}"
    return ranges


def _data_sheet(sheet: Worksheet, columns: Sequence[Column], table_name: str) -> None:
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index, value=column.header).font = BOLD
        sheet.column_dimensions[get_column_letter(index)].width = column.width
        if column.number_format:
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = column.number_format
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(columns))
    table = Table(displayName=table_name, ref=f"A1:{last}2")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)


def _dropdown(sheet: Worksheet, index: int, source: str, header: str, *, strict: bool) -> None:
    letter = get_column_letter(index)
    validation = DataValidation(
        type="list",
        formula1=f"={source}",
        allow_blank=True,
        showErrorMessage=strict,
        errorTitle=header,
        error=f"Pick a value from the {header} list.",
        showInputMessage=True,
        promptTitle=header,
        prompt="Pick from the list.",
    )
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _write_instructions(sheet: Worksheet, lists: TemplateLists) -> None:
    sheet.column_dimensions["A"].width = 120
    for row, line in enumerate(INSTRUCTIONS_TEXT, start=1):
        cell = sheet.cell(row=row, column=1, value=line or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1 or line.startswith("Example"):
            cell.font = Font(bold=True, size=14 if row == 1 else 11)
    example = {
        "activity_ref": "Drop-in at the library (2026-03-02)",
        "body": "The bus to the hospital takes two hours each way.",
        "kind": choice_label("concern"),
        "sentiment": choice_label("negative"),
        "speaker": "older man",
        Consent.TO_QUOTE: YES,
        Consent.TO_SHARE: YES,
        SAFEGUARDING: NO,
        "group_1": lists.groups[0].label if lists.groups else "",
        "principle_1": f"{lists.principles[0].number} {lists.principles[0].short}"
        if lists.principles
        else "",
        "service_1": lists.services[0].label if lists.services else "",
    }
    start = len(INSTRUCTIONS_TEXT) + 1
    for index, column in enumerate(TEMPLATE_NOTE_COLUMNS, start=1):
        sheet.cell(row=start, column=index, value=column.header).font = BOLD
        sheet.cell(row=start + 1, column=index, value=example.get(column.field) or None)
        if index > 1:
            sheet.column_dimensions[get_column_letter(index)].width = column.width
