"""What every command needs: the store path, the passphrase, exit codes and progress on stderr."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from domain.errors import DomainError
from models import location
from models.database import Store, StoreError, open_store, store_warnings
from models.keys import KeyringCache, PassphraseRejected
from models.location import default_store_path as default_store_path  # re-exported for main.py
from models.location import private_temp_root as private_temp_root
from models.storage_errors import StorageFailure, storage_failure

PASSPHRASE_ENV = "LISTENING_POST_PASSPHRASE"
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Bad usage or bad input: exit 2 with this one-line reason."""


def store_path(given: str | None) -> Path:
    """The store to use (given, else the default), warning on stderr when it looks shared."""
    return location.store_path(given, warn)


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def read_passphrase(prompt: str = "Passphrase: ", *, confirm: bool = False) -> str:
    """From LISTENING_POST_PASSPHRASE, else typed at the terminal (twice when confirming)."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise BadInput(f"no passphrase: run in a terminal or set {PASSPHRASE_ENV}")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise BadInput("the two passphrases differ")
    return first


@contextmanager
def opened_store(path: Path) -> Iterator[Store]:
    keyring = KeyringCache()
    try:
        store = open_store(path, read_passphrase(), keyring=keyring)
    except (StoreError, PassphraseRejected) as error:
        raise BadInput(str(error)) from error
    for message in store_warnings(path):
        warn(message)
    if keyring.refusal and keyring.enabled:
        warn(f"note: {keyring.refusal}")
    try:
        yield store
    finally:
        store.close()


def _store_of(args: tuple[object, ...]) -> Path | None:
    given = getattr(args[0], "store", None) if args else None
    if given is None and args and getattr(args[0], "command", None):
        return default_store_path()
    return Path(given).expanduser() if isinstance(given, str) else None


class TerminalProgress:
    """Progress on stderr, only when stderr is a terminal (scripts get clean output)."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._last = ""

    def report(self, done: int, total: int, label: str) -> None:
        if not self.enabled:
            return
        line = f"\r{label}: {done:,}/{total:,}" if total else f"\r{label}"
        if line != self._last:
            sys.stderr.write(line + ("\n" if total and done >= total else ""))
            sys.stderr.flush()
            self._last = line

    @property
    def cancelled(self) -> bool:
        return False


def run_command(func: object, *args: object) -> int:
    """Run a command, mapping errors to the exit codes of DESIGN §7."""
    try:
        try:
            result = func(*args)  # type: ignore[operator]
        except Exception as error:
            # Damaged pages, a full disk or a locked store: a plain message, never a traceback.
            failure = storage_failure(error, _store_of(args))
            if failure is None:
                raise
            raise failure from error
        return int(result or EXIT_OK)
    except StorageFailure as error:
        warn(f"error: {error}")
        return error.exit_code
    except (BadInput, DomainError, PassphraseRejected) as error:
        warn(f"error: {error}")
        return EXIT_BAD_INPUT
    except StoreError as error:
        warn(f"error: {error}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        warn("cancelled")
        return EXIT_FAILED
