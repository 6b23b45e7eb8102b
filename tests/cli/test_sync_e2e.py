"""End to end: three stores, each synced by its own `python main.py sync` process, end identical."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from domain.activities import create_activity, delete_activity
from domain.note_fields import NoteEdit, NoteFields
from domain.notes import create_note, set_note_tags, update_note
from domain.themes import create_theme
from models.database import open_store
from tests.conftest import NO_KEYRING, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "LISTENING_POST_PASSPHRASE": PASSPHRASE, "LISTENING_POST_KEYRING": "0"}


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )


def edit(path: Path, change) -> object:
    store = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    try:
        with store.session() as session:
            return change(session)
    finally:
        store.close()


def test_three_laptops_sync_through_a_folder_by_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    stores = [tmp_path / f"{name}.lpstore" for name in "abc"]
    for path in stores:
        assert cli("--store", path, "init", "--device-name", path.stem).returncode == 0
    assert (
        cli(
            "--store", stores[0], "demo", "--activities", "2", "--notes-per-activity", "3"
        ).returncode
        == 0
    )
    key_file = tmp_path / "org.lpkey"
    inside = cli("--store", stores[1], "sync", "--folder", folder, "--key-file", folder / "k.lpkey")
    assert inside.returncode == 2 and "inside the sync folder" in inside.stderr
    first = cli(
        "--store", stores[0], "sync", "--folder", folder, "--key-file", key_file,
        "--new-organisation-key",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "created a new organisation sync key" in first.stderr and key_file.exists()
    for path in stores[1:]:
        assert (
            cli("--store", path, "sync", "--folder", folder, "--key-file", key_file).returncode == 0
        )
    no_key = cli("--store", tmp_path / "d.lpstore", "sync", "--folder", folder)
    assert no_key.returncode == 2

    def shared_note(session) -> str:
        activity = create_activity(
            session, title="Café", kind="drop_in", starts_at=datetime(2026, 4, 1)
        )
        return create_note(
            session, activity_id=activity.id, fields=NoteFields(body="Original words")
        ).id

    note_id = edit(stores[1], shared_note)
    for path in (stores[1], stores[0], stores[2]):
        assert cli("--store", path, "sync", "--folder", folder).returncode == 0
    edit(
        stores[0],
        lambda s: update_note(s, note_id=note_id, edit=NoteEdit.of(body="Words as heard by A")),
    )
    edit(
        stores[2],
        lambda s: update_note(s, note_id=note_id, edit=NoteEdit.of(body="Words as heard by C")),
    )
    edit(stores[1], lambda s: set_note_tags(s, note_id=note_id, groups=["carers"], principles=[1]))
    edit(stores[2], lambda s: create_theme(s, title="Cafés work"))
    edit(
        stores[0],
        lambda s: delete_activity(
            s,
            activity_id=create_activity(
                s, title="Gone", kind="meeting", starts_at=datetime(2026, 4, 2)
            ).id,
        ),
    )
    for _ in range(2):
        for path in stores:
            result = cli("--store", path, "sync", "--folder", folder)
            assert result.returncode == 0, result.stderr
    assert "1 conflict to review" in result.stdout
    dumps = []
    for path in stores:
        out = tmp_path / f"{path.stem}.jsonl"
        result = cli("--store", path, "digest", "--out", out)
        assert result.returncode == 0
        dumps.append((result.stdout.strip(), out.read_text(encoding="utf-8")))
    assert dumps[0] == dumps[1] == dumps[2]
    assert "Words as heard by A" in dumps[0][1] and "Words as heard by C" in dumps[0][1]
