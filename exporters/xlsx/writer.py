"""Writes an export workbook with openpyxl: real tables, frozen headers, dates as dates.

Write-only mode streams rows to disk so memory stays flat as the store grows; the default mode
is kept selectable only so the benchmark can measure what write-only saves.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from domain.exchange import (
    ActionRow,
    ActivityRow,
    ExportData,
    GroupRow,
    ServiceRow,
    ThemeRow,
)
from domain.progress import Cancelled, NoProgress, Progress
from domain.views import PrincipleView
from exporters.private_output import start_private_file
from exporters.xlsx.cells import excel_text, join_list, looks_like_formula
from exporters.xlsx.layout import (
    ACTIONS,
    ACTIVITIES,
    EXPORT_SHEETS,
    GROUPS,
    NO,
    NOTES,
    PRINCIPLES,
    README,
    SERVICES,
    THEMES,
    YES,
    Column,
    Sheet,
    choice_label,
)
from exporters.xlsx.note_cells import note_cells
from exporters.xlsx.plain_rows import PlainRows

BOLD = Font(bold=True)


class SheetWriter:
    """Appends rows to one sheet through cells that keep text as text and dates as dates.

    Used from one thread at a time, like the openpyxl workbook it writes into.
    """

    def __init__(self, workbook: Workbook, spec: Sheet) -> None:
        self.spec = spec
        self.sheet = workbook.create_sheet(spec.name)
        self.rows = 0
        self.formats = tuple(column.number_format for column in spec.columns)
        self.date_columns = tuple(index for index, shown in enumerate(self.formats) if shown)
        self.plain_rows = PlainRows(spec.columns)
        # Write-only mode writes each row as it is appended, so one date cell per column can
        # carry every row's date (a cell object per date cost more than its writing).
        self.date_cells: list[Any] | None = (
            [None] * len(spec.columns) if workbook.write_only else None
        )
        for index, column in enumerate(spec.columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
        self.sheet.freeze_panes = "A2"
        self.sheet.append([self._header(header) for header in spec.headers])

    def _header(self, text: str) -> Any:
        cell = WriteOnlyCell(self.sheet, value=excel_text(text))
        cell.data_type = "s"  # a header is text, whatever it begins with
        cell.font = BOLD
        return cell

    def _text(self, value: str) -> Any:
        if not value:
            return None
        text = excel_text(value)
        if not looks_like_formula(text):
            return text  # plain values skip the cell object: most of a big export's time
        # Stored as a string with Excel's quote prefix: shown as text, and kept as text even
        # when someone edits the cell, so it can never run as a formula.
        cell = WriteOnlyCell(self.sheet, value=text)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    def _date(self, value: date, index: int) -> Any:
        if isinstance(value, datetime) and value.microsecond:
            value = value.replace(microsecond=0)  # Excel keeps milliseconds at best
        cells = self.date_cells
        cell = cells[index] if cells is not None else None
        if cell is None:
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.number_format = self.formats[index]
            if cells is not None:
                cells[index] = cell
        else:
            # The cell is already typed as a date with its column's format: only the value
            # changes, without openpyxl's type and format checks (a tenth of a 100k export).
            cell._value = value
        return cell

    def append(self, values: Sequence[Any]) -> None:
        """Append one row; a list passed in becomes the row (its values are replaced by
        cells where needed), saving a copy per row."""
        if len(values) != len(self.formats):
            raise ValueError(
                f"{self.spec.name}: {len(values)} values for {len(self.formats)} columns"
            )
        row = values if type(values) is list else list(values)
        if not self.plain_rows.plain(row):
            for index, value in enumerate(row):
                if isinstance(value, str):
                    row[index] = self._text(value) if value else None
        for index in self.date_columns:
            value = row[index]
            if isinstance(value, date):  # a datetime is a date too
                row[index] = self._date(value, index)
            elif isinstance(value, str):
                row[index] = self._text(value)
        self.sheet.append(row)
        self.rows += 1

    def finish(self) -> None:
        """Make the rows a real Excel table (filter buttons, banding, structured names)."""
        last = get_column_letter(len(self.spec.columns))
        # A table needs at least one data row; an empty sheet gets one blank row.
        table = Table(displayName=self.spec.name, ref=f"A1:{last}{max(self.rows, 1) + 1}")
        table.tableColumns = [
            TableColumn(id=index, name=header)
            for index, header in enumerate(self.spec.headers, start=1)
        ]
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        with warnings.catch_warnings():
            # openpyxl warns that write-only tables need their columns named: done above.
            warnings.simplefilter("ignore", UserWarning)
            self.sheet.add_table(table)


def write_export(
    path: Path, data: ExportData, *, progress: Progress | None = None, write_only: bool = True
) -> None:
    """Write `data` to `path` (through a temporary file, so a failure leaves nothing behind)."""
    progress = progress or NoProgress()
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    _write_readme(workbook, data)
    specs = {spec.name: spec for spec in EXPORT_SHEETS}
    partial = path.with_name(path.name + ".part")
    try:
        for name, values in sheet_values(data):
            writer = SheetWriter(workbook, specs[name])
            for row in values:
                writer.append(row)
            writer.finish()
            if progress.cancelled:
                raise Cancelled
    except BaseException:
        # Saving is the only public way to close write-only mode's open streams and temporary
        # files; the half-written result is then thrown away.
        with contextlib.suppress(Exception):
            workbook.save(partial)
        partial.unlink(missing_ok=True)
        raise
    try:
        start_private_file(partial)  # notes are personal data: readable by this user only
        workbook.save(partial)  # (saving over an existing file keeps its permissions)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    progress.report(data.note_count, data.note_count, "Export written")


def sheet_values(data: ExportData) -> list[tuple[str, Iterator[list[Any]]]]:
    """Each sheet's name and its rows as the cells' values, in order: everything an export
    does but openpyxl's writing (the benchmark times it alone). Notes are read as consumed."""
    labels = _Labels(data)
    sheets: list[tuple[str, Iterable[Any], Callable[[Any], list[Any]]]] = [
        (ACTIVITIES, data.activities, labels.activity),
        (NOTES, data.notes, labels.note),
        (THEMES, data.themes, _theme_values),
        (ACTIONS, data.actions, _action_values),
        (GROUPS, data.groups, labels.group),
        (SERVICES, data.services, _service_values),
        (PRINCIPLES, data.principles, _principle_values),
    ]
    return [(name, map(to_values, rows)) for name, rows, to_values in sheets]


