"""Encrypted, integrity-checked backup files of a store, and their restore into a new store file.

A backup is one file: a line of magic, one JSON header line, then the store's (already
SQLCipher-encrypted) pages in chunks sealed with AES-256-GCM under a random backup key. That key
is wrapped under the backup passphrase with Argon2id exactly as the store's own key file wraps the
data key; the store's data key travels sealed inside the file too. Each chunk's associated data
binds the header, its position and whether it is the last, so a changed, reordered, cut or
lengthened file is refused. The cryptography library provides the primitives; the container is
ours because no library offers a streamed, authenticated file format over AES-GCM.
"""

from __future__ import annotations

import json
import os
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import sqlcipher3
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from models.keys import KeyFileError, WrappedKey, unwrap_key, wrap_key
from models.private_files import create_private_file, open_private

MAGIC = b"LISTENING-POST-BACKUP\n"
FORMAT = "listening-post-backup/1"
CHUNK_BYTES = 1 << 20
_TAG_BYTES = 16
MAX_HEADER_BYTES = 64 * 1024


class BackupError(Exception):
    """A backup cannot be written or read; the message is safe to show to a person."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file says about itself (readable only with its passphrase)."""

    created_at: str
    store_id: str
    schema: str
    size_bytes: int


def write_backup(
    snapshot: Path, data_key: bytes, out: Path, passphrase: str, info: BackupInfo
) -> None:
    """Seal a store snapshot (its encrypted file) into `out`, atomically and readable only by us."""
    backup_key = AESGCM.generate_key(bit_length=256)
    wrapped = wrap_key(backup_key, passphrase)
    header = _header_bytes(wrapped, info, nonce_prefix := secrets.token_bytes(8))
    sealer = AESGCM(backup_key)
    part = out.with_name(out.name + ".part")
    try:
        with os.fdopen(open_private(part), "wb") as handle:
            handle.write(MAGIC + header + b"\n")
            chunks = [data_key, *_chunks_of(snapshot)]
            for index, chunk in enumerate(chunks):
                last = index == len(chunks) - 1
                nonce = nonce_prefix + struct.pack(">I", index)
                sealed = sealer.encrypt(nonce, chunk, _aad(header, index, last))
                handle.write(struct.pack(">I", len(sealed)) + sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def read_backup(backup: Path, passphrase: str, restored: Path) -> tuple[BackupInfo, bytes]:
    """Unseal `backup` into the new store file `restored`; return its info and data key.

    Raises BackupError (and leaves no file at `restored`) when the passphrase is wrong or any
    byte of the backup was changed, cut or added.
    """
    try:
        handle = open(backup, "rb")  # noqa: SIM115 - closed below, after the last chunk
    except OSError as error:
        raise BackupError(f"cannot read the backup {backup}: {error.strerror}") from error
    try:
        header, wrapped, info, nonce_prefix = _read_header(handle, backup)
        try:
            opener = AESGCM(unwrap_key(wrapped, passphrase))
        except KeyFileError as error:
            raise BackupError("wrong passphrase for this backup, or the file is damaged") from error
        return info, _unseal_chunks(handle, opener, header, nonce_prefix, restored)
    finally:
        handle.close()


def snapshot_store(source: sqlcipher3.Connection, data_key: bytes, destination: Path) -> None:
    """A consistent copy of the open store through SQLite's backup API (writers carry on)."""
    create_private_file(destination)
    target = sqlcipher3.connect(str(destination))
    try:
        target.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
        source.backup(target)  # one step: the copy is the database as at one moment
    finally:
        target.close()


def _chunks_of(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk


def _header_bytes(wrapped: WrappedKey, info: BackupInfo, nonce_prefix: bytes) -> bytes:
    payload: dict[str, Any] = {
        "format": FORMAT,
        "kdf": {
            "name": "argon2id",
            "salt": wrapped.salt.hex(),
            "time_cost": wrapped.time_cost,
            "memory_kib": wrapped.memory_kib,
            "parallelism": wrapped.parallelism,
        },
        "nonce": wrapped.nonce.hex(),
        "wrapped_key": wrapped.ciphertext.hex(),
        "chunk_nonce_prefix": nonce_prefix.hex(),
        "created_at": info.created_at,
        "store_id": info.store_id,
        "schema": info.schema,
        "size_bytes": info.size_bytes,
    }
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("ascii")


def _read_header(handle: BinaryIO, backup: Path) -> tuple[bytes, WrappedKey, BackupInfo, bytes]:
    not_a_backup = BackupError(f"{backup} is not a Listening Post backup, or it is damaged")
    if handle.read(len(MAGIC)) != MAGIC:
        raise not_a_backup
    header = handle.readline(MAX_HEADER_BYTES)
    if not header.endswith(b"\n"):
        raise not_a_backup
    header = header[:-1]
    try:
        payload = json.loads(header)
        if payload["format"] != FORMAT:
            raise not_a_backup
        kdf = payload["kdf"]
        wrapped = WrappedKey(
            salt=bytes.fromhex(kdf["salt"]),
            nonce=bytes.fromhex(payload["nonce"]),
            ciphertext=bytes.fromhex(payload["wrapped_key"]),
            time_cost=int(kdf["time_cost"]),
            memory_kib=int(kdf["memory_kib"]),
            parallelism=int(kdf["parallelism"]),
        )
        info = BackupInfo(
            created_at=str(payload["created_at"]),
            store_id=str(payload["store_id"]),
            schema=str(payload["schema"]),
            size_bytes=int(payload["size_bytes"]),
        )
        nonce_prefix = bytes.fromhex(payload["chunk_nonce_prefix"])
    except (ValueError, KeyError, TypeError) as error:
        raise not_a_backup from error
    return header, wrapped, info, nonce_prefix


def _unseal_chunks(
    handle: BinaryIO, opener: AESGCM, header: bytes, nonce_prefix: bytes, restored: Path
) -> bytes:
    create_private_file(restored)
    data_key = b""
    try:
        with os.fdopen(open_private(restored), "wb") as out:
            index, finished = 0, False
            while not finished:
                sealed = _next_sealed(handle, index)
                nonce = nonce_prefix + struct.pack(">I", index)
                chunk, finished = _open_chunk(opener, nonce, sealed, header, index)
                if index == 0:
                    data_key = chunk
                else:
                    out.write(chunk)
                index += 1
            if handle.read(1):
                raise BackupError("the backup is damaged: it has bytes after its end")
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        restored.unlink(missing_ok=True)
        raise
    return data_key


def _next_sealed(handle: BinaryIO, index: int) -> bytes:
    length_bytes = handle.read(4)
    if len(length_bytes) != 4:
        raise BackupError(f"the backup is damaged: it ends early (after part {index})")
    (length,) = struct.unpack(">I", length_bytes)
    if length > CHUNK_BYTES + _TAG_BYTES:
        raise BackupError(f"the backup is damaged at part {index + 1}")
    sealed = handle.read(length)
    if len(sealed) != length:
        raise BackupError(f"the backup is damaged: it ends early (in part {index + 1})")
    return sealed


def _open_chunk(
    opener: AESGCM, nonce: bytes, sealed: bytes, header: bytes, index: int
) -> tuple[bytes, bool]:
    """Try the chunk as a middle one, then as the last: its tag says which it was sealed as."""
    for last in (False, True):
        try:
            return opener.decrypt(nonce, sealed, _aad(header, index, last)), last
        except InvalidTag:
            continue
    raise BackupError(f"the backup is damaged at part {index + 1}: it fails its integrity check")


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">I?", index, last)
