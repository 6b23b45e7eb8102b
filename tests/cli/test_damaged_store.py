"""Damaged stores and key files give plain messages, `check` gives a verdict, `recover` copies."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from domain.sample_data import generate_sample_data
from models.database import create_store, open_store
from models.entities import Note, Theme
from models.integrity import data_key_for, raw_connection
from models.keys import key_file_for
from tests.conftest import NO_KEYRING, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
PAGE = 4096


def run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--store", str(store), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "LISTENING_POST_PASSPHRASE": PASSPHRASE},
        timeout=120,
    )


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of a few hundred pages (30 activities × 20 notes), checkpointed and closed."""
    path = tmp_path_factory.mktemp("big") / "store.lpstore"
    store = create_store(path, PASSPHRASE, device_name="A", keyring=NO_KEYRING)
    with store.session() as session:
        generate_sample_data(session, activities=30, notes_per_activity=20, seed=5)
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def _copy(template: Path, folder: Path) -> Path:
    folder.mkdir()
    for source in (template, key_file_for(template)):
        shutil.copy2(source, folder / source.name)
    return folder / template.name


def _damage(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(b"\xff" * 16)


def _root_page(path: Path, table: str) -> int:
    connection = raw_connection(path, data_key_for(path, PASSPHRASE))
    try:
        row = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    finally:
        connection.close()
    return int(row[0])


def test_check_says_healthy_and_exits_0(big_template: Path, tmp_path: Path) -> None:
    path = _copy(big_template, tmp_path / "s")
    done = run(path, "check")
    assert (done.returncode, done.stdout) == (
        0,
        f"{path}: healthy: every page is readable and whole\n",
    )


def test_one_damaged_page_makes_search_say_so_plainly(big_template: Path, tmp_path: Path) -> None:
    path = _copy(big_template, tmp_path / "s")
    _damage(path, 200_000)
    done = run(path, "search", "GP")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"error: {path} is damaged (part of it cannot be read): run 'python main.py check' for "
        "details and 'python main.py recover --out NEW' to copy what can be read into a new store"
    ]
    checked = run(path, "check")
    assert checked.returncode == 1
    assert checked.stdout.startswith(f"{path}: damaged: ")
    assert f"page {200_000 // PAGE + 1} has been altered or damaged" in checked.stdout


def test_damage_anywhere_never_ends_in_a_traceback(big_template: Path, tmp_path: Path) -> None:
    size = big_template.stat().st_size
    for number, offset in enumerate(range(PAGE * 3 + 100, size, size // 5)):
        path = _copy(big_template, tmp_path / f"s{number}")
        _damage(path, offset)
        for command in (["search", "GP"], ["check"]):
            done = run(path, *command)
            assert "Traceback" not in done.stderr, (offset, command, done.stderr)
            assert done.returncode in (0, 1, 2), (offset, command)
            if done.returncode == 2:
                assert len(done.stderr.splitlines()) == 1, done.stderr


def test_recover_copies_what_can_be_read_and_reports_the_loss(
    big_template: Path, tmp_path: Path
) -> None:
    path = _copy(big_template, tmp_path / "s")
    _damage(path, (_root_page(path, "themes") - 1) * PAGE + 300)
    out = tmp_path / "recovered" / "new.lpstore"
    done = run(path, "recover", "--out", str(out))
    assert done.returncode == 1, done.stderr
    assert f"recovered into {out} (same passphrase):" in done.stdout
    assert "  themes: 0 copied; 1 damaged stretch could not be read" in done.stdout
    assert "  theme_notes: 0 copied; 600 left out because what they belonged to was lost" in (
        done.stdout
    )
    assert "  actions: 0 copied; 4 left out because what they belonged to was lost" in done.stdout
    assert "  notes: 600 copied\n" in done.stdout
    assert run(out, "check").returncode == 0
    assert {stat.S_IMODE(os.stat(p).st_mode) for p in (out, key_file_for(out))} == {0o600}
    store = open_store(out, PASSPHRASE, keyring=NO_KEYRING)
    with store.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 600
        assert session.scalar(select(func.count()).select_from(Theme)) == 0
    store.close()
    assert run(out, "search", "GP").returncode == 0  # the full-text index was rebuilt


def test_recover_refuses_to_overwrite(big_template: Path, tmp_path: Path) -> None:
    path = _copy(big_template, tmp_path / "s")
    done = run(path, "recover", "--out", str(path))
    assert (done.returncode, done.stderr) == (
        2,
        "error: --out: choose a new file, not the damaged store itself\n",
    )


def test_hostile_key_file_settings_exit_2_quickly(big_template: Path, tmp_path: Path) -> None:
    path = _copy(big_template, tmp_path / "s")
    key_file = key_file_for(path)
    payload = json.loads(key_file.read_text())
    payload["kdf"]["time_cost"] = 2**31
    key_file.write_text(json.dumps(payload))
    for command in (["search", "GP"], ["check"]):
        done = run(path, *command)
        assert done.returncode == 2
        assert done.stderr == (
            f"error: {key_file}: the key file's time_cost is {2**31}, outside 1 to 20: "
            "the key file is damaged or was not made by Listening Post\n"
        )
