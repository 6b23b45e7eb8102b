"""`check`: read every page of a store and say in plain words whether it is whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3

from models.keys import KeyFileError, KeyFileSettingsRejected, key_file_for, read_key_file
from models.keys import unwrap_key as _unwrap


class CannotCheck(Exception):
    """The store cannot be checked at all (no store, wrong passphrase); the message says why."""


@dataclass(frozen=True)
class Verdict:
    healthy: bool
    summary: str
    problems: list[str] = field(default_factory=list)


def data_key_for(path: Path, passphrase: str) -> bytes:
    """The store's data key from its key file: the passphrase is proved before any page is read.

    So a page that then fails to decrypt is damage, never a wrong passphrase.
    """
    if not path.is_file():
        raise CannotCheck(f"no store at {path}")
    key_file = key_file_for(path)
    try:
        return _unwrap(read_key_file(key_file), passphrase)
    except KeyFileSettingsRejected as error:
        raise CannotCheck(f"{key_file}: {error}") from error
    except KeyFileError as error:
        raise CannotCheck(f"wrong passphrase or damaged key file: {key_file}") from error


def raw_connection(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    """A keyed connection that reads the store as it is: no WAL change, nothing written."""
    connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    connection.execute("PRAGMA busy_timeout = 30000")
    return connection


def check_store(path: Path, data_key: bytes) -> Verdict:
    """Authenticate every page (SQLCipher's HMACs), then check SQLite's structure."""
    connection = raw_connection(path, data_key)
    try:
        problems = _cipher_problems(connection)
        if not _schema_readable(connection):
            return Verdict(False, "damaged: the store's first page cannot be read", problems)
        problems += _structure_problems(connection)
    finally:
        connection.close()
    if not problems:
        return Verdict(True, "healthy: every page is readable and whole")
    return Verdict(
        False,
        f"damaged: {len(problems)} problem{'s' if len(problems) != 1 else ''} found; "
        "'python main.py recover --out NEW' copies what can be read into a new store",
        problems,
    )


def _cipher_problems(connection: sqlcipher3.Connection) -> list[str]:
    try:
        rows = connection.execute("PRAGMA cipher_integrity_check").fetchall()
    except sqlcipher3.DatabaseError as error:
        return [f"the pages could not be authenticated ({error})"]
    return [_plain_cipher_row(str(row[0])) for row in rows]


def _plain_cipher_row(row: str) -> str:
    # SQLCipher says e.g. "HMAC verification failed for page 49"
    if "page" in row and "HMAC" in row:
        return f"page {row.rsplit(' ', 1)[-1]} has been altered or damaged"
    return row


def _schema_readable(connection: sqlcipher3.Connection) -> bool:
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        return False
    return True


def _structure_problems(connection: sqlcipher3.Connection) -> list[str]:
    try:
        rows = connection.execute("PRAGMA integrity_check(100)").fetchall()
    except sqlcipher3.DatabaseError as error:
        return [f"the structure check stopped: {error}"]
    # integrity_check names the database in a heading line ("*** in database main ***").
    problems = [str(row[0]) for row in rows if str(row[0]) != "ok" and "***" not in str(row[0])]
    try:
        connection.execute("PRAGMA foreign_key_check").fetchmany(1)
    except sqlcipher3.DatabaseError as error:
        problems.append(f"the links between records could not be checked: {error}")
    return problems
