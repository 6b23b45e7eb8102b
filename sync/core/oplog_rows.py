"""The op log's bulk writes, kept cheap per row: an import logs seven ops per note."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select

from sync.core.codec import encode_body
from sync.core.ops import Op
from sync.core.schema import SyncConflict, SyncOp


def insert_local_ops(connection: Connection, ops: Sequence[Op]) -> None:
    """Append this device's new ops (not yet in any bundle) to the log."""
    connection.exec_driver_sql(_INSERT_LOCAL_OPS, [_local_op_values(op) for op in ops])


# Plain values straight to the driver: SQLAlchemy's per-row parameter processing cost more than
# SQLite's inserts (every column here is an int or a str; unsent ops have no bundle yet).
_INSERT_LOCAL_OPS = (
    f"INSERT INTO {SyncOp.__tablename__} "
    "(device_id, changeset, idx, wall, counter, entity, key, kind, body, bundle_seq) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
)


def _local_op_values(op: Op) -> tuple[Any, ...]:
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
