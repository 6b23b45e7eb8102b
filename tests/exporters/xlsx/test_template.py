"""The typing-up template: dropdowns, instructions, an example; filled in, it imports once."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sqlalchemy import select

from domain.export_rows import gather_template_lists
from exporters.xlsx.layout import TEMPLATE_NOTE_COLUMNS
from exporters.xlsx.template import write_template
from models.database import Store
from models.entities import Activity, Group, Note, NoteGroup, NotePrinciple
from tests.exporters.xlsx.helpers import import_file, store_dump


def _template(store: Store, path: Path) -> Path:
    with store.session() as session:
        write_template(path, gather_template_lists(session))
    return path


def test_template_has_dropdowns_instructions_and_an_example(
    sample_store: Store, tmp_path: Path
) -> None:
    workbook = openpyxl.load_workbook(_template(sample_store, tmp_path / "template.xlsx"))
    assert workbook.sheetnames == ["Instructions", "Activities", "Notes", "Lists"]
    assert workbook["Lists"].sheet_state == "hidden"
    notes = workbook["Notes"]
    headers = [cell.value for cell in notes[1]]
    assert headers == [column.header for column in TEMPLATE_NOTE_COLUMNS]
    assert notes.freeze_panes == "A2"
    lists = workbook["Lists"]
    named = {lists.cell(1, c).value: c for c in range(1, lists.max_column + 1)}
    dropdowns = {}
    for validation in notes.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            dropdowns[headers[cell_range.min_col - 1]] = validation
    for header in ("Kind", "Sentiment", "Consent to quote", "Consent to share", "Group 1",
                   "Group 3", "Principle 1", "Service 2", "Activity"):  # fmt: skip
        assert dropdowns[header].type == "list"
    assert dropdowns["Kind"].showErrorMessage
    assert not dropdowns["Activity"].showErrorMessage  # a new activity's title is typed
    group_list = [lists.cell(row, named["groups"]).value for row in range(2, lists.max_row + 1)]
    with sample_store.session() as session:
        labels = list(session.scalars(select(Group.label).order_by(Group.position)))
    assert [label for label in group_list if label] == labels
    assert dropdowns["Group 1"].formula1 == f"='Lists'!$D$2:$D${len(labels) + 1}"
    instructions = [row[0] for row in workbook["Instructions"].iter_rows(values_only=True)]
    assert any(line and line.startswith("Example") for line in instructions)
    assert "The bus to the hospital takes two hours each way." in {
        cell for row in workbook["Instructions"].iter_rows(values_only=True) for cell in row
    }


def test_a_filled_template_imports_once_and_flags_identifiers(
    empty_store: Store, tmp_path: Path
) -> None:
    path = _template(empty_store, tmp_path / "template.xlsx")
    workbook = openpyxl.load_workbook(path)
    activities = workbook["Activities"]
    activities.append(["Coffee morning", "Drop in", "02/03/2026 10:00"])
    notes = workbook["Notes"]
    rows = [
        ["Coffee morning", "The bus takes two hours.", "Concern", "Negative", "older man",
         "Yes", "No", "No", "People experiencing homelessness", "Carers", None,
         "3 Understand needs", None, "GP and primary care"],
        ["Coffee morning (2026-03-02)", "Ring me on 07700 900123 about it", "Question",
         "Neutral", None, "No", "No", "No"],
    ]  # fmt: skip
    for row in rows:
        notes.append(row)
    workbook.save(path)

    summary = import_file(empty_store, path)
    assert summary.created == {"activity": 1, "note": 2}
    assert summary.flagged_for_review == 1
    with empty_store.session() as session:
        activity = session.scalars(select(Activity)).one()
        assert (activity.title, activity.kind) == ("Coffee morning", "drop_in")
        by_body = {note.body: note for note in session.scalars(select(Note))}
        first = by_body["The bus takes two hours."]
        assert (first.kind, first.sentiment, first.consent_to_quote) == (
            "concern",
            "negative",
            True,
        )
        assert not first.needs_review
        assert by_body["Ring me on 07700 900123 about it"].needs_review
        groups = session.scalars(
            select(Group.key).join(NoteGroup).where(NoteGroup.note_id == first.id)
        )
        assert set(groups) == {"homelessness", "carers"}
        principles = session.scalars(
            select(NotePrinciple.principle_number).where(NotePrinciple.note_id == first.id)
        )
        assert list(principles) == [3]

    before = store_dump(empty_store)
    again = import_file(empty_store, path)
    assert not again.changed_anything
    assert again.unchanged == 3
    assert store_dump(empty_store) == before
