"""The Excel commands as people run them: real subprocesses, exit codes, messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from models.database import Store
from models.entities import Action, Activity, Note, Theme
from tests.conftest import PASSPHRASE
from tests.exporters.xlsx.helpers import store_dump

ROOT = Path(__file__).resolve().parents[2]


def run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LISTENING_POST_PASSPHRASE": PASSPHRASE, "LISTENING_POST_KEYRING": "0"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--store", str(store), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_export_then_import_into_the_same_store_changes_nothing(
    sample_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "all.xlsx"
    done = run(sample_store.path, "export-xlsx", "--out", str(out), "--from", "2026-03-01")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"exported 6 activities and 48 notes to {out}"
    before = store_dump(sample_store)
    with sample_store.session() as session:
        rows = sum(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Activity, Note, Theme, Action)
        )
    again = run(sample_store.path, "import-xlsx", str(out))
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == (
        f"imported all.xlsx: nothing new ({rows} rows already in the store)"
    )
    assert store_dump(sample_store) == before


def test_scope_options_reach_the_export(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "area.xlsx"
    done = run(sample_store.path, "export-xlsx", "--out", str(out), "--area", "harehills")
    assert done.returncode == 0, done.stderr
    sheet = openpyxl.load_workbook(out)["Activities"]
    assert [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Harehills"]
    bad = run(sample_store.path, "export-xlsx", "--out", str(out), "--group", "nope")
    assert (bad.returncode, bad.stderr.strip()) == (2, "error: Group: unknown group 'nope'")


def test_bad_workbook_lists_every_problem_and_exits_2(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    assert run(sample_store.path, "export-xlsx", "--out", str(out)).returncode == 0
    workbook = openpyxl.load_workbook(out)
    with sample_store.session() as session:
        secret = session.scalars(select(Note.body)).first()
    workbook["Notes"]["E3"] = "Rant"
    workbook["Notes"]["M4"] = "homelesness"
    workbook.save(out)
    before = store_dump(sample_store)
    done = run(sample_store.path, "import-xlsx", str(out))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "Notes!E3: 'Rant' is not one of: Quote, Observation, Suggestion, Concern, Compliment, "
        "Question",
        "Notes!M4: unknown group 'homelesness'; did you mean 'homelessness'?",
        "error: all.xlsx: 2 problems found; nothing was imported",
    ]
    assert secret and secret not in done.stderr + done.stdout  # never echoes note text
    assert store_dump(sample_store) == before


@pytest.mark.parametrize("content", [b"Activity,Note\n", b""])
def test_not_a_workbook_exits_2(sample_store: Store, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(content)
    done = run(sample_store.path, "import-xlsx", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].startswith("notes.xlsx: ")


def test_template_command_writes_a_template(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "typing-up.xlsx"
    done = run(sample_store.path, "xlsx-template", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(out).sheetnames == [
        "Instructions",
        "Activities",
        "Notes",
        "Lists",
    ]
    wrong = run(sample_store.path, "xlsx-template", "--out", str(tmp_path / "t.csv"))
    assert wrong.returncode == 2 and "should end in .xlsx" in wrong.stderr


def test_a_blank_template_needs_no_store(tmp_path: Path) -> None:
    out = tmp_path / "blank.xlsx"
    missing = tmp_path / "never-created.lpstore"
    done = run(missing, "xlsx-template", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert not missing.exists()  # nothing was created on the way
    lists = openpyxl.load_workbook(out)["Lists"]
    values = {str(c.value) for row in lists.iter_rows() for c in row if c.value}
    assert "People experiencing homelessness" in values
