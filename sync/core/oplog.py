"""The op log: turning row changes into ops of a changeset, and reading logged ops (DESIGN §4).

Only sessions whose `info` carries CAPTURE log ops (sync.core.capture installs the hooks that
call into this module); sessions applying received ops set APPLYING, so applying never makes ops.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, bindparam, delete, inspect, select, update
from sqlalchemy.orm import Session

from models.entities import Meta
from sync.core.clock import SYSTEM_CLOCK, Clock, clock_of
from sync.core.codec import EMPTY_BODY, op_from_row
from sync.core.forget import forget_after_edits, note_purged
from sync.core.hooks import CAPTURE

# Where migrations and the apply step found them:
from sync.core.oplog_rows import OP_COLUMNS as OP_COLUMNS
from sync.core.oplog_rows import (
    filled_rows,
    insert_op_rows,
    insert_rows,
    local_op_values,
    settle_conflicts,
)
from sync.core.oplog_rows import ops_for_keys as ops_for_keys
from sync.core.ops import ADD, PURGE, PUT, REMOVE, REMOVED_ADDS, Hlc, Op, OpRef, fold, tick
from sync.core.schema import SyncClock, SyncConflict, SyncOp
from sync.core.tables import (
    BY_ENTITY,
    BY_MODEL,
    PLAIN_TYPES,
    REF_TABLES,
    SYNCED_TABLES,
    SyncedTable,
    encode_value,
)

APPLYING = "oplog.applying"
DRAFTS = "oplog.drafts"
TX = "oplog.tx"
# A clock this far ahead of the wall clock is stuck in the future (see _recovered); changes
# stamped more than a day ahead are set aside by readers (sync.receive.FUTURE_LIMIT_MS).
STUCK_AHEAD_MS = 10 * 60 * 1000
PLAUSIBLE_AHEAD_MS = 24 * 3600 * 1000


class OpLogError(RuntimeError):
    """A write would bypass the op log (and so never sync); use the ORM or a bulk insert."""


@dataclass
class Draft:
    """A row change seen during a flush, before ids are translated and prev refs looked up."""

    spec: SyncedTable
    kind: str
    row: dict[str, Any]
    changed: tuple[str, ...]


@dataclass
class Changeset:
    device_id: str
    changeset: int
    hlc: Hlc
    next_idx: int = 0
    ref_keys: dict[str, dict[str, str]] = field(default_factory=dict)


@contextmanager
def applying(session: Session) -> Iterator[Session]:
    """Writes inside this block come from sync: they are applied, never captured as new ops."""
    session.info[APPLYING] = True
    try:
        yield session
    finally:
        session.info.pop(APPLYING, None)


def capturing(session: Session | None) -> bool:
    return bool(
        session is not None and session.info.get(CAPTURE) and not session.info.get(APPLYING)
    )


def insert_new_rows(
    session: Session, batches: Sequence[tuple[Any, Sequence[dict[str, Any]]]]
) -> list[list[dict[str, Any]]]:
    """Insert new rows with plain statements and log those of synced models as ops, in order.

    For the hot paths of saving a note and importing a workbook: the unit of work (objects,
    dependency sort, a flush event per mapper) and even the ORM's bulk insert cost more than
    the inserts themselves. Rows are written with their column defaults filled in, logged
    exactly as a flush of the same objects would log them, and returned as written. Models that
    do not sync (the audit trail) are inserted alike and log nothing.
    """
    session.flush()  # rows pending in the session may be what these rows refer to
    connection = session.connection()
    drafts: list[Draft] = []
    written: list[list[dict[str, Any]]] = []
    for model, values in batches:
        spec = BY_MODEL.get(model)
        table = spec.table if spec is not None else model.__table__
        rows = filled_rows(table, values)
        written.append(rows)
        if not rows:
            continue
        insert_rows(connection, table, rows)
        if spec is not None:
            drafts.extend(inserted_drafts(spec, rows))
    if drafts and capturing(session):
        write_drafts(connection, current_changeset(session), drafts)
    return written


def inserted_drafts(spec: SyncedTable, rows: Sequence[dict[str, Any]]) -> list[Draft]:
    """Drafts for rows inserted whole: a put of every field (an add, for a tag link)."""
    kind = ADD if spec.link else PUT
    changed = (*spec.identity, *spec.fields)
    names = frozenset(changed)
    # A row naming every field is logged from as it is (drafts are only read; extra columns,
    # such as a reference row's local id, are never looked at).
    return [
        Draft(spec, kind, row if row.keys() >= names else {n: row.get(n) for n in changed}, changed)
        for row in rows
    ]


def local_device_id(connection: Connection) -> str:
    device_id = connection.scalar(select(Meta.value).where(Meta.key == "device_id"))
    if not device_id:
        raise OpLogError("this store has no device id")
    return str(device_id)


def current_changeset(session: Session) -> Changeset:
    current = session.info.get(TX)
    if current is None:
        connection = session.connection()
        device_id = session.info.get("device_id") or local_device_id(connection)
        session.info["device_id"] = device_id
        current = start_changeset(connection, device_id, clock_of(session))
        session.info[TX] = current
    assert isinstance(current, Changeset)
    return current


# Built once: every save runs these, and building a statement costs more than running it.
_READ_CLOCK = select(SyncClock.wall, SyncClock.counter, SyncClock.changeset).where(
    SyncClock.id == 1
)
_WRITE_CLOCK = (
    update(SyncClock)
    .where(SyncClock.id == 1)
    .values(wall=bindparam("wall"), counter=bindparam("counter"), changeset=bindparam("number"))
)


def start_changeset(connection: Connection, device_id: str, clock: Clock) -> Changeset:
    """Number a new changeset and stamp it; persisted in the caller's transaction."""
    stored = connection.execute(_READ_CLOCK).one()
    now = clock.now_ms()
    last = Hlc(stored.wall, stored.counter)
    if last.wall > now + STUCK_AHEAD_MS:
        last = _recovered(connection, now)
    stamp = tick(last, now)
    number = stored.changeset + 1
    connection.execute(
        _WRITE_CLOCK, {"wall": stamp.wall, "counter": stamp.counter, "number": number}
    )
    return Changeset(device_id, number, stamp)


