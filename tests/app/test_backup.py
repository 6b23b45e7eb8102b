"""Encrypted backup and restore: consistent while others write, checked, refused when damaged."""

from __future__ import annotations

import os
import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.backup import back_up, last_backup_at, restore
from domain.activities import create_activity
from domain.note_fields import NoteFields
from domain.notes import create_note
from models.database import Store, StoreError, open_store
from models.entities import Meta, Note
from models.keys import key_file_for
from models.store_backup import BackupError
from sync.core.schema import SyncOp
from sync.digest import state_digest
from tests.conftest import NO_KEYRING, PASSPHRASE

BACKUP_PASSPHRASE = "backup passphrase 42"


def _digest(store: Store) -> str:
    with store.session() as session:
        return state_digest(session)


def _restored(path: Path) -> Store:
    return open_store(path, PASSPHRASE, keyring=NO_KEYRING)


def test_restore_gives_the_same_record_under_a_new_identity(
    sample_store: Store, tmp_path: Path
) -> None:
    backup = tmp_path / "weekly.lpbackup"
    info = back_up(sample_store, backup, BACKUP_PASSPHRASE)
    assert info.store_id == sample_store.device_id
    assert last_backup_at(sample_store) == info.created_at
    assert backup.stat().st_mode & 0o777 == 0o600
    assert b"pharmacy" not in backup.read_bytes().lower()  # nothing readable inside

    result = restore(
        backup, tmp_path / "new" / "store.lpstore", BACKUP_PASSPHRASE, new_passphrase=PASSPHRASE
    )
    restored = _restored(tmp_path / "new" / "store.lpstore")
    try:
        assert _digest(restored) == _digest(sample_store)
        assert restored.device_id == result.identity.new_device_id != sample_store.device_id
        assert restored.data_key != sample_store.data_key  # its own key from now on
        with restored.session() as session:
            device = session.scalar(select(Meta.value).where(Meta.key == "device_id"))
        assert device == restored.device_id
    finally:
        restored.close()
    for made in (
        tmp_path / "new" / "store.lpstore",
        key_file_for(tmp_path / "new" / "store.lpstore"),
    ):
        assert made.stat().st_mode & 0o777 == 0o600


def test_backup_while_another_writer_saves_notes_is_one_consistent_moment(
    empty_store: Store, tmp_path: Path
) -> None:
    with empty_store.session() as session:
        activity = create_activity(
            session, title="Drop-in", kind="drop_in", starts_at=datetime(2026, 11, 3, 10)
        ).id
    writer = open_store(empty_store.path, PASSPHRASE, keyring=NO_KEYRING)
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        number = 0
        while not stop.is_set():
            number += 1
            with writer.session() as session:
                create_note(
                    session, activity_id=activity, fields=NoteFields(body=f"note {number:05d}")
                )
            written.append(number)

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        while len(written) < 20:
            stop.wait(0.01)
        back_up(empty_store, tmp_path / "busy.lpbackup", BACKUP_PASSPHRASE)
        during = len(written)
        while len(written) < during + 20:
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join()
        writer.close()
    restore(
        tmp_path / "busy.lpbackup",
        tmp_path / "r.lpstore",
        BACKUP_PASSPHRASE,
        new_passphrase=PASSPHRASE,
    )
    restored = _restored(tmp_path / "r.lpstore")
    try:
        with restored.session() as session:
            bodies = session.scalars(select(Note.body).order_by(Note.body)).all()
            logged = session.scalar(
                select(func.count()).select_from(SyncOp).where(SyncOp.entity == "note")
            )
    finally:
        restored.close()
    # Every note up to one moment and none after it: no half-saved note, none missing.
    assert bodies == [f"note {n:05d}" for n in range(1, len(bodies) + 1)]
    assert 20 <= len(bodies) < len(written)
    assert logged and logged >= len(bodies)


@pytest.mark.parametrize("damage", ["flip", "truncate", "append"])
def test_a_damaged_backup_is_refused_and_leaves_nothing(
    sample_store: Store, tmp_path: Path, damage: str
) -> None:
    backup = tmp_path / "b.lpbackup"
    back_up(sample_store, backup, BACKUP_PASSPHRASE)
    data = bytearray(backup.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01
    elif damage == "truncate":
        del data[-5000:]
    else:
        data += b"extra"
    backup.write_bytes(bytes(data))
    target = tmp_path / "restored.lpstore"
    with pytest.raises(BackupError, match="damaged"):
        restore(backup, target, BACKUP_PASSPHRASE, new_passphrase=PASSPHRASE)
    assert sorted(os.listdir(tmp_path)) == ["b.lpbackup", "sample"]


def test_wrong_passphrase_and_existing_target_are_refused(
    sample_store: Store, tmp_path: Path
) -> None:
    backup = tmp_path / "b.lpbackup"
    back_up(sample_store, backup, BACKUP_PASSPHRASE)
    with pytest.raises(BackupError, match="wrong passphrase"):
        restore(backup, tmp_path / "x.lpstore", "not the passphrase", new_passphrase=PASSPHRASE)
    assert not (tmp_path / "x.lpstore").exists()
    with pytest.raises(StoreError, match="already exists"):
        restore(backup, sample_store.path, BACKUP_PASSPHRASE)
    with pytest.raises(BackupError, match="not a Listening Post backup"):
        restore(sample_store.path, tmp_path / "y.lpstore", BACKUP_PASSPHRASE)
    assert not (tmp_path / "y.lpstore").exists()
