"""Storage errors (damaged pages, a full disk, a locked store) told in plain words."""

from __future__ import annotations

import errno
from pathlib import Path

import sqlcipher3
from sqlalchemy.exc import DBAPIError

EXIT_FAILED, EXIT_BAD_INPUT = 1, 2
_DAMAGE_WORDS = (
    "malformed",
    "not a database",
    "vtable constructor failed",
    "database corrupt",
    "file is encrypted",
    "disk i/o error",
    "hmac check failed",
)


class StorageFailure(Exception):
    """A storage error explained in one plain line; `exit_code` is what the CLI returns."""

    def __init__(self, message: str, *, exit_code: int = EXIT_BAD_INPUT, damaged: bool = False):
        super().__init__(message)
        self.exit_code = exit_code
        self.damaged = damaged


def storage_failure(error: BaseException, store: Path | None) -> StorageFailure | None:
    """The plain explanation of a storage error, or None when `error` is not one."""
    original = error.orig if isinstance(error, DBAPIError) else error
    where = str(store) if store is not None else "the store"
    if isinstance(original, sqlcipher3.OperationalError):
        text = str(original).lower()
        if "locked" in text or "busy" in text:
            return StorageFailure(
                f"{where} is busy: another Listening Post kept it for too long; try again",
                exit_code=EXIT_FAILED,
            )
        if "disk is full" in text or "full" in text:
            return StorageFailure(f"the disk holding {where} is full: free some space")
        if not any(word in text for word in _DAMAGE_WORDS):
            return None
    if isinstance(original, sqlcipher3.DatabaseError):
        return damaged_store(where)
    if isinstance(original, OSError) and original.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFailure(f"the disk is full: free some space ({original.filename or where})")
    return None


def damaged_store(where: str) -> StorageFailure:
    return StorageFailure(
        f"{where} is damaged (part of it cannot be read): run 'python main.py check' for "
        "details and 'python main.py recover --out NEW' to copy what can be read into a new store",
        damaged=True,
    )


def is_busy(error: BaseException) -> bool:
    """True when another writer kept the store past the busy timeout: worth trying again."""
    failure = storage_failure(error, None)
    return failure is not None and failure.exit_code == EXIT_FAILED and not failure.damaged
