"""A workbook opened read-only, and each sheet's rows as openpyxl's own parser reads them,
without its per-cell objects.

Opening, openpyxl parses each sheet that does not state its size (an export from write-only mode
does not) to its end just to size it; import reads every sheet to its real end anyway, whatever
size it claims, so here sheets are opened without that pass.

Reading an export back, openpyxl spent most of its time on inline strings (the cells a
write-only workbook holds): each became a rich-text object tree only to be joined into its
plain text. Here such a cell's text is joined straight from the XML, with the same result, and
each row stays the parser's list of plain cell records (no read-only cell object per value).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_RUN = f"{{{SHEET_MAIN_NS}}}r"

Cell = dict[str, Any]  # the parser's record: row, column, value, data_type, style_id


class _UnsizedSheet(ReadOnlyWorksheet):  # type: ignore[misc]
    def _get_size(self) -> None:
        pass  # size unknown, as after reset_dimensions(): read to the real end


class _Reader(ExcelReader):  # type: ignore[misc]
    def read_worksheets(self) -> None:
        """As openpyxl's read-only mode, but without sizing each sheet (chart sheets skipped)."""
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            worksheet = _UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


def open_workbook(path: Path) -> Workbook:
    """openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False), without
    the pass over each sheet that only sizes it; close it after use."""
    reader = _Reader(path, read_only=True, keep_vba=False, data_only=False, keep_links=False)
    reader.read()
    workbook: Workbook = reader.wb
    return workbook


def inline_text(element: Any) -> str:
    """The plain text of an <is> element: its own <t>, then each run's <t> (as openpyxl's
    Text.content, which leaves phonetic runs out)."""
    parts = []
    for node in element:
        if node.tag == _TEXT:
            parts.append(node.text or "")
        elif node.tag == _RUN:
            text = node.find(_TEXT)
            if text is not None:
                parts.append(text.text or "")
    return "".join(parts)


class _Parser(WorkSheetParser):  # type: ignore[misc]
    def parse_cell(self, element: Any) -> Cell:
        if element.get("t") != "inlineStr" or element.find(FORMULA_TAG) is not None:
            cell: Cell = super().parse_cell(element)
            return cell
        coordinate = element.get("r")
        if coordinate:
            row, column = coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            row, column = self.row_counter, self.col_counter
        style_id = element.get("s", 0)
        content = element.find(INLINE_STRING)
        return {
            "row": row,
            "column": column,
            "value": None if content is None else inline_text(content),
            "data_type": "inlineStr" if content is None else "s",
            "style_id": int(style_id) if style_id else 0,
        }


def sheet_rows(sheet: Any) -> Iterator[tuple[int, list[Cell]]]:
    """(row number, the row's cells) for each row the sheet's XML holds, to its real end
    (whatever size the file claims); rows without cells are left out, as are missing rows."""
    workbook = sheet.parent
    with sheet._get_source() as source:
        parser = _Parser(
            source,
            sheet._shared_strings,
            data_only=workbook.data_only,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        yield from parser.parse()
