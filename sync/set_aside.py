"""Received ops that cannot be applied: set aside with a reason, never applied, never fatal.

An op is set aside when it fails authentication under the organisation key, or names something
this store does not know (a kind of record, a group or service, a malformed key or value). The
rest of the sync carries on; only the op's id and what it touched are recorded, never content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, String, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sync.core.ops import ADD, PUT, Op
from sync.core.schema import SyncSetAside
from sync.core.tables import BY_ENTITY, REF_TABLES, SYNCED_TABLES, SyncedTable, decode_value


@dataclass(frozen=True)
class SetAside:
    """One op set aside: its id, what it touched and why (no content)."""

    device_id: str
    changeset: int
    idx: int
    entity: str
    key: str
    kind: str
    reason: str

    @classmethod
    def of(cls, op: Op, reason: str) -> SetAside:
        return cls(*op.ref, op.entity, op.key, op.kind, reason)

    def describe(self) -> str:
        return (
            f"a change from device {self.device_id} (#{self.changeset}.{self.idx}, "
            f"{self.kind} {self.entity}) was set aside: {self.reason}"
        )


def _known_refs(connection: Connection, ops: Sequence[Op]) -> dict[str, set[str]]:
    known: dict[str, set[str]] = {}
    for entity, model in REF_TABLES.items():
        table: Any = model
        known[entity] = set(connection.scalars(select(table.key)))
    for op in ops:  # reference rows made in the same batch
        if op.entity in known and op.kind == PUT:
            known[op.entity].add(op.key)
    return known


# Columns that take text as it travels (most do): any string is a good value for them.
_PLAIN_TEXT = {
    (spec.entity, column.key)
    for spec in SYNCED_TABLES
    for column in spec.table.columns
    if isinstance(column.type, String)
}


def _value_problem(spec: SyncedTable, name: str, value: Any, known: dict[str, set[str]]) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and (spec.entity, name) in _PLAIN_TEXT:
        decoded: Any = value  # the common case, checked without decoding (apply decodes it)
    else:
        try:
            decoded = decode_value(spec, name, value)
        except (ValueError, TypeError) as error:
            return f"a bad value for {spec.entity}.{name}: {error}"
    ref = spec.refs.get(name)
    if ref is not None and decoded is not None and decoded not in known[ref]:
        return f"it refers to an unknown {ref} {str(decoded)[:60]!r}"
    return ""


def problem_of(op: Op, known: dict[str, set[str]]) -> str:
    """Why this op cannot be applied to this store ("" when it can)."""
    spec = BY_ENTITY.get(op.entity)
    if spec is None:
        return f"an unknown kind of record {op.entity[:32]!r} (made by a newer Listening Post?)"
    try:
        identity = spec.identity_of(op.key)
    except (ValueError, TypeError):
        return f"a malformed {spec.entity} key"
    pairs = list(zip(spec.identity, identity, strict=True))
    if op.kind in (PUT, ADD):
        # Fields this version does not know are ignored when applied (a newer writer's).
        pairs += [(n, v) for n, v in op.values.items() if n in spec.fields]
    for name, value in pairs:
        problem = _value_problem(spec, name, value, known)
        if problem:
            return problem
    return ""


def screen(connection: Connection, ops: Sequence[Op]) -> tuple[list[Op], list[SetAside]]:
    """Split received ops into those this store can apply and those it sets aside."""
    known = _known_refs(connection, ops)
    good: list[Op] = []
    bad: list[SetAside] = []
    for op in ops:
        problem = problem_of(op, known)
        if problem:
            bad.append(SetAside.of(op, problem))
        else:
            good.append(op)
    return good, bad


def record(session: Session, items: Iterable[SetAside], *, source: str) -> int:
    """Keep what was set aside (once per op) in the caller's transaction; returns how many."""
    rows = [
        {
            "device_id": item.device_id,
            "changeset": item.changeset,
            "idx": item.idx,
            "entity": item.entity[:32],
            "key": item.key[:200],
            "kind": item.kind[:8],
            "source": source[:80],
            "reason": item.reason,
        }
        for item in items
    ]
    if rows:
        session.execute(sqlite_insert(SyncSetAside).on_conflict_do_nothing(), rows)
    return len(rows)


def count_set_aside(session: Session) -> int:
    from sqlalchemy import func

    return int(session.scalar(select(func.count()).select_from(SyncSetAside)) or 0)
