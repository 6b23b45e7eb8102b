"""What a sync op is, the hybrid logical clock, and the pure merge of one key's ops (DESIGN §4).

Hand-written because the rules are this project's own (last-writer-wins scalars, free-text
heads kept as conflicts, add-wins tag links, purge wins) and small enough to prove with property
tests. It is pure (no database) and lives in models/ because op capture at flush time needs the
clock and the current heads, and models/ must not import sync/.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

PUT, ADD, REMOVE, PURGE = "put", "add", "remove", "purge"
KINDS = (PUT, ADD, REMOVE, PURGE)
# Name of the `prev` entry by which a remove lists the adds it saw (add-wins set).
REMOVED_ADDS = "adds"

OpRef = tuple[str, int, int]
"""(device id, changeset, index): unique for every op ever made, the idempotency key."""


@dataclass(frozen=True, order=True)
class Hlc:
    """Hybrid logical clock stamp: wall time in ms since 1970 (UTC) and a counter."""

    wall: int
    counter: int


def tick(last: Hlc, now_ms: int) -> Hlc:
    """The stamp of a new local event: never behind `last`, even if the wall clock went back."""
    if now_ms > last.wall:
        return Hlc(now_ms, 0)
    return Hlc(last.wall, last.counter + 1)


def observe(last: Hlc, remote: Hlc, now_ms: int) -> Hlc:
    """The clock after seeing a remote stamp: later local events then sort after what was seen."""
    wall = max(last.wall, remote.wall, now_ms)
    if wall == last.wall == remote.wall:
        return Hlc(wall, max(last.counter, remote.counter) + 1)
    if wall == last.wall:
        return Hlc(wall, last.counter + 1)
    if wall == remote.wall:
        return Hlc(wall, remote.counter + 1)
    return Hlc(wall, 0)


@dataclass(frozen=True, eq=False)
class Op:
    """One change to one key of one synced entity.

    put: set fields (a record is created by its first put); `prev` names, per free-text field,
    the heads the writer saw (and so replaces). add/remove: a tag link joins/leaves the set; a
    remove lists in prev["adds"] the adds it saw. purge: the record's content is erased for good.
    """

    ref: OpRef
    hlc: Hlc
    entity: str
    key: str
    kind: str
    values: Mapping[str, Any] = field(default_factory=dict)
    prev: Mapping[str, tuple[OpRef, ...]] = field(default_factory=dict)

    @property
    def order(self) -> tuple[int, int, str, int, int]:
        """Total order for last-writer-wins: HLC, then device id, then position on the device."""
        return (self.hlc.wall, self.hlc.counter, self.ref[0], self.ref[1], self.ref[2])


@dataclass(frozen=True)
class Head:
    """One surviving version of a free-text field."""

    ref: OpRef
    hlc: Hlc
    value: Any


@dataclass(frozen=True)
class KeyState:
    """The merged state of one key: whether it exists, its field values and free-text heads.

    `values` holds only fields some op wrote; `heads` lists, per free-text field, the versions no
    later edit replaced, oldest first; the shown value is the last one.
    """

    exists: bool
    purged: bool
    values: Mapping[str, Any]
    heads: Mapping[str, tuple[Head, ...]]
    # Withdrawable fields (consent): the versions still standing; any withdrawal among them wins.
    standing: Mapping[str, tuple[Head, ...]] = field(default_factory=dict)

    def conflicts(self) -> dict[str, tuple[Head, ...]]:
        return {name: heads for name, heads in self.heads.items() if len(heads) > 1}


def _standing(ordered: list[Op], name: str, replaced: set[OpRef]) -> tuple[Head, ...]:
    """Versions of a withdrawable field no later op replaced. An op naming what it replaced (in
    `prev`) replaces only those; an op from before this rule (no `prev` entry) replaces every
    version ordered before it, as last-writer-wins always did."""
    versions: list[Head] = []
    for op in ordered:
        if op.kind not in (PUT, ADD) or name not in op.values:
            continue
        if name not in op.prev:
            versions = []
        versions.append(Head(op.ref, op.hlc, op.values[name]))
    return tuple(v for v in versions if v.ref not in replaced)


def _replacements(ordered: list[Op]) -> tuple[set[OpRef], dict[str, set[OpRef]]]:
    """(adds some remove saw, refs each field's later writes replaced)."""
    removed: set[OpRef] = set()
    replaced: dict[str, set[OpRef]] = {}
    for op in ordered:
        if op.kind == REMOVE:
            removed.update(op.prev.get(REMOVED_ADDS, ()))
        for name, refs in op.prev.items():
            if name != REMOVED_ADDS:
                replaced.setdefault(name, set()).update(refs)
    return removed, replaced


def _exists(ordered: list[Op], removed: set[OpRef]) -> bool:
    adds = [op for op in ordered if op.kind == ADD]
    if adds:
        return any(op.ref not in removed for op in adds)
    return any(op.kind == PUT for op in ordered)


def _values_and_heads(
    ordered: list[Op], text_fields: frozenset[str], replaced: dict[str, set[OpRef]]
) -> tuple[dict[str, Any], dict[str, tuple[Head, ...]]]:
    """Last-writer-wins values, and the free-text versions no later edit replaced."""
    values: dict[str, Any] = {}
    heads: dict[str, list[Head]] = {}
    for op in ordered:
        if op.kind not in (PUT, ADD):
            continue
        for name, value in op.values.items():
            if name not in text_fields:
                values[name] = value
            elif op.ref not in replaced.get(name, ()):
                heads.setdefault(name, []).append(Head(op.ref, op.hlc, value))
    for name, versions in heads.items():
        values[name] = versions[-1].value
    return values, {name: tuple(versions) for name, versions in heads.items()}


def fold(
    ops: Iterable[Op],
    *,
    text_fields: frozenset[str] = frozenset(),
    withdraw_fields: frozenset[str] = frozenset(),
) -> KeyState:
    """Merge every op known for one key. Any order and any duplication give the same state.

    `withdraw_fields` (consent) are last-writer-wins, except that a withdrawal (false) wins
    over any grant that did not see it, whatever the clocks say."""
    unique: dict[OpRef, Op] = {}
    for op in ops:
        unique.setdefault(op.ref, op)
    ordered = sorted(unique.values(), key=lambda op: op.order)
    if any(op.kind == PURGE for op in ordered):
        return KeyState(exists=False, purged=True, values={}, heads={})
    removed, replaced = _replacements(ordered)
    values, heads = _values_and_heads(ordered, text_fields, replaced)
    standing: dict[str, tuple[Head, ...]] = {}
    for name in withdraw_fields:
        kept = _standing(ordered, name, replaced.get(name, set()))
        if kept:
            standing[name] = kept
            withdrawn = any(v.value is False for v in kept)
            values[name] = False if withdrawn else kept[-1].value
    return KeyState(_exists(ordered, removed), False, values, heads, standing)
