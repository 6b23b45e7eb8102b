"""The Excel benchmark's children run on their own, and say why when they fail."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bench.xlsx_bench import _in_child, _store


def test_the_export_child_opens_a_store_and_exports(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    store = _store(tmp_path / "small.lpstore", activities=2, notes_per_activity=3)
    result = _in_child("export_in_child", str(store), str(out), "1")
    assert out.stat().st_size > 0
    assert result["seconds"] > 0


def test_a_failing_export_child_passes_on_its_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError) as failed:
        _in_child("export_in_child", str(tmp_path / "missing.lpstore"), str(tmp_path / "o"), "0")
    assert "exited 1" in str(failed.value)
    assert "Traceback" in str(failed.value)  # the child's own account, not just its status


def test_the_export_content_figure_turns_every_row_into_cells_and_writes_only_headers(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path / "small.lpstore", activities=2, notes_per_activity=3)
    assert _in_child("content_in_child", str(store), str(tmp_path))["seconds"] > 0
    written = openpyxl.load_workbook(tmp_path / "content-only.xlsx", read_only=True)
    try:
        assert "Notes" in written.sheetnames
        assert [len(list(sheet.iter_rows())) for sheet in written.worksheets] == [1] * len(
            written.worksheets
        )
    finally:
        written.close()
