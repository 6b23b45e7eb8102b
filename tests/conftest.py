"""Shared fixtures: template stores built once per run, copied for each test (fast and isolated)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests never touch the developer's keyring, and Qt never needs a screen.
os.environ["LISTENING_POST_KEYRING"] = "0"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from domain.sample_data import generate_sample_data
from models.database import Store, create_store, open_store
from models.keys import KeyringCache
from sync.core import install as install_op_capture
from sync.core.clock import SettableClock

# One clock for every store the tests open: tests move it (skew, far future) through `clock`.
TEST_CLOCK = SettableClock()
install_op_capture(TEST_CLOCK)

PASSPHRASE = "correct horse battery"
NO_KEYRING = KeyringCache(enabled=False)


@pytest.fixture
def clock() -> Iterator[SettableClock]:
    """The clock every test store reads; put back to the machine's time after the test."""
    TEST_CLOCK.reset()
    yield TEST_CLOCK
    TEST_CLOCK.reset()


def _files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + ".key")]


def copy_store(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for source in _files(template):
        shutil.copy2(source, folder / source.name)
    return folder / template.name


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template-empty") / "store.lpstore"
    store = create_store(path, PASSPHRASE, device_name="Template laptop", keyring=NO_KEYRING)
    _checkpoint_and_close(store)
    return path


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template-sample") / "store.lpstore"
    store = create_store(path, PASSPHRASE, device_name="Template laptop", keyring=NO_KEYRING)
    with store.session() as session:
        generate_sample_data(session, activities=6, notes_per_activity=8, seed=3)
    _checkpoint_and_close(store)
    return path


def _checkpoint_and_close(store: Store) -> None:
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


@pytest.fixture
def empty_store(empty_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh store with the reference taxonomy and no activities."""
    store = open_store(
        copy_store(empty_template, tmp_path / "empty"), PASSPHRASE, keyring=NO_KEYRING
    )
    yield store
    store.close()


@pytest.fixture
def sample_store(sample_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A store with 6 activities × 8 notes, themes and actions (seed 3)."""
    store = open_store(
        copy_store(sample_template, tmp_path / "sample"), PASSPHRASE, keyring=NO_KEYRING
    )
    yield store
    store.close()


@pytest.fixture
def empty_store_path(empty_template: Path, tmp_path: Path) -> Path:
    """The files of a fresh store, closed, for tests that open it themselves."""
    return copy_store(empty_template, tmp_path / "closed")
