"""Reads an export or a filled-in template into checked plain rows, listing every problem found.

openpyxl's read-only mode streams rows, so memory stays bounded whatever the sheet's size;
references to the store (groups, activities, themes) are checked later by domain.import_rows.
"""

from __future__ import annotations

import difflib
import uuid
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from domain.exchange import (
    ImportBatch,
    ImportRefused,
    Problem,
)
from domain.progress import Cancelled, NoProgress, Progress
from exporters.xlsx import cells
from exporters.xlsx.container import (
    NotAWorkbook,
    SheetScan,
    check_checksums,
    check_container,
    check_shared_strings,
    scan_sheet,
    sheet_parts,
)
from exporters.xlsx.imported_rows import build_batch
from exporters.xlsx.layout import (
    ACTIONS,
    IGNORED_SHEETS,
    NOTES,
    Column,
    Sheet,
    import_sheets,
    normalise_header,
    sheet_order_for_import,
)
from exporters.xlsx.sheet_rows import Cell, open_workbook, sheet_rows

MAX_ROWS_PER_SHEET = 100_000
# Past this many, more problems add nothing a person can act on, and would cost memory.
MAX_PROBLEMS = 500
_DEFAULTS: dict[str, Callable[[], Any]] = {
    "text": str,
    "bool": bool,
    "list": tuple,
    "reached": tuple,
}


class _Problems:
    def __init__(self) -> None:
        self.found: list[Problem] = []
        self.more = 0

    def add(self, sheet: str, row: int = 0, column: str = "", reason: str = "") -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(Problem(sheet, row, column, reason))
        else:
            self.more += 1

    def as_list(self) -> list[Problem]:
        if not self.more:
            return self.found
        note = f"and {self.more:,} more problems not listed: fix these and import again"
        return [*self.found, Problem("…", 0, "", note)]


def read_workbook(
    path: Path, *, progress: Progress | None = None, max_rows: int = MAX_ROWS_PER_SHEET
) -> ImportBatch:
    """Every sheet import knows, read and checked; raises ImportRefused listing all problems."""
    progress = progress or NoProgress()
    path = Path(path)
    scans = _sized_sheets(path, max_rows)
    try:
        workbook = open_workbook(path)
    except Exception as error:  # openpyxl raises many kinds on damaged files; all mean the same
        reason = "the workbook is damaged, or was not saved by a spreadsheet program"
        raise ImportRefused([Problem(path.name, 0, "", reason)]) from error
    problems = _Problems()
    rows: dict[str, list[dict[str, Any]]] = {}
    columns: dict[str, dict[str, str]] = {}
    try:
        found_any = _read_sheets(workbook, scans, max_rows, progress, problems, rows, columns)
        if not found_any:
            unknown = [n for n in workbook.sheetnames if n.casefold() not in _IGNORED]
            hint = f" (it has: {', '.join(unknown[:5])})" if unknown else ""
            problems.add(
                path.name,
                reason="no Activities or Notes sheet: use a Listening Post export or template"
                + hint,
            )
    finally:
        workbook.close()
    # Whole-file and header problems stop here; cell problems go on to the store's checks.
    if problems.more or any(problem.row <= 1 for problem in problems.found):
        raise ImportRefused(problems.as_list())
    return build_batch(path.name, rows, columns, tuple(problems.found))


def _sized_sheets(path: Path, max_rows: int) -> dict[str, SheetScan]:
    """Each sheet's rows, counted before openpyxl opens the file; refuses what is too big.

    Opening alone parses a sheet that does not state its size in full, so a million-row sheet
    must be refused first; and what the workbook may unpack to is bounded by its rows.
    """
    try:
        check_container(path)
        scans = {name: scan_sheet(path, part) for name, part in sheet_parts(path).items()}
        check_shared_strings(path, sum(min(scan.rows, max_rows + 1) for scan in scans.values()))
        check_checksums(path)
    except NotAWorkbook as error:
        raise ImportRefused([Problem(path.name, 0, "", str(error))]) from error
    too_big = [
        Problem(
            name,
            reason=f"has {scan.rows - 1:,} rows; an import takes at most {max_rows:,} "
            "rows per sheet: split the file (and delete unused rows below the data)",
        )
        for name, scan in scans.items()
        if scan.rows > max_rows + 1
    ]
    if too_big:
        raise ImportRefused(too_big)
    return scans


