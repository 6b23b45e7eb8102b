"""A copied store recovers by command line (`sync --new-device-identity`); `sync-quarantine`."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from tests.cli.test_sync_e2e import cli, edit


def add_note(body: str):  # type: ignore[no-untyped-def]
    def change(session) -> str:  # type: ignore[no-untyped-def]
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 5, 1)
        )
        return create_note(session, activity_id=activity.id, fields=NoteFields(body=body)).id

    return change


def test_a_copied_store_syncs_again_under_a_new_device_identity(tmp_path: Path) -> None:
    folder, key_file = tmp_path / "shared", tmp_path / "org.lpkey"
    folder.mkdir()
    original = tmp_path / "laptop" / "store.lpstore"
    assert cli("--store", original, "init", "--device-name", "Laptop 1").returncode == 0
    edit(original, add_note("Before the copy"))
    assert (
        cli(
            "--store",
            original,
            "sync",
            "--folder",
            folder,
            "--key-file",
            key_file,
            "--new-organisation-key",
        ).returncode
        == 0
    )
    shutil.copytree(original.parent, tmp_path / "copy")  # imaged onto a second laptop
    copy = tmp_path / "copy" / "store.lpstore"
    edit(original, add_note("Said at the library"))
    edit(copy, add_note("Said at the market"))
    assert cli("--store", original, "sync", "--folder", folder).returncode == 0

    refused = cli("--store", copy, "sync", "--folder", folder)
    assert refused.returncode == 1
    assert "restored from a backup or copied" in refused.stderr
    assert "--new-device-identity" in refused.stderr

    recovered = cli("--store", copy, "sync", "--folder", folder, "--new-device-identity")
    assert recovered.returncode == 0, recovered.stderr
    assert "now device" in recovered.stderr and "Laptop 1 (new identity)" in recovered.stderr
    assert "applied 1 bundle" in recovered.stdout  # the original's second bundle
    assert cli("--store", original, "sync", "--folder", folder).returncode == 0
    dumps = []
    for path in (original, copy):
        out = path.with_suffix(".jsonl")
        assert cli("--store", path, "digest", "--out", out).returncode == 0
        dumps.append(out.read_text(encoding="utf-8"))
    assert dumps[0] == dumps[1]
    assert all(s in dumps[0] for s in ("Before the copy", "library", "market"))
    # Once recovered, the flag changes nothing: no clone, no second new identity.
    again = cli("--store", copy, "sync", "--folder", folder, "--new-device-identity")
    assert again.returncode == 0 and "now device" not in again.stderr

    listing = cli("--store", copy, "sync-quarantine", "list")
    assert listing.returncode == 0 and "no sync bundles are set aside" in listing.stdout
