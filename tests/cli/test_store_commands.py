"""The command line as scripts use it: real processes, exit codes and messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery"


def run(*args: str, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LISTENING_POST_PASSPHRASE"}
    env["LISTENING_POST_KEYRING"] = "0"
    if passphrase is not None:
        env["LISTENING_POST_PASSPHRASE"] = passphrase
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.lpstore"
    made = run("--store", str(path), "init", "--device-name", "Test laptop")
    assert made.returncode == 0, made.stderr
    filled = run("--store", str(path), "demo", "--activities", "8", "--notes-per-activity", "6")
    assert filled.returncode == 0, filled.stderr
    assert "added 8 activities, 48 notes" in filled.stdout
    return path


def test_search_prints_one_line_per_note(demo_store: Path) -> None:
    found = run("--store", str(demo_store), "search", "GP", "appointment", "--limit", "3")
    assert found.returncode == 0, found.stderr
    lines = found.stdout.strip().splitlines()
    assert 1 <= len(lines) <= 3
    assert all(len(line.split("\t")) == 6 for line in lines)
    assert all("GP" in line or "appointment" in line.lower() for line in lines)


def test_search_filters_and_no_match(demo_store: Path) -> None:
    nothing = run("--store", str(demo_store), "search", "zzzyzzy")
    assert nothing.returncode == 0 and nothing.stdout == ""
    assert "no notes match" in nothing.stderr
    positive = run("--store", str(demo_store), "search", "--sentiment", "positive")
    assert positive.returncode == 0
    assert {line.split("\t")[2] for line in positive.stdout.splitlines()} == {"positive"}


def test_wrong_passphrase_exits_2_naming_the_file(demo_store: Path) -> None:
    before = demo_store.read_bytes()
    wrong = run("--store", str(demo_store), "search", "GP", passphrase="not it at all")
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == f"error: wrong passphrase or damaged file: {demo_store}"
    assert "not it at all" not in wrong.stderr + wrong.stdout
    assert demo_store.read_bytes() == before


def test_no_passphrase_and_no_terminal_is_bad_usage(demo_store: Path) -> None:
    result = run("--store", str(demo_store), "search", "GP", passphrase=None)
    assert result.returncode == 2
    assert "LISTENING_POST_PASSPHRASE" in result.stderr


def test_bad_arguments_exit_2(demo_store: Path, tmp_path: Path) -> None:
    assert run("--store", str(demo_store), "search", "--principle", "12").returncode == 2
    assert run("--store", str(demo_store), "search", "--from", "01/02/2026").returncode == 2
    assert run("--store", str(demo_store), "demo", "--activities", "0").returncode == 2
    empty = run("--store", str(tmp_path / "new.lpstore"), "init", passphrase="")
    assert empty.returncode == 2 and "passphrase is empty" in empty.stderr
    assert not (tmp_path / "new.lpstore").exists()
    missing = run("--store", str(tmp_path / "missing.lpstore"), "search", "x")
    assert missing.returncode == 2 and "python main.py init" in missing.stderr


def test_init_refuses_to_overwrite(demo_store: Path) -> None:
    again = run("--store", str(demo_store), "init")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_a_cloud_synced_store_path_gets_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "OneDrive - NHS" / "store.lpstore"
    made = run("--store", str(path), "init")
    assert made.returncode == 0
    assert "OneDrive" in made.stderr and "warning" in made.stderr