def _read_sheets(
    workbook: Any,
    scans: dict[str, SheetScan],
    max_rows: int,
    progress: Progress,
    problems: _Problems,
    rows: dict[str, list[dict[str, Any]]],
    columns: dict[str, dict[str, str]],
) -> bool:
    """Read every sheet import knows into `rows` and `columns`; False when there was none."""
    specs = import_sheets()
    by_name = {name.strip().casefold(): name for name in workbook.sheetnames}
    found_any = False
    for sheet_name in sheet_order_for_import():
        actual = by_name.get(sheet_name.casefold())
        if actual is None:
            continue
        found_any = True
        scan = scans.get(actual)
        for merged in scan.merged if scan else ():
            reason = "merged cells: unmerge them and fill in each row"
            problems.add(sheet_name, 1, merged, reason)
        reader = _SheetReader(workbook[actual], specs[sheet_name], problems, max_rows)
        rows[sheet_name] = list(reader.rows(progress))
        columns[sheet_name] = reader.letters
    return found_any


_IGNORED = frozenset(name.casefold() for name in IGNORED_SHEETS)


class _SheetReader:
    """Reads one sheet: header first, then each row into a dict of field → typed value."""

    def __init__(self, sheet: Any, spec: Sheet, problems: _Problems, max_rows: int) -> None:
        self.sheet = sheet
        self.spec = spec
        self.problems = problems
        self.max_rows = max_rows
        self.by_index: dict[int, Column] = {}
        self.letters: dict[str, str] = {}
        self.blank: dict[str, Any] = {}  # a row's values before its cells are read

    def rows(self, progress: Progress) -> Iterator[dict[str, Any]]:
        name = self.spec.name
        stream = sheet_rows(self.sheet)
        first = next(stream, None)
        if first is None:
            self.problems.add(name, 1, "", "the sheet is empty: it needs a header row")
            return
        # A sheet whose first row is missing has an empty header (its first row is data).
        waiting = [] if first[0] == 1 else [first]
        if not self._read_header(first[1] if first[0] == 1 else []):
            return
        for count, (row_number, row_cells) in enumerate(chain(waiting, stream), start=1):
            if count > self.max_rows:
                self.problems.add(
                    name,
                    reason=f"has more than {self.max_rows:,} rows: split the file",
                )
                return
            if count % 1000 == 0:
                if progress.cancelled:
                    raise Cancelled
                progress.report(row_number, 0, f"Reading {name}")
            values = self._read_row(row_cells, row_number)
            if values is not None:
                yield values

    def _read_header(self, header: Sequence[Cell]) -> bool:
        name = self.spec.name
        known = {normalise_header(column.header): column for column in self.spec.columns}
        ok = True
        for cell in header:
            index = cell["column"] - 1
            letter = get_column_letter(index + 1)
            text = cells.read_text(cell["value"]).strip()
            if not text:
                continue
            column = known.get(normalise_header(text))
            if column is None:
                headers = {normalise_header(h): h for h in self.spec.headers}
                close = difflib.get_close_matches(normalise_header(text), headers, n=1, cutoff=0.5)
                hint = f"; did you mean {headers[close[0]]!r}?" if close else ""
                self.problems.add(name, 1, letter, f"unknown column {text!r}{hint}")
                ok = False
            elif column.field in self.letters:
                self.problems.add(name, 1, letter, f"column {column.header!r} appears twice")
                ok = False
            else:
                self.by_index[index] = column
                self.letters[column.field] = letter
        self.blank = {
            column.field: _DEFAULTS.get(column.kind, lambda: None)()
            for column in self.by_index.values()
        }
        for header_text in self._needed_references():
            self.problems.add(name, 1, "", f"missing column {header_text!r}")
            ok = False
        return ok

    def _needed_references(self) -> list[str]:
        have = set(self.letters)
        missing = [c.header for c in self.spec.columns if c.field in self.spec.required]
        missing = [h for h in missing if self._field(h) not in have]
        if self.spec.name == NOTES and not have & {"activity_id", "activity_ref"}:
            missing.append("Activity")
        if self.spec.name == ACTIONS and not have & {"theme_id", "theme_ref"}:
            missing.append("Theme")
        return missing

    def _field(self, header: str) -> str:
        return next(c.field for c in self.spec.columns if c.header == header)

    def _read_row(self, row: Sequence[Cell], row_number: int) -> dict[str, Any] | None:
        name = self.spec.name
        values = dict(self.blank)  # every default is immutable ("", False, ()): shared
        blank = True
        faulty: set[str] = set()
        by_index = self.by_index
        for cell in row:
            column = by_index.get(cell["column"] - 1)
            value = cell["value"]
            if column is None or value is None:
                continue
            if isinstance(value, str) and not value.strip():
                if column.kind == "text":  # kept as typed, but it does not make a row
                    values[column.field] = cells.read_text(value)
                continue
            blank = False
            self._read_cell(cell, value, column, row_number, values, faulty)
        if blank:
            return None
        for field in self.spec.required - faulty:
            if not values.get(field):
                header = next(c.header for c in self.spec.columns if c.field == field)
                self.problems.add(name, row_number, self.letters[field], f"{header} is empty")
        values["row"] = row_number
        return values

    def _read_cell(
        self,
        cell: Cell,
        value: Any,
        column: Column,
        row_number: int,
        values: dict[str, Any],
        faulty: set[str],
    ) -> None:
        name, letter = self.spec.name, self.letters[column.field]
        data_type = cell["data_type"]
        if data_type == "f":
            faulty.add(column.field)
            reason = "holds a formula: replace it with its value (copy, then Paste Values)"
            self.problems.add(name, row_number, letter, reason)
        elif data_type == "e":
            faulty.add(column.field)
            self.problems.add(name, row_number, letter, f"holds the Excel error {value}")
        else:
            try:
                values[column.field] = _parse(column, value)
            except cells.CellError as error:
                faulty.add(column.field)
                self.problems.add(name, row_number, letter, str(error))


def _parse(column: Column, value: Any) -> Any:
    kind = column.kind
    if kind == "id":
        return _read_id(column, value)
    if kind == "text":
        return cells.read_text(value)
    if kind == "enum":
        return cells.read_choice(value, column.choices)
    if kind == "bool":
        return cells.read_bool(value)
    if kind == "int":
        number = cells.read_int(value)
        if number is not None and number < 0:
            raise cells.CellError("cannot be negative")
        return number
    if kind == "datetime":
        return cells.read_datetime(value)
    if kind == "date":
        return cells.read_date(value)
    if kind == "list":
        return cells.read_list(value)
    if kind == "reached":
        return cells.read_reached(value)
    return None  # "info": shown to people, never read back


def _read_id(column: Column, value: Any) -> str | None:
    text = cells.read_text(value).strip()
    if not text:
        return None
    if column.field in {"key", "parent_key"}:
        if len(text) > 80 or any(ch.isspace() or ch == ";" for ch in text):
            raise cells.CellError("a key is one word of letters, digits and dashes")
        return text
    try:
        parsed = uuid.UUID(text)
    except ValueError as error:
        raise cells.CellError(
            "is not an id made by Listening Post: leave it empty for a new row"
        ) from error
    return str(parsed)
