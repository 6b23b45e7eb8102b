"""Rewriting this device's own folder bundles once the op log has forgotten what they hold.

A bundle holding a forgotten text (sync.core.forget) or a purged record is sealed again under
the same number, with each op as the log now holds it, and the ops of a purged record replaced
by the purge itself (a record's first version cannot travel without its content, and the purge
makes a late reader skip it and everything hanging from it). The new file is published, then
the old one deleted. Its header names the first file's hash and a revision, so readers that
applied the bundle take the new file for what it is, not for a cloned device; a reader from
before rewrites, meeting only the new file, applies it like any bundle (same format, same
schema as the first file). Only bundles noted as holding such ops are read, never all of them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, select, tuple_
from sqlalchemy.orm import Session

from models.database import Store
from sync import relay
from sync.bundles import Bundle, open_bundle, seal
from sync.core.codec import encode_body, op_from_row
from sync.core.oplog import OP_COLUMNS
from sync.core.ops import PURGE, Op, OpRef
from sync.core.schema import SyncBundle, SyncBundleRewrite, SyncOp
from sync.errors import BundleRejected
from sync.folder import BundleFile, SyncFolder

_CHUNK = 400


def rewrite_bundles(store: Store, transport: SyncFolder, key: bytes) -> int:
    """Reseal each noted bundle whose ops the log now holds otherwise; returns how many.

    The new files wait in the store like freshly sealed bundles, for the publishing step."""
    with store.session() as session:
        seqs = list(session.scalars(select(SyncBundleRewrite.seq).order_by(SyncBundleRewrite.seq)))
    rewritten = 0
    for seq in seqs:
        with store.session() as session:
            rewritten += _rewrite(session, transport, key, store.device_id, seq)
            session.execute(delete(SyncBundleRewrite).where(SyncBundleRewrite.seq == seq))
    return rewritten


def _rewrite(session: Session, transport: SyncFolder, key: bytes, me: str, seq: int) -> int:
    row = session.get(SyncBundle, (me, seq))
    if row is None or row.direction != "out":
        return 0
    data = row.data
    if data is None:
        data = transport.read(BundleFile(me, seq, row.name, transport.devices / me / row.name))
    bundle = open_bundle(data, key=key, name=row.name)
    ops = current_versions(session.connection(), bundle.ops)
    if ops is None:
        return 0
    header = bundle.header
    original = row.original or bundle.original
    relayed = any(op.ref[0] != me for op in ops)
    row.name, row.data = seal(
        ops,
        device_id=me,
        device_name=header.device_name,
        seq=seq,
        schema=header.schema,  # readable by whoever could read the first file
        deps=header.deps,
        key=key,
        nonce=os.urandom(12),
        relayed_names=relay.device_names(session, ops, me) if relayed else None,
        rewrite=(original, row.revision + 1),
    )
    row.sha256, row.op_count = hashlib.sha256(row.data).hexdigest(), len(ops)
    row.original, row.revision, row.published_at = original, row.revision + 1, None
    return 1


def current_versions(connection: Connection, ops: Sequence[Op]) -> list[Op] | None:
    """The bundle's ops as the log holds them now, a purged record's ops giving way to its
    purge; None when that is what the bundle already holds."""
    changed = _changed(connection, ops)
    purges = _purges(connection, ops)
    if not changed and not any(op.kind != PURGE for op in ops if (op.entity, op.key) in purges):
        return None
    result: list[Op] = []
    placed: set[OpRef] = set()
    for op in ops:
        found = purges.get((op.entity, op.key))
        if found and op.kind != PURGE:
            for purge in found:
                if purge.ref not in placed:
                    placed.add(purge.ref)
                    result.append(purge)
            continue
        if op.ref not in placed:
            placed.add(op.ref)
            result.append(changed.get(op.ref, op))
    return result


def _changed(connection: Connection, ops: Sequence[Op]) -> dict[OpRef, Op]:
    """The log's version of each op it holds otherwise than the bundle, read by primary-key
    ranges (one per device) and compared as stored text, so unchanged ops are never decoded."""
    ranges: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {}
    for op in ops:
        at = (op.ref[1], op.ref[2])
        low, high = ranges.get(op.ref[0], (at, at))
        ranges[op.ref[0]] = (min(low, at), max(high, at))
    bodies: dict[OpRef, Any] = {}
    position = tuple_(SyncOp.changeset, SyncOp.idx)
    for device_id, (low, high) in ranges.items():
        # (changeset, idx) bounds, not changeset alone: one changeset may hold a whole log.
        for row in connection.execute(
            select(*OP_COLUMNS).where(
                SyncOp.device_id == device_id, position >= tuple_(*low), position <= tuple_(*high)
            )
        ):
            bodies[(row.device_id, row.changeset, row.idx)] = row
    changed: dict[OpRef, Op] = {}
    for op in ops:
        stored = bodies.get(op.ref)
        if stored is None or stored.body == encode_body(op):
            continue
        now = op_from_row(stored)
        # Blanked whole without a purge: removed from this laptop only (delete after sync),
        # not from anyone else's, so the shared copy stays as it was.
        if now.values or not op.values:
            changed[op.ref] = now
    return changed


def _purges(connection: Connection, ops: Sequence[Op]) -> dict[tuple[str, str], list[Op]]:
    by_entity: dict[str, set[str]] = {}
    for op in ops:
        by_entity.setdefault(op.entity, set()).add(op.key)
    found: dict[tuple[str, str], list[Op]] = {}
    for entity, keys in by_entity.items():
        ordered = sorted(keys)
        for start in range(0, len(ordered), _CHUNK):
            for row in connection.execute(
                select(*OP_COLUMNS).where(
                    SyncOp.entity == entity,
                    SyncOp.key.in_(ordered[start : start + _CHUNK]),
                    SyncOp.kind == PURGE,
                )
            ):
                found.setdefault((entity, row.key), []).append(op_from_row(row))
    for purges in found.values():
        purges.sort(key=lambda op: op.order)
    return found


def superseded(session: Session, bundle: Bundle) -> bool:
    """Whether a file of this device is an earlier version of a bundle since rewritten."""
    row = session.get(SyncBundle, (bundle.header.device_id, bundle.header.seq))
    return (
        row is not None
        and row.direction == "out"
        and row.original is not None
        and bundle.original == row.original
        and bundle.header.revision < row.revision
    )


def remove_superseded(store: Store, transport: SyncFolder, key: bytes) -> int:
    """Delete this device's files that a published rewrite replaced; returns how many."""
    me = store.device_id
    with store.session() as session:
        current = dict(
            session.execute(
                select(SyncBundle.seq, SyncBundle.name).where(
                    SyncBundle.device_id == me,
                    SyncBundle.direction == "out",
                    SyncBundle.original.is_not(None),
                    SyncBundle.published_at.is_not(None),
                )
            ).all()
        )
        if not current:
            return 0
        removed = 0
        for file in transport.list_bundles().get(me, []):
            if file.seq not in current or current[file.seq] == file.name:
                continue
            try:
                bundle = open_bundle(transport.read(file), key=key, name=file.name, decode=False)
            except BundleRejected:
                continue  # not ours to judge: the clone check reports it
            if bundle.header.device_id == me and superseded(session, bundle):
                transport.remove(file)
                removed += 1
    return removed


__all__ = ["current_versions", "remove_superseded", "rewrite_bundles", "superseded"]
