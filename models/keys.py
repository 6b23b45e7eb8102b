"""The store's data key: random, wrapped under the passphrase with Argon2id, kept in the keyring.

The 32-byte data key encrypts the SQLite file (SQLCipher raw key). The key file beside the store
holds it wrapped with AES-256-GCM under a key derived from the passphrase, so changing the
passphrase rewrites only this small file, and opening costs one KDF run, not one per connection.
"""

from __future__ import annotations

import base64
import importlib
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _argon2_cffi_bindings import ffi, lib
from argon2.low_level import ARGON2_VERSION, Type, core, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from models.private_files import write_private_bytes

KEY_FILE_FORMAT = "listening-post-key/1"
KEYRING_SERVICE = "Listening Post"
# ~0.1 s on a 2-core laptop: slow for guessing, quick enough to open in well under 250 ms.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 2
MIN_PASSPHRASE_LENGTH = 8
# What a key file may ask of Argon2. Outside these a hand-edited or hostile file would exhaust
# memory, hang for hours, or make argon2 fail with its own error; inside them it opens in < 10 s.
ARGON2_BOUNDS = {
    "time_cost": (1, 20),
    "memory_kib": (8 * 1024, 1024 * 1024),
    "parallelism": (1, 16),
}
# The operating systems' own keyrings (module, class); any other backend is refused because
# some (keyrings.alt's file backends) keep the key in a file that opens the store without a
# passphrase.
SECURE_KEYRINGS = {
    ("keyring.backends.Windows", "WinVaultKeyring"): "Windows Credential Locker",
    ("keyring.backends.macOS", "Keyring"): "macOS Keychain",
    ("keyring.backends.SecretService", "Keyring"): "Secret Service",
    ("keyring.backends.kwallet", "DBusKeyring"): "KWallet",
    ("keyring.backends.kwallet", "DBusKeyringKWallet4"): "KWallet",
}


class KeyFileError(Exception):
    """The key file cannot give the data key: wrong passphrase or a damaged file."""


class KeyFileSettingsRejected(KeyFileError):
    """The key file asks Argon2 for settings out of bounds; the message names which."""


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


def _derive(
    passphrase: str,
    salt: bytes,
    time_cost: int,
    memory_kib: int,
    lanes: int,
    threads: int | None = None,
) -> bytes:
    """Argon2id. `threads` (one per lane unless fewer are given) says how many cores work on
    it, never what it derives."""
    if threads is None or threads >= lanes:
        return hash_secret_raw(
            passphrase.encode("utf-8"),
            salt,
            time_cost=time_cost,
            memory_cost=memory_kib,
            parallelism=lanes,
            hash_len=32,
            type=Type.ID,
        )
    # argon2-cffi's documented raw binding: the only way to set threads apart from lanes.
    out, secret, grain = ffi.new("uint8_t[]", 32), passphrase.encode("utf-8"), bytes(salt)
    context = ffi.new(
        "argon2_context *",
        {
            "version": ARGON2_VERSION,
            "out": out,
            "outlen": 32,
            "pwd": ffi.from_buffer("uint8_t[]", secret),
            "pwdlen": len(secret),
            "salt": ffi.from_buffer("uint8_t[]", grain),
            "saltlen": len(grain),
            "secret": ffi.NULL,
            "secretlen": 0,
            "ad": ffi.NULL,
            "adlen": 0,
            "t_cost": time_cost,
            "m_cost": memory_kib,
            "lanes": lanes,
            "threads": max(1, threads),
            "allocate_cbk": ffi.NULL,
            "free_cbk": ffi.NULL,
            "flags": lib.ARGON2_DEFAULT_FLAGS,
        },
    )
    result = core(context, Type.ID.value)
    if result != lib.ARGON2_OK:
        raise KeyFileError(f"key derivation failed ({result})")
    return bytes(ffi.buffer(out, 32))


def wrap_key(data_key: bytes, passphrase: str) -> WrappedKey:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _derive(passphrase, salt, ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM)
    return WrappedKey(salt, nonce, AESGCM(kek).encrypt(nonce, data_key, KEY_FILE_FORMAT.encode()))


def check_kdf_settings(wrapped: WrappedKey) -> None:
    """Refuse Argon2 settings outside ARGON2_BOUNDS before any time or memory is spent."""
    for name, (low, high) in ARGON2_BOUNDS.items():
        value = getattr(wrapped, name)
        if not low <= value <= high:
            raise KeyFileSettingsRejected(
                f"the key file's {name} is {value}, outside {low} to {high}: "
                "the key file is damaged or was not made by Listening Post"
            )


