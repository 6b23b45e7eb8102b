"""`backup` and `restore` as scripts use them: exit codes, plain messages, equal digests."""

from __future__ import annotations

from pathlib import Path
from subprocess import CompletedProcess

from tests.cli.runner import run_main
from tests.conftest import copy_store

BACKUP_PASSPHRASE = "backup passphrase 42"


def run(*args: str, backup_passphrase: str | None = BACKUP_PASSPHRASE) -> CompletedProcess[str]:
    given = {"LISTENING_POST_BACKUP_PASSPHRASE": backup_passphrase} if backup_passphrase else {}
    return run_main(*args, **given)


def test_backup_then_restore_from_the_command_line(sample_template: Path, tmp_path: Path) -> None:
    store = copy_store(sample_template, tmp_path / "laptop")
    backup = tmp_path / "b.lpbackup"
    made = run("--store", str(store), "backup", "--out", str(backup))
    assert made.returncode == 0, made.stderr
    assert "backed up" in made.stdout

    restored = tmp_path / "restored" / "store.lpstore"
    back = run("restore", str(backup), "--store", str(restored))
    assert back.returncode == 0, back.stderr
    assert "syncs as a new device" in back.stdout
    digests = [run("--store", str(path), "digest").stdout for path in (store, restored)]
    assert digests[0] == digests[1] and len(digests[0].strip()) == 64

    again = run("restore", str(backup), "--store", str(restored))
    assert again.returncode == 2 and "already exists" in again.stderr
    damaged = tmp_path / "damaged.lpbackup"
    data = bytearray(backup.read_bytes())
    data[-200] ^= 0xFF
    damaged.write_bytes(bytes(data))
    refused = run("restore", str(damaged), "--store", str(tmp_path / "d.lpstore"))
    assert refused.returncode == 2
    assert "damaged" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "d.lpstore").exists()

    summary = run("--store", str(store), "data-summary")
    assert summary.returncode == 0, summary.stderr
    assert "- Notes: 48, from " in summary.stdout
    assert "encrypted backups: the last taken" in summary.stdout


def test_backup_needs_a_passphrase_when_not_at_a_terminal(
    sample_template: Path, tmp_path: Path
) -> None:
    store = copy_store(sample_template, tmp_path / "laptop")
    result = run(
        "--store", str(store), "backup", "--out", str(tmp_path / "b"), backup_passphrase=None
    )
    assert result.returncode == 2
    assert "LISTENING_POST_BACKUP_PASSPHRASE" in result.stderr
    assert not (tmp_path / "b").exists()