def _recovered(connection: Connection, now: int) -> Hlc:
    """The clock to go on from when it stands far ahead of the wall clock.

    Either this computer's clock was wrong and is right again (its ops were stamped days ahead:
    going on from there would keep every later bundle "in the future", set aside, for good), or
    it is wrong now (set back). Going on from the latest logged change that is not implausibly
    far ahead (of any device, this one included) serves both: later edits still sort after
    everything plausible this device made or saw, and the clock is no longer stuck ahead. Edits
    stamped days ahead while the clock was wrong keep their stamps.
    """
    row = connection.execute(
        select(SyncOp.wall, SyncOp.counter)
        .where(SyncOp.wall <= now + PLAUSIBLE_AHEAD_MS)
        .order_by(SyncOp.wall.desc(), SyncOp.counter.desc())
        .limit(1)
    ).first()
    return Hlc(row.wall, row.counter) if row is not None else Hlc(now, 0)


def _ref_keys_query(model: Any) -> Select[Any]:
    return select(model.id, model.key)


_REF_KEYS = {entity: _ref_keys_query(model) for entity, model in REF_TABLES.items()}


def _ref_key(connection: Connection, tx: Changeset, entity: str, local_id: Any) -> str | None:
    if local_id is None:
        return None
    keys = tx.ref_keys.get(entity)
    if keys is None or local_id not in keys:
        keys = {row[0]: row[1] for row in connection.execute(_REF_KEYS[entity])}
        tx.ref_keys[entity] = keys
    if local_id not in keys:
        raise OpLogError(f"no {entity} with id {local_id}")
    return keys[local_id]


def _translated(connection: Connection, tx: Changeset, draft: Draft) -> dict[str, Any]:
    if not draft.spec.refs:
        return draft.row  # read only from here on
    row = dict(draft.row)
    for column, entity in draft.spec.refs.items():
        if column in row:
            row[column] = _ref_key(connection, tx, entity, row[column])
    return row


def _history(
    connection: Connection, drafts: Sequence[Draft], keys: Sequence[str]
) -> dict[str, dict[str, list[Op]]]:
    """The logged ops of the keys whose new ops must name what they replace or remove."""
    wanted: dict[str, set[str]] = {}
    for draft, key in zip(drafts, keys, strict=True):
        tracked = draft.spec.text_fields | draft.spec.withdraw_fields
        text_changed = draft.kind == PUT and tracked.intersection(draft.changed)
        if draft.kind in (REMOVE, PURGE) or text_changed:
            wanted.setdefault(draft.spec.entity, set()).add(key)
    return {entity: ops_for_keys(connection, entity, sorted(k)) for entity, k in wanted.items()}


def _op_of(tx: Changeset, draft: Draft, row: dict[str, Any], key: str, known: list[Op]) -> Op:
    spec = draft.spec
    values: dict[str, Any] = {}
    prev: dict[str, tuple[OpRef, ...]] = {}
    if draft.kind in (PUT, ADD):
        fields = spec.field_set
        values = {
            name: value if type(value) in PLAIN_TYPES else encode_value(spec, name, value)
            for name in draft.changed
            if name in fields
            for value in (row[name],)
        }
    if draft.kind == REMOVE:
        prev[REMOVED_ADDS] = tuple(op.ref for op in known if op.kind == ADD)
    if draft.kind == PUT:
        prev.update(_replaced(spec, known, values))
    op = Op(
        (tx.device_id, tx.changeset, tx.next_idx),
        tx.hlc,
        spec.entity,
        key,
        draft.kind,
        values,
        prev,
    )
    tx.next_idx += 1
    return op


