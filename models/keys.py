"""The store's data key: random, wrapped under the passphrase with Argon2id, kept in the keyring.

The 32-byte data key encrypts the SQLite file (SQLCipher raw key). The key file beside the store
holds it wrapped with AES-256-GCM under a key derived from the passphrase, so changing the
passphrase rewrites only this small file, and opening costs one KDF run, not one per connection.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_FILE_FORMAT = "listening-post-key/1"
KEYRING_SERVICE = "Listening Post"
# ~0.1 s on a 2-core laptop: slow for guessing, quick enough to open in well under 250 ms.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 2
MIN_PASSPHRASE_LENGTH = 8


class KeyFileError(Exception):
    """The key file cannot give the data key: wrong passphrase or a damaged file."""


class PassphraseRejected(ValueError):
    """The passphrase is unacceptable (empty or too short)."""


@dataclass(frozen=True)
class WrappedKey:
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    time_cost: int = ARGON2_TIME_COST
    memory_kib: int = ARGON2_MEMORY_KIB
    parallelism: int = ARGON2_PARALLELISM


def key_file_for(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".key")


def check_passphrase(passphrase: str) -> None:
    if not passphrase or not passphrase.strip():
        raise PassphraseRejected("the passphrase is empty")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise PassphraseRejected(
            f"the passphrase is too short: use at least {MIN_PASSPHRASE_LENGTH} characters"
        )


def new_data_key() -> bytes:
    return secrets.token_bytes(32)


def _derive(passphrase: str, salt: bytes, time_cost: int, memory_kib: int, lanes: int) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=time_cost,
        memory_cost=memory_kib,
        parallelism=lanes,
        hash_len=32,
        type=Type.ID,
    )


def wrap_key(data_key: bytes, passphrase: str) -> WrappedKey:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _derive(passphrase, salt, ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM)
    return WrappedKey(salt, nonce, AESGCM(kek).encrypt(nonce, data_key, KEY_FILE_FORMAT.encode()))


def unwrap_key(wrapped: WrappedKey, passphrase: str) -> bytes:
    kek = _derive(
        passphrase, wrapped.salt, wrapped.time_cost, wrapped.memory_kib, wrapped.parallelism
    )
    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, KEY_FILE_FORMAT.encode())
    except InvalidTag as error:
        raise KeyFileError("wrong passphrase or damaged file") from error


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def write_key_file(path: Path, wrapped: WrappedKey) -> None:
    """Write atomically (temp file, fsync, rename) so a crash never leaves a half key file."""
    payload = {
        "format": KEY_FILE_FORMAT,
        "kdf": {
            "name": "argon2id",
            "salt": _b64(wrapped.salt),
            "time_cost": wrapped.time_cost,
            "memory_kib": wrapped.memory_kib,
            "parallelism": wrapped.parallelism,
        },
        "nonce": _b64(wrapped.nonce),
        "wrapped_key": _b64(wrapped.ciphertext),
    }
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def read_key_file(path: Path) -> WrappedKey:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("format") != KEY_FILE_FORMAT:
            raise KeyFileError("wrong passphrase or damaged file")
        kdf = payload["kdf"]
        return WrappedKey(
            salt=base64.b64decode(kdf["salt"], validate=True),
            nonce=base64.b64decode(payload["nonce"], validate=True),
            ciphertext=base64.b64decode(payload["wrapped_key"], validate=True),
            time_cost=int(kdf["time_cost"]),
            memory_kib=int(kdf["memory_kib"]),
            parallelism=int(kdf["parallelism"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise KeyFileError("wrong passphrase or damaged file") from error


class KeyringCache:
    """Keeps data keys in the OS keyring where one works; silently does nothing elsewhere.

    Set LISTENING_POST_KEYRING=0 to never touch the keyring (tests, shared machines).
    """

    def __init__(self, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = os.environ.get("LISTENING_POST_KEYRING", "1") != "0"
        self.enabled = enabled

    def _backend_usable(self) -> bool:
        if not self.enabled:
            return False
        try:
            import keyring
            from keyring.backends import fail

            return not isinstance(keyring.get_keyring(), fail.Keyring)
        except Exception:
            return False

    def load(self, store_id: str) -> bytes | None:
        if not self._backend_usable():
            return None
        try:
            import keyring

            value = keyring.get_password(KEYRING_SERVICE, store_id)
            return bytes.fromhex(value) if value else None
        except Exception:
            return None

    def save(self, store_id: str, data_key: bytes) -> bool:
        if not self._backend_usable():
            return False
        try:
            import keyring

            keyring.set_password(KEYRING_SERVICE, store_id, data_key.hex())
            return True
        except Exception:
            return False

    def forget(self, store_id: str) -> None:
        if not self._backend_usable():
            return
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, store_id)
        except Exception:
            return
