"""Recover a restored or copied store: take a new device identity and keep every change it holds.

Two copies of one store write as the same device; their bundles would clash, so sync stops with
CloneDetected. Recovery gives this copy a new device id. What it already shared (its bundles that
sit in the folder exactly as it wrote them) stays shared under the old id, which from now on is
treated as another device's history; everything else it made goes out again under the new id.

Unshared ops keep their clock stamps and positions and change only the device part of their id,
because the other copy may have used the very same (device, changeset, index) ids for different
changes: renaming them is what keeps both copies' edits. References between renamed ops (free-text
predecessors, the adds a tag removal saw, open conflicts) are renamed with them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from models.database import Store
from models.entities import AuditEntry, Device, Meta
from models.ids import new_id, utc_now
from sync.apply import refold_keys
from sync.bundles import read_header
from sync.core.schema import SyncBundle, SyncClock, SyncOp
from sync.errors import BundleRejected
from sync.folder import BundleFile, SyncFolder


@dataclass(frozen=True)
class NewIdentity:
    """What recovery did: the ids, how many bundles stay shared, how many changes go out again."""

    old_device_id: str
    new_device_id: str
    device_name: str
    shared_bundles: int
    resent_changes: int


def shared_bundle_count(ours: dict[int, str], in_folder: list[BundleFile]) -> int:
    """How many of our bundles, from number 1 on, sit in the folder exactly as we wrote them
    (the only file with that number, under our name). After the first that does not, nothing
    of ours can be counted on to have reached anyone intact."""
    names: dict[int, list[str]] = {}
    for file in in_folder:
        names.setdefault(file.seq, []).append(file.name)
    seq = 0
    while seq + 1 in ours and names.get(seq + 1) == [ours[seq + 1]]:
        seq += 1
    return seq


def take_new_device_identity(
    store: Store, folder: Path, *, device_name: str | None = None
) -> NewIdentity:
    """Give this store a new device id (one transaction), keeping all its data and changes.

    Use it on the copy that got CloneDetected, with the folder it was syncing with; the next
    sync then sends its unshared changes under the new id and applies the other copy's changes.
    Raises SyncFolderUnavailable if the folder cannot be read (nothing changed then).
    """
    transport = SyncFolder(folder)
    transport.check()
    in_folder = transport.list_bundles().get(store.device_id, [])
    with store.session() as session:
        ours = _our_bundles(session, store.device_id)
        identities = dict(
            session.execute(
                select(SyncBundle.seq, func.coalesce(SyncBundle.original, SyncBundle.sha256)).where(
                    SyncBundle.device_id == store.device_id, SyncBundle.direction == "out"
                )
            ).all()
        )
    in_folder = [_as_ours(transport, file, ours, identities) for file in in_folder]
    return _adopt_new_identity(store, shared_bundle_count(ours, in_folder), device_name)


def _as_ours(
    transport: SyncFolder, file: BundleFile, ours: dict[int, str], identities: dict[int, str]
) -> BundleFile:
    """A file the other copy rewrote from one of ours (forgetting text) still carries our ops:
    it counts as ours, under our name."""
    if file.seq not in ours or file.name == ours[file.seq]:
        return file
    try:
        header = read_header(transport.read(file))[0]
    except BundleRejected:
        return file
    if header.original is not None and header.original == identities.get(file.seq):
        return replace(file, name=ours[file.seq])
    return file


def take_identity_after_restore(store: Store) -> NewIdentity:
    """A store restored from a backup takes a new device id at once: the laptop it was copied
    from may still be writing under the old one. Bundles it had sent count as shared (they were
    written before the backup); everything else goes out again under the new id."""
    with store.session() as session:
        ours = _our_bundles(session, store.device_id)
    return _adopt_new_identity(store, max(ours, default=0), None)


def _our_bundles(session: Session, device_id: str) -> dict[int, str]:
    return dict(
        session.execute(
            select(SyncBundle.seq, SyncBundle.name).where(
                SyncBundle.device_id == device_id, SyncBundle.direction == "out"
            )
        ).all()
    )


def _adopt_new_identity(store: Store, shared: int, device_name: str | None) -> NewIdentity:
    """Give the store a new device id in one transaction; ops after bundle `shared` move to it."""
    old = store.device_id
    new = new_id()
    with store.session() as session:
        old_name = session.scalar(select(Device.display_name).where(Device.id == old)) or ""
        name = (device_name or "").strip() or f"{old_name or 'This laptop'} (new identity)"
        renamed = _rename_unshared_ops(session, old, new, shared)
        _keep_shared_bundles_as_received(session, old, shared)
        session.execute(update(SyncClock).where(SyncClock.id == 1).values(bundle_seq=0))
        session.merge(Meta(key="device_id", value=new))
        session.add(Device(id=new, display_name=name))
        session.add(
            AuditEntry(device_id=new, action="sync.new_identity", entity="device", entity_id=old)
        )
    store.device_id = new  # later sessions capture ops under the new id
    return NewIdentity(old, new, name, shared, renamed)


def _rename_unshared_ops(session: Session, old: str, new: str, shared: int) -> int:
    unshared = or_(SyncOp.bundle_seq.is_(None), SyncOp.bundle_seq > shared)
    rows = session.execute(
        select(SyncOp.changeset, SyncOp.idx, SyncOp.body, SyncOp.entity, SyncOp.key).where(
            SyncOp.device_id == old, unshared
        )
    ).all()
    moved = {(row.changeset, row.idx) for row in rows}
    touched: dict[str, set[str]] = {}
    for row in rows:
        touched.setdefault(row.entity, set()).add(row.key)

    def rename(ref: list[Any]) -> list[Any]:
        return [new, ref[1], ref[2]] if ref[0] == old and (ref[1], ref[2]) in moved else ref

    session.execute(
        update(SyncOp)
        .where(SyncOp.device_id == old, unshared)
        .values(device_id=new, bundle_seq=None)  # back in the outbox, under the new id
    )
    for changeset, idx, body, _entity, _key in rows:
        decoded = json.loads(body)
        if not decoded.get("p"):
            continue
        decoded["p"] = {name: [rename(ref) for ref in refs] for name, refs in decoded["p"].items()}
        session.execute(
            update(SyncOp)
            .where(SyncOp.device_id == new, SyncOp.changeset == changeset, SyncOp.idx == idx)
            .values(body=json.dumps(decoded, separators=(",", ":"), ensure_ascii=False))
        )
    # Rows and open conflicts as every other device will fold them with the new ids (a tie on
    # the clock is broken by device id, and conflict versions are listed in that order).
    refold_keys(session, touched)
    return len(rows)


def _keep_shared_bundles_as_received(session: Session, old: str, shared: int) -> None:
    """Our shared bundles become the old id's history as if received: the next sync then applies
    the other copy's later bundles of the old id in order, and never re-applies these."""
    session.execute(
        delete(SyncBundle).where(
            SyncBundle.device_id == old, SyncBundle.direction == "out", SyncBundle.seq > shared
        )
    )
    for bundle in session.scalars(
        select(SyncBundle).where(SyncBundle.device_id == old, SyncBundle.direction == "out")
    ):
        bundle.direction = "in"
        bundle.data = None
        bundle.published_at = bundle.published_at or utc_now()


__all__ = [
    "NewIdentity",
    "shared_bundle_count",
    "take_identity_after_restore",
    "take_new_device_identity",
]
