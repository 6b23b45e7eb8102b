"""Setting a store up for folder sync: the folder it uses and enrolment with the organisation key.

The first device creates the organisation key and saves it as a key file (with a recovery phrase
to print); every other device imports a copy of that file. Either way the key is then kept inside
the encrypted store. A key file inside the sync folder is refused: anyone who can read the folder
could then read every synced note.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Meta
from sync.bundles import open_bundle, seal
from sync.core.schema import SyncBundle
from sync.errors import SyncFolderUnavailable, SyncKeyError
from sync.keys import (
    fingerprint,
    new_sync_key,
    read_key_file,
    recovery_phrase,
    store_sync_key,
    stored_sync_key,
    write_key_file,
)

_FOLDER = "sync.folder"


@dataclass(frozen=True)
class SyncSetup:
    folder: str | None
    key_fingerprint: str | None


@dataclass(frozen=True)
class CreatedKey:
    """Shown once, at creation: the phrase is the key itself, for a printed safe copy."""

    path: Path
    key_fingerprint: str
    recovery_phrase: str


def sync_setup(session: Session) -> SyncSetup:
    folder = session.get(Meta, _FOLDER)
    key = stored_sync_key(session)
    return SyncSetup(folder.value if folder else None, fingerprint(key) if key else None)


def remember_folder(session: Session, folder: Path) -> str:
    """Use this folder for sync from now on (it must exist: a connected drive)."""
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise SyncFolderUnavailable(f"{path} is not a folder (is the drive connected?)")
    resolved = str(path.resolve())
    session.merge(Meta(key=_FOLDER, value=resolved))
    return resolved


def _refuse_inside_folder(key_file: Path, folder: str | Path | None) -> None:
    if folder and key_file.resolve().is_relative_to(Path(folder).resolve()):
        raise SyncKeyError(
            f"{key_file} is inside the sync folder; keep the key file elsewhere (anyone who can "
            "read the folder could read everything)"
        )


def create_organisation_key(
    session: Session, key_file: Path, *, organisation: str = ""
) -> CreatedKey:
    """First device: make the organisation key, save it to a new key file, keep it here."""
    path = Path(key_file).expanduser()
    if stored_sync_key(session) is not None:
        raise SyncKeyError("this store already has an organisation sync key")
    _refuse_inside_folder(path, sync_setup(session).folder)
    key = new_sync_key()
    try:
        write_key_file(path, key, organisation=organisation)
    except FileExistsError as error:
        raise SyncKeyError(f"{path} already exists; not overwriting a key file") from error
    except OSError as error:
        raise SyncKeyError(f"cannot write {path}: {error.strerror}") from error
    store_sync_key(session, key)
    return CreatedKey(path, fingerprint(key), recovery_phrase(key))


def import_organisation_key(session: Session, key_file: Path) -> str:
    """Other devices: take the key from a copy of the key file; returns its fingerprint."""
    path = Path(key_file).expanduser()
    _refuse_inside_folder(path, sync_setup(session).folder)
    key = read_key_file(path)
    store_sync_key(session, key)
    return fingerprint(key)


def rebind_organisation_key(session: Session, key: bytes) -> int:
    """Tie this store to another organisation key (the right one, after a mistake).

    Bundles sealed but not yet written to the folder are sealed again under the new key, with
    the same numbers and ops, so nothing is lost and no number is reused. Returns how many.
    """
    old = stored_sync_key(session)
    resealed = 0
    if old is not None and old != key:
        for row in session.scalars(
            select(SyncBundle).where(
                SyncBundle.direction == "out", SyncBundle.published_at.is_(None)
            )
        ):
            if row.data is None:
                continue
            bundle = open_bundle(row.data, key=old)
            header = bundle.header
            row.name, row.data = seal(
                bundle.ops,
                device_id=header.device_id,
                device_name=header.device_name,
                seq=header.seq,
                schema=header.schema,
                deps=header.deps,
                key=key,
                nonce=os.urandom(12),
                relayed_names=dict(header.relayed_names) or None,
                rewrite=(header.original, header.revision) if header.original else None,
            )
            row.sha256 = hashlib.sha256(row.data).hexdigest()
            resealed += 1
    store_sync_key(session, key, replace=True)
    return resealed


def organisation_key(session: Session) -> bytes:
    key = stored_sync_key(session)
    if key is None:
        raise SyncKeyError(
            "this store has no organisation sync key yet: create one (first device) or import "
            "a copy of the key file"
        )
    return key


__all__ = [
    "CreatedKey",
    "SyncSetup",
    "create_organisation_key",
    "import_organisation_key",
    "organisation_key",
    "rebind_organisation_key",
    "remember_folder",
    "sync_setup",
]
