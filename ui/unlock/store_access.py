"""Opening, creating and re-checking the store for the window (wraps models.database)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from models.keys import (
    KeyAhead,
    KeyFileError,
    KeyringCache,
    key_file_for,
    read_key_file,
    unwrap_key,
)

if TYPE_CHECKING:
    from models.database import Store

# SQLAlchemy (models.database) is imported by the first open, not with the window.
PASSPHRASE_ENV = "LISTENING_POST_PASSPHRASE"


class StoreAccess:
    """Where the store lives and how to open it. GUI thread only (Argon2 takes ~0.1 s)."""

    def __init__(self, path: Path, *, keyring: KeyringCache | None = None) -> None:
        self.path = Path(path)
        self.keyring = keyring or KeyringCache()
        self._tried_without_asking = False

    def exists(self) -> bool:
        return self.path.exists()

    def open_without_asking(self, ahead: KeyAhead | None = None) -> Store | None:
        """The environment's passphrase (scripts, tests) or the keyring's key, if either works;
        `ahead` is that lookup, already started on a thread with this access's keyring.

        Tried once: when it failed before the window was built, the window asks instead.
        """
        if self._tried_without_asking or not self.exists():
            return None
        self._tried_without_asking = True
        from models.database import StoreError, open_store

        given = ahead.passphrase if ahead else os.environ.get(PASSPHRASE_ENV)
        try:
            return open_store(self.path, given, keyring=self.keyring, ahead=ahead)
        except StoreError:
            return None

    def open(self, passphrase: str) -> Store:
        from models.database import open_store

        return open_store(self.path, passphrase, keyring=self.keyring)

    def create(self, passphrase: str, *, device_name: str, organisation: str) -> Store:
        from models.database import create_store

        return create_store(
            self.path,
            passphrase,
            device_name=device_name,
            organisation=organisation,
            keyring=self.keyring,
        )

    @staticmethod
    def passphrase_unlocks(store: Store, passphrase: str) -> bool:
        """Whether this passphrase unwraps this open store's key (to lift the idle lock)."""
        try:
            return unwrap_key(read_key_file(key_file_for(store.path)), passphrase) == store.data_key
        except KeyFileError:
            return False
