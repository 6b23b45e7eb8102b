"""The op log's bulk writes, kept cheap per row: an import logs seven ops per note."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Table, bindparam, delete, select

from sync.core.codec import encode_body, op_from_row
from sync.core.ops import Op
from sync.core.schema import SyncConflict, SyncOp
from sync.core.tables import SyncedTable


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert new rows with each value converted as SQLAlchemy converts it (times to text,
    lists to JSON, flags to 0/1), then handed straight to the driver.

    For the writes of many rows (an import, a saved note's links): building each row's
    parameters through a statement's execution machinery cost more than SQLite's inserts.
    Consecutive rows naming the same columns go in one executemany; a column a row leaves out
    takes the database's default, as with insert(table).
    """
    start = 0
    while start < len(rows):
        names = tuple(rows[start])
        end = start + 1
        while end < len(rows) and rows[end].keys() == rows[start].keys():
            end += 1
        statement, values = _insert_statement(connection.dialect, table, names)
        connection.exec_driver_sql(statement, [values(row) for row in rows[start:end]])
        start = end


_RowValues = Callable[[dict[str, Any]], Sequence[Any]]
_INSERTS: dict[tuple[str, str, tuple[str, ...]], tuple[str, _RowValues]] = {}


def _insert_statement(
    dialect: Dialect, table: Table, names: tuple[str, ...]
) -> tuple[str, _RowValues]:
    """The INSERT naming these columns and how to take a row's values for it, made once."""
    cache_key = (dialect.name, table.name, names)
    made = _INSERTS.get(cache_key)
    if made is None:
        if dialect.paramstyle != "qmark":
            raise ValueError(f"plain inserts are written for SQLite, not {dialect.name}")
        if not names:
            raise ValueError(f"a row for {table.name} names no column")
        unknown = [name for name in names if name not in table.c]
        if unknown:
            raise ValueError(f"{table.name} has no column {unknown[0]!r}")
        quote = dialect.identifier_preparer.quote
        columns = [table.c[name] for name in names]
        statement = (
            f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        converters = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
        made = _INSERTS[cache_key] = (statement, _values_of(names, converters))
    return made


def _values_of(names: tuple[str, ...], converters: list[Any]) -> _RowValues:
    take = itemgetter(*names)
    converted = [(index, convert) for index, convert in enumerate(converters) if convert]
    if len(names) == 1:
        return lambda row: (converters[0](row[names[0]]) if converted else row[names[0]],)
    if not converted:
        return take  # a tuple of the values, in order

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        found = list(take(row))
        for index, convert in converted:
            found[index] = convert(found[index])
        return tuple(found)  # the driver takes tuples

    return values


def with_defaults(spec: SyncedTable, row: dict[str, Any]) -> dict[str, Any]:
    """The row of a synced table with its column defaults filled in."""
    return fill_defaults(spec.table, row)


def fill_defaults(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row with the Python-side default of each column it leaves out (as an insert would)."""
    for name, default in _column_defaults(table):
        if name not in row:
            row[name] = default.arg(None) if default.is_callable else default.arg
    return row


def filled_rows(table: Table, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of the rows with their defaults filled in (the defaults looked up once)."""
    defaults = _column_defaults(table)
    filled = []
    for given in rows:
        row = dict(given)
        for name, default in defaults:
            if name not in row:
                row[name] = default.arg(None) if default.is_callable else default.arg
        filled.append(row)
    return filled


_DEFAULTS: dict[Table, list[tuple[str, Any]]] = {}


def _column_defaults(table: Table) -> list[tuple[str, Any]]:
    found = _DEFAULTS.get(table)
    if found is None:
        found = _DEFAULTS[table] = [
            (column.key, column.default)
            for column in table.columns
            if column.default is not None
            and (column.default.is_callable or column.default.is_scalar)
        ]
    return found


def insert_local_ops(connection: Connection, ops: Sequence[Op]) -> None:
    """Append this device's new ops (not yet in any bundle) to the log."""
    insert_op_rows(connection, [local_op_values(op) for op in ops])


def insert_op_rows(connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Append log rows of this device's new ops, each as local_op_values makes them."""
    if rows:
        connection.exec_driver_sql(_INSERT_LOCAL_OPS, rows)


# Plain values straight to the driver: SQLAlchemy's per-row parameter processing cost more than
# SQLite's inserts (every column here is an int or a str; unsent ops have no bundle yet).
_INSERT_LOCAL_OPS = (
    f"INSERT INTO {SyncOp.__tablename__} "
    "(device_id, changeset, idx, wall, counter, entity, key, kind, body, bundle_seq) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
)


def local_op_values(op: Op) -> tuple[Any, ...]:
    device_id, changeset, idx = op.ref
    hlc = op.hlc
    return (
        device_id,
        changeset,
        idx,
        hlc.wall,
        hlc.counter,
        op.entity,
        op.key,
        op.kind,
        encode_body(op),
    )


_OPEN_CONFLICTS = select(SyncConflict.entity, SyncConflict.key, SyncConflict.field)
_SETTLE = delete(SyncConflict).where(
    SyncConflict.entity == bindparam("entity"),
    SyncConflict.key == bindparam("key"),
    SyncConflict.field == bindparam("field"),
)


def settle_conflicts(connection: Connection, fields: Sequence[tuple[str, str, str]]) -> None:
    """Delete the open conflicts of these (entity, key, field)s. Conflicts are few (people
    settle them) while a save or an import writes many fields: read them once, delete matches,
    rather than one DELETE statement per op (most of an import's capture cost)."""
    open_now = {tuple(row) for row in connection.execute(_OPEN_CONFLICTS)}
    if not open_now:
        return
    matches = open_now.intersection(fields)
    if matches:
        connection.execute(
            _SETTLE, [{"entity": e, "key": k, "field": f} for e, k, f in sorted(matches)]
        )


# The columns an Op is made from, named so that code run by older migrations (before later
# columns of sync_ops existed) still works.
OP_COLUMNS = (
    SyncOp.device_id,
    SyncOp.changeset,
    SyncOp.idx,
    SyncOp.wall,
    SyncOp.counter,
    SyncOp.entity,
    SyncOp.key,
    SyncOp.kind,
    SyncOp.body,
)


_KEYS_PER_QUERY = 500  # well under SQLite's limit on bound parameters
_OPS_FOR_KEYS = select(*OP_COLUMNS).where(
    SyncOp.entity == bindparam("entity"), SyncOp.key.in_(bindparam("keys", expanding=True))
)


def ops_for_keys(connection: Connection, entity: str, keys: Sequence[str]) -> dict[str, list[Op]]:
    """Every logged op of the given keys of one entity (an indexed look-up per chunk)."""
    found: dict[str, list[Op]] = {}
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        chunk = list(keys[start : start + _KEYS_PER_QUERY])
        for row in connection.execute(_OPS_FOR_KEYS, {"entity": entity, "keys": chunk}):
            found.setdefault(row.key, []).append(op_from_row(row))
    return found
