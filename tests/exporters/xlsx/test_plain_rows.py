"""The quick test of a whole row: rows it passes are written as they are, every other row gets
the careful test of each value, so text that could run as a formula never reaches a cell."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.taxonomy import add_group
from exporters.xlsx.layout import Column
from exporters.xlsx.plain_rows import PlainRows
from models.database import Store
from tests.exporters.xlsx.helpers import export_store

COLUMNS = (
    Column("Id", "id", "id"),
    Column("Text", "body", "text"),
    Column("Kind", "kind", "enum"),
    Column("Tags", "groups", "list"),
    Column("When", "created_at", "datetime"),
)
WHEN = datetime(2026, 3, 2, 10)


@pytest.mark.parametrize(
    "row",
    [
        ["a", "plain words", "Quote", "carers; older-people", WHEN],
        ["a", "plain words", "Quote", None, None],
        ["a", "", "Quote", "carers", WHEN],  # empty text becomes an empty cell
    ],
)
def test_rows_of_plain_values_pass(row: list[object]) -> None:
    check = PlainRows(COLUMNS)
    assert check.plain(row) and check.plain(list(row))  # the second time from memory
    assert "" not in row


@pytest.mark.parametrize(
    ("at", "value"),
    [
        (1, "=1+1"),
        (1, "-5 degrees"),
        (1, "two\nlines"),
        (1, "bell\x07"),
        (0, "@SUM(A1)"),
        (2, "+44"),
        (3, '=HYPERLINK("x")'),
        (3, "tab\tinside"),
        (3, ""),  # a repeating column's empty text is left to the careful test
    ],
)
def test_a_row_with_one_risky_value_anywhere_fails(at: int, value: str) -> None:
    check = PlainRows(COLUMNS)
    row: list[object] = ["a", "plain words", "Quote", "carers", WHEN]
    assert check.plain(list(row))
    row[at] = value
    assert not check.plain(row)
    assert not check.plain(list(row))  # and still fails when remembered


def test_values_that_cannot_be_remembered_send_the_row_to_the_careful_test() -> None:
    assert not PlainRows(COLUMNS).plain(["a", "b", "Quote", ["a", "list"], WHEN])


def test_a_group_label_like_a_formula_is_text_in_every_note_it_tags(
    empty_store: Store, tmp_path: Path
) -> None:
    risky = '=HYPERLINK("http://x","y")'
    with empty_store.session() as session:
        group = add_group(session, label=risky)
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2, 10)
        )
        for body in ("first", "second", "third"):
            create_note(
                session, activity_id=activity.id, fields=NoteFields(body=body, groups=(group.key,))
            )
    path = export_store(empty_store, tmp_path / "export.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all(b"<f>" not in archive.read(n) and b"<f " not in archive.read(n) for n in sheets)
    notes = openpyxl.load_workbook(path)["Notes"]
    column = [cell.value for cell in notes[1]].index("Groups") + 1
    cells = [notes.cell(row, column) for row in range(2, 5)]
    assert [cell.value for cell in cells] == [risky] * 3
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


def test_the_writer_quotes_risky_text_in_any_column_even_a_date_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from exporters.xlsx.layout import Sheet
    from exporters.xlsx.writer import SheetWriter

    book = Workbook(write_only=True)
    writer = SheetWriter(book, Sheet("Rows", COLUMNS, frozenset(), "test rows"))
    writer.append(["a", "plain words", "Quote", "carers", WHEN])
    writer.append(["=1", "-2", "+3", "@4", "=5"])
    writer.append(["b", "", "Quote", "carers", None])
    writer.finish()
    book.save(tmp_path / "rows.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "rows.xlsx")["Rows"]
    plain, risky, empty = sheet[2], sheet[3], sheet[4]
    assert [cell.value for cell in plain] == ["a", "plain words", "Quote", "carers", WHEN]
    assert not any(cell.quotePrefix for cell in plain)
    assert [cell.value for cell in risky] == ["=1", "-2", "+3", "@4", "=5"]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    assert empty[1].value is None
