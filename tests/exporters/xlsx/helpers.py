"""Shared helpers for the Excel tests: dump a store or a workbook to plain values to compare."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook
from sqlalchemy import text

from domain.exchange import ImportRefused, ImportSummary
from domain.export_rows import gather_export
from domain.import_rows import apply_import
from domain.selection import Selection
from exporters.xlsx.reader import read_workbook
from exporters.xlsx.writer import write_export
from models.database import Store
from models.entities import Base


def store_dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: equal dumps mean nothing changed."""
    dump = {}
    with store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = connection.execute(text(f"SELECT * FROM {table.name}")).all()
            dump[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return dump


def workbook_data(
    path: Path, *, skip: tuple[str, ...] = ("README",)
) -> dict[str, list[tuple[Any, ...]]]:
    """Cell values of every sheet but the README (which holds the export time)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        data = {}
        for sheet in workbook:
            if sheet.title in skip:
                continue
            rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
            # Files without a size record give short rows; pad them to the header's width.
            width = len(rows[0]) if rows else 0
            data[sheet.title] = [row + (None,) * (width - len(row)) for row in rows]
        return data
    finally:
        workbook.close()


def export_store(store: Store, path: Path, selection: Selection | None = None) -> Path:
    with store.session() as session:
        write_export(path, gather_export(session, selection=selection or Selection()))
    return path


class CancelAfter:
    """A Progress that asks to cancel after `reports` progress reports."""

    def __init__(self, reports: int) -> None:
        self.left = reports

    def report(self, done: int, total: int, label: str) -> None:
        self.left -= 1

    @property
    def cancelled(self) -> bool:
        return self.left <= 0


def import_file(store: Store, path: Path, **options: Any) -> ImportSummary:
    """Read and import a workbook as the app does: checked first, then one transaction."""
    batch = read_workbook(path, **options)
    with store.session() as session:
        return apply_import(session, batch=batch)


def problems_of(store: Store, path: Path, **options: Any) -> list[str]:
    """The problems import lists for `path`, asserting that the store did not change."""
    before = store_dump(store)
    with pytest.raises(ImportRefused) as refused:
        import_file(store, path, **options)
    assert store_dump(store) == before
    return [str(problem) for problem in refused.value.problems]


def notes_workbook(path: Path, header: list[str], rows: list[list[Any]]) -> Workbook:
    """A small workbook with one Notes sheet, as someone might make by hand."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Notes"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return workbook


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet"/></Relationships>'
)


def huge_notes_sheet(path: Path, rows: int, *, dimension: str | None) -> Path:
    """A workbook whose Notes sheet has `rows` data rows, streamed straight into the zip so the
    test never holds it in memory; `dimension` is the size the file claims (None: no claim)."""

    def cell(ref: str, text: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            sheet.write(f'<row r="1">{cell("A1", "Activity")}{cell("B1", "Note")}</row>'.encode())
            # Rows without their optional r="…" attribute: the same bytes over and over, so a
            # million rows take a moment to write.
            row = f"<row>{cell('', 'Talk (2026-03-02)')}{cell('', 'said')}</row>".encode()
            row = row.replace(b' r=""', b"")
            for start in range(0, rows, 10_000):
                sheet.write(row * min(10_000, rows - start))
            sheet.write(b"</sheetData></worksheet>")
    return path
