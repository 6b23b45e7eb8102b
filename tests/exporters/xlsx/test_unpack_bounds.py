"""A workbook may unpack only to what an import of its rows needs: bombs are refused before
they unpack (time is printed for people, never asserted: the machine is shared)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from domain.exchange import ImportRefused
from exporters.xlsx.container import shared_strings_budget
from exporters.xlsx.reader import MAX_ROWS_PER_SHEET, read_workbook
from models.database import Store
from tests.exporters.xlsx.helpers import export_store

ROOT = Path(__file__).resolve().parents[3]
_SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
# The size from the report: 0.7 MB on disk, 279 MB of shared strings once unpacked.
BOMB_BYTES = 279 * 1024 * 1024


def _rewrite(source: Path, out: Path, part: str, write_part: object) -> None:
    """Copy a workbook, replacing one part by what `write_part(stream)` writes (streamed)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info, old.read(info.filename))
        with new.open(part, "w", force_zip64=True) as stream:
            write_part(stream)  # type: ignore[operator]


def _string_bomb(stream: object) -> None:
    write = stream.write  # type: ignore[attr-defined]
    write(_SST)
    text = b"<si><t>" + b"A" * (1024 * 1024 - 20) + b"</t></si>"
    for _ in range(BOMB_BYTES // len(text) + 1):
        write(text)
    write(b"</sst>")


@pytest.fixture
def string_bomb(sample_store: Store, tmp_path: Path) -> Path:
    export = export_store(sample_store, tmp_path / "export.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    _rewrite(export, bomb, "xl/sharedStrings.xml", _string_bomb)
    assert bomb.stat().st_size < 1024 * 1024
    with zipfile.ZipFile(bomb) as archive:
        assert archive.getinfo("xl/sharedStrings.xml").file_size >= BOMB_BYTES - 1024 * 1024
    return bomb


def test_a_shared_strings_bomb_is_refused_early_with_little_memory(
    string_bomb: Path, sample_store: Store
) -> None:
    measure = (
        "import re, sys, time\n"
        "from main import main\n"
        "started = time.monotonic()\n"
        "code = main(['--store', sys.argv[1], 'import-xlsx', sys.argv[2]])\n"
        # VmHWM: this process's own peak (getrusage's counts the forking pytest's too).
        "status = open('/proc/self/status').read()\n"
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) // 1024\n"
        "print(f'exit {code} in {time.monotonic() - started:.2f} s, peak RSS {peak} MB')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", measure, str(sample_store.path), str(string_bomb)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "LISTENING_POST_PASSPHRASE": "correct horse battery"},
        timeout=60,  # before the bound, this import ran for minutes
    )
    print(done.stdout.strip())
    code, peak = done.stdout.split()[1], done.stdout.split()[7]
    assert code == "2"
    assert int(peak) < 300
    assert done.stderr.startswith("bomb.xlsx: the workbook's text unpacks to 279 MB, far more ")
    assert "Traceback" not in done.stderr


def test_a_sheet_padded_to_hundreds_of_mb_stops_while_streaming(
    sample_store: Store, tmp_path: Path
) -> None:
    export = export_store(sample_store, tmp_path / "export.xlsx")
    padded = tmp_path / "padded.xlsx"
    with zipfile.ZipFile(export) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
    head, tail = sheet.split(b"<sheetData>", 1)

    def pad(stream: object) -> None:
        stream.write(head + b"<sheetData>")  # type: ignore[attr-defined]
        for _ in range(300):
            stream.write(b" " * (1024 * 1024))  # type: ignore[attr-defined]
        stream.write(tail)  # type: ignore[attr-defined]

    _rewrite(export, padded, "xl/worksheets/sheet2.xml", pad)
    with pytest.raises(ImportRefused) as refused:
        read_workbook(padded)
    (problem,) = refused.value.problems
    assert "part xl/worksheets/sheet2.xml unpacks to far more than its" in problem.reason


def test_the_budget_at_the_row_limit_is_bounded() -> None:
    # Every sheet at the limit still keeps openpyxl's copy of the strings to a few hundred MB.
    assert shared_strings_budget(MAX_ROWS_PER_SHEET) < 160 * 1024 * 1024
    assert shared_strings_budget(10) < BOMB_BYTES


def test_an_honest_export_still_imports(sample_store: Store, tmp_path: Path) -> None:
    batch = read_workbook(export_store(sample_store, tmp_path / "honest.xlsx"))
    assert batch.notes