def write_drafts(connection: Connection, tx: Changeset, drafts: Sequence[Draft]) -> None:
    """Turn drafts into ops of the changeset `tx` and append them to the log."""
    ops: list[Op] = []
    logged_rows: list[tuple[Any, ...]] = []
    rows = [_translated(connection, tx, draft) for draft in drafts]
    keys = [d.spec.row_key(row) for d, row in zip(drafts, rows, strict=True)]
    history = _history(connection, drafts, keys)
    device_id, changeset, stamp = tx.device_id, tx.changeset, tx.hlc
    for draft, row, key in zip(drafts, rows, keys, strict=True):
        spec = draft.spec
        logged = history.get(spec.entity)
        if logged is None and draft.kind == ADD and not spec.fields:
            # A tag link joining its set (most ops of an import): no values, nothing replaced,
            # and nothing after this reads it, so its log row is written without an Op.
            wall, counter, idx = stamp.wall, stamp.counter, tx.next_idx
            logged_rows.append(
                (device_id, changeset, idx, wall, counter, spec.entity, key, ADD, EMPTY_BODY)
            )
            tx.next_idx += 1
            continue
        op = _op_of(tx, draft, row, key, logged.get(key, []) if logged is not None else [])
        ops.append(op)
        logged_rows.append(local_op_values(op))
        if logged is not None:
            logged.setdefault(key, []).append(op)
    for start in range(0, len(logged_rows), 5000):
        insert_op_rows(connection, logged_rows[start : start + 5000])
    _after_local_ops(connection, ops)
    forget_after_edits(connection, ops, history)


def _replaced(
    spec: SyncedTable, known: Sequence[Op], values: dict[str, Any]
) -> dict[str, tuple[OpRef, ...]]:
    """What a put replaces: the heads of each free-text field it writes, and the standing
    versions of each withdrawable field (named even when none, so readers know it saw them)."""
    if not known:  # a new record (every record of an import): nothing to replace
        return {name: () for name in spec.withdraw_fields.intersection(values)}
    state = fold(known, text_fields=spec.text_fields, withdraw_fields=spec.withdraw_fields)
    prev: dict[str, tuple[OpRef, ...]] = {}
    if known:
        for name in spec.text_fields.intersection(values):
            prev[name] = tuple(head.ref for head in state.heads.get(name, ()))
    for name in spec.withdraw_fields.intersection(values):
        prev[name] = tuple(version.ref for version in state.standing.get(name, ()))
    return prev


def _after_local_ops(connection: Connection, ops: Sequence[Op]) -> None:
    """A local text edit names every head it saw, so it settles that field's conflict; a purge
    erases the content the log still holds for its key."""
    settled = [
        (op.entity, op.key, name) for op in ops if op.kind == PUT and op.prev for name in op.prev
    ]
    if settled:
        settle_conflicts(connection, settled)
    for op in ops:
        if op.kind == PURGE and not BY_ENTITY[op.entity].link:
            scrub(connection, op.entity, op.key)


def scrub(connection: Connection, entity: str, key: str) -> None:
    """Erase what the log holds of a purged key (the ops stay, so duplicates remain detectable)."""
    note_purged(connection, entity, key)
    connection.execute(
        update(SyncOp)
        .where(SyncOp.entity == entity, SyncOp.key == key, SyncOp.kind != PURGE)
        .values(body="{}")
    )
    connection.execute(
        delete(SyncConflict).where(SyncConflict.entity == entity, SyncConflict.key == key)
    )


def record_baseline(connection: Connection) -> int:
    """Log the rows a store held before sync existed as one changeset, so they sync too.

    Reference data (groups, services) is seeded identically on every device and is left out.
    """
    device_id = connection.scalar(select(Meta.value).where(Meta.key == "device_id"))
    if not device_id:
        return 0
    drafts: list[Draft] = []
    inspector = inspect(connection)
    for spec in SYNCED_TABLES:
        # Tables made by later migrations hold nothing yet at this revision.
        if spec.local_id or not inspector.has_table(spec.table.name):
            continue
        # Run by migration 0003 on a schema that later migrations extend: log the columns
        # the table has at that revision (later ones start at their defaults everywhere).
        present = {column["name"] for column in inspector.get_columns(spec.table.name)}
        names = tuple(n for n in (*spec.identity, *spec.fields) if n in present)
        columns = [spec.table.c[name] for name in names]
        for row in connection.execute(select(*columns)):
            drafts.append(
                Draft(spec, ADD if spec.link else PUT, dict(zip(names, row, strict=True)), names)
            )
    if not drafts:
        return 0
    write_drafts(connection, start_changeset(connection, str(device_id), SYSTEM_CLOCK), drafts)
    return len(drafts)


def iter_outbox(connection: Connection, device_id: str) -> Iterable[Op]:
    """Local ops not yet sealed into a bundle, in the order they were made.

    Received ops always carry their bundle number, so unsealed ops are this device's own.
    """
    for row in connection.execute(
        # No device_id condition: it would steer SQLite to the primary key and a full scan.
        select(SyncOp).where(SyncOp.bundle_seq.is_(None)).order_by(SyncOp.changeset, SyncOp.idx)
    ):
        yield op_from_row(row)
