"""Export: sheets, real tables, frozen headers, dates as dates, scope, formula-safe text."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from domain.errors import InvalidInput, NotFound
from domain.export_rows import gather_export
from domain.note_fields import NoteFields
from domain.notes import create_note
from domain.progress import Cancelled
from domain.selection import Selection
from exporters.xlsx.layout import EXPORT_SHEETS
from exporters.xlsx.writer import write_export
from models.database import Store
from models.entities import Activity, Note, Theme
from tests.exporters.xlsx.helpers import CancelAfter, export_store, workbook_data

SHEET_NAMES = ["README", *(spec.name for spec in EXPORT_SHEETS)]


def test_export_has_every_sheet_as_a_real_table_with_frozen_headers(
    sample_store: Store, tmp_path: Path
) -> None:
    path = export_store(sample_store, tmp_path / "export.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == SHEET_NAMES
    for spec in EXPORT_SHEETS:
        sheet = workbook[spec.name]
        assert [cell.value for cell in sheet[1]] == list(spec.headers)
        assert sheet.freeze_panes == "A2"
        table = sheet.tables[spec.name]
        assert (
            table.ref
            == f"A1:{sheet.cell(1, len(spec.headers)).column_letter}{max(sheet.max_row, 2)}"
        )
        assert [column.name for column in table.tableColumns] == list(spec.headers)
        assert sheet.column_dimensions["A"].width == spec.columns[0].width
    notes = workbook["Notes"]
    assert notes.max_row == 1 + 48
    assert workbook["Activities"].max_row == 1 + 6
    assert workbook["Principles"].max_row == 1 + 10


def test_dates_are_dates_and_readme_says_when_and_what(sample_store: Store, tmp_path: Path) -> None:
    path = export_store(sample_store, tmp_path / "export.xlsx", Selection(area="Harehills"))
    workbook = openpyxl.load_workbook(path)
    starts = workbook["Activities"]["D2"]
    assert isinstance(starts.value, datetime)
    assert starts.number_format == "yyyy-mm-dd hh:mm"
    due = workbook["Actions"]["I2"]
    assert due.number_format == "yyyy-mm-dd"
    assert due.value is None or due.value.date() == date(2026, 9, 30)
    readme = {row[0]: row[1] for row in workbook["README"].iter_rows(values_only=True) if row}
    assert isinstance(readme["Exported at (UTC)"], datetime)
    assert readme["Scope"] == "area Harehills"
    assert "Notes" in readme and "Themes" in readme


def test_write_only_and_default_mode_write_the_same_data(
    sample_store: Store, tmp_path: Path
) -> None:
    with sample_store.session() as session:
        write_export(tmp_path / "w.xlsx", gather_export(session, selection=Selection()))
        write_export(
            tmp_path / "d.xlsx", gather_export(session, selection=Selection()), write_only=False
        )
    assert workbook_data(tmp_path / "w.xlsx") == workbook_data(tmp_path / "d.xlsx")


@pytest.mark.parametrize(
    "body", ["=1+1", "+44 is a code", "-5 degrees", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"]
)
def test_text_that_looks_like_a_formula_is_stored_as_text(
    empty_store: Store, tmp_path: Path, body: str
) -> None:
    from domain.activities import create_activity

    with empty_store.session() as session:
        activity = create_activity(
            session, title=body, kind="meeting", starts_at=datetime(2026, 3, 2, 10)
        )
        create_note(session, activity_id=activity.id, fields=NoteFields(body=body), speaker=body)
    path = export_store(empty_store, tmp_path / "export.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all(b"<f>" not in archive.read(n) and b"<f " not in archive.read(n) for n in sheets)
    workbook = openpyxl.load_workbook(path)
    note = workbook["Notes"]["D2"]
    assert note.value == body
    assert note.data_type == "s"
    assert note.quotePrefix  # Excel keeps it text even after someone edits the cell
    assert workbook["Activities"]["B2"].data_type == "s"


def test_scope_selects_activities_notes_and_linked_themes(
    sample_store: Store, tmp_path: Path
) -> None:
    with sample_store.session() as session:
        first = session.scalars(select(Activity).order_by(Activity.starts_at)).first()
        assert first is not None
        theme = session.scalars(select(Theme).order_by(Theme.id)).first()
        assert theme is not None
        theme_notes = session.scalar(
            select(func.count()).select_from(Note).where(Note.id.in_(_theme_note_ids(theme.id)))
        )
        by_activity = gather_export(session, selection=Selection(activity_ids=(first.id,)))
        assert [a.id for a in by_activity.activities] == [first.id]
        notes = list(by_activity.notes)
        assert len(notes) == by_activity.note_count == 8
        linked = {t for note in notes for t in note.theme_ids}
        assert {t.id for t in by_activity.themes} == linked
        assert {a.theme_id for a in by_activity.actions} <= linked

        dated = gather_export(
            session, selection=Selection(date_from=date(2026, 3, 5), date_to=date(2026, 3, 8))
        )
        assert [a.starts_at.date() for a in dated.activities] == [
            date(2026, 3, 5),
            date(2026, 3, 8),
        ]

        by_theme = gather_export(session, selection=Selection(theme_ids=(theme.id,)))
        assert by_theme.note_count == theme_notes
        assert all(theme.id in note.theme_ids for note in by_theme.notes)

        by_group = gather_export(session, selection=Selection(group_keys=("plus",)))
        assert 0 < by_group.note_count < 48  # "plus" includes its sub-groups

        with pytest.raises(InvalidInput):
            gather_export(session, selection=Selection(group_keys=("no-such-group",)))
        with pytest.raises(NotFound):
            gather_export(session, selection=Selection(theme_ids=("no-such-theme",)))
        with pytest.raises(InvalidInput):
            gather_export(
                session, selection=Selection(date_from=date(2026, 4, 1), date_to=date(2026, 3, 1))
            )


def _theme_note_ids(theme_id: str):  # type: ignore[no-untyped-def]
    from models.entities import ThemeNote

    return select(ThemeNote.note_id).where(ThemeNote.theme_id == theme_id)


def test_cancelling_an_export_leaves_no_file(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "out" / "export.xlsx"
    out.parent.mkdir()
    with sample_store.session() as session:
        with pytest.raises(Cancelled):
            gather_export(session, selection=Selection(), progress=CancelAfter(0))
        data = gather_export(session, selection=Selection())
        with pytest.raises(Cancelled):
            write_export(out, data, progress=CancelAfter(0))
    assert list(out.parent.iterdir()) == []


def test_deleted_notes_and_activities_are_not_exported(sample_store: Store, tmp_path: Path) -> None:
    from domain.activities import delete_activity
    from domain.notes import delete_note

    with sample_store.session() as session:
        activities = list(session.scalars(select(Activity).order_by(Activity.starts_at)))
        delete_activity(session, activity_id=activities[0].id)
        note = session.scalars(select(Note).where(Note.activity_id == activities[1].id)).first()
        assert note is not None
        delete_note(session, note_id=note.id)
    data = workbook_data(export_store(sample_store, tmp_path / "e.xlsx"))
    assert len(data["Activities"]) == 1 + 5
    assert len(data["Notes"]) == 1 + 48 - 8 - 1