def _write_readme(workbook: Workbook, data: ExportData) -> None:
    sheet = workbook.create_sheet(README)
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 100
    title = WriteOnlyCell(sheet, value="Listening Post export")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    exported = WriteOnlyCell(sheet, value=data.exported_at)
    exported.number_format = "yyyy-mm-dd hh:mm:ss"
    lines: list[list[Any]] = [
        ["Exported at (UTC)", exported],
        ["Organisation", data.organisation or None],
        ["Scope", data.selection.describe_in_full()],
        ["Notes", data.note_count],
        [],
    ]
    lines += [[spec.name, spec.about] for spec in EXPORT_SHEETS]
    lines += [
        [],
        ["Times", "All dates and times are UTC, as the store keeps them."],
        ["Lists", "Cells holding several values separate them with semicolons."],
        [
            "Import",
            "Import reads the id and key columns; the readable label columns beside them are "
            "for people. Rows with an id update that record; rows without one are added.",
        ],
        [
            "Text",
            "Text that begins with = + - or @ is stored as text and never runs as a formula.",
        ],
    ]
    for line in lines:
        if line and isinstance(line[0], str):
            label = WriteOnlyCell(sheet, value=line[0])
            label.font = BOLD
            line = [label, *line[1:]]
        sheet.append(line)


def _yes(flag: bool) -> str:
    return YES if flag else NO


def _cell(column: Column, value: Any) -> Any:
    """A value as its column shows it: readable choices, Yes/No, lists joined."""
    if column.kind == "enum":
        return choice_label(value)
    if column.kind == "bool":
        return _yes(value)
    if isinstance(value, list | tuple):
        return join_list([str(item) for item in value])
    return value


class _Labels:
    """Readable labels for the keys and ids rows carry."""

    def __init__(self, data: ExportData) -> None:
        self.groups = {group.key: group.label for group in data.groups}
        self.services = {service.key: service.label for service in data.services}
        self.principles = {p.number: f"{p.number} {p.short}" for p in data.principles}
        self.themes = {theme.id: theme.title for theme in data.themes}
        self.note = note_cells(self.groups, self.principles, self.services, self.themes)

    def activity(self, row: ActivityRow) -> list[Any]:
        return [
            row.id,
            row.title,
            choice_label(row.kind),
            row.starts_at,
            row.ends_at,
            row.place,
            row.area,
            row.postcode_outward,
            row.lead,
            join_list(row.partners),
            row.topic,
            row.people_reached,
            join_list(row.adjustments),
            choice_label(row.status),
            join_list(
                [
                    self.groups.get(key, key) + (f" ({count})" if count is not None else "")
                    for key, count in row.groups_reached
                ]
            ),
            join_list(
                [
                    key + (f"={count}" if count is not None else "")
                    for key, count in row.groups_reached
                ]
            ),
            row.note_count,
        ]

    def group(self, row: GroupRow) -> list[Any]:
        return [row.key, row.label, row.parent_key, _yes(row.active), row.note]


def _theme_values(row: ThemeRow) -> list[Any]:
    return [
        row.id,
        row.title,
        row.description,
        row.easy_read_summary,
        choice_label(row.status),
        row.note_count,
    ]


def _action_values(row: ActionRow) -> list[Any]:
    return [
        row.id,
        row.theme_id,
        row.theme_title,
        row.what_we_did,
        row.easy_read_summary,
        choice_label(row.status),
        row.not_possible_reason,
        row.owner,
        row.due_on,
        row.completed_on,
        row.decision_forum,
        row.fed_back_on,
        row.fed_back_how,
    ]


def _service_values(row: ServiceRow) -> list[Any]:
    return [row.key, row.label, _yes(row.active)]


def _principle_values(row: PrincipleView) -> list[Any]:
    return [row.number, row.short, row.text]
