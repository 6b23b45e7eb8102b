"""The organisation key is made only when asked for; a store tied to the wrong key is re-bound."""

from __future__ import annotations

from pathlib import Path

from models.database import open_store
from sync.digest import state_digest
from sync.folder_sync import seal_outbox
from sync.keys import new_sync_key, store_sync_key, stored_sync_key
from tests.cli.test_sync_e2e import cli
from tests.cli.test_sync_recovery_cli import add_note, edit
from tests.conftest import NO_KEYRING, PASSPHRASE


def test_a_misspelt_key_file_binds_nothing_and_a_wrong_key_can_be_rebound(tmp_path: Path) -> None:
    folder, key_file = tmp_path / "shared", tmp_path / "org.lpkey"
    folder.mkdir()
    first, second = tmp_path / "a" / "store.lpstore", tmp_path / "b" / "store.lpstore"
    for path in (first, second):
        assert cli("--store", path, "init", "--device-name", path.parent.name).returncode == 0
    made = cli(
        "--store", first, "sync", "--folder", folder, "--key-file", key_file,
        "--new-organisation-key",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "created a new organisation sync key" in made.stderr

    typo = cli("--store", second, "sync", "--folder", folder, "--key-file", tmp_path / "org.lpky")
    assert typo.returncode == 2
    assert "org.lpky does not exist (misspelt?)" in typo.stderr
    assert not (tmp_path / "org.lpky").exists()
    # Nothing was tied to the store: the right file still works.
    edit(second, add_note("Said at the café"))
    right = cli("--store", second, "sync", "--folder", folder, "--key-file", key_file)
    assert right.returncode == 0, right.stderr

    again = cli(
        "--store", first, "sync", "--folder", folder, "--key-file", tmp_path / "new.lpkey",
        "--new-organisation-key",
    )  # fmt: skip
    assert again.returncode == 2 and "already has an organisation sync key" in again.stderr


def test_a_store_tied_to_a_wrong_key_is_rebound_and_its_unsent_changes_go_out(
    tmp_path: Path,
) -> None:
    folder, key_file = tmp_path / "shared", tmp_path / "org.lpkey"
    folder.mkdir()
    first, second = tmp_path / "a" / "store.lpstore", tmp_path / "b" / "store.lpstore"
    for path in (first, second):
        assert cli("--store", path, "init", "--device-name", path.parent.name).returncode == 0
    edit(first, add_note("Said at the library"))
    assert (
        cli(
            "--store",
            first,
            "sync",
            "--folder",
            folder,
            "--key-file",
            key_file,
            "--new-organisation-key",
        ).returncode
        == 0
    )
    # An earlier release tied the second laptop to a key of its own (a misspelt key file), and
    # its change was sealed into a bundle under that key before the folder refused it.
    edit(second, add_note("Said at the market"))
    store = open_store(second, PASSPHRASE, keyring=NO_KEYRING)
    with store.session() as session:
        store_sync_key(session, new_sync_key())
        wrong = stored_sync_key(session)
    assert wrong is not None
    seal_outbox(store, wrong)
    store.close()
    refused = cli("--store", second, "sync", "--folder", folder, "--key-file", key_file)
    assert refused.returncode == 2 and "--rebind-key" in refused.stderr
    refused = cli("--store", second, "sync", "--folder", folder)
    assert refused.returncode == 2 and "different organisation key" in refused.stderr

    rebound = cli(
        "--store", second, "sync", "--folder", folder, "--key-file", key_file, "--rebind-key"
    )
    assert rebound.returncode == 0, rebound.stderr
    assert "now tied to the organisation key" in rebound.stderr
    assert "1 unsent bundle sealed again" in rebound.stderr
    assert cli("--store", first, "sync", "--folder", folder).returncode == 0
    assert digest(first) == digest(second)


def digest(path: Path) -> str:
    store = open_store(path, PASSPHRASE, keyring=NO_KEYRING)
    try:
        with store.session() as session:
            return state_digest(session)
    finally:
        store.close()
