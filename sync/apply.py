"""Apply received ops to the store: log them once, re-merge each touched key, write the rows.

Every touched key is re-folded from all its logged ops with the pure `sync.core.ops.fold`, so the
rows always equal the merge of the whole log, whatever order bundles arrived in. Runs inside the
caller's transaction with capture switched off: applying never makes new ops.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from models.ids import new_id
from sync.core import oplog
from sync.core.clock import Clock, clock_of
from sync.core.codec import op_row
from sync.core.forget import forget_replaced
from sync.core.ops import PURGE, Hlc, KeyState, Op, fold, observe
from sync.core.schema import SyncClock, SyncConflict, SyncOp
from sync.core.tables import BY_ENTITY, REF_TABLES, SYNCED_TABLES, SyncedTable, decode_value
from sync.errors import SyncError
from sync.forgotten import blank_history, forgotten_among
from sync.set_aside import SetAside, record, screen

_CHUNK = 500


@dataclass(frozen=True)
class ApplyResult:
    new_ops: int
    duplicates: int
    keys: int
    set_aside: tuple[SetAside, ...] = ()


def apply_ops(
    session: Session,
    ops: Sequence[Op],
    *,
    bundle_seq: int | None,
    on_server: bool = False,
    source: str = "",
) -> ApplyResult:
    """Merge `ops` into the store in the session's transaction (the caller commits).

    `on_server`: the ops came from the PostgreSQL server, so they are never pushed back to it.
    Ops this store cannot apply are set aside (recorded with their reason, from `source`).
    """
    with oplog.applying(session):
        connection = session.connection()
        ops, set_aside = screen(connection, ops)
        record(session, set_aside, source=source or ("postgres" if on_server else "folder"))
        fresh = _unseen(connection, ops)
        for start in range(0, len(fresh), 5000):
            chunk = fresh[start : start + 5000]
            rows = [op_row(op, bundle_seq) for op in chunk]
            if on_server:
                for row in rows:
                    row["on_server"] = True
            connection.execute(insert(SyncOp), rows)
        if fresh:
            _observe_clock(connection, max(op.hlc for op in fresh), clock_of(session))
        touched: dict[str, set[str]] = defaultdict(set)
        for op in fresh:
            touched[op.entity].add(op.key)
        _blank_forgotten(connection, touched)
        writer = _RowWriter(connection)
        for spec in SYNCED_TABLES:
            if touched.get(spec.entity):
                writer.write(spec, sorted(touched[spec.entity]))
        keys = sum(map(len, touched.values()))
        return ApplyResult(len(fresh), len(ops) - len(fresh), keys, tuple(set_aside))


def refold_keys(session: Session, touched: dict[str, set[str]]) -> None:
    """Rewrite the rows and open conflicts of these keys from all their logged ops (no capture).

    For changes to the log itself, such as renaming a device's ops after a clone.
    """
    with oplog.applying(session):
        writer = _RowWriter(session.connection())
        for spec in SYNCED_TABLES:
            if touched.get(spec.entity):
                writer.write(spec, sorted(touched[spec.entity]))


def _blank_forgotten(connection: Connection, touched: dict[str, set[str]]) -> None:
    """Changes to notes this laptop forgot (delete after sync) arrive without their text."""
    for entity, keys in touched.items():
        if not BY_ENTITY[entity].link:
            forgotten = forgotten_among(connection, entity, sorted(keys))
            if forgotten:
                blank_history(connection, entity, forgotten)


def _unseen(connection: Connection, ops: Sequence[Op]) -> list[Op]:
    by_device: dict[str, list[Op]] = defaultdict(list)
    for op in ops:
        by_device[op.ref[0]].append(op)
    fresh: list[Op] = []
    for device_id, device_ops in by_device.items():
        low = min(op.ref[1] for op in device_ops)
        high = max(op.ref[1] for op in device_ops)
        seen: set[tuple[int, int]] = {
            (changeset, idx)
            for changeset, idx in connection.execute(
                select(SyncOp.changeset, SyncOp.idx).where(
                    SyncOp.device_id == device_id, SyncOp.changeset.between(low, high)
                )
            )
        }
        for op in device_ops:
            if (op.ref[1], op.ref[2]) not in seen:
                seen.add((op.ref[1], op.ref[2]))
                fresh.append(op)
    return fresh


def _observe_clock(connection: Connection, remote: Hlc, clock: Clock) -> None:
    wall, counter = connection.execute(
        select(SyncClock.wall, SyncClock.counter).where(SyncClock.id == 1)
    ).one()
    stamp = observe(Hlc(wall, counter), remote, clock.now_ms())
    connection.execute(
        update(SyncClock).where(SyncClock.id == 1).values(wall=stamp.wall, counter=stamp.counter)
    )


class _RowWriter:
    """Writes folded states to their tables, resolving group/service keys to local ids."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._ids: dict[str, dict[str, str]] = {}

    def local_id(self, entity: str, key: str | None) -> str | None:
        if key is None:
            return None
        ids = self._ids.get(entity)
        if ids is None or key not in ids:
            model: Any = REF_TABLES[entity]
            ids = dict(self.connection.execute(select(model.key, model.id)).all())
            self._ids[entity] = ids
        if key not in ids:
            raise SyncError(f"received a reference to an unknown {entity} {key!r}")
        return ids[key]

    def write(self, spec: SyncedTable, keys: list[str]) -> None:
        if not spec.link:  # a forgotten record stays gone from this laptop (sync.forgotten)
            forgotten = forgotten_among(self.connection, spec.entity, keys)
            keys = [key for key in keys if key not in forgotten]
        logged = oplog.ops_for_keys(self.connection, spec.entity, keys)
        states = {
            key: fold(
                logged.get(key, []),
                text_fields=spec.text_fields,
                withdraw_fields=spec.withdraw_fields,
            )
            for key in keys
        }
        if spec.text_fields:
            forget_replaced(self.connection, spec.text_fields, logged)
        gone = [key for key, state in states.items() if not state.exists]
        live = {key: state for key, state in states.items() if state.exists}
        rows = {key: self._row(spec, key, state) for key, state in live.items()}
        orphaned = self._without_parents(spec, rows)
        for key in orphaned:
            del rows[key]
        self._delete(spec, [*gone, *orphaned], purged=[k for k in gone if states[k].purged])
        if spec.link:
            self._write_links(spec, rows)
        else:
            self._write_records(spec, rows)
            self._write_conflicts(spec, live)

    def _row(self, spec: SyncedTable, key: str, state: KeyState) -> dict[str, Any]:
        try:
            identity = spec.identity_of(key)
            row = dict(zip(spec.identity, identity, strict=True))
            for name, value in state.values.items():
                if name in spec.fields:
                    row[name] = decode_value(spec, name, value)
        except (ValueError, TypeError) as error:
            raise SyncError(f"a received {spec.entity} has a bad value: {error}") from error
        for column, entity in spec.refs.items():
            if column in row:
                row[column] = self.local_id(entity, row[column])
        return row

    def _without_parents(self, spec: SyncedTable, rows: dict[str, dict[str, Any]]) -> list[str]:
        """Keys whose parent row is gone because it was purged (purge wins over new children)."""
        orphaned: set[str] = set()
        for column, entity in spec.parents.items():
            parent = BY_ENTITY[entity]
            wanted = sorted({str(row[column]) for row in rows.values() if column in row})
            present: set[str] = set()
            id_column = parent.table.c[parent.identity[0]]
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                present.update(
                    self.connection.scalars(select(id_column).where(id_column.in_(chunk)))
                )
            missing = set(wanted) - present
            if not missing:
                continue
            purged = set(
                self.connection.scalars(
                    select(SyncOp.key).where(
                        SyncOp.entity == entity,
                        SyncOp.kind == PURGE,
                        SyncOp.key.in_(sorted(missing)),
                    )
                )
            )
            purged |= forgotten_among(self.connection, entity, sorted(missing - purged))
            if missing - purged:
                raise SyncError(
                    f"a received {spec.entity} refers to {entity} {sorted(missing - purged)[0]} "
                    "which has not arrived yet"
                )
            orphaned.update(key for key, row in rows.items() if str(row.get(column)) in purged)
        return sorted(orphaned)

    def _identity_clause(self, spec: SyncedTable) -> Any:
        table = spec.table
        return and_(*(table.c[name] == bindparam(f"_id_{name}") for name in spec.identity))

    def _delete(self, spec: SyncedTable, keys: list[str], *, purged: list[str]) -> None:
        if not keys:
            return
        table = spec.table
        params = []
        for key in keys:
            identity = spec.identity_of(key)
            values = dict(zip(spec.identity, identity, strict=True))
            for column, entity in spec.refs.items():
                if column in values:
                    values[column] = self.local_id(entity, values[column])
            params.append({f"_id_{name}": values[name] for name in spec.identity})
        if not spec.link:
            for key in keys:
                self._delete_children(spec, spec.identity_of(key)[0])
        self.connection.execute(delete(table).where(self._identity_clause(spec)), params)
        for key in purged:
            oplog.scrub(self.connection, spec.entity, key)

    def _delete_children(self, parent: SyncedTable, parent_id: Any) -> None:
        """Rows that cannot outlive a purged parent (notes of an activity, actions of a theme)."""
        for spec in SYNCED_TABLES:
            for column, entity in spec.parents.items():
                if entity == parent.entity and not spec.link:
                    table = spec.table
                    children = list(
                        self.connection.scalars(
                            select(table.c[spec.identity[0]]).where(table.c[column] == parent_id)
                        )
                    )
                    for child in children:
                        self._delete_children(spec, child)
                    self.connection.execute(delete(table).where(table.c[column] == parent_id))

    def _write_links(self, spec: SyncedTable, rows: dict[str, dict[str, Any]]) -> None:
        if not rows:
            return
        statement = sqlite_insert(spec.table)
        if spec.fields:
            statement = statement.on_conflict_do_update(
                index_elements=list(spec.identity),
                set_={name: statement.excluded[name] for name in spec.fields},
            )
        else:
            statement = statement.on_conflict_do_nothing()
        full = [
            {name: row.get(name) for name in (*spec.identity, *spec.fields)}
            for row in rows.values()
        ]
        self.connection.execute(statement, full)

    def _insert_grouped(self, spec: SyncedTable, inserts: list[dict[str, Any]]) -> None:
        """Insert rows in one statement per set of columns (rows may carry different fields)."""
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for row in inserts:
            by_columns[tuple(sorted(row))].append(row)
        for group in by_columns.values():
            self.connection.execute(insert(spec.table), group)

    def _write_records(self, spec: SyncedTable, rows: dict[str, dict[str, Any]]) -> None:
        if not rows:
            return
        table = spec.table
        id_name = spec.identity[0]
        id_column = table.c[id_name]
        keys = sorted(rows)
        existing: set[str] = set()
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            existing.update(self.connection.scalars(select(id_column).where(id_column.in_(chunk))))
        inserts = [rows[key] for key in keys if key not in existing]
        if spec.local_id:
            for row in inserts:
                row["id"] = new_id()
        self._insert_grouped(spec, inserts)
        updates: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for key in keys:
            if key in existing:
                row = rows[key]
                names = tuple(sorted(name for name in row if name not in spec.identity))
                if names:
                    updates[names].append({**row, f"_id_{id_name}": row[id_name]})
        for names, params in updates.items():
            statement = (
                update(table)
                .where(self._identity_clause(spec))
                .values({name: bindparam(name) for name in names})
            )
            self.connection.execute(statement, params)

    def _write_conflicts(self, spec: SyncedTable, states: dict[str, KeyState]) -> None:
        if not spec.text_fields:
            return
        keys = sorted(states)
        for start in range(0, len(keys), _CHUNK):
            self.connection.execute(
                delete(SyncConflict).where(
                    SyncConflict.entity == spec.entity,
                    SyncConflict.key.in_(keys[start : start + _CHUNK]),
                )
            )
        rows = [
            {"entity": spec.entity, "key": key, "field": name, "heads": encode_heads(heads)}
            for key, state in states.items()
            for name, heads in state.conflicts().items()
        ]
        if rows:
            self.connection.execute(insert(SyncConflict), rows)


def encode_heads(heads: Sequence[Any]) -> str:
    return json.dumps(
        [
            {"ref": list(head.ref), "hlc": [head.hlc.wall, head.hlc.counter], "value": head.value}
            for head in heads
        ],
        separators=(",", ":"),
        ensure_ascii=False,
    )
