"""Several processes writing one store at once wait their turn instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from domain.activities import create_activity
from domain.export_rows import gather_export
from domain.selection import Selection
from exporters.xlsx.writer import write_export
from models.database import Store, open_store
from models.entities import Note
from tests.conftest import NO_KEYRING, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
SAVES = 200


def _activity(store: Store) -> str:
    with store.session() as session:
        return create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 3, 2, tzinfo=UTC)
        ).id


def _capture(path: Path, activity_id: str, start_at: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests/models/capture_loop.py"),
            str(path),
            PASSPHRASE,
            activity_id,
            str(SAVES),
            str(start_at),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _note_count(store: Store) -> int:
    with store.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(Note)) or 0)


def test_two_capture_processes_both_save_every_note(empty_store: Store) -> None:
    activity_id = _activity(empty_store)
    path = empty_store.path
    start_at = time.time() + 4
    loops = [_capture(path, activity_id, start_at) for _ in range(2)]
    results = [loop.communicate(timeout=300) for loop in loops]
    for out, err in results:
        assert err == ""
        saved, failed, seconds = out.split()
        print(f"capture loop: {saved} saved, {failed} failed in {seconds} s")
        assert (int(saved), int(failed)) == (SAVES, 0)
    assert _note_count(empty_store) == 2 * SAVES


def test_an_import_beside_two_capture_processes_succeeds(
    empty_store: Store, sample_store: Store, tmp_path: Path
) -> None:
    workbook = tmp_path / "from-another-laptop.xlsx"
    with sample_store.read_session() as session:
        write_export(workbook, gather_export(session, selection=Selection()))
    imported = _note_count(sample_store)
    activity_id = _activity(empty_store)
    # The import opens its store while the loops save (its start-up takes about as long).
    start_at = time.time() + 3
    loops = [_capture(empty_store.path, activity_id, start_at) for _ in range(2)]
    importer = subprocess.run(
        [sys.executable, "main.py", "--store", str(empty_store.path), "import-xlsx", str(workbook)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "LISTENING_POST_PASSPHRASE": PASSPHRASE},
        timeout=300,
    )
    results = [loop.communicate(timeout=300) for loop in loops]
    assert importer.returncode == 0, importer.stderr
    assert "Traceback" not in importer.stderr
    for out, _err in results:
        assert out.split()[:2] == [str(SAVES), "0"]
    reopened = open_store(empty_store.path, PASSPHRASE, keyring=NO_KEYRING)
    assert _note_count(reopened) == 2 * SAVES + imported
    reopened.close()
