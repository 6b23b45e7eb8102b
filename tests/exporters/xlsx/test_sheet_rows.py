"""Rows read without openpyxl's cell objects hold what openpyxl's own cells hold."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont, Text

from exporters.xlsx.sheet_rows import inline_text, open_workbook, sheet_rows

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _cells_as_openpyxl_reads_them(path: Path) -> dict[str, list[list[tuple[object, str]]]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        found = {}
        for sheet in book.worksheets:
            sheet.reset_dimensions()
            found[sheet.title] = [
                [(cell.value, cell.data_type) for cell in row if cell.value is not None]
                for row in sheet.iter_rows()
            ]
        return found
    finally:
        book.close()


def _cells_as_read_here(path: Path) -> dict[str, list[list[tuple[object, str]]]]:
    book = open_workbook(path)  # sheets never sized: read to their real end
    try:
        found = {}
        for sheet in book.worksheets:
            rows = {
                number: [(c["value"], c["data_type"]) for c in cells if c["value"] is not None]
                for number, cells in sheet_rows(sheet)
            }
            found[sheet.title] = [rows.get(n, []) for n in range(1, max(rows, default=0) + 1)]
        return found
    finally:
        book.close()


@pytest.mark.parametrize("write_only", [True, False])
def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path: Path, write_only: bool) -> None:
    book = openpyxl.Workbook(write_only=write_only)
    book.create_sheet("Empty")
    sheet = book.create_sheet("Data")
    quoted = WriteOnlyCell(sheet, value="=1+1")
    quoted.data_type = "s"
    quoted.quotePrefix = True
    sheet.append(["text", " spaced  ", "line\nbreak", "ünïcödé ✓", 3, 2.5, True, None, ""])
    sheet.append([datetime(2026, 5, 1, 9, 30), "=SUM(1,2)", quoted, "#N/A", None, "last"])
    sheet.append([])
    sheet.append([None, None, "after a gap"])
    if not write_only:
        sheet.append([CellRichText("plain ", TextBlock(InlineFont(b=True), "bold"))])
        book.remove(book.active)
    path = tmp_path / "cells.xlsx"
    book.save(path)
    assert _cells_as_read_here(path) == _cells_as_openpyxl_reads_them(path)


def test_inline_text_joins_runs_and_leaves_phonetic_hints_out() -> None:
    element = etree.fromstring(
        f'<is xmlns="{MAIN}"><r><t>東京</t></r><r><rPr><b/></rPr><t xml:space="preserve"> and </t>'
        "</r><rPh sb='0' eb='2'><t>トウキョウ</t></rPh><r><t>more</t></r></is>"
    )
    assert inline_text(element) == Text.from_tree(element).content == "東京 and more"
