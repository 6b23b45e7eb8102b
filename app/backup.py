"""Back up an open store to one encrypted file, and restore such a file as a new store."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3
from sqlalchemy import select

from domain.data_held import LAST_BACKUP_KEY
from models import migrate
from models.database import Store, StoreError, open_store
from models.entities import AuditEntry, Meta
from models.ids import utc_now
from models.keys import (
    KeyringCache,
    check_passphrase,
    key_file_for,
    new_data_key,
    wrap_key,
    write_key_file,
)
from models.private_files import make_private_folder
from models.store_backup import (
    BackupError,
    BackupInfo,
    read_backup,
    snapshot_store,
    write_backup,
)

if TYPE_CHECKING:  # restoring alone needs sync's identity code: backups start quicker
    from sync.identity import NewIdentity


@dataclass(frozen=True)
class RestoredStore:
    """What a restore made: the backup's own description and the new device identity."""

    info: BackupInfo
    identity: NewIdentity


def back_up(store: Store, out: Path, passphrase: str) -> BackupInfo:
    """Write a consistent, encrypted copy of the store to `out` while others may keep writing."""
    check_passphrase(passphrase)
    out = Path(out)
    if out.resolve() == store.path.resolve() or out.resolve() == key_file_for(store.path).resolve():
        raise BackupError("choose another file for the backup: that one is the store itself")
    if not out.parent.is_dir():
        raise BackupError(f"no folder {out.parent} to write the backup in")
    snapshot = out.with_name(f".{out.name}.{secrets.token_hex(6)}.snapshot")
    try:
        with store.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlcipher3.Connection)
            snapshot_store(raw, store.data_key, snapshot)
            schema = migrate.current_revision(connection) or ""
        info = BackupInfo(
            created_at=utc_now().isoformat(),
            store_id=store.device_id,
            schema=schema,
            size_bytes=snapshot.stat().st_size,
        )
        write_backup(snapshot, store.data_key, out, passphrase, info)
    finally:
        snapshot.unlink(missing_ok=True)
    with store.session() as session:
        session.merge(Meta(key=LAST_BACKUP_KEY, value=info.created_at))
        session.add(
            AuditEntry(
                device_id=store.device_id,
                action="store.backup",
                entity="store",
                entity_id=info.store_id,
            )
        )
    return info


def last_backup_at(store: Store) -> str | None:
    """When this store was last backed up (ISO time, UTC), or None if never."""
    # A read: asked at every start, it must not wait for the write lock (an import running).
    with store.read_session() as session:
        return session.scalar(select(Meta.value).where(Meta.key == LAST_BACKUP_KEY))


def restore(
    backup: Path, new_store: Path, passphrase: str, *, new_passphrase: str | None = None
) -> RestoredStore:
    """Restore `backup` as a new store at `new_store`, checked, under a fresh data key and a new
    device identity (it must never write as the laptop it was copied from).

    Nothing is left at `new_store` when the backup is refused.
    """
    new_store = Path(new_store)
    store_passphrase = new_passphrase or passphrase
    check_passphrase(store_passphrase)
    key_file = key_file_for(new_store)
    if new_store.exists() or key_file.exists():
        raise StoreError(f"a store already exists at {new_store}: restore to a new file")
    make_private_folder(new_store.parent)
    info, data_key = read_backup(Path(backup), passphrase, new_store)
    try:
        fresh_key = _check_and_rekey(new_store, data_key)
        write_key_file(key_file, wrap_key(fresh_key, store_passphrase))
        store = open_store(new_store, store_passphrase, keyring=KeyringCache(enabled=False))
    except BaseException:
        for leftover in (new_store, key_file, *_sidecars(new_store)):
            leftover.unlink(missing_ok=True)
        raise
    from sync.identity import take_identity_after_restore

    try:
        identity = take_identity_after_restore(store)
        with store.session() as session:
            session.add(
                AuditEntry(
                    device_id=store.device_id,
                    action="store.restore",
                    entity="store",
                    entity_id=store.device_id,
                )
            )
    finally:
        store.close()
    return RestoredStore(info=info, identity=identity)


def _check_and_rekey(path: Path, data_key: bytes) -> bytes:
    """Refuse a restored file that fails SQLite's checks; give it its own new data key."""
    connection = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        try:
            problems = connection.execute("PRAGMA cipher_integrity_check").fetchall()
            verdict = connection.execute("PRAGMA integrity_check").fetchall()
        except sqlcipher3.DatabaseError as error:
            raise BackupError("the backup's store is damaged and cannot be read") from error
        if problems or verdict != [("ok",)]:
            raise BackupError("the backup's store fails its integrity check: it is damaged")
        fresh = new_data_key()
        connection.execute("PRAGMA journal_mode = DELETE")  # rekey rewrites every page
        connection.execute(f"PRAGMA rekey = \"x'{fresh.hex()}'\"")
        connection.execute("PRAGMA journal_mode = WAL")
        return fresh
    finally:
        connection.close()


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