def unwrap_key(wrapped: WrappedKey, passphrase: str, *, threads: int | None = None) -> bytes:
    check_kdf_settings(wrapped)
    kek = _derive(
        passphrase,
        wrapped.salt,
        wrapped.time_cost,
        wrapped.memory_kib,
        wrapped.parallelism,
        threads,
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
    write_private_bytes(path, json.dumps(payload, indent=2).encode("utf-8"))


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


def secure_keyring() -> tuple[Any | None, str]:
    """The operating system's keyring backend, or None and why it is not used."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except Exception:
        return None, "no keyring support is installed"
    chosen = keyring.get_keyring()
    candidates = chosen.backends if isinstance(chosen, chainer.ChainerBackend) else [chosen]
    for backend in sorted(candidates, key=_priority, reverse=True):
        if _is_secure(backend):
            return backend, ""
    refused = [b for b in candidates if not isinstance(b, fail.Keyring)]
    if not refused:
        return None, "this computer has no keyring"
    names = ", ".join(sorted({".".join(_keyring_name(b)) for b in refused}))
    return None, (
        f"the keyring {names} is not one of the operating system's secure keyrings "
        "(Windows Credential Locker, macOS Keychain, Secret Service, KWallet), so the store "
        "key is not kept there and the passphrase is asked for instead"
    )


def _priority(backend: Any) -> float:
    try:
        return float(backend.priority)
    except Exception:  # a backend's priority property raises when it cannot run here
        return 0.0


def _is_secure(backend: Any) -> bool:
    for (module_name, class_name), _label in SECURE_KEYRINGS.items():
        try:
            secure_class = getattr(importlib.import_module(module_name), class_name)
        except Exception:  # that platform's module cannot load here
            continue
        if isinstance(backend, secure_class):
            return True
    return False


def _keyring_name(backend: Any) -> tuple[str, str]:
    return type(backend).__module__, type(backend).__name__


class KeyringCache:
    """Keeps data keys in the OS keyring where one works; silently does nothing elsewhere.

    Only the operating systems' secure keyrings are used (SECURE_KEYRINGS); `refusal` says why
    another backend was passed over. Set LISTENING_POST_KEYRING=0 to never touch the keyring
    (tests, shared machines).
    """

    def __init__(self, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = os.environ.get("LISTENING_POST_KEYRING", "1") != "0"
        self.enabled = enabled
        self.refusal = ""

    def _backend(self) -> Any | None:
        if not self.enabled:
            return None
        backend, self.refusal = secure_keyring()
        return backend

    def load(self, store_id: str) -> bytes | None:
        backend = self._backend()
        if backend is None:
            return None
        try:
            value = backend.get_password(KEYRING_SERVICE, store_id)
            return bytes.fromhex(value) if value else None
        except Exception:
            return None

    def save(self, store_id: str, data_key: bytes) -> bool:
        backend = self._backend()
        if backend is None:
            return False
        try:
            backend.set_password(KEYRING_SERVICE, store_id, data_key.hex())
            return True
        except Exception:
            return False

    def forget(self, store_id: str) -> None:
        backend = self._backend()
        if backend is None:
            return
        try:
            backend.delete_password(KEYRING_SERVICE, store_id)
        except Exception:
            return


def find_data_key(
    store_path: Path,
    passphrase: str | None,
    keyring: KeyringCache,
    *,
    threads: int | None = None,
) -> bytes | None:
    """The store's data key, unwrapped with the passphrase, or else the keyring's copy (None when
    it holds none). Raises KeyFileError for a wrong passphrase or a damaged key file."""
    if passphrase is None:
        return keyring.load(str(store_path.resolve()))
    return unwrap_key(read_key_file(key_file_for(store_path)), passphrase, threads=threads)


def spare_cores() -> int:
    """Cores left beside the one running the start-up's imports (at least one).

    On a two-core laptop Argon2id's two lanes on two threads would take half of the imports'
    core for their ~0.3 s; on one thread they finish beside the imports, no later than they."""
    return max(1, (os.cpu_count() or 1) - 1)


class KeyAhead:
    """find_data_key on a thread of its own, started before the slow imports of a start-up.

    Argon2id (and a keyring's D-Bus call) run outside the GIL, so the imports go on beside the
    key derivation instead of after it. `result` waits for it and raises what it raised.
    """

    def __init__(self, store_path: Path, passphrase: str | None, keyring: KeyringCache) -> None:
        self.store_path = store_path
        self.passphrase = passphrase
        self.keyring = keyring
        self._key: bytes | None = None
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._find, name="find-store-key", daemon=True)
        self._thread.start()

    def _find(self) -> None:
        if not self.store_path.exists():
            return  # nothing to open: the window offers to create a store
        try:
            self._key = find_data_key(
                self.store_path, self.passphrase, self.keyring, threads=spare_cores()
            )
        except Exception as error:  # handed to the caller of result()
            self._error = error

    def result(self) -> bytes | None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._key
