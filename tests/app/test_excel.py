"""Excel use cases on real stores: export, template, import, and what an import changed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app import excel
from domain.exchange import ImportRefused, ImportSummary
from domain.selection import Selection
from models.database import Store


def test_export_then_import_elsewhere_reports_what_changed(
    sample_store: Store, empty_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "all.xlsx"
    with sample_store.session() as session:
        done = excel.export_workbook(session, selection=Selection(), out=out)
    assert done.path == out and done.activity_count == 6 and done.note_count == 48
    with empty_store.session() as session:
        imported = excel.import_workbook(session, path=out)
    assert imported.value.created["note"] == 48
    changes = imported.changes
    assert changes.notes and changes.activities and changes.themes and changes.actions
    assert not changes.taxonomy and not changes.sync_state
    with empty_store.session() as session:
        again = excel.import_workbook(session, path=out)
    assert not again.value.changed_anything and not again.changes.any


def test_template_lists_the_groups(empty_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    with empty_store.session() as session:
        assert excel.write_template_workbook(session, out=out) == out
    assert len(openpyxl.load_workbook(out, read_only=True).sheetnames) > 1


def test_a_bad_workbook_is_refused_before_the_store_is_touched(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(ImportRefused):
        excel.read_import(path)


def test_only_the_kinds_imported_are_changed() -> None:
    summary = ImportSummary(created={"note": 2}, updated={}, unchanged=0, flagged_for_review=0)
    changes = excel.imported_changes(summary)
    assert changes.notes and not changes.activities and not changes.themes
