"""`recover`: copy every record that can still be read from a damaged store into a new one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine

from models import migrate
from models.database import StoreError, build_engine
from models.integrity import raw_connection
from models.keys import key_file_for, new_data_key, wrap_key, write_key_file
from models.private_files import create_private_file, make_private_folder

# How far past an unreadable row the copy looks for the next readable one, growing each miss.
_MAX_SKIP = 1 << 40
_BATCH = 500


class _Reader:
    """Reads the damaged store. After a damaged page SQLite's pager keeps failing every read
    on that connection, so each failure closes it and the next read opens a fresh one."""

    def __init__(self, path: Path, data_key: bytes) -> None:
        self.path, self.data_key = path, data_key
        self._connection: sqlcipher3.Connection | None = None

    def rows(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        if self._connection is None:
            self._connection = raw_connection(self.path, self.data_key)
        try:
            return list(self._connection.execute(sql, parameters).fetchall())
        except sqlcipher3.DatabaseError:
            self.close()
            raise

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


@dataclass(frozen=True)
class TableRecovery:
    table: str
    copied: int
    damaged_stretches: int  # runs of rows that could not be read
    unlinked: int  # rows dropped because what they belong to was lost


@dataclass(frozen=True)
class Recovery:
    tables: list[TableRecovery]

    @property
    def complete(self) -> bool:
        return all(not t.damaged_stretches and not t.unlinked for t in self.tables)


def recover_store(source: Path, data_key: bytes, out: Path, passphrase: str) -> Recovery:
    """Copy `source` (opened with its data key) into a new store at `out` under `passphrase`."""
    if out.exists() or key_file_for(out).exists():
        raise StoreError(f"{out} already exists: choose a new file for the recovered store")
    reader = _Reader(source, data_key)
    try:
        revision = _source_revision(reader)
        make_private_folder(out.parent)
        new_key = new_data_key()
        create_private_file(out)
        engine = build_engine(out, new_key)
        try:
            tables = _copy_into(reader, engine, revision)
        finally:
            engine.dispose()
        write_key_file(key_file_for(out), wrap_key(new_key, passphrase))
    except BaseException:
        for leftover in (out, key_file_for(out), *_sidecars(out)):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        reader.close()
    return Recovery(tables)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def _source_revision(reader: _Reader) -> str:
    try:
        row = next(iter(reader.rows("SELECT version_num FROM alembic_version")), None)
    except sqlcipher3.DatabaseError as error:
        raise StoreError(
            "the store is too damaged to recover: its list of tables cannot be read"
        ) from error
    if row is None or not migrate.is_known_revision(str(row[0])):
        raise StoreError("the store's schema version cannot be read or is from a newer version")
    return str(row[0])


def _copy_into(reader: _Reader, engine: Engine, revision: str) -> list[TableRecovery]:
    with engine.begin() as connection:
        migrate.upgrade_to(connection, revision)  # the source's own schema, then upgrade below
    raw = engine.raw_connection()
    try:
        writer = raw.driver_connection
        assert writer is not None
        writer.execute("PRAGMA foreign_keys = OFF")  # parents may be copied after children
        writer.execute("BEGIN IMMEDIATE")
        copied = [
            _copy_table(reader, writer, table)
            for table in _plain_tables(writer)
            if table != "alembic_version"
        ]
        unlinked = _drop_orphans(writer)
        writer.execute("COMMIT")
        writer.execute("PRAGMA foreign_keys = ON")
    finally:
        raw.close()
    with engine.begin() as connection:
        migrate.upgrade_to_head(connection)  # also rebuilds the full-text index
    return [
        TableRecovery(
            t.table,
            t.copied - unlinked.get(t.table, 0),
            t.damaged_stretches,
            unlinked.get(t.table, 0),
        )
        for t in copied
    ]


def _plain_tables(connection: sqlcipher3.Connection) -> list[str]:
    """Ordinary tables only: full-text indexes are rebuilt from the notes, not copied."""
    rows = connection.execute("PRAGMA table_list").fetchall()
    return sorted(
        str(name)
        for schema, name, kind, *_rest in rows
        if schema == "main" and kind == "table" and not str(name).startswith("sqlite_")
    )


def _copy_table(reader: _Reader, writer: sqlcipher3.Connection, table: str) -> TableRecovery:
    columns = [str(row[1]) for row in writer.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{c}"' for c in columns)
    select = f'SELECT rowid, {names} FROM "{table}" WHERE rowid >= ? ORDER BY rowid'
    insert = (
        f'INSERT OR IGNORE INTO "{table}" (rowid, {names}) '
        f"VALUES ({', '.join('?' * (len(columns) + 1))})"
    )
    copied = stretches = 0
    next_rowid: int | None = 0
    batch = _BATCH
    while next_rowid is not None:
        try:
            rows = reader.rows(f"{select} LIMIT {batch}", (next_rowid,))
        except sqlcipher3.DatabaseError:
            if batch > 1:
                batch = 1  # find the bad row one at a time
                continue
            stretches += 1
            next_rowid = _next_readable(reader, select, next_rowid)
            continue
        if not rows:
            break
        writer.executemany(insert, rows)
        copied += len(rows)
        next_rowid, batch = int(str(rows[-1][0])) + 1, _BATCH
    return TableRecovery(table, copied, stretches, 0)


def _readable(reader: _Reader, select: str, rowid: int) -> bool:
    try:
        reader.rows(f"{select} LIMIT 1", (rowid,))
    except sqlcipher3.DatabaseError:
        return False
    return True


def _next_readable(reader: _Reader, select: str, failed: int) -> int | None:
    """The first rowid after `failed` from which rows can be read again, or None if none.

    Leaps (doubling) past the damage, then narrows back so no readable row is skipped.
    """
    low, skip = failed, 1
    while not _readable(reader, select, low + skip):
        if skip > _MAX_SKIP:
            return None
        skip *= 2
    high = low + skip  # readable from here; unreadable from `low`
    while high - low > 1:
        middle = (low + high) // 2
        if _readable(reader, select, middle):
            high = middle
        else:
            low = middle
    return high


def _drop_orphans(writer: sqlcipher3.Connection) -> dict[str, int]:
    """Remove rows whose parent was lost, so the recovered store keeps its links whole."""
    dropped: dict[str, int] = {}
    for _ in range(10):  # a dropped parent can orphan its own children
        orphans = writer.execute("PRAGMA foreign_key_check").fetchall()
        if not orphans:
            break
        for table, rowid, *_rest in orphans:
            writer.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            dropped[str(table)] = dropped.get(str(table), 0) + 1
    return dropped
