"""The organisation sync key: created on the first device, shared as a key file out of band.

The key file holds the raw 32-byte key (it *is* the secret: keep it like a door key) with a
fingerprint to catch damage, and a recovery phrase a person can print and type back in. Once
imported, the key lives inside the encrypted store (meta `sync.key`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from pathlib import Path

from sqlalchemy.orm import Session

from models.entities import Meta
from sync.errors import SyncKeyError

KEY_FILE_FORMAT = "listening-post-sync-key/1"
_META_KEY = "sync.key"


def new_sync_key() -> bytes:
    return secrets.token_bytes(32)


def fingerprint(key: bytes) -> str:
    """A short, non-secret name for a key: the same on every device that holds it."""
    return hashlib.sha256(b"listening-post sync key\0" + key).hexdigest()[:16]


def recovery_phrase(key: bytes) -> str:
    """The key as 11 groups of 5 letters/digits, with a checksum that catches typing mistakes."""
    text = base64.b32encode(key + hashlib.sha256(key).digest()[:2]).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


def key_from_phrase(phrase: str) -> bytes:
    text = "".join(ch for ch in phrase.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError as error:
        raise SyncKeyError("the recovery phrase has characters that cannot be in it") from error
    key, check = raw[:32], raw[32:]
    if len(raw) != 34 or hashlib.sha256(key).digest()[:2] != check:
        raise SyncKeyError("the recovery phrase is mistyped (its checksum does not match)")
    return key


def write_key_file(path: Path, key: bytes, *, organisation: str = "") -> None:
    """Write atomically; refuses to overwrite an existing file (it may be the only copy)."""
    payload = {
        "format": KEY_FILE_FORMAT,
        "organisation": organisation,
        "fingerprint": fingerprint(key),
        "key": base64.b64encode(key).decode("ascii"),
        "recovery_phrase": recovery_phrase(key),
        "keep_safe": "Anyone with this file can read your organisation's synced notes. Give it "
        "only to your organisation's devices, never put it in the shared sync folder.",
    }
    part = path.with_name(path.name + ".part")
    try:
        # 0600: anyone who can read this file can read the organisation's synced notes.
        descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            raise SyncKeyError(f"{path} already exists; not overwriting a key file")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def read_key_file(path: Path) -> bytes:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SyncKeyError(f"{path}: not a readable sync key file") from error
    if not isinstance(payload, dict) or payload.get("format") != KEY_FILE_FORMAT:
        raise SyncKeyError(f"{path}: not a Listening Post sync key file")
    try:
        key = base64.b64decode(str(payload["key"]), validate=True)
    except (KeyError, ValueError) as error:
        raise SyncKeyError(f"{path}: the key field is missing or damaged") from error
    if len(key) != 32 or fingerprint(key) != payload.get("fingerprint"):
        raise SyncKeyError(f"{path}: the key is damaged (its fingerprint does not match)")
    return key


def stored_sync_key(session: Session) -> bytes | None:
    row = session.get(Meta, _META_KEY)
    return bytes.fromhex(row.value) if row else None


def store_sync_key(session: Session, key: bytes, *, replace: bool = False) -> None:
    """Keep the organisation key inside the encrypted store (so it is given only once);
    another key replaces it only when asked to (`replace`, for a re-bind)."""
    current = stored_sync_key(session)
    if current is not None and current != key and replace:
        session.merge(Meta(key=_META_KEY, value=key.hex()))
        return
    if current is not None and current != key:
        raise SyncKeyError(
            "this store already uses a different organisation sync key "
            f"(fingerprint {fingerprint(current)})"
        )
    if current is None:
        session.add(Meta(key=_META_KEY, value=key.hex()))
