"""Kill tests: `python main.py sync` processes killed at random points while writing and applying.

Afterwards the store passes PRAGMA integrity_check, every bundle in the folder is whole, nothing
is half-applied or duplicated, and the next sync completes. Trials are bounded by a time budget
(never asserted on) so the file stays well inside CI's limits.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from domain.sample_data import generate_sample_data
from models.database import Store, open_store
from sync.bundles import open_bundle
from sync.digest import state_digest
from sync.keys import write_key_file
from tests.conftest import NO_KEYRING, PASSPHRASE
from tests.sync.conftest import MakeDevice, integrity_ok

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "LISTENING_POST_PASSPHRASE": PASSPHRASE, "LISTENING_POST_KEYRING": "0"}
BUDGET_S, MAX_TRIALS = 12.0, 8


def sync_process(store: Path, folder: Path, key_file: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            *(sys.executable, str(ROOT / "main.py"), "--store", str(store), "sync"),
            *("--folder", str(folder), "--key-file", str(key_file)),
        ],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_to_end(store: Path, folder: Path, key_file: Path) -> None:
    assert sync_process(store, folder, key_file).wait(timeout=120) == 0


def kill_at_random(store: Path, folder: Path, key_file: Path, rnd: random.Random) -> None:
    process = sync_process(store, folder, key_file)
    time.sleep(rnd.uniform(0.2, 2.5))
    process.kill()
    process.wait()


def reopen(path: Path) -> Store:
    return open_store(path, PASSPHRASE, keyring=NO_KEYRING)


def digest_of(path: Path) -> str:
    store = reopen(path)
    try:
        assert integrity_ok(store)
        with store.session() as session:
            return state_digest(session)
    finally:
        store.close()


def copy_of(path: Path, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(path.parent, folder)
    return folder / path.name


def test_kills_while_writing_and_applying_leave_whole_states(
    make_device: MakeDevice, tmp_path: Path, org_key: bytes
) -> None:
    writer, reader = make_device("writer"), make_device("reader")
    with writer.session() as session:  # ~9,000 ops: long enough for kills to land mid-work
        generate_sample_data(session, activities=10, notes_per_activity=110, seed=5)
    with reader.session() as session:
        empty_digest = state_digest(session)
    writer.close()
    reader.close()
    key_file = tmp_path / "org.lpkey"
    write_key_file(key_file, org_key)
    rnd = random.Random(6)
    deadline = time.monotonic() + BUDGET_S

    # Killed while sealing and publishing: the folder only ever holds whole, valid bundles.
    trials = 0
    folder = tmp_path / "shared"
    while trials < MAX_TRIALS and (trials < 3 or time.monotonic() < deadline):
        trials += 1
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        store = copy_of(writer.path, tmp_path / "w-trial")
        kill_at_random(store, folder, key_file, rnd)
        writer_digest = digest_of(store)
        for bundle in folder.glob("v1/devices/*/*.bundle"):
            open_bundle(bundle.read_bytes(), key=org_key, name=bundle.name)
        run_to_end(store, folder, key_file)
        assert len(list(folder.glob("v1/devices/*/*.bundle"))) == 1
        assert digest_of(store) == writer_digest

    # Killed while applying: the reader holds all of the bundle or none, then completes.
    full_digest = writer_digest
    deadline = time.monotonic() + BUDGET_S
    trials = applied_partway = 0
    while trials < MAX_TRIALS and (trials < 3 or time.monotonic() < deadline):
        trials += 1
        store = copy_of(reader.path, tmp_path / "r-trial")
        kill_at_random(store, folder, key_file, rnd)
        after_kill = digest_of(store)
        assert after_kill in (empty_digest, full_digest)
        applied_partway += after_kill == full_digest
        run_to_end(store, folder, key_file)
        run_to_end(store, folder, key_file)  # a second sync finds nothing new to apply twice
        assert digest_of(store) == full_digest
