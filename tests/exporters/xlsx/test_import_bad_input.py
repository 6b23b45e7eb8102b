"""Bad and hostile workbooks: each is refused with the place named, and the store unchanged."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from datetime import datetime
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import pytest
from sqlalchemy import select

from domain.exchange import ImportRefused
from exporters.xlsx.reader import read_workbook
from models.database import Store
from models.entities import Activity, Note
from tests.exporters.xlsx.helpers import (
    export_store,
    huge_notes_sheet,
    import_file,
    notes_workbook,
    problems_of,
    store_dump,
)

NOTE_HEADER = ["Activity", "Note", "Kind", "Sentiment", "Group 1"]


def _activity_label(store: Store) -> str:
    with store.session() as session:
        activity = session.scalars(select(Activity).order_by(Activity.starts_at)).first()
        assert activity is not None
        return f"{activity.title} ({activity.starts_at.date().isoformat()})"


def test_random_bytes_are_not_a_workbook(sample_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(bytes(range(256)) * 10)
    assert problems_of(sample_store, path) == ["notes.xlsx: this is not an Excel workbook (.xlsx)"]


def test_a_renamed_csv_is_named_as_such(sample_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("Activity,Note\nTalk,The bus is late\n", encoding="utf-8")
    [problem] = problems_of(sample_store, path)
    assert problem.startswith("notes.xlsx: this is a text or CSV file")


def test_a_password_protected_workbook_says_so(sample_store: Store, tmp_path: Path) -> None:
    plain = export_store(sample_store, tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with locked.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(plain.read_bytes())).encrypt("secret", out)
    [problem] = problems_of(sample_store, locked)
    assert problem.startswith("locked.xlsx: the workbook is password-protected")


def test_a_truncated_workbook_is_damaged(sample_store: Store, tmp_path: Path) -> None:
    whole = export_store(sample_store, tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    [problem] = problems_of(sample_store, path)
    assert problem.startswith("cut.xlsx: the workbook is damaged")


def test_a_corrupted_part_is_damaged(sample_store: Store, tmp_path: Path) -> None:
    data = bytearray(export_store(sample_store, tmp_path / "whole.xlsx").read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # zeros inside a compressed part
    path = tmp_path / "bad.xlsx"
    path.write_bytes(bytes(data))
    [problem] = problems_of(sample_store, path)
    assert problem.startswith("bad.xlsx: the workbook is damaged")


def test_a_zip_that_is_not_a_workbook(sample_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    [problem] = problems_of(sample_store, path)
    assert "not an Excel workbook" in problem


def test_a_workbook_without_known_sheets(sample_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Budget"
    workbook.save(path)
    [problem] = problems_of(sample_store, path)
    assert problem == (
        "other.xlsx: no Activities or Notes sheet: use a Listening Post export or template "
        "(it has: Budget)"
    )


def test_missing_and_renamed_headers_are_named(sample_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    notes_workbook(path, ["Activity", "Notes", "Sentimnt"], [["x", "y", "Positive"]])
    assert problems_of(sample_store, path) == [
        "Notes!B1: unknown column 'Notes'; did you mean 'Note'?",
        "Notes!C1: unknown column 'Sentimnt'; did you mean 'Sentiment'?",
        "Notes!row 1: missing column 'Note'",
    ]


def test_merged_cells_are_named(sample_store: Store, tmp_path: Path) -> None:
    label = _activity_label(sample_store)
    path = tmp_path / "notes.xlsx"
    workbook = notes_workbook(path, NOTE_HEADER, [[label, "one"], [None, "two"]])
    workbook["Notes"].merge_cells("A2:A3")
    workbook.save(path)
    assert problems_of(sample_store, path) == [
        "Notes!A2:A3: merged cells: unmerge them and fill in each row"
    ]


def test_formulas_and_error_values_are_refused(sample_store: Store, tmp_path: Path) -> None:
    label = _activity_label(sample_store)
    path = tmp_path / "notes.xlsx"
    notes_workbook(path, NOTE_HEADER, [[label, "fine", "=A1"], [label, "=CONCAT(A1,A2)"]])
    assert problems_of(sample_store, path) == [
        "Notes!C2: holds a formula: replace it with its value (copy, then Paste Values)",
        "Notes!B3: holds a formula: replace it with its value (copy, then Paste Values)",
    ]


def test_dates_typed_as_text_are_read_day_first(empty_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "activities.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Activities"
    sheet.append(["Title", "Kind", "Starts"])
    typed = ["02/03/2026", "2 March 2026", "2nd Mar 2026", "2026-03-02 10:30", "02.03.2026 14:05"]
    for number, text in enumerate(typed):
        sheet.append([f"Talk {number}", "Drop in", text])
    workbook.save(path)
    import_file(empty_store, path)
    with empty_store.session() as session:
        starts = [a.starts_at for a in session.scalars(select(Activity).order_by(Activity.title))]
    assert starts == [
        datetime(2026, 3, 2),
        datetime(2026, 3, 2),
        datetime(2026, 3, 2),
        datetime(2026, 3, 2, 10, 30),
        datetime(2026, 3, 2, 14, 5),
    ]


def test_dates_that_cannot_be_read_are_named(sample_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "activities.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Activities"
    sheet.append(["Title", "Kind", "Starts"])
    sheet.append(["US style", "Meeting", "03/14/2026"])
    sheet.append(["No such day", "Meeting", "31/02/2026"])
    sheet.append(["A count", "Meeting", 12])
    sheet.append(["Bad kind", "Party", "2026-03-02"])
    workbook.save(path)
    hint = "is not a date: type it like 2026-03-02 or 02/03/2026 (day first)"
    assert problems_of(sample_store, path) == [
        f"Activities!C2: '03/14/2026' {hint}",
        f"Activities!C3: '31/02/2026' {hint}",
        "Activities!C4: '12' is a number, not a date",
        "Activities!B5: 'Party' is not one of: Focus group, Outreach, Drop in, Interview, "
        "Survey session, Online session, Meeting",
    ]


def test_unknown_groups_and_activities_suggest_the_closest(
    sample_store: Store, tmp_path: Path
) -> None:
    label = _activity_label(sample_store)
    path = tmp_path / "notes.xlsx"
    notes_workbook(
        path,
        NOTE_HEADER,
        [
            [label, "one", "Quote", "Positive", "People experiencing homelesness"],
            [label, "two", "Quote", "Positive", "homelesness"],
            [label[:-3], "three"],
        ],
    )
    problems = problems_of(sample_store, path)
    assert problems[0] == (
        "Notes!E2: unknown group 'People experiencing homelesness'; "
        "did you mean 'People experiencing homelessness'?"
    )
    assert problems[1] == "Notes!E3: unknown group 'homelesness'; did you mean 'homelessness'?"
    assert problems[2].startswith(f"Notes!A4: no activity {' '.join(label[:-3].split())!r}")
    assert problems[2].endswith(f"did you mean {label.casefold()!r}?")


def test_every_problem_is_listed_across_sheets(sample_store: Store, tmp_path: Path) -> None:
    path = export_store(sample_store, tmp_path / "export.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["Notes"]["E3"] = "Rant"  # kind
    workbook["Notes"]["D5"] = None  # the note's text
    workbook["Activities"]["L2"] = -4  # people reached
    workbook["Themes"]["E2"] = "Finished"  # status
    workbook.save(path)
    assert problems_of(sample_store, path) == [
        "Activities!L2: cannot be negative",
        "Themes!E2: 'Finished' is not one of: Open, Acted on, Closed",
        "Notes!E3: 'Rant' is not one of: Quote, Observation, Suggestion, Concern, Compliment, "
        "Question",
        "Notes!D5: Note is empty",
    ]


def test_a_million_rows_are_refused_before_reading(sample_store: Store, tmp_path: Path) -> None:
    # The file claims two rows: the refusal must not trust what the file says about itself.
    path = huge_notes_sheet(tmp_path / "huge.xlsx", 1_000_000, dimension="A1:B2")
    before = store_dump(sample_store)
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused) as refused:
            read_workbook(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(p) for p in refused.value.problems] == [
        "Notes: has 1,000,000 rows; an import takes at most 100,000 rows per sheet: split the "
        "file (and delete unused rows below the data)"
    ]
    assert peak < 30 * 1024 * 1024  # streamed: the sheet's ~90 MB of XML is never held
    assert store_dump(sample_store) == before


def test_rows_beyond_the_limit_stop_streaming(sample_store: Store, tmp_path: Path) -> None:
    label = _activity_label(sample_store)
    path = tmp_path / "notes.xlsx"
    notes_workbook(path, ["Activity", "Note"], [[label, f"note {n}"] for n in range(30)])
    assert problems_of(sample_store, path, max_rows=20) == [
        "Notes: has 30 rows; an import takes at most 20 rows per sheet: split the file (and "
        "delete unused rows below the data)"
    ]


def test_text_starting_like_a_formula_imports_as_text(empty_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "activities.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Activities"
    sheet.append(["Title", "Kind", "Starts"])
    sheet.append(["+44 day", "Meeting", "2026-03-02"])
    notes = workbook.create_sheet("Notes")
    notes.append(["Activity", "Note", "Speaker (no names)"])
    for body in ("-5 degrees in the ward", "@the desk nobody answered", "+1 to the bus idea"):
        notes.append(["+44 day", body, "-"])
    notes.append(["+44 day", None, "-"])
    notes.cell(row=5, column=2).value = "=not a formula"
    notes.cell(row=5, column=2).data_type = "s"  # a text cell, as Excel saves '=… typed text
    workbook.save(path)
    import_file(empty_store, path)
    with empty_store.session() as session:
        bodies = set(session.scalars(select(Note.body)))
    assert bodies == {
        "-5 degrees in the ward",
        "@the desk nobody answered",
        "+1 to the bus idea",
        "=not a formula",
    }
    exported = openpyxl.load_workbook(export_store(empty_store, tmp_path / "out.xlsx"))
    for row in exported["Notes"].iter_rows(min_row=2):
        assert row[3].data_type == "s" and row[3].quotePrefix


def test_cancelling_an_import_changes_nothing(sample_store: Store, tmp_path: Path) -> None:
    from domain.import_rows import apply_import
    from domain.progress import Cancelled
    from tests.exporters.xlsx.helpers import CancelAfter

    path = export_store(sample_store, tmp_path / "export.xlsx")
    workbook = openpyxl.load_workbook(path)
    for row in workbook["Notes"].iter_rows(min_row=2):
        row[0].value = None  # no ids: every note is new text
        row[3].value = f"{row[3].value} (typed again)"
    workbook.save(path)
    batch = read_workbook(path)
    before = store_dump(sample_store)
    with pytest.raises(Cancelled), sample_store.session() as session:
        apply_import(session, batch=batch, progress=CancelAfter(5))  # after the notes went in
    assert store_dump(sample_store) == before
