"""Several 'laptops' for sync tests: copies of the empty template, each with its own device id."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from models.database import Store, open_store
from models.ids import new_id
from sync.keys import new_sync_key
from tests.conftest import NO_KEYRING, PASSPHRASE, copy_store

MakeDevice = Callable[[str], Store]


def as_new_device(store: Store, name: str) -> Store:
    """Give a copied store its own identity (a copy made before any op is not a clone)."""
    device_id = new_id()
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE meta SET value = :id WHERE key = 'device_id'"), {"id": device_id}
        )
        connection.execute(
            text(
                "INSERT INTO devices (id, display_name, created_at) VALUES (:id, :n, '2026-01-01')"
            ),
            {"id": device_id, "n": name},
        )
    store.device_id = device_id
    return store


@pytest.fixture
def make_device(empty_template: Path, tmp_path: Path) -> Iterator[MakeDevice]:
    opened: list[Store] = []

    def make(name: str) -> Store:
        path = copy_store(empty_template, tmp_path / name)
        store = as_new_device(open_store(path, PASSPHRASE, keyring=NO_KEYRING), name)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def sync_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "OneDrive - Org" / "Listening Post sync"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def org_key() -> bytes:
    return new_sync_key()


def integrity_ok(store: Store) -> bool:
    with store.engine.connect() as connection:
        return connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


__all__ = ["MakeDevice", "as_new_device", "integrity_ok", "os"]
